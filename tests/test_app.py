"""The real Textual app, driven with key presses at 80×24.

Each test asserts what the datastore holds afterwards (read back from the
workshop file by a fresh store), not what widgets hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intro_tui.tui.app import make_app
from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.screens.home import HomeScreen
from intro_tui.tui.screens.workshop import WorkshopScreen
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.widgets.block_table import BlockTable
from intro_tui.tui.widgets.cell_editor import CellEditor

from conftest import arrow_to, fresh_store, pilot_wait_until


def suggested(app) -> str:
    """The completion the cell editor offers now (grey after the cursor), or ""."""
    from textual.widgets import Input

    return next((box._suggestion for box in app.screen.query_one(CellEditor).query(Input) if box._suggestion), "")


async def palette_offers(pilot, words: str) -> None:
    """Wait until the command palette's list holds an entry with ``words`` (its search runs in a task)."""
    from textual.command import CommandList

    def offered() -> bool:
        options = pilot.app.screen.query_one(CommandList)
        return any(words in str(options.get_option_at_index(i).prompt) for i in range(options.option_count))

    await pilot_wait_until(pilot, offered, f"the palette offers «{words}»")

SIZE = (80, 24)


def saved(data_dir: Path, workshop_id: str, section: str, block: str, row: str, column: str):
    """What the workshop file holds for one cell, read by a new store."""
    return fresh_store(data_dir).load(workshop_id).cells.get((section, block, row, column))


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    workshop = store.create(Workshop(id="", title="Arbeidsmøte Bærum", template="arbeidsrettet-lop",
                                     kommune="Bærum", year=2026, units=["Flyktningtjenesten", "NAV", "Voksenopplæringen"]))
    return workshop.id


@pytest.fixture
def indicators_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Indikatorer 2026", template="malindikatorer", year=2026)).id


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


def focused_table(app) -> BlockTable:
    focused = app.focused
    assert isinstance(focused, BlockTable), f"focus is on {focused!r}"
    return focused


async def go_to_cell(pilot, row: int, column: int) -> BlockTable:
    focused_table(pilot.app)
    return await arrow_to(pilot, row, column)


async def test_home_lists_and_opens_a_workshop(data_dir, workshop_id):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#workshops")
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        assert app.screen.section.id == "1.1"
        focused_table(app)


async def test_typing_in_a_table_adds_a_row_and_saves_at_once(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("insert")  # a new row opens its first cell for typing
        await pilot.pause()
        await type_text(pilot, "Helse og omsorg")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "NAV")
        await pilot.press("enter")
        await pilot.pause()
        workshop = fresh_store(data_dir).load(workshop_id)
        (row,) = workshop.rows_added("1.1", "behov")
        assert workshop.cells[("1.1", "behov", row.key, "label")] == "Helse og omsorg"
        assert workshop.cells[("1.1", "behov", row.key, "kilder")] == "NAV"
        assert "Lagret" in app.screen.sub_title


async def test_checklist_answers_with_one_key(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_cell(pilot, 0, 0)
        await pilot.press("j")  # answers and moves on to the next row: one key per answer (issue 9, point 9)
        await pilot.press("n")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "4.1", "interne", "r1", "svar") == "ja"
        assert saved(data_dir, workshop_id, "4.1", "interne", "r2", "svar") == "nei"
        await pilot.press("up", "up")  # past the group row "3. Vi har avklart …" back to row 2
        await pilot.press("u")  # ubesvart
        await pilot.pause()
        assert saved(data_dir, workshop_id, "4.1", "interne", "r2", "svar") is None
        # space on the Nei column ticks it; Forslag takes text
        await go_to_cell(pilot, 0, 2)
        await pilot.press("space")
        await pilot.press("right")
        await type_text(pilot, "Lag bransjeoversikt")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "4.1", "interne", "r1", "svar") == "nei"
        assert saved(data_dir, workshop_id, "4.1", "interne", "r1", "forslag") == "Lag bransjeoversikt"


async def test_role_table_completes_unit_names(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_cell(pilot, 0, 1)
        await type_text(pilot, "Fl")
        await pilot_wait_until(pilot, lambda: suggested(app), "a suggestion after «Fl»")
        await pilot.press("right")  # accept the suggestion
        await type_text(pilot, ", N")
        await pilot_wait_until(pilot, lambda: suggested(app).endswith("NAV"), "a suggestion after «, N»")
        await pilot.press("right")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "hovedansvarlig") == "Flyktningtjenesten, NAV"
        # free text is accepted too, and Når/hvor ofte is plain text
        await go_to_cell(pilot, 0, 4)
        await type_text(pilot, "hvert kvartal")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "nar") == "hvert kvartal"


