"""Running a kjøreplan's agenda: start the meeting, "Neste punkt", an example agenda - each one locked write.

Every change is a cell (the agenda's ``faktisk`` column) or an added row, made
through the store's one write path (:func:`.commit.transaction`): saved at once,
seen by every session on its next reload, and in the change log like any edit.
What the cells mean is in :mod:`intro_tui.core.model.agenda`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from ..model import agenda
from ..model.values import ValueProblem
from .commit import Commit, new_order, new_row_key

if TYPE_CHECKING:
    from .workshops import WorkshopStore


def _agenda_section(store: WorkshopStore, commit: Commit, section_id: str):
    template = store.template_of(commit.workshop)
    try:
        section = template.section(section_id)
    except KeyError:
        raise ValueProblem(f"malen har ingen seksjon {section_id}") from None
    if not agenda.has_agenda(section):
        raise ValueProblem(f"{section.id} er ingen kjøreplan (kjøreplanene er "
                           f"{', '.join(s.id for s in agenda.agenda_sections(template)) or 'ingen'})")
    return template, section


def _set_actual(commit: Commit, item: agenda.Item, text: str) -> None:
    if item.actual != text:
        old = commit.workshop.value(item.section, agenda.BLOCK, item.key, agenda.ACTUAL)
        commit.set(item.section, agenda.BLOCK, item.key, agenda.ACTUAL, old, text)


def start(store: WorkshopStore, workshop_id: str, section_id: str, now: datetime) -> agenda.Item:
    """Start the meeting of a kjøreplan: its first item runs from ``now`` (earlier actual times are cleared).

    A meeting still running in another kjøreplan is ended first, at ``now``.
    """
    with store._transaction(workshop_id) as commit:
        template, section = _agenda_section(store, commit, section_id)
        items = agenda.items(commit.workshop, section.id)
        if not items:
            raise ValueProblem(f"kjøreplanen i {section.id} har ingen punkter ennå")  # callers name their keys
        before = agenda.running(template, commit.workshop, now)
        if before is not None and before.item.section != section.id:
            _set_actual(commit, before.item, before.item.actual.strip() + agenda.clock(now))
        for item in items[1:]:
            _set_actual(commit, item, "")
        _set_actual(commit, items[0], agenda.clock(now) + agenda.DASH)
        first = agenda.items(commit.workshop, section.id)[0]
    return first


def next_item(store: WorkshopStore, workshop_id: str, now: datetime) -> agenda.Item | None:
    """"Neste punkt": the running item ends at ``now`` and the next one starts; None when that was the last."""
    with store._transaction(workshop_id) as commit:
        template = store.template_of(commit.workshop)
        current = agenda.running(template, commit.workshop, now)
        if current is None:
            raise ValueProblem("intet møte er i gang")
        item = current.item
        at = agenda.clock(now)
        _set_actual(commit, item, f"{agenda.clock(current.started_at)}{agenda.DASH}{at}")
        items = agenda.items(commit.workshop, item.section)
        following = items[item.number] if item.number < len(items) else None
        if following is None:
            return None
        _set_actual(commit, following, at + agenda.DASH)
        return agenda.items(commit.workshop, item.section)[following.number - 1]


def fill_example(store: WorkshopStore, workshop_id: str, section_id: str) -> int:
    """Add the example agenda of the section's STEG to an empty kjøreplan; how many items it added."""
    with store._transaction(workshop_id) as commit:
        template, section = _agenda_section(store, commit, section_id)
        if agenda.items(commit.workshop, section.id):
            raise ValueProblem(f"kjøreplanen i {section.id} har punkter fra før; eksemplet legges bare i en tom")
        rows = agenda.example(template, section)
        order = new_order()
        for n, row in enumerate(rows):  # one moment for all: the order must not hang on the clock's resolution
            commit.add_row(section.id, agenda.BLOCK, new_row_key(), order + n / 1000, dict(row))
    return len(rows)
