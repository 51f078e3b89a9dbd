"""The agenda's reading of its cells (issue 21, points 5-6): planned minutes, the item running, old files."""

from __future__ import annotations

from datetime import datetime

from conftest import fresh_store

from intro_tui.core.model import agenda
from intro_tui.core.model.layout import fill_count
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import meeting


def items_of(*planned: str) -> list[agenda.Item]:
    return [agenda.Item("2.5", f"u{n}", n, text, f"Punkt {n}", "", "", "", "") for n, text in enumerate(planned, 1)]


def test_planned_minutes_from_minutes_or_from_the_next_start():
    items = items_of("09:30", "09.45", "20 min", "10:30–11:00", "15")
    assert [agenda.planned_minutes(items, i) for i in range(5)] == [15, None, 20, 30, 15]
    assert agenda.planned_minutes(items_of("23:50", "00:10"), 0) == 20  # over midnight
    assert agenda.planned_minutes(items_of("snart"), 0) is None


def test_the_running_item_and_its_words(store):
    workshop_id = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop")).id
    store.add_row(workshop_id, "4.4", agenda.BLOCK, {"tid": "23:55", "aktivitet": "Sent"})
    store.add_row(workshop_id, "4.4", agenda.BLOCK, {"tid": "00:05", "aktivitet": "Etter midnatt"})
    meeting.start(store, workshop_id, "4.4", datetime(2026, 11, 26, 23, 56))
    workshop = store.load(workshop_id)
    template = store.template_of(workshop)
    after_midnight = datetime(2026, 11, 27, 0, 3, 30)
    running = agenda.running(template, workshop, after_midnight)
    assert running is not None and running.item.title == "Sent" and running.minutes == 10
    assert running.line(after_midnight) == "Sent · 3 min igjen · punkt 1 av 2"
    assert running.time_words(datetime(2026, 11, 27, 0, 6, 10)) == "tiden er ute"
    assert running.time_words(datetime(2026, 11, 27, 0, 8, 0)) == "2 min over tiden"
    meeting.next_item(store, workshop_id, datetime(2026, 11, 27, 0, 8))
    last = agenda.running(template, store.load(workshop_id), datetime(2026, 11, 27, 0, 9))
    assert last is not None and last.time_words(datetime(2026, 11, 27, 0, 9)) == "startet 00:08"  # no length planned


def test_a_workshop_without_an_agenda_loads_and_the_agenda_counts_for_nothing_filled(store, data_dir):
    """No new field in the file: a workshop saved before the agenda existed reads as one with empty agendas."""
    workshop_id = store.create(Workshop(id="", title="Gammel", template="arbeidsrettet-lop")).id
    before = fill_count(store.template_of(store.load(workshop_id)), store.load(workshop_id))
    meeting.fill_example(store, workshop_id, "1.4")
    workshop = fresh_store(data_dir).load(workshop_id)
    assert fill_count(store.template_of(workshop), workshop) == before
    raw = (data_dir / f"{workshop_id}.json").read_text(encoding="utf-8")
    assert '"schema": 1' in raw  # an older intro-tui reads it still
    assert all(not agenda.items(workshop, s.id) for s in agenda.agenda_sections(store.template_of(workshop))
               if s.id != "1.4")
