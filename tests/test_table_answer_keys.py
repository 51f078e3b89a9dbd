"""Issue 18 points 10 and 11: one-key answering passes unnamed prompt rows by (and refuses an answer
on one, saying why), and ↓ on the last row makes a new row where the table can grow, or says why not."""

from __future__ import annotations

import time

import pytest

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

from conftest import fresh_store, pilot_wait_until, screen_text

SIZE = (80, 24)



def message(app) -> str:
    line = app.screen.query_one("#message")
    return str(line.render()) if line.display else ""


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Arbeidsmøte Bærum", template="arbeidsrettet-lop",
                                 kommune="Bærum", year=2026, units=["NAV"])).id


async def test_answers_in_rhythm_pass_the_unnamed_rows_by(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="7.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "n", "j", "n")  # rows 1-4 of «samarbeid»; «5. annet» has no name
        await pilot.pause()
        table = app.focused
        assert table.block.id == "intern", "after row 4 the cursor went on to the next table"
        await pilot.press("j", "n", "j")  # rows 1-3 of «intern»; «4. annet» has no name
        await pilot.pause()
        assert app.focused.block.id == "oppfolging"
        cells = fresh_store(data_dir).load(workshop_id).cells
        assert ("7.1", "samarbeid", "r5", "svar") not in cells
        assert ("7.1", "intern", "r4", "svar") not in cells
        assert cells[("7.1", "samarbeid", "r4", "svar")] == "nei"
        assert cells[("7.1", "intern", "r3", "svar")] == "ja"


async def test_an_answer_on_an_unnamed_row_is_refused_with_the_reason(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="7.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "down")  # «5. annet»
        await pilot.pause()
        assert app.focused.current().view.key == "r5"
        await pilot.press("n")
        await pilot_wait_until(pilot, lambda: "har ikke noe navn" in screen_text(app), "the refusal on screen")
        assert "«5. annet»" in message(app)
        assert ("7.1", "samarbeid", "r5", "svar") not in fresh_store(data_dir).load(workshop_id).cells
        await pilot.press("enter")  # Enter on the row writes its name
        await pilot.press(*"Felles møte", "enter")
        await pilot_wait_until(pilot, lambda: "Felles møte" in screen_text(app), "the name")
        await pilot.press("j")  # named now: answered
        await pilot_wait_until(pilot, lambda: fresh_store(data_dir).load(workshop_id).cells.get(
            ("7.1", "samarbeid", "r5", "svar")) == "ja", "the answer saved")


# -- 11: ↓ on the last row, in a real terminal -------------------------------------------------


def _start(tmux, data_dir, workshop_id: str, section: str, ready: str) -> None:
    from sshd import intro_tui_command

    tmux.new("t", [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", section],
             env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "test", "COLUMNS": "80",
                  "LINES": "24"}, width=80, height=24)
    tmux.wait_for("t", ready, 30, f"section {section}")
    tmux.wait_for("t", "Alle taster", 10, "the key bar")
    time.sleep(0.6)  # the first table takes the focus just after the first frame


def _keys(tmux, *keys: str) -> None:
    for key in keys:
        tmux.keys("t", key)
        time.sleep(0.25)


@pytest.mark.slow
def test_down_on_the_last_row_makes_a_new_row_once(data_dir, workshop_id):
    from sshd import Tmux, require_tools

    require_tools("tmux")
    tmux = Tmux(prefix="keys-down")
    try:
        _start(tmux, data_dir, workshop_id, "1.3", "Roller og ansvarsfordeling")
        _keys(tmux, *["Down"] * 4)  # the last of the five rows
        tmux.type("t", "Sjekke avtaler")
        _keys(tmux, "Enter")
        tmux.wait_for("t", "Sjekke avtaler", 10, "the label written")
        _keys(tmux, "Down")  # past the end: a new row, as in a spreadsheet
        tmux.wait_for("t", lambda s: "rad 6" in s, 10, "the cursor on a new sixth row")
        tmux.type("t", "Ny oppgave")
        _keys(tmux, "Enter")
        tmux.wait_for("t", "Ny oppgave", 10, "the new row's text")
        rows = fresh_store(data_dir).load(workshop_id)
        labels = [v for (s, b, r, c), v in rows.cells.items() if s == "1.3" and c == "label"]
        assert "Sjekke avtaler" in labels and "Ny oppgave" in labels, labels
        _keys(tmux, "Down")  # a seventh row, its editor open at once
        tmux.wait_for("t", lambda s: "rad 7" in s, 10, "a seventh row")
        _keys(tmux, "Escape", "Down")  # nothing written in it: not an eighth while the seventh is empty
        tmux.wait_for("t", "tom ennå", 10, "why no second empty row")
    finally:
        tmux.kill_server()


@pytest.mark.slow
def test_down_on_the_last_row_of_a_fixed_table_says_why_not(data_dir, workshop_id):
    from sshd import Tmux, require_tools

    require_tools("tmux")
    tmux = Tmux(prefix="keys-down")
    try:
        # 3.1 ends with its fixed Vurdering table (1.4, once used here, ends with the agenda now: it grows)
        _start(tmux, data_dir, workshop_id, "3.1", "Vurdering av nye tiltak")
        _keys(tmux, *["Down"] * 16)  # the BRANSJE/YRKE field, the table's 11 rows, then past its end
        tmux.wait_for("t", "tar ikke flere rader", 10, "why ↓ does nothing")
    finally:
        tmux.kill_server()


# -- 13: the first Esc below 100 columns does what the key bar says ---------------------------


@pytest.mark.slow
def test_the_first_esc_at_80_columns_does_what_the_key_bar_says(data_dir, workshop_id):
    from sshd import Tmux, require_tools

    require_tools("tmux")
    tmux = Tmux(prefix="keys-esc")
    try:
        _start(tmux, data_dir, workshop_id, "1.3", "Roller og ansvarsfordeling")
        bar = tmux.screen("t").rstrip().splitlines()[-1]
        assert "Esc Meny" in bar, bar
        _keys(tmux, "Escape")  # the menu: the navigator drawer, with the focus in it
        tmux.wait_for("t", lambda s: "Esc Hjem" in s.rstrip().splitlines()[-1], 10, "the drawer's keys")
        tmux.wait_for("t", "▶○ 1.3 Roller og ansvarsfordeling", 10, "the drawer, wide enough for the titles")
        _keys(tmux, "Escape")  # what the bar says now: home
        tmux.wait_for("t", "Søk: bare skriv", 10, "the home screen")
    finally:
        tmux.kill_server()
