"""Groups in the app at 80×24 (issue 21 points 1 and 3): F10 Grupper, and the groups' answers side by side.

Done when: two group drafts of 1.3 that disagree on some cells; the view at
80×24 (rendered text asserted); take one group's row and the other group's
cell; check the plenary workshop, the change log ("fra Gruppe 2"), undo, and
the Word export.  Real key presses; the store is read afterwards to check it agrees.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import fresh_store, pilot_wait_until, screen_text
from docx import Document

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog
from intro_tui.core.store import groups
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

SIZE = (80, 24)
ARB = "arbeidsrettet-lop"


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    """1.3 in plenum, and two groups' drafts of it that disagree on row 1's Utfører and row 2's Når."""
    wid = store.create(Workshop(id="", title="Møte", template=ARB, units=["NAV", "Kommunen", "Skolen"])).id
    store.set_cell(wid, "1.3", "roller", "r1", "hovedansvarlig", "NAV")
    store.set_cell(wid, "1.3", "roller", "r2", "nar", "Hver uke")
    groups.make(store, wid, "Gruppe 1", section="1.3", draft=True)
    groups.make(store, wid, "Gruppe 2", section="1.3", draft=True)
    store.set_cell(wid, "1.3~g1", "roller", "r1", "utforer", "Kommunen")
    store.set_cell(wid, "1.3~g1", "roller", "r1", "nar", "Hver dag")
    store.set_cell(wid, "1.3~g2", "roller", "r1", "utforer", "Skolen")
    store.set_cell(wid, "1.3~g1", "roller", "r2", "nar", "Hver måned")
    store.set_cell(wid, "1.3~g2", "roller", "r2", "nar", "Hver fredag")
    return wid


def message(app, widget_id: str) -> str:
    return str(app.screen.query_one(widget_id).render())


def plenary(data_dir: Path, wid: str, row: str, column: str):
    return fresh_store(data_dir).load(wid).value("1.3", "roller", row, column)


async def test_side_by_side_view_takes_a_row_and_a_cell_logs_them_and_undoes(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "1.3 Roller" in screen_text(app), "1.3 on screen")
        await pilot.press("f10")
        await pilot_wait_until(pilot, lambda: "Gruppe 2" in screen_text(app) and "utkast av 1.3" in screen_text(app),
                               "the groups dialog")
        await pilot.press("s")
        await pilot_wait_until(pilot, lambda: "Gruppenes svar – 1.3" in screen_text(app), "the side-by-side view")
        text = screen_text(app)
        assert "2 utkast" in text
        lines = text.splitlines()
        first = next(n for n, line in enumerate(lines) if "1. Innhente" in line)
        assert "Plenum" in lines[first] and "NAV" in lines[first]
        assert "Gruppe 1" in lines[first + 1] and "≠Kommunen" in lines[first + 1].replace("…", "") or "≠Kommun" in lines[first + 1] and "Hver dag" in lines[first + 1]
        assert "Gruppe 2" in lines[first + 2] and "≠Skolen" in lines[first + 2]
        assert "Ta raden" in lines[-1] and "Ta cellen" in lines[-1]
        assert all(len(line) <= 80 for line in lines)
        # what a group writes meanwhile shows up in the open view
        fresh_store(data_dir).set_cell(workshop_id, "1.3~g2", "roller", "r3", "nar", "Kvartalsvis")
        await pilot_wait_until(pilot, lambda: "Kvartal" in screen_text(app), "another session's save shown")
        # Gruppe 1's row 1, whole
        await pilot.press("down")
        await pilot_wait_until(pilot, lambda: "Hvem: Gruppe 1" in message(app, "#compare-detail"), "on Gruppe 1")
        await pilot.press("r")
        await pilot_wait_until(pilot, lambda: "Tok raden fra Gruppe 1" in message(app, "#compare-message"),
                               "the row taken")
        # Gruppe 2's Når in row 2: the cell only
        await pilot.press("down", "down", "down", "down", *["right"] * 5)
        await pilot_wait_until(pilot, lambda: "Når/hvor ofte: Hver fredag" in message(app, "#compare-detail")
                               and "Hvem: Gruppe 2" in message(app, "#compare-detail"), "on Gruppe 2's Når")
        await pilot.press("t")
        await pilot_wait_until(pilot, lambda: "Tok cellen fra Gruppe 2" in message(app, "#compare-message"),
                               "the cell taken")
        text = screen_text(app)
        row2 = next((line for line in text.splitlines() if "2. Vurdere" in line and "Plenum" in line), text)
        assert "Hver fre" in row2, text  # the plenary line shows it now
        assert plenary(data_dir, workshop_id, "r1", "utforer") == ["Kommunen"] or \
            "kommunen" in str(plenary(data_dir, workshop_id, "r1", "utforer")).casefold()
        assert plenary(data_dir, workshop_id, "r1", "nar") == "Hver dag"
        assert plenary(data_dir, workshop_id, "r1", "hovedansvarlig") == "NAV"
        assert plenary(data_dir, workshop_id, "r2", "nar") == "Hver fredag"
        # Ctrl+Z takes the cell back, and only it
        await pilot.press("ctrl+z")
        await pilot_wait_until(pilot, lambda: "Angret" in message(app, "#compare-message"), "undone")
        assert plenary(data_dir, workshop_id, "r2", "nar") == "Hver uke"
        assert plenary(data_dir, workshop_id, "r1", "nar") == "Hver dag"
        await pilot.press("t")  # and again
        await pilot_wait_until(pilot, lambda: plenary(data_dir, workshop_id, "r2", "nar") == "Hver fredag",
                               "taken again")
        await pilot.press("escape")
        await pilot_wait_until(pilot, lambda: "fredag" in screen_text(app) and "Gruppenes svar" not in
                               screen_text(app), "back in 1.3 with the taken answer")
    store = fresh_store(data_dir)
    entries = changelog.read(store.changes_path(workshop_id))
    assert {e["from"] for e in entries if e.get("from")} == {"Gruppe 1", "Gruppe 2"}
    workshop = store.load(workshop_id)
    from intro_tui.core.store.log_words import describe

    actions = [describe(e, store.template_of(workshop), workshop).action for e in entries]
    assert "satt fra Gruppe 2" in actions and "satt fra Gruppe 1" in actions
    # the Word export has the plenary answers
    from intro_tui.export.run import render

    payload = render(store.template_of(workshop), workshop, "docx")
    document = Document(io.BytesIO(payload))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Hver fredag" in cells and "Hver dag" in cells and "Hver måned" not in cells


