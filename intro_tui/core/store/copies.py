"""Adding, renaming and removing copies of per-choice sections, each in one locked write.

Kept beside the store's API rather than in it (:mod:`.workshops` holds cells and
rows); the data side of a copy is :mod:`intro_tui.core.model.copies`.  A removal
returns what it removed, so undo can put the copy back with its answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import copies
from ..model.values import ValueProblem
from ..model.workshop import UserRow
from .cell_rules import CellChange
from .errors import StoreError
from .workshops import WorkshopStore

@dataclass(frozen=True)
class RemovedCopy:
    """A removed copy with everything it held: enough for undo to bring it back whole."""

    key: str
    position: int
    cells: tuple[tuple[str, str, str, object], ...]  # (block, row, column, value)
    rows: tuple[tuple[str, str, float], ...]  # (block, row key, order)


def add_copy(store: WorkshopStore, workshop_id: str, section_id: str, name: str) -> str:
    """A new copy of the section named ``name``; its key ("2.2#2").  ValueProblem for a bad name or too many."""
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        template = store.template_of(workshop)
        try:
            section = template.section(section_id)
        except KeyError:
            raise StoreError(f"ukjent seksjon {section_id}") from None
        section = template.section(section.base_id)
        key = copies.add_copy(workshop, section, name)
        choice = section.per_choice
        assert choice is not None
        value = workshop.cells[(key, choice.block, choice.row, choice.column)]
        commit.log("add-copy", s=key, b=choice.block, r=choice.row, c=choice.column, new=value)
    return key


def rename_copy(store: WorkshopStore, workshop_id: str, key: str, name: str) -> CellChange:
    """Write a copy's naming field (its name has one source), refusing a name another copy has."""
    workshop = store.load(workshop_id)
    template = store.template_of(workshop)
    section = copies.view_of(template, workshop, key) if copies.exists(workshop, key) else None
    if section is None or section.per_choice is None:
        raise StoreError(f"kopien {key} finnes ikke (en annen kan ha fjernet den)")
    name = copies.check_name(name, section, workshop, key=key)
    choice = section.per_choice
    return store.set_cell(workshop_id, key, choice.block, choice.row, choice.column, name)


def remove_copy(store: WorkshopStore, workshop_id: str, key: str) -> RemovedCopy:
    """Remove a further copy (not the first: that is the section itself) with its answers."""
    base = key.split("#", 1)[0]
    if key == base:
        raise ValueProblem("den første kopien er selve seksjonen og kan ikke fjernes (tøm den, eller fjern de andre)")
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        numbers = workshop.copies.get(base, [])
        number = copies.copy_number(key)
        if number not in numbers:
            raise StoreError(f"kopien {key} finnes ikke (en annen kan ha fjernet den)")
        position = numbers.index(number)
        numbers.remove(number)
        cells = tuple((b, r, c, v) for (s, b, r, c), v in workshop.cells.items() if s == key)
        for b, r, c, _ in cells:
            del workshop.cells[(key, b, r, c)]
        rows = tuple((b, row.key, float(row.order)) for (s, b), user_rows in workshop.user_rows.items()
                     if s == key for row in user_rows)
        for s, b in [address for address in workshop.user_rows if address[0] == key]:
            del workshop.user_rows[(s, b)]
        section = store.template_of(workshop).section(base)
        name = next((v for b, r, c, v in cells if section.per_choice and (b, r, c) == (
            section.per_choice.block, section.per_choice.row, section.per_choice.column)), "")
        commit.log("remove-copy", s=key, old=name)
    return RemovedCopy(key, position, cells, rows)


def restore_copy(store: WorkshopStore, workshop_id: str, removed: RemovedCopy) -> str:
    """Undo of :func:`remove_copy`: the copy back in its place with its answers; its key (a new one if taken)."""
    base = removed.key.split("#", 1)[0]
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        numbers = workshop.copies.setdefault(base, [])
        number = copies.copy_number(removed.key)
        if number in numbers:
            number = copies.next_number(workshop, base)
        elif len(numbers) + 1 >= copies.MAX_COPIES:
            copies.next_number(workshop, base)  # raises the limit's message
        numbers.insert(min(removed.position, len(numbers)), number)
        key = copies.copy_key(base, number)
        for b, r, c, v in removed.cells:
            workshop.cells[(key, b, r, c)] = v
        for b, r, o in removed.rows:
            workshop.user_rows.setdefault((key, b), []).append(UserRow(r, o))
        commit.log("add-copy", s=key)
    return key


def register_copies(store: WorkshopStore, workshop_id: str, keys: list[str]) -> None:
    """Make sure copies with these keys exist (a Word import's further copies); their cells come after."""
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        added = []
        for key in keys:
            base, number = key.split("#", 1)[0], copies.copy_number(key)
            numbers = workshop.copies.setdefault(base, [])
            if number >= 2 and number not in numbers:
                if len(numbers) + 1 >= copies.MAX_COPIES:
                    copies.next_number(workshop, base)  # raises the limit's message
                numbers.append(number)
                added.append(key)
        if added:
            commit.log("add-copy", s=added[0], new=", ".join(added))
