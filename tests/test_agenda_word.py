"""The kjøreplan's agenda in Word (issue 21, points 5-6): planned and actual times in the filled handout,
the empty agenda table in the blank one, and a filled document read back into the agenda."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

from docx import Document

from intro_tui.core.model import agenda
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import meeting
from intro_tui.export.docx import render_docx
from intro_tui.export.docx_reader import describe, plan_docx
from intro_tui.export.docx_reader.apply import apply_plan

HEADER = ["Tid", "Aktivitet", "Seksjon", "Plenum/grupper", "Leder", "Faktisk tid"]
ROWS = (["09:00", "Velkommen", "", "Plenum", "Anne"],
        ["12 min", "Gruppearbeid 2.2", "2.2", "Grupper", "Kari"],
        ["5 min", "Oppsummering", "2.5", "Plenum", "Anne"])


def run_meeting(store) -> str:
    workshop_id = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop")).id
    for texts in ROWS:
        store.add_row(workshop_id, "2.5", agenda.BLOCK, dict(zip(agenda.COLUMNS, texts)))
    start = datetime(2026, 11, 26, 9, 2)
    meeting.start(store, workshop_id, "2.5", start)
    meeting.next_item(store, workshop_id, start + timedelta(minutes=9))
    meeting.next_item(store, workshop_id, start + timedelta(minutes=23))  # item 3 runs on
    return workshop_id


def agenda_tables(data: bytes) -> list[list[list[str]]]:
    tables = []
    for table in Document(io.BytesIO(data)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0] == HEADER:
            tables.append(rows)
    return tables


def test_the_filled_handout_prints_planned_and_actual_times(store):
    workshop_id = run_meeting(store)
    workshop = store.load(workshop_id)
    tables = agenda_tables(render_docx(store.template_of(workshop), workshop))
    assert len(tables) == 7  # one per kjøreplan, in every STEG
    (filled,) = [t for t in tables if any(any(cell.strip() for cell in row) for row in t[1:])]
    assert filled[1:] == [ROWS[0] + ["09:02–09:11"], ROWS[1] + ["09:11–09:25"], ROWS[2] + ["09:25–"]]
    assert all(t[1:] == [[""] * 6] for t in tables if t is not filled)  # an empty agenda: one empty row


def test_the_blank_handout_prints_the_empty_agenda_table(store):
    workshop_id = run_meeting(store)
    workshop = store.load(workshop_id)
    data = render_docx(store.template_of(workshop), workshop, blank=True)
    tables = agenda_tables(data)
    assert len(tables) == 7
    for table in tables:
        assert len(table) == 1 + 10 and all(not any(cell.strip() for cell in row) for row in table[1:])
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "Her finner du kjøreplan for arbeidsmøte 2." in text and "Agenda" in text  # the seed's text stays


def test_a_filled_document_reads_back_into_the_agenda(store):
    workshop_id = run_meeting(store)
    original = store.load(workshop_id)
    plan, title = plan_docx(render_docx(store.template_of(original), original), "møte.docx", store.catalog)
    lines = "\n".join(describe(plan))
    assert not plan.unplaced and not plan.conflicts and not plan.uncertain, lines
    back = store.load(apply_plan(store, plan, None, title=title).workshop_id)
    shown = [(i.planned, i.activity, i.target, i.form, i.leader, i.actual) for i in agenda.items(back, "2.5")]
    assert shown == [(i.planned, i.activity, i.target, i.form, i.leader, i.actual)
                     for i in agenda.items(original, "2.5")]
    assert shown[2][5] == "09:25–"
    running = agenda.running(store.template_of(back), back, datetime(2026, 11, 26, 9, 27))
    assert running is not None and running.line(datetime(2026, 11, 26, 9, 27)) == "Oppsummering · 3 min igjen · punkt 3 av 3"
