"""The facilitator's flow (issue 9, points 1-18), by real key presses at 80×24.

Every test asserts on what the screen shows (the rendered text, as a
terminal would show it) and on what the workshop file holds (read back by a
fresh store).  The same paths are driven in a real terminal in
``test_facilitator_tmux.py``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from textual import events

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

from conftest import arrow_to, fresh_store, pilot_wait_until

SIZE = (80, 24)
UNITS = ["Flyktningtjenesten", "NAV", "Voksenopplæringen"]


def saved(data_dir: Path, workshop_id: str, section: str, block: str, row: str, column: str):
    return fresh_store(data_dir).load(workshop_id).cells.get((section, block, row, column))


def screen_text(app) -> str:
    """The screen as plain text, as a terminal shows it (modal screens over the one below)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()


def lines(app) -> list[str]:
    return screen_text(app).splitlines()


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def burst(pilot, *keys: str) -> None:
    """Keys as one read from the terminal delivers them: all queued before any is handled."""
    for key in keys:
        character = " " if key == "space" else key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause(0.5)
    await pilot.pause()  # and until the screen has handled what the keys started


async def go_to(pilot, row: int, column: int):
    return await arrow_to(pilot, row, column)


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Arbeidsmøte Bærum", template="arbeidsrettet-lop",
                                 kommune="Bærum", year=2026, units=list(UNITS))).id


@pytest.fixture
def indicators_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Indikatorer 2026", template="malindikatorer", year=2026)).id


def status_line(app) -> str:
    """The editor line: where the cursor is, in words."""
    return str(app.screen.query_one("#editor-what").render())


# -- 1: Tab in an open editor -------------------------------------------------------------

async def test_tab_in_an_open_editor_commits_and_moves_on(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 4)
        await type_text(pilot, "januar")
        await pilot.press("tab")  # commits, on to row 2's first cell
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "nar") == "januar"
        assert "rad 2" in status_line(app) and "Lagre" not in lines(app)[-1]
        await go_to(pilot, 1, 2)
        await type_text(pilot, "mars")
        await pilot.press("shift+tab")  # commits, back one cell
        await type_text(pilot, "NAV")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r2", "utforer") == "mars"
        assert saved(data_dir, workshop_id, "1.3", "roller", "r2", "hovedansvarlig") == "NAV"
        text = screen_text(app)
        assert "januar" in text and "mars" in text and "NAV" in text
    # the multi-line editor too
    app = make_app(data_dir, workshop_id=workshop_id, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")  # the assessment table
        await go_to(pilot, 0, 1)
        await pilot.press("enter")
        await type_text(pilot, "Lite kapasitet")
        await pilot.press("tab")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "2.2", "vurdering", "r1", "situasjon") == "Lite kapasitet"
        assert app.focused is not None and app.focused.__class__.__name__.endswith("Table")


# -- 2: a refusal's reason is on screen ---------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_refused_value_shows_why_above_the_key_bar(data_dir, indicators_id, size):
    app = make_app(data_dir, workshop_id=indicators_id, section="avsluttet")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 1)
        await type_text(pilot, "120")
        await pilot.press("enter")
        await pilot.pause()
        shown = lines(app)
        reason = [i for i, line in enumerate(shown) if "Ikke lagret" in line]
        assert reason and reason[0] < len(shown) - 1, "\n".join(shown)
        assert "100" in shown[reason[0]] + shown[reason[0] + 1]
        assert "F1" in shown[-1]  # the key bar is still the last line
        assert saved(data_dir, indicators_id, "avsluttet", "indikatorer", "r1", "mal") is None


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_a_huge_paste_says_it_is_too_long(data_dir, workshop_id, size):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 4)
        await pilot.press("enter")
        await pilot.pause()
        app.focused.post_message(events.Paste("x" * 200_000))
        await pilot.pause()
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: any("for lang" in line for line in lines(app)[:-1]), "«for lang» said")
        shown = lines(app)
        assert "F1" in shown[-1]
        assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "nar") is None


# -- 3: the row grows at once ---------------------------------------------------------------

