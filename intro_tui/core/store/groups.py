"""Groups and group drafts in the store: each change one locked write, in the change log (issue 21).

The data side is :mod:`intro_tui.core.model.groups`.  Every function here is one
:func:`.commit.transaction` (saved at once, seen by every session on its next
reload) and leaves one or more change-log entries (``group-*`` ops; a taken
answer is a ``set`` entry with ``from``: the group's name).

- :func:`make` with ``draft=True`` copies the plenary content (cells and rows
  added by users, same row keys) into the draft, so the draft starts where the
  room is and rows line up for :func:`take`.
- :func:`remove` removes the group, never its draft: the draft's cells stay,
  and ``Workshop.drafts`` keeps its key with the group's name, so it stays
  readable (navigator, the groups screen) and exportable after the meeting.
- :func:`take` brings a group's answers into the plenary version.  It never
  deletes a plenary row: a row the group added is added to the plenary version
  (same key); a row the group deleted is left as the plenary has it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import copies
from ..model import groups as model
from ..model.groups import Group
from ..model.values import ValueProblem
from ..model.workshop import UserRow, Workshop
from .cell_rules import CellChange
from .errors import StoreError

if TYPE_CHECKING:
    from .workshops import WorkshopStore


def _group(workshop: Workshop, group_id: str) -> Group:
    group = model.by_id(workshop, group_id)
    if group is None:
        raise StoreError(f"gruppen {group_id} finnes ikke (en annen kan ha fjernet den)")
    return group


def _plenary_key(store: WorkshopStore, workshop: Workshop, section: str) -> str:
    """``section`` as a plenary key that exists ("2.2", "2.2#2"); ValueProblem for a draft or an unknown one."""
    if model.is_draft(section):
        raise ValueProblem(f"{section} er et gruppeutkast; gi gruppen seksjonen selv (f.eks. {model.base_of(section)})")
    try:
        key = store.template_of(workshop).section(section.strip()).id
    except KeyError:
        raise ValueProblem(f"ukjent seksjon «{section}»") from None
    if not copies.exists(workshop, key):
        raise StoreError(f"kopien {key} finnes ikke (en annen kan ha fjernet den)")
    return key


def make(store: WorkshopStore, workshop_id: str, name: str, *, section: str, draft: bool) -> Group:
    """A new group working on section or copy ``section``; ``draft``: on a draft of it, starting from its content."""
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        name = model.check_group_name(name, workshop)
        if len(workshop.groups) >= model.MAX_GROUPS:
            raise ValueProblem(f"verkstedet har allerede {model.MAX_GROUPS} grupper (høyst {model.MAX_GROUPS})")
        plenary = _plenary_key(store, workshop, section)
        group_id = model.next_id(workshop)
        place = model.draft_key(plenary, group_id) if draft else plenary
        if draft:
            _start_draft(workshop, plenary, place)
            workshop.drafts[place] = name
        group = Group(group_id, name, place)
        workshop.groups.append(group)
        workshop.group_seq = int(group_id[1:])
        commit.log("group-add", g=group_id, s=place, new=name)
    return group


def _start_draft(workshop: Workshop, plenary: str, key: str) -> None:
    """The draft ``key`` holds a copy of the plenary content: its cells, and the rows users added (same keys)."""
    for (s, b, r, c), value in list(workshop.cells.items()):
        if s == plenary:
            workshop.cells[(key, b, r, c)] = value
    for (s, b), rows in list(workshop.user_rows.items()):
        if s == plenary:
            workshop.user_rows[(key, b)] = [UserRow(row.key, row.order) for row in rows]


def rename(store: WorkshopStore, workshop_id: str, group_id: str, name: str) -> Group:
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        group = _group(workshop, group_id)
        name = model.check_group_name(name, workshop, group_id=group_id)
        if name != group.name:
            model.with_members(workshop, group_id, lambda g: replace(g, name=name))
            if group.place in workshop.drafts:
                workshop.drafts[group.place] = name
            commit.log("group-rename", g=group_id, old=group.name, new=name)
        return _group(workshop, group_id)


def remove(store: WorkshopStore, workshop_id: str, group_id: str) -> Group:
    """Remove a group (its members are in none after); its draft is kept, readable under the group's name."""
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        group = _group(workshop, group_id)
        workshop.groups = [g for g in workshop.groups if g.id != group_id]
        if not workshop.groups:
            workshop.split = False  # no group to be in: the room is in plenum
        commit.log("group-remove", g=group_id, s=group.place, old=group.name)
    return group


def join(store: WorkshopStore, workshop_id: str, group_id: str, member: str) -> Group:
    """``member`` is in group ``group_id`` (moved from any other: one group at a time); the group after."""
    member = model.check_member(member)
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        group = _group(workshop, group_id)
        if member in group.members:
            return group
        if len(group.members) >= model.MAX_MEMBERS:
            raise ValueProblem(f"gruppen har allerede {model.MAX_MEMBERS} deltakere")
        before = model.without_member(workshop, member)
        model.with_members(workshop, group_id, lambda g: replace(g, members=(*g.members, member)))
        commit.log("group-join", g=group_id, who=member, old=before.name if before else "", new=group.name)
        return _group(workshop, group_id)