async def test_indicator_values_are_validated_and_deviation_shown(data_dir, indicators_id):
    app = make_app(data_dir, workshop_id=indicators_id, section="avsluttet")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = await go_to_cell(pilot, 0, 1)
        await type_text(pilot, "120")
        await pilot.press("enter")
        await pilot.pause()
        editor = app.screen.query_one(CellEditor)
        assert editor.is_open, "a refused value keeps the editor open"
        problem = str(editor.query_one("#editor-problem").render())
        assert "mellom 0 og 100" in problem
        assert saved(data_dir, indicators_id, "avsluttet", "indikatorer", "r1", "mal") is None
        await pilot.press(*["backspace"] * 3)
        await type_text(pilot, "65 %")
        await pilot.press("enter", "right", "right")  # past Nedre grense to Resultat
        await type_text(pilot, "44")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, indicators_id, "avsluttet", "indikatorer", "r1", "mal") == 65
        assert saved(data_dir, indicators_id, "avsluttet", "indikatorer", "r1", "resultat") == 44
        avvik = [c.label.plain for c in table.ordered_columns].index("Avvik")
        assert table.get_cell_at((0, avvik)).plain == "−21 pp"


async def test_fields_lists_and_link(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_cell(pilot, 0, 1)
        await pilot.press("enter")
        await type_text(pilot, "Renhold")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "2.2", "bransje", "bransje", "verdi") == "Renhold"
        await pilot.press("ctrl+pagedown")  # 2.3
        await pilot.pause()
        assert app.screen.section.id == "2.3"
    app = make_app(data_dir, workshop_id=workshop_id, section="6.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        kompetanse = next(t for t in screen.tables() if t.block.kind == "list")
        kompetanse.focus()
        await arrow_to(pilot, 0, 0)
        await type_text(pilot, "Utføre daglig renhold")
        await pilot.press("enter")
        await pilot.pause()
        cells = fresh_store(data_dir).load(workshop_id).cells
        assert (("6.2", kompetanse.block.id, "r1", "tekst"), "Utføre daglig renhold") in cells.items()
    app = make_app(data_dir, workshop_id=workshop_id, section="1.4")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = await go_to_cell(pilot, 0, 1)
        assert "imdi.no" in table.get_cell_at((0, 1)).plain
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("enter")
        await type_text(pilot, "https://kommune.no/kjoreplan")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.4", "kjoreplan", "lenke", "adresse") == "https://kommune.no/kjoreplan"


async def test_undo_and_redo(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_cell(pilot, 1, 4)
        await type_text(pilot, "januar")
        await pilot.press("enter")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r2", "nar") == "januar"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r2", "nar") == ""
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", "r2", "nar") == "januar"
        # a user row: add, delete, undo the delete
        await pilot.press("insert")
        await type_text(pilot, "Egen oppgave")
        await pilot.press("enter")
        await pilot.pause()
        (row,) = fresh_store(data_dir).load(workshop_id).rows_added("1.3", "roller")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert fresh_store(data_dir).load(workshop_id).rows_added("1.3", "roller") == []
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert saved(data_dir, workshop_id, "1.3", "roller", row.key, "label") == "Egen oppgave"


@pytest.mark.parametrize("text", ["[@click=app.quit]x[/]", "[/", "[bold]fet[/bold] 🎉 \x1b[31m"])
async def test_user_text_is_shown_literally_and_never_runs(data_dir, workshop_id, text):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = await go_to_cell(pilot, 0, 4)
        await pilot.press("enter")
        app.screen.query_one("#editor-input").value = text
        await pilot.press("enter")
        await pilot.pause()
        stored = saved(data_dir, workshop_id, "1.3", "roller", "r1", "nar")
        assert stored == text.replace("\x1b", "")
        assert table.get_cell_at((0, 4)).plain == stored
        # clicking the cell must not run "app.quit"
        await pilot.click(table, offset=(table.size.width - 3, table.header_height))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        # and a title full of markup shows literally in the header
        app.screen.title = text
        await pilot.pause()
        assert app.is_running


async def test_a_broken_file_shows_on_the_home_screen(data_dir, workshop_id):
    (data_dir / "skadet.json").write_text('{"workshop": {"1": {"format": "intro', encoding="utf-8")
    before = (data_dir / "skadet.json").read_bytes()
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        problems = str(app.screen.query_one("#problems").render())
        assert "skadet.json" in problems
        assert app.screen.query_one("#workshops").row_count == 1  # the good one still lists
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
    assert (data_dir / "skadet.json").read_bytes() == before


async def test_open_goes_straight_to_a_section(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="6.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        assert app.screen.section.id == "6.2"
        assert app.screen.query_one("Navigator").highlighted is not None


async def test_leaving_a_cell_being_edited_commits_it(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await go_to_cell(pilot, 2, 4)
        await type_text(pilot, "mars")
        await pilot.press("ctrl+pagedown")  # leave the section with the editor open
        await pilot.pause()
        assert app.screen.section.id == "1.4"
        assert saved(data_dir, workshop_id, "1.3", "roller", "r3", "nar") == "mars"
        await pilot.press("ctrl+pageup")
        await pilot.pause()
        await go_to_cell(pilot, 3, 4)
        await type_text(pilot, "april")
        await app.action_quit()
    assert saved(data_dir, workshop_id, "1.3", "roller", "r4", "nar") == "april"


async def test_new_workshop_from_the_home_screen(data_dir):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "Verksted [x]")
        await pilot.press("enter")  # to Kommune
        await type_text(pilot, "Asker")
        await pilot.press("enter", "2", "0", "2", "6", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
    (workshop,) = fresh_store(data_dir).list()[0]
    assert (workshop.title, workshop.kommune, workshop.year) == ("Verksted [x]", "Asker", 2026)
    assert workshop.units == ["Flyktningtjenesten", "NAV", "Voksenopplæringen"]


async def test_help_lists_the_keys(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        text = str(app.screen.query_one("VerticalScroll Static").render())
        for words in ("Neste seksjon", "Angre", "Ja", "Ubesvart", "Ny rad", "Hjelp"):
            assert words in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)


async def test_export_from_the_app_shows_the_path(data_dir, tmp_path, workshop_id):
    from docx import Document

    exports = tmp_path / "exports"
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", exports_dir=exports)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # Word, whole workshop
        whole = exports / f"{workshop_id}.docx"
        # said on the message line, not in a toast over the table (issue 9, point 17)
        await pilot_wait_until(pilot, lambda: whole.exists() and str(whole) in str(app.screen.query_one("#message").render()),
                               "the export's path on the message line")
        # markdown, only STEG 1, blank: arrows pick, space chooses, Enter exports
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("down", "space", "tab", "down", "space", "tab", "space", "enter")
        step = exports / f"{workshop_id}-steg-1-blank.md"
        await pilot_wait_until(pilot, lambda: step.exists() and str(step) in str(app.screen.query_one("#message").render()),
                               "the STEG 1 markdown export")
    text = step.read_text(encoding="utf-8")
    assert "1.3 Roller og ansvarsfordeling" in text and "2.1" not in text
    headings = [p.text for p in Document(str(whole)).paragraphs if p.style.name.startswith("Heading")]
    assert any(h.startswith("1.3") for h in headings)


async def test_command_palette_jumps_to_a_section(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Gå til 4.1")
        await palette_offers(pilot, "Gå til 4.1")
        await pilot.press("down", "enter")
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, WorkshopScreen) and app.screen.section.id == "4.1",
                               "section 4.1 shown")


async def test_command_palette_switches_workshop(data_dir, store, workshop_id):
    other = store.create(Workshop(id="", title="Andre verksted", template="malindikatorer")).id
    app = make_app(data_dir, workshop_id=workshop_id, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "Bytt til Andre")
        await palette_offers(pilot, "Andre verksted")
        await pilot.press("down", "enter")
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, WorkshopScreen)
                               and app.screen.session.workshop_id == other, "the other workshop shown")
        await pilot.press("escape", "escape")  # navigator, then home: the stack is home + one workshop
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_arrows_cross_from_table_to_table_and_the_editor_line_shows_the_cell(data_dir, store, workshop_id):
    long_text = "Kommunens eiendomsavdeling " * 20
    store.set_cell(workshop_id, "2.2", "vurdering", "r1", "situasjon", long_text)
    app = make_app(data_dir, workshop_id=workshop_id, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = focused_table(app)
        assert first.block.kind == "fields"
        await pilot.press("down")
        await pilot.pause()
        second = focused_table(app)
        assert second is not first and second.block.id == "vurdering"
        await pilot.press("right")
        await pilot.pause()
        preview = str(app.screen.query_one("#editor-preview").render())
        assert preview.startswith("Kommunens eiendomsavdeling Kommunens")  # the whole value, not the grid's cut
        await pilot.press("up")
        await pilot.pause()
        assert focused_table(app) is first


async def test_navigator_is_a_drawer_at_80_columns(data_dir, workshop_id):
    from intro_tui.tui.widgets.navigator import Navigator

    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)
        table = focused_table(app)
        assert not navigator.display and table.available_width >= 70  # the table gets the room
        await pilot.press("escape")
        await pilot.pause()
        assert navigator.display and app.focused is navigator
        await pilot.press("down", "enter")  # 1.4
        await pilot.pause()
        assert app.screen.section.id == "1.4" and not navigator.display
        await pilot.press("ctrl+b")  # pinned open
        await pilot.pause()
        assert navigator.display
    wide = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with wide.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert wide.screen.query_one(Navigator).display