async def test_an_edited_cell_shows_in_full_at_once(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 4)
        await type_text(pilot, "hver uke gjennom hele programmet til avslutning")
        await pilot.press("enter")

        def grid() -> str:
            return "\n".join(lines(app)[:-4])  # the grid, not the editor line under it

        await pilot_wait_until(pilot, lambda: all(word in grid() for word in ("hver", "programmet", "avslutning")),
                               "the whole value in the grid")
        assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "nar").endswith("avslutning")


# -- 4: a pasted block of lines is kept ------------------------------------------------------

async def test_pasting_lines_into_a_one_line_cell_keeps_them_all(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 4)
        await pilot.press("enter")
        await pilot.pause()
        app.focused.post_message(events.Paste("mandag\ntirsdag\r\nonsdag"))
        await pilot_wait_until(pilot, lambda: "onsdag" in screen_text(app), "the pasted lines in the editor")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: saved(data_dir, workshop_id, "1.3", "roller", "r1", "nar")
                               == "mandag\ntirsdag\nonsdag", "the pasted lines saved")
        assert "onsdag" in screen_text(app)
        # pasted straight onto a cell (no editor open yet): the same
        await go_to(pilot, 1, 4)
        app.focused.post_message(events.Paste("uke 1\nuke 2"))
        await pilot_wait_until(pilot, lambda: "uke 2" in screen_text(app), "the pasted lines in the editor")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: saved(data_dir, workshop_id, "1.3", "roller", "r2", "nar") == "uke 1\nuke 2",
                               "the pasted lines saved")


# -- 5: Esc keeps the draft ---------------------------------------------------------------------

async def test_escape_keeps_the_draft_for_ctrl_z(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 2, 4)
        await type_text(pilot, "en lang tekst om hvem som gjor hva")
        await pilot.press("escape")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r3", "nar") is None
        assert any("Ctrl+Z" in line for line in lines(app))
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "en lang tekst om hvem som gjor hva" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r3", "nar") == "en lang tekst om hvem som gjor hva"


# -- 6: Ctrl+Q commits, or says why not and stays ---------------------------------------------

async def test_ctrl_q_commits_or_stays_with_the_reason(data_dir, workshop_id, indicators_id):
    app = make_app(data_dir, workshop_id=indicators_id, section="avsluttet")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 1)
        await type_text(pilot, "120")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert "Ikke avsluttet" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace")
        await type_text(pilot, "65")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert saved(data_dir, indicators_id, "avsluttet", "indikatorer", "r1", "mal") == 65


# -- 7: a burst of keys ---------------------------------------------------------------------------

async def test_a_burst_of_keys_in_a_table_fills_two_cells(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await burst(pilot, "ctrl+n", *"Helse", "enter", "tab", *"NAV", "enter")
        workshop = fresh_store(data_dir).load(workshop_id)
        (row,) = workshop.rows_added("1.1", "behov")
        assert workshop.cells.get(("1.1", "behov", row.key, "label")) == "Helse"
        assert workshop.cells.get(("1.1", "behov", row.key, "kilder")) == "NAV"
        text = screen_text(app)
        assert "Helse" in text and "NAV" in text and "HelseNAV" not in text


async def test_a_burst_of_keys_in_the_new_workshop_dialog(data_dir):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await burst(pilot, *"Mote", "tab", *"Asker", "tab", *"2026")
        text = screen_text(app)
        assert "Asker" in text and "MoteAsker" not in text
        await pilot.press("enter", "enter")
        await pilot.pause()
    (workshop,) = fresh_store(data_dir).list()[0]
    assert (workshop.title, workshop.kommune, workshop.year) == ("Mote", "Asker", 2026)


# -- 8, 9, 10: Ja/Nei with one key anywhere in the row, then on ----------------------------------

async def test_one_key_answers_anywhere_in_the_row_and_moves_on(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 3)  # the Forslag column
        await pilot.press("j")  # answers row 1, on to row 2
        await pilot.press("n")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "4.1", "interne", "r1", "svar") == "ja"
        assert saved(data_dir, workshop_id, "4.1", "interne", "r1", "forslag") is None
        assert saved(data_dir, workshop_id, "4.1", "interne", "r2", "svar") == "nei"
        text = screen_text(app)
        assert "☒ Ja" in text and "☒ Nei" in text  # a word, not only a colour
        assert "rad 4" in status_line(app)  # past the group row 3
        for _ in range(5):  # the rest of the first table (its unnamed rows passed by), then on into the second
            await pilot.press("j")
        await pilot.pause()
        assert "Forberedelser i samarbeid" in status_line(app)
        assert "1. Vi spør arbeidsgiver" in screen_text(app)  # scrolled into view
    workshop = fresh_store(data_dir).load(workshop_id)
    answered = sorted((b, k) for (s, b, k, c), v in workshop.cells.items() if c == "svar" and v == "ja")
    assert answered == [("interne", "r1"), ("interne", "r4"), ("interne", "r5"),
                        ("samarbeid", "r1"), ("samarbeid", "r2"), ("samarbeid", "r3")]  # not r6-r8 (issue 18, 10)