def leave(store: WorkshopStore, workshop_id: str, member: str) -> Group | None:
    """``member`` is in no group; the group they left (None if they were in none: nothing written)."""
    with store._transaction(workshop_id) as commit:
        before = model.without_member(commit.workshop, member)
        if before is not None:
            commit.log("group-leave", g=before.id, who=member, old=before.name)
    return before


def set_lead(store: WorkshopStore, workshop_id: str, group_id: str, member: str) -> Group:
    """The group's named lead ("" = the first member leads); a lead not yet in the group joins it (moved)."""
    member = model.check_member(member) if member.strip() else ""
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        group = _group(workshop, group_id)
        if member and member not in group.members:
            model.without_member(workshop, member)
            model.with_members(workshop, group_id, lambda g: replace(g, members=(*g.members, member)))
        if member != group.lead:
            model.with_members(workshop, group_id, lambda g: replace(g, lead=member))
            commit.log("group-lead", g=group_id, who=member, old=group.lead, new=member)
        return _group(workshop, group_id)


def split(store: WorkshopStore, workshop_id: str, on: bool) -> None:
    """Into groups (``on``) or back in plenum; ValueProblem when there are no groups to split into."""
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        if on and not workshop.groups:
            raise ValueProblem("verkstedet har ingen grupper ennå")
        if workshop.split != on:
            workshop.split = on
            commit.log("group-split", old=not on, new=on)


def take(store: WorkshopStore, workshop_id: str, group_id: str, base_section: str, *,
         block: str | None = None, row: str | None = None, column: str | None = None) -> int:
    """Group ``group_id``'s draft answers into the plenary ``base_section``: all, one block, one row or one cell.

    Logged cell by cell as ``set`` entries with ``from`` = the group's name.  Cells whose
    value is already the group's are left alone; the number of cells changed and rows added.
    """
    changed, added = take_changes(store, workshop_id, group_id, base_section, block=block, row=row, column=column)
    return len(changed) + len(added)


def take_changes(store: WorkshopStore, workshop_id: str, group_id: str, base_section: str, *,
                 block: str | None = None, row: str | None = None,
                 column: str | None = None) -> tuple[list[CellChange], list[tuple[str, str]]]:
    """:func:`take`, returning what changed: the cells (for undo, as any edit), and the (block, row key) of rows
    added to the plenary."""
    if column is not None and row is None:
        raise ValueProblem("velg en rad for å ta én celle")
    with store._transaction(workshop_id) as commit:
        workshop = commit.workshop
        plenary = model.base_of(base_section)
        key = model.draft_key(plenary, group_id)
        if key not in workshop.drafts:
            raise StoreError(f"{model.draft_name(workshop, key)} har intet utkast av {plenary}")
        name = model.draft_name(workshop, key)

        def wanted(b: str, r: str, c: str | None = None) -> bool:
            return (block is None or b == block) and (row is None or r == row) and (
                column is None or c is None or c == column)

        added: list[tuple[str, str]] = []
        for (s, b), rows in list(workshop.user_rows.items()):
            if s != key:
                continue
            have = {r.key for r in workshop.user_rows.get((plenary, b), [])}
            for user_row in rows:
                if user_row.key not in have and wanted(b, user_row.key):
                    values = {c: v for (s2, b2, r2, c), v in workshop.cells.items()
                              if (s2, b2, r2) == (key, b, user_row.key) and wanted(b, user_row.key, c)}
                    commit.add_row(plenary, b, user_row.key, user_row.order, values)
                    commit.entries[-1]["from"] = name
                    added.append((b, user_row.key))
        changed: list[CellChange] = []
        addresses = {(b, r, c) for (s, b, r, c) in workshop.cells if s in (key, plenary) and wanted(b, r, c)}
        for b, r, c in sorted(addresses):
            if (b, r) in added or not _row_exists(workshop, plenary, key, b, r):
                continue
            old, new = workshop.cells.get((plenary, b, r, c)), workshop.cells.get((key, b, r, c))
            if _same(old, new):
                continue
            if new is None:
                workshop.cells.pop((plenary, b, r, c), None)
                commit.log("set", s=plenary, b=b, r=r, c=c, old=old, new=None)
            else:
                commit.set(plenary, b, r, c, old, new)
            commit.entries[-1]["from"] = name
            changed.append(CellChange(plenary, b, r, c, old, new))
    return changed, added


def _row_exists(workshop: Workshop, plenary: str, key: str, block: str, row: str) -> bool:
    """A template row (both have it), or a user row both versions have: the group's answer has a place."""
    users = {r.key for r in workshop.user_rows.get((plenary, block), [])}
    drafts = {r.key for r in workshop.user_rows.get((key, block), [])}
    if row in users or row in drafts:
        return row in users and row in drafts
    return True


def _same(a, b) -> bool:
    return (a in (None, "", [])) and (b in (None, "", [])) or a == b
