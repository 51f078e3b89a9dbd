"""What the room reads in the table area (issue 18, points 1-3 and 8): Pilot at 80x24, 120x40, 60x20.

Other people in the workshop are real presence files (``Presence`` in this
process, as a second session writes them); what is asserted is the rendered
screen text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.store.presence import Presence, Spot
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.core.text_fit import derive_short_name, hyphenate, short_names, wrap
from intro_tui.examples import example_workshop
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.block_table import BlockTable

from conftest import screen_text
from conftest import pilot_wait_until as wait_for  # the one wait: polls, shows the screen on failure

LONG_UNITS = ["Flyktningtjenesten", "NAV", "Voksenopplæringen", "Arbeidsmarkedsbedriften"]


def make_workshop(data_dir: Path, template: str, cells: dict | None = None, units: list[str] | None = None) -> str:
    catalog = load_catalog(data_dir)
    store = WorkshopStore(data_dir, catalog, user="test")
    workshop = example_workshop(catalog.templates[template], catalog)
    if units is not None:
        workshop.units = list(units)
    workshop.cells.update(cells or {})
    return store.create(workshop).id


def join_room(data_dir: Path, workshop_id: str, names: list[str]) -> list[Presence]:
    people = []
    for name in names:
        person = Presence(data_dir, workshop_id, name)
        person.beat()
        people.append(person)
    return people


def words_broken(screen: str, value: str, width: int) -> list[str]:
    """Words of ``value`` that fit ``width`` but are not on the screen whole."""
    tokens = set(re.findall(r"[\wæøåÆØÅ/%]+", screen))
    return [w for w in re.findall(r"[\wæøåÆØÅ]+", value) if len(w) <= width and w not in tokens]


def nothing_cut_right(table: BlockTable) -> bool:
    """The grid (badge gutter included) is no wider than the room the table has."""
    return table.virtual_size.width <= table.scrollable_content_region.width


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (60, 20)])
async def test_others_badges_cost_no_column_its_last_words(data_dir, size):
    """Point 1: a second and third person in the room; Forslag text stays whole on screen."""
    forslag = "Kontaktperson hos NAV marked"
    workshop_id = make_workshop(data_dir, "arbeidsrettet-lop", {("4.1", "interne", "r1", "forslag"): forslag})
    people = join_room(data_dir, workshop_id, ["Kari Berg", "Per Ås"])
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1", user="ola")
    async with app.run_test(size=size) as pilot:
        table = app.focused
        assert isinstance(table, BlockTable)
        people[0].move(Spot("4.1", "interne", "r1", 2, editing=True))
        people[1].move(Spot("4.1", "interne", "r2", 0))
        await wait_for(pilot, lambda: any(getattr(r.label, "plain", "") for r in table.rows.values()))
        await pilot.press("down", "up")  # the cursor row (1) brought into view, as a user does
        await pilot.pause(0.3)
        screen = screen_text(app)
        assert nothing_cut_right(table), (table.virtual_size, table.scrollable_content_region, screen)
        width = table.widths[-1]
        assert not words_broken(screen, forslag, width), screen


async def test_role_columns_use_short_names_with_a_legend_and_no_unit_is_broken(data_dir):
    """Point 3: at 80x24 full unit names cannot fit four role columns: FT / VO and a legend, never 'Flyktningtjene'."""
    cells = {("1.3", "roller", "r1", "utforer"): "Flyktningtjenesten, Arbeidsmarkedsbedriften",
             ("1.3", "roller", "r1", "involveres"): "Voksenopplæringen"}
    workshop_id = make_workshop(data_dir, "arbeidsrettet-lop", cells, units=LONG_UNITS)
    join_room(data_dir, workshop_id, ["Kari Berg"])
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="ola")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.focused
        assert isinstance(table, BlockTable)
        await pilot.pause(0.5)
        screen = screen_text(app)
        for fragment in ("Flyktningtjene\n", "Voksenopplærin\n", "arbeidskraftbe\n"):
            assert fragment not in screen + "\n"
        assert not re.search(r"Flyktningtjene\s*$|Voksenopplærin\s*$", screen, re.M), screen
        assert "FT" in screen and "VO" in screen, screen
        notes = table.notes
        assert notes is not None and "FT = Flyktningtjenesten" in str(notes.render())
        assert nothing_cut_right(table)


async def test_indicator_columns_collapse_with_a_marker_and_the_row_shows_in_full(data_dir):
    """Point 2: at 80 columns a computed column that does not fit is not shown as a fragment:
    it is collapsed, named in a marker, and its value for the row under the cursor is shown at the foot."""
    workshop_id = make_workshop(data_dir, "malindikatorer")
    people = join_room(data_dir, workshop_id, ["Kari Berg", "Per Ås"])
    app = make_app(data_dir, workshop_id=workshop_id, section="annet", user="ola")
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.focused
        assert isinstance(table, BlockTable)
        people[0].move(Spot("annet", table.block.id, table.views[1].key, 1, editing=True))
        await wait_for(pilot, lambda: any(getattr(r.label, "plain", "") for r in table.rows.values()))
        await pilot.pause(0.3)
        hidden = [c.title for c in table.hidden]
        assert hidden, "at 80 columns something must collapse here"
        screen = screen_text(app)
        assert nothing_cut_right(table), screen
        assert table.detail is not None and table.detail.display
        for title in hidden:
            assert f"{title}:" in screen, screen
        text_value = "Fast kontaktperson i NAV med markedskompetanse"
        await pilot.press("down")
        await pilot.pause(0.2)
        screen = screen_text(app)
        assert not words_broken(screen, text_value, 8) or "kontakt-" in screen, screen


async def test_the_annet_hint_shows_once_under_mal(data_dir):
    """Point 8: the F.eks. hint is shown once (under Mål), not in Øvre grense and Resultat too."""
    workshop_id = make_workshop(data_dir, "malindikatorer")
    catalog = load_catalog(data_dir)
    app = make_app(data_dir, workshop_id=workshop_id, section="annet", user="ola")
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.focused
        assert isinstance(table, BlockTable)
        await pilot.pause(0.3)
        hinted = [v for v in table.views if v.row.hint]
        assert hinted
        for view in hinted:
            cells = [table.render_cell(view, s).plain for s in table.shown_columns if s.column.type == "indicator"]
            assert sum(1 for c in cells if "F.eks" in c.replace("\n", "")) <= 1, cells
    assert catalog


def test_short_names_and_hyphenation_follow_the_rules():
    """Point 3 (core): FT / NAV / VO; breaks at syllables with a hyphen, never after one letter."""
    assert [derive_short_name(u) for u in ("Flyktningtjenesten", "NAV", "Voksenopplæringen")] == ["FT", "NAV", "VO"]
    assert short_names(["Flyktningtjenesten", "Fagtjenesten"])["Fagtjenesten"] == "FT2"
    assert hyphenate("Flyktningtjenesten", 10) == ["Flyktning-", "tjenesten"]
    assert hyphenate("arbeidskraftbehovet", 14) == ["arbeidskraft-", "behovet"]
    for word in ("introduksjonsprogrammet", "Voksenopplæringen", "Arbeidsmarkedsbedriften", "grunnskoleopplæring"):
        for width in range(4, len(word)):
            pieces = hyphenate(word, width)
            assert all(len(p) <= width for p in pieces), (word, width, pieces)
            assert "".join(p.rstrip("-") for p in pieces) == word
            assert all(len(p.rstrip("-")) >= 2 for p in pieces), (word, width, pieces)
    assert wrap("Tilbud til Flyktningtjenesten og NAV", 20) == ["Tilbud til", "Flyktningtjenesten", "og NAV"]


@pytest.mark.parametrize("width", [10, 12, 20, 30, 40])
@pytest.mark.parametrize("scale", [12, 20, 40, 100])
def test_the_chart_bar_says_what_the_words_say(width, scale):
    """Point 7: 12 % against a goal of 10 % is drawn past the goal mark; 9 % stops short of it."""
    from intro_tui.core.model.indicator_chart import Bar
    from intro_tui.tui.screens.chart import GOAL, bar_line

    reached = bar_line(Bar("x", True, "higher", 10, None, 12, "reached", (), scale), 12, width, style="green").plain
    assert GOAL in reached and "█" in reached.split(GOAL, 1)[1], reached
    missed = bar_line(Bar("x", True, "higher", 10, None, 9, "missed", (), scale), 9, width, style="red").plain
    assert GOAL in missed and "█" not in missed.split(GOAL, 1)[1], missed


async def test_a_new_row_rewraps_as_soon_as_it_is_written(data_dir):
    """Point 4: Ctrl+N, a long label and a role typed: the row shows every word at once (no cut 'bransjeoversikte')."""
    workshop_id = make_workshop(data_dir, "arbeidsrettet-lop")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="ola")
    label = "Oppdatere bransjeoversikten for kommunen"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await pilot.press("ctrl+n")
        await pilot.pause(0.3)
        await pilot.press(*[c if c != " " else "space" for c in label], "tab")
        await pilot.pause(0.2)
        await pilot.press(*[c if c != " " else "space" for c in "NAV, Flyktningtjenesten"], "enter")
        table = app.focused
        assert isinstance(table, BlockTable)
        await wait_for(pilot, lambda: "kommunen" in screen_text(app) and "bransjeoversikten" in screen_text(app))
        screen = screen_text(app)
        assert not words_broken(screen, label, table.widths[0]), screen