async def test_the_label_of_an_open_row_can_still_be_written(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = await go_to(pilot, 6, 0)  # "– andre ting vi tilbyr"
        assert "⏎ Rediger" in lines(app)[-1]  # the key bar says how (no j/n/u before it has a name)
        await pilot.press("enter")
        await type_text(pilot, "Jobbintervju")
        await pilot.press("enter")
        await pilot.pause()
        key = table.views[6].key
        assert saved(data_dir, workshop_id, "4.1", "interne", key, "label") == "Jobbintervju"
        assert "Jobbintervju" in screen_text(app)


async def test_the_single_ja_nei_column_of_1_2_answers_with_one_key(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("insert")
        await type_text(pilot, "Renhold")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        (row,) = fresh_store(data_dir).load(workshop_id).rows_added("1.2", "vurdering")
        assert saved(data_dir, workshop_id, "1.2", "vurdering", row.key, "ufaglaerte") == "ja"
        assert "☒ Ja" in screen_text(app)
        await go_to(pilot, 0, 2)
        await pilot.press("x")  # on the Ja/Nei cell: Ja, Nei, not answered in turn
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.2", "vurdering", row.key, "ufaglaerte") == "nei"
        assert "☒ Nei" in screen_text(app)


# -- 11: unit completion --------------------------------------------------------------------------

async def test_units_complete_from_the_first_letter_and_enter_takes_them(data_dir, workshop_id, store):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 1)
        await pilot.press("n", "enter")  # first letter straight on the cell, Enter
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "hovedansvarlig") == "NAV"
        await go_to(pilot, 0, 2)
        await type_text(pilot, "Fl, NA")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "utforer") == "Flyktningtjenesten, NAV"
        assert "Flyktningtjenesten" in screen_text(app)
    app = make_app(data_dir, workshop_id=workshop_id, section="5.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for table in app.screen.tables():
            if table.block.id == "opplaeringsplan":
                app.screen.set_focus(table)
        await pilot.pause()
        await pilot.press("insert")
        await type_text(pilot, "Kurs")
        await pilot.press("tab", "tab")  # label saved; past Beskrivelse to "Hvem utfører opplæringen"
        await pilot.press("v", "enter")
        await pilot.pause()
        (row,) = fresh_store(data_dir).load(workshop_id).rows_added("5.2", "opplaeringsplan")
        assert saved(data_dir, workshop_id, "5.2", "opplaeringsplan", row.key, "utforer") == "Voksenopplæringen"


def test_export_spells_units_as_the_workshop_does(data_dir, workshop_id, run_cli, tmp_path):
    assert run_cli("set", workshop_id, "1.3", "1", "Hovedansvarlig", "nav, flyktningtjenesten").returncode == 0
    assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "hovedansvarlig") == "nav, flyktningtjenesten"
    out = run_cli("export", workshop_id, "--format", "md", "--section", "1.3", "-o", str(tmp_path / "x.md"))
    assert out.returncode == 0, out.stderr
    assert "NAV, Flyktningtjenesten" in (tmp_path / "x.md").read_text(encoding="utf-8")


# -- 12, 13: where you are ----------------------------------------------------------------------

