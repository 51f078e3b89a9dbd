"""Words a user reads, at 80×24: the command palette, the home screen, numbers and dates.

Asserted on what the screen shows (the screen's rendered lines), not on widget state.
"""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from intro_tui.core.model.template import Row
from intro_tui.core.model.values import ValueProblem, format_deviation, parse_count, parse_percent
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.when import full_when, short_when
from intro_tui.tui.app import make_app
from conftest import pilot_wait_until as wait_for  # the one wait: polls, shows the screen on failure

SIZE = (80, 24)


def screen_text(app) -> str:
    """The lines the terminal shows for the current screen."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


# -- the command palette ---------------------------------------------------------------------


async def test_the_command_palette_speaks_bokmal(data_dir, store):
    store.create(Workshop(id="", title="Verksted", template="malindikatorer"))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: "Søk etter kommandoer…" in screen_text(app))
        assert "Search for commands" not in screen_text(app)
        await pilot.press(*"qqzzxx")
        await wait_for(pilot, lambda: "Ingen treff" in screen_text(app))
        assert "No matches found" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Søk etter kommandoer" not in screen_text(app)


def test_the_palette_keeps_every_key_of_textuals():
    """Only the words change: the same keys and actions as the palette it replaces."""
    from textual.command import CommandPalette

    from intro_tui.tui.palette import NorwegianPalette

    def keys(cls):
        return sorted((b.key, b.action) for b in cls.BINDINGS)

    ours = {("f1", "app.help"), ("ctrl+q", "app.quit")}  # a modal screen leaves out the App's keys
    assert [k for k in keys(NorwegianPalette) if k not in ours] == keys(CommandPalette)


# -- the home screen ---------------------------------------------------------------------------


async def test_an_empty_home_screen_says_what_to_press(data_dir):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Ingen verksteder ennå. Trykk Ctrl+N for å lage et." in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Nytt", "enter", "enter", "enter", "enter")  # title, kommune, year, units: saved
        await pilot.pause()
        assert app.screen.__class__.__name__ == "WorkshopScreen"
        app.pop_screen()  # back home
        await pilot.pause()
        assert "Ingen verksteder ennå" not in screen_text(app) and "Nytt" in screen_text(app)


async def test_a_search_without_matches_says_so(data_dir, store):
    store.create(Workshop(id="", title="Verksted", template="malindikatorer"))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Ingen verksteder" not in screen_text(app)
        await pilot.press("slash", *"qqq")
        await pilot.pause()
        assert "Ingen verksteder passer «qqq»" in screen_text(app)


async def test_home_dates_are_norwegian(data_dir, store):
    workshop = store.create(Workshop(id="", title="Verksted", template="malindikatorer"))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = short_when(workshop.updated)
        assert re.fullmatch(r"\d\d\.\d\d\. \d\d:\d\d", shown)
        assert shown in screen_text(app)
        assert not re.search(r"\b\d\d-\d\d \d\d:\d\d", screen_text(app))


def test_dates_read_day_month_year():
    now = datetime.fromisoformat("2026-11-26T12:00:00+00:00").astimezone()
    moment = datetime(2026, 11, 26, 21, 7, 33).astimezone()
    assert short_when(moment.isoformat(), now) == "26.11. 21:07"
    assert short_when(moment.replace(year=2025).isoformat(), now) == "26.11.2025 21:07"
    assert full_when(moment.isoformat()) == "26.11.2026 21:07:33"
    assert short_when("ikke en tid") == "ikke en tid" and full_when("") == ""


async def test_the_new_workshop_dialog_keeps_kommune_and_year_apart(data_dir):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        kommune, year = app.screen.query_one("#kommune"), app.screen.query_one("#year")
        assert kommune.region.y == year.region.y
        assert year.region.x - kommune.region.right >= 2, (kommune.region, year.region)
        lines = screen_text(app).splitlines()
        label_line = lines[year.region.y - 1]
        assert "Kommune" in label_line and "År" in label_line
        # the gap between the two fields shows the dialog's own background, not a field
        row = lines[year.region.y]
        assert row[kommune.region.right:year.region.x].strip() == ""


# -- numbers in messages and the deviation's unit ------------------------------------------------


@pytest.mark.parametrize("parse, text, shown", [
    (parse_count, "2.5", "ikke 2,5"), (parse_count, "2,5", "ikke 2,5"), (parse_percent, "120.5", "ikke 120,5 %"),
    (parse_percent, "-5 %", "ikke -5 %"),
])
def test_numbers_in_messages_have_a_decimal_comma(parse, text, shown):
    with pytest.raises(ValueProblem) as caught:
        parse(text)
    assert shown in str(caught.value) and "." not in str(caught.value).split("ikke")[-1]


def test_the_deviation_is_in_pp():
    share = Row(key="r1", label="Andel", value_kind="percent")
    assert format_deviation(share, -21) == "−21 pp"
    assert format_deviation(share, 0.5) == "+0,5 pp"
    assert format_deviation(Row(key="r2", label="Antall", value_kind="count"), 3) == "+3"


def test_long_numbers_in_messages_are_grouped():
    from intro_tui.core.model.values import clean_text

    with pytest.raises(ValueProblem, match="200\u00a0001 tegn, høyst 100\u00a0000"):
        clean_text("x" * 200_001)


def test_cli_messages_and_show_use_comma_and_pp(run_cli):
    wid = run_cli("new", "malindikatorer", "--title", "Tall").stdout.split()[-1]
    result = run_cli("set", wid, "underveis", "15", "Mål", "2.5")
    assert result.returncode == 2 and "ikke 2,5" in result.stderr
    assert run_cli("set", wid, "underveis", "1", "Mål", "65").returncode == 0
    assert run_cli("set", wid, "underveis", "1", "Resultat", "44,5").returncode == 0
    shown = run_cli("show", wid, "underveis").stdout
    assert "−20,5 pp" in shown and "p.p." not in shown


# -- the same words in a real terminal ------------------------------------------------------------


@pytest.mark.slow
def test_home_and_palette_words_in_a_real_terminal(data_dir):
    """tmux at 80×24: the empty home screen, then Ctrl+P, a search without hits, Esc."""
    from sshd import Tmux, intro_tui_command, require_tools

    require_tools("tmux")
    tmux = Tmux()
    try:
        tmux.new("ord", [*intro_tui_command(), "--data-dir", str(data_dir)],
                 env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "test"})
        tmux.wait_for("ord", "Ingen verksteder ennå. Trykk Ctrl+N for å lage et.", 30)
        tmux.keys("ord", "C-p")
        screen = tmux.wait_for("ord", "Søk etter kommandoer…", 10)
        assert "Search for commands" not in screen
        tmux.type("ord", "qqzzxx")
        screen = tmux.wait_for("ord", "Ingen treff", 10)
        assert "No matches found" not in screen
        tmux.keys("ord", "Escape")
        tmux.wait_for("ord", lambda s: "Ingen treff" not in s and "Ingen verksteder ennå" in s, 10, "the home screen again")
    finally:
        tmux.kill_server()