async def test_f10_makes_a_group_assigns_a_member_and_opens_its_draft(data_dir, store):
    wid = store.create(Workshop(id="", title="Møte", template=ARB)).id
    store.set_cell(wid, "1.3", "roller", "r2", "nar", "Hver uke")
    app = make_app(data_dir, workshop_id=wid, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "1.3 Roller" in screen_text(app), "1.3 on screen")
        await pilot.press("f10")
        await pilot_wait_until(pilot, lambda: "Ingen grupper ennå" in screen_text(app), "the empty groups dialog")
        await pilot.press("n")
        await pilot_wait_until(pilot, lambda: "Ny gruppe med eget utkast av 1.3" in screen_text(app), "asked a name")
        await pilot.press("ctrl+u", *"Renhold", "enter")
        await pilot_wait_until(pilot, lambda: "Laget «Renhold»" in screen_text(app), "made")
        await pilot.press("m")
        await pilot_wait_until(pilot, lambda: "Hvem skal være med" in screen_text(app), "asked who")
        await pilot.press(*"Kari", "enter")
        await pilot_wait_until(pilot, lambda: "Kari er med i «Renhold»" in screen_text(app), "joined")
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "Renhold" in line and "utkast av 1.3" in line)
        assert "Kari" in row
        await pilot.press("enter")  # opens the draft: the facilitator looks in
        await pilot_wait_until(pilot, lambda: "utkast for Renhold" in screen_text(app), "the draft on screen")
        assert "uke" in screen_text(app)  # started from the plenary content ("Hver uke", wrapped)
        await pilot_wait_until(pilot, lambda: "1.3 (utkast) › " in screen_text(app), "the cursor line names the draft")
        assert "~" not in screen_text(app)  # 1.3~g1 is the file's key, not a word for the room
        await pilot.press("f6")  # from a draft, the next section is the one after its section
        await pilot_wait_until(pilot, lambda: "› 1.4 " in screen_text(app), "1.4 after the draft of 1.3")
    workshop = fresh_store(data_dir).load(wid)
    assert [(g.name, g.place, g.members) for g in workshop.groups] == [("Renhold", "1.3~g1", ("Kari",))]


async def test_a_removed_groups_draft_stays_readable_from_f10_and_exports_on_request(data_dir, workshop_id):
    store = fresh_store(data_dir)
    groups.remove(store, workshop_id, "g2")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "1.3 Roller" in screen_text(app), "1.3 on screen")
        await pilot.press("f10")
        await pilot_wait_until(pilot, lambda: "(fjernet)" in screen_text(app), "the kept draft listed")
        await pilot.press("down", "enter")
        await pilot_wait_until(pilot, lambda: "utkast for Gruppe 2" in screen_text(app), "the kept draft opened")
        assert "fredag" in screen_text(app)
        await pilot.press("ctrl+e")
        await pilot_wait_until(pilot, lambda: "Grupper: gruppenes svar som vedlegg" in screen_text(app),
                               "the export dialog offers the groups")