async def test_the_cursor_row_and_the_breadcrumb_stay_on_screen(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="6.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for _ in range(13):
            await pilot.press("down")
        await pilot.pause()
        text = screen_text(app)
        assert "STEG 6 › 6.2" in text
        label = app.focused.current().view.label(app.screen.session.workshop)
        assert label.split()[0] in "\n".join(lines(app)[:-4]), text
        for _ in range(13):
            await pilot.press("up")
        await pilot.pause()
        assert "STEG 6 › 6.2" in screen_text(app)


async def test_the_status_line_names_table_and_section_in_words(data_dir, workshop_id, indicators_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Interne forberedelser" in status_line(app)
        app.screen.set_focus(app.screen.tables()[1])
        await pilot.pause()
        assert "Forberedelser i samarbeid" in status_line(app)
    app = make_app(data_dir, workshop_id=indicators_id, section="underveis")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        line = status_line(app)
        assert "underveis rad" not in line and "Underveis i programmet" in line


# -- 14: columns from content ------------------------------------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_words_are_not_broken_and_header_groups_show(data_dir, workshop_id, store, size):
    store.set_cell(workshop_id, "1.3", "roller", "r1", "hovedansvarlig", "Flyktningtjenesten")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Flyktningtjenesten" in text and "ansvarlig" in text and "Hovedansvar\n" not in text
    app = make_app(data_dir, workshop_id=workshop_id, section="1.2")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert "egenskaper mm.)" in screen_text(app)
    app = make_app(data_dir, workshop_id=workshop_id, section="6.2")
    async with app.run_test(size=size) as pilot:
        await pilot_wait_until(pilot, lambda: app.screen.table_for("oppgaver") is not None, "6.2's tables")

        def on_the_tasks() -> bool:  # focused again if the screen's own first focus came after ours
            table = app.screen.table_for("oppgaver")
            if app.focused is not table:
                app.screen.set_focus(table)
                return False
            text = screen_text(app)
            return "Opplæring" in text and "Oppfølging av" in text

        await pilot_wait_until(pilot, on_the_tasks, "6.2's task table with its header groups on screen")


# -- 15: the navigator --------------------------------------------------------------------------

async def test_the_navigator_at_120_columns(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.1")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "STEG 4 Samarbeide" in text
        assert "1.1 Kartlegging av arbeid" in text  # more than ~15 characters of a title
        assert "▶○ 1.1" in text  # the section on screen, marked by more than a background
        await pilot.press("escape")  # into the navigator
        await pilot.press("up")  # already on the first section: stays there
        await pilot.pause()
        assert app.screen.section.id == "1.1"


# -- 16: the key bar ----------------------------------------------------------------------------

async def test_the_key_bar_shows_whole_entries_for_where_the_focus_is(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = lines(app)[-1]
        assert bar.rstrip().endswith("F1 Alle taster") and "j/n/u" in bar
        await go_to(pilot, 0, 3)
        await pilot.press("enter")
        await pilot.pause()
        bar = lines(app)[-1]
        assert "Lagre" in bar and "Avbryt" in bar and bar.rstrip().endswith("F1 Alle taster")
        await pilot.press("escape", "ctrl+e")  # a dialog shows its own keys
        await pilot.pause()
        bar = lines(app)[-1]
        assert "Avbryt" in bar and "Rediger" not in bar
        await pilot.press("escape", "f1")
        await pilot.pause()
        help_text = str(app.screen.query_one("VerticalScroll Static").render())
        assert "F6" in help_text and "\n  ?" not in help_text


# -- 17: messages and undo --------------------------------------------------------------------------

async def test_messages_do_not_cover_the_table_and_undo_says_what(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 0, 0)
        for _ in range(5):
            await pilot.press("enter")  # a template cell: five times the same refusal
        await pilot.pause()
        assert not app._notifications  # no toasts over the table
        assert screen_text(app).count("kommer fra malen") == 1
        await go_to(pilot, 1, 4)
        await type_text(pilot, "januar")
        await pilot.press("enter")
        await go_to(pilot, 4, 1)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r2", "nar") == ""
        text = screen_text(app)
        assert "Angret: 1.3 › Hva · rad 2 · Når/hvor ofte" in text
        assert "rad 2 · Når/hvor ofte" in status_line(app)  # the cursor is on the cell undone
        assert not app._notifications


# -- 18: next/previous section keys that reach the app ------------------------------------------

async def test_f6_f5_and_alt_arrows_change_section(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.section.id == "1.4" and "1.4 Kjøreplan" in screen_text(app)
        await pilot.press("alt+down")
        await pilot.pause()
        assert app.screen.section.id == "2.1"
        await pilot.press("f5", "alt+up")
        await pilot.pause()
        assert app.screen.section.id == "1.3"
