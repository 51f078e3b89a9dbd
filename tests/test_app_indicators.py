"""Indicators in the app at 80×24, by key presses, asserting on what the screen shows.

NIR counts typed into the code table become shares in the indicator tables;
a typed result wins (and the computed one still shows); the chart view;
**k** on the home screen makes next year's workshop with I fjor and a trend.
"""

from __future__ import annotations


import pytest

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app
from intro_tui.tui.screens.chart import ChartScreen
from intro_tui.tui.screens.home import HomeScreen
from intro_tui.tui.widgets.block_table import BlockTable
from intro_tui.tui.widgets.cell_editor import CellEditor

from conftest import arrow_to, fresh_store

SIZE = (80, 24)


def screen_text(app) -> str:
    """What the terminal shows, line by line."""
    return "\n".join("".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips())


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def go_to(pilot, row: int, column: int) -> BlockTable:
    return await arrow_to(pilot, row, column)


@pytest.fixture
def plan_id(store) -> str:
    return store.create(Workshop(id="", title="Virksomhetsplan 2026", template="virksomhetsplan", year=2026)).id


# code table rows (0 is the "Vedtak om permanent stans" heading, 8 "Avsluttet introprogram")
ARBEID_OVER_29, ARBEID_UNDER_30, VGS, IKKE_ARBEIDSSOKER = 9, 10, 11, 16


async def test_counts_typed_in_the_app_become_shares(data_dir, plan_id):
    app = make_app(data_dir, workshop_id=plan_id, section="nir")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for row, count in ((ARBEID_OVER_29, "5"), (ARBEID_UNDER_30, "3"), (VGS, "2"), (IKKE_ARBEIDSSOKER, "10")):
            await go_to(pilot, row, 1)
            await type_text(pilot, count)
            await pilot.press("enter")
            await pilot.pause()
        await go_to(pilot, ARBEID_OVER_29, 1)
        assert "25 % (5 av 20)" in screen_text(app)  # the code's share of its status, on the row
        cells = fresh_store(data_dir).load(plan_id).cells
        assert cells[("nir", "koder", "avsluttet-arbeid-over-29", "antall")] == 5
        # a refused count keeps the editor open and says why
        await go_to(pilot, VGS, 1)
        await type_text(pilot, "2,5")
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen.query_one(CellEditor)
        assert editor.is_open and "helt tall" in str(editor.query_one("#editor-problem").render())
        await pilot.press("escape")
        # the headline indicator, at the end of the section
        headline = app.screen.table_for("hovedindikator")
        headline.focus()
        await pilot.pause()
        text = screen_text(app)
        assert "50 %" in text
        # to the indicator table: the Resultat column shows the computed shares
        await pilot.press("ctrl+pageup", "ctrl+pageup", "ctrl+pageup")
        await pilot.pause()
        assert app.screen.section.id == "indikatorer"
        await go_to(pilot, 7, 3)  # "% i arbeid, > 29 t/uke", Resultat
        assert "25 %" in screen_text(app)
        await go_to(pilot, 8, 3)
        assert "15 %" in screen_text(app)
        # moving right scrolls the Fra NIR column into view, with the count behind the share
        await pilot.press("right", "right", "right")
        await pilot.pause()
        text = screen_text(app)
        assert "15 % (3 av 20)" in text
        assert "avsluttet" in text  # the column says what the share is of


async def test_typed_result_wins_and_both_show(data_dir, plan_id, store):
    for key, count in (("avsluttet-arbeid-over-29", "5"), ("avsluttet-annet", "15")):
        store.set_cell(plan_id, "nir", "koder", key, "antall", count)
    app = make_app(data_dir, workshop_id=plan_id, section="indikatorer")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to(pilot, 7, 1)
        await type_text(pilot, "30")
        await pilot.press("enter")
        await pilot.pause()
        assert "ikke nådd" in screen_text(app)  # 25 % from NIR against 30 %
        await go_to(pilot, 7, 3)
        await type_text(pilot, "32")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "32 %" in text and "✓ nådd" in text
        await pilot.press("right", "right", "right")
        await pilot.pause()
        assert "25 % (5 av 20)" in screen_text(app)  # the computed one still shows
    assert fresh_store(data_dir).load(plan_id).cells[("indikatorer", "indikatorer", "r8", "resultat")] == 32


async def test_chart_view_at_80x24(data_dir, run_cli):
    wid = run_cli("new", "virksomhetsplan", "--example").stdout.splitlines()[-1]
    app = make_app(data_dir, workshop_id=wid, section="nir")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        help_text = "\n".join(str(static.render()) for static in app.screen.query("Static"))
        assert "Ctrl+R / F7" in help_text and "Diagram" in help_text  # the key is listed in help
        await pilot.press("escape")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert isinstance(app.screen, ChartScreen)
        text = screen_text(app)
        lines = text.splitlines()
        assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
        assert "resultat mot mål" in text
        bar = next(line for line in lines if "mål 75 %" in line)
        assert "█" in bar and "│" in bar and "┆" in bar  # result, goal and limit on one bar
        assert "71 %" in bar and "nedre grense 70 %" in bar and "≈ nær" in bar
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ChartScreen)
        await pilot.press("ctrl+pageup", "ctrl+pageup", "ctrl+pageup", "f7")
        await pilot.pause()
        text = screen_text(app)
        assert "Antall bosatte flyktninger" in text and "mål 60" in text and "✗ ikke nådd" in text


async def test_k_on_home_copies_to_next_year_with_last_years_results(data_dir, store):
    wid = store.create(Workshop(id="", title="Indikatorer 2026", template="malindikatorer", year=2026)).id
    store.set_cell(wid, "avsluttet", "indikatorer", "r1", "mal", "65")
    store.set_cell(wid, "avsluttet", "indikatorer", "r1", "resultat", "44")
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert "Indikatorer 2027" in screen_text(app)  # the suggested title has the new year
        await pilot.press("enter", "enter", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        summaries, _ = fresh_store(data_dir).summaries()
        new = next(s for s in summaries if s.id != wid)
        assert (new.title, new.year) == ("Indikatorer 2027", 2027)
        copy = fresh_store(data_dir).load(new.id)
        assert copy.predecessor == wid
        assert copy.cells[("avsluttet", "indikatorer", "r1", "mal")] == 65
        assert ("avsluttet", "indikatorer", "r1", "resultat") not in copy.cells
        app.open_workshop(new.id, "avsluttet")
        await pilot.pause()
        table = await go_to(pilot, 0, 3)
        await type_text(pilot, "53")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right", "right", "right", "right", "right")  # scroll to I fjor and Trend
        await pilot.pause()
        text = screen_text(app)
        assert "I fjor" in text and "Trend" in text and "44 %" in text and "↑ bedre" in text
        await pilot.press("ctrl+r")  # the chart, year by year
        await pilot.pause()
        lines = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("Andel deltakere som har gått over i arbeid"))
        assert lines[first + 1].strip().startswith("2026") and "44 %" in lines[first + 1]
        assert lines[first + 2].strip().startswith("2027") and "53 % · mål 65 %" in lines[first + 2]
        assert "✗ ikke nådd" in lines[first + 2]
        assert table.block.id == "indikatorer"
