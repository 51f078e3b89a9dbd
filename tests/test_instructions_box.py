"""Issue 18 point 5: the instructions can be read whole.

The box grows to its text where the first table still shows its rows
(120x40: 1.3's definitions and its last step show); at 80x24 it stays as it
was (five lines, the rows on screen), and F4 - named in the key bar while the
box cuts the text, and in F1 - opens the whole text in a reader.  Ctrl+T
folds and unfolds the box, cut or not, as before.
"""

from __future__ import annotations

import pytest

from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

LAST_STEP = "hvert kvartal)"  # the end of 1.3's third step, the last line of its instructions
UTFORER = "den som har ansvar for å utføre oppgaven"  # the Utfører definition
FIRST_LINE = "Nedenfor er det listet opp"  # the first line of 1.3's instructions
LAST_ROW = "Formidle/deler informasjon til"  # 1.3's fourth row: on screen at 80x24 today
HINT = "F4 Les"  # "F4 Les hele instruksjonen", or "F4 Les mer" where the bar is short


def flat(app) -> str:
    """The screen right of the navigator as one line of words: instructions wrap anywhere, so compare
    words, not lines (a reader over the section covers the navigator too)."""
    view = getattr(app.screen, "section_view", None)
    left = view.region.x if view is not None else 0
    return " ".join(" ".join(line[left:] for line in screen_text(app).splitlines()).split())


def bar(app) -> str:
    return screen_text(app).splitlines()[-1]


@pytest.fixture
def workshop_id(data_dir) -> str:
    return fresh_store(data_dir).create(Workshop(id="", title="Møte", template="arbeidsrettet-lop")).id


async def test_the_box_grows_to_its_text_where_the_rows_still_show(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot_wait_until(pilot, lambda: UTFORER in flat(app) and LAST_STEP in flat(app),
                               what="1.3's whole instructions in the box at 120x40")
        assert "Annet (skriv inn flere oppgaver" in screen_text(app), "the table's last row pushed out of view"
        await pilot_wait_until(pilot, lambda: HINT not in bar(app) and "Esc Meny" in bar(app),
                               what="nothing cut, nothing to open: no F4 in the bar")


async def test_at_80x24_the_rows_stay_and_f4_opens_the_whole_text(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot_wait_until(pilot, lambda: HINT in bar(app), what="the key bar names F4 while the box cuts the text")
        assert "Esc Meny" in bar(app), bar(app)
        assert LAST_ROW in screen_text(app), "the box pushed the table's rows out of view"
        assert LAST_STEP not in flat(app)
        await pilot.press("f4")
        await pilot_wait_until(pilot, lambda: "Esc Lukk" in bar(app) and FIRST_LINE in flat(app),
                               what="the reader opened by F4")
        await pilot.press("end")  # the reader scrolls: its last line
        await pilot_wait_until(pilot, lambda: LAST_STEP in flat(app), what="the whole instructions in the reader")
        await pilot.press("escape")
        await pilot_wait_until(pilot, lambda: HINT in bar(app) and LAST_ROW in screen_text(app)
                               and FIRST_LINE in flat(app), what="back in the section, the box as it was")


async def test_ctrl_t_still_folds_a_box_that_cuts_its_text(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot_wait_until(pilot, lambda: HINT in bar(app), what="the box cuts its text at 80x24")
        await pilot.press("ctrl+t")
        await pilot_wait_until(pilot, lambda: FIRST_LINE not in flat(app) and "Instruksjoner" in screen_text(app),
                               what="the box folded by Ctrl+T")
        await pilot_wait_until(pilot, lambda: HINT not in bar(app) and "Esc Meny" in bar(app),
                               what="a folded box cuts nothing: no F4 in the bar")
        await pilot.press("ctrl+t")
        await pilot_wait_until(pilot, lambda: FIRST_LINE in flat(app) and HINT in bar(app),
                               what="unfolded again by Ctrl+T")


async def test_f1_names_the_reader_key(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot_wait_until(pilot, lambda: "Esc Meny" in bar(app), what="the section")
        await pilot.press("f1")
        await pilot_wait_until(pilot, lambda: "Hjelp – taster" in screen_text(app), what="the help")
        seen = ""
        for _page in range(12):  # page down through the help until the key is on screen
            seen += screen_text(app)
            if "Les hele instruksjonen" in seen:
                break
            await pilot.press("pagedown")
            await pilot.pause()
        assert "F4" in seen and "Les hele instruksjonen" in seen, seen


@pytest.mark.slow
def test_f4_and_ctrl_t_in_a_real_terminal(data_dir, workshop_id):
    """tmux at 80x24: the bar names F4, F4 opens the reader, Esc goes back, Ctrl+T still folds."""
    from sshd import Tmux, intro_tui_command, require_tools

    require_tools("tmux")
    tmux = Tmux(prefix="instructions")
    try:
        tmux.new("t", [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", "1.3"],
                 env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "test"}, width=80, height=24)
        last = lambda screen: screen.rstrip().splitlines()[-1] if screen.strip() else ""  # noqa: E731
        tmux.wait_for("t", lambda s: "F4 Les" in last(s) and "Esc Meny" in last(s), 30, "F4 in the key bar")
        tmux.keys("t", "F4")
        tmux.wait_for("t", lambda s: "Esc Lukk" in last(s), 10, "the reader")
        tmux.keys("t", "End")
        tmux.wait_for("t", "kvartal)", 10, "the reader's last line")
        tmux.keys("t", "Escape")
        tmux.wait_for("t", lambda s: "Esc Meny" in last(s) and LAST_ROW in s, 10, "back in the section")
        tmux.keys("t", "C-t")
        tmux.wait_for("t", lambda s: FIRST_LINE not in s and "F4 Les" not in last(s), 10, "the box folded")
    finally:
        tmux.kill_server()
