"""Guards against one-line regressions the rest of the suite would not notice.

Each test drives the app with key presses at 80x24 and asserts on what the
screen shows, and where it matters on what the workshop file holds.  Each was
checked by breaking the line it guards and watching it fail.

What a key press changes on screen is waited for (``pilot_wait_until``), not read
after one ``pilot.pause()``: that pause waits for the CPU to look idle, which on a
loaded machine can come before the repaint.

The Ja/Nei check failed now and then under load (the answered row scrolled out of sight):
every table of the section scrolled the view to its own cursor when it was rebuilt, and the
last one built won. Only the focused table's cursor scrolls now (the last test here).
"""

from __future__ import annotations


import pytest

from conftest import fresh_store, pilot_wait_until, screen_text
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.navigator import Navigator

SIZE = (80, 24)


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Arbeidsmøte Asker", template="arbeidsrettet-lop", kommune="Asker",
                                 year=2026, units=["NAV", "Voksenopplæringen"])).id


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_the_key_bar_shows_keys_on_every_screen(data_dir, workshop_id):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        def bottom() -> str:
            return screen_text(app).splitlines()[-1]

        await pilot_wait_until(pilot, lambda: "Nytt" in bottom() and "F1" in bottom(), what="the home key bar")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: "Tilbake" in bottom() or "Esc" in bottom().casefold().title(),
                               what="the workshop key bar")


async def test_delete_on_the_home_screen_deletes_after_asking(data_dir, store, workshop_id):
    other = store.create(Workshop(id="", title="Beholdes", template="malindikatorer")).id
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Arbeidsmøte Asker" in screen_text(app)
        await pilot.press("/")
        await type_text(pilot, "Asker")
        await pilot.pause()
        await pilot.press("tab")
        await pilot.press("delete")
        await pilot_wait_until(pilot, lambda: "Slett" in screen_text(app), what="the delete question")
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("escape")  # clear the search
        await pilot_wait_until(pilot, lambda: "Arbeidsmøte Asker" not in "\n".join(
            line for line in screen_text(app).splitlines() if "Slettet" not in line)
            and "Beholdes" in screen_text(app), what="the list without the deleted workshop")
    ids = [w.id for w in fresh_store(data_dir).list()[0]]
    assert ids == [other]


async def test_the_home_search_filters_what_is_listed(data_dir, store, workshop_id):
    store.create(Workshop(id="", title="Indikatorer Bærum", template="malindikatorer"))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Indikatorer Bærum" in screen_text(app) and "Arbeidsmøte Asker" in screen_text(app)
        await pilot.press("/")
        await type_text(pilot, "bærum")
        await pilot_wait_until(pilot, lambda: "Indikatorer Bærum" in screen_text(app)
                               and "Arbeidsmøte Asker" not in screen_text(app), what="the filtered list")


async def test_the_navigator_fill_mark_follows_an_edit(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)

        def mark_of_1_3() -> str:
            width = navigator.size.width
            lines = [line[:width] for line in screen_text(app).splitlines() if "1.3" in line[:width]]
            assert lines, screen_text(app)
            return lines[0]

        assert "○" in mark_of_1_3()
        await pilot.press("right")
        await type_text(pilot, "NAV")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: "◐" in mark_of_1_3(), what="◐ beside 1.3")


async def test_ctrl_t_folds_and_unfolds_the_instructions(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sentence = "Hovedansvarlig"
        before = screen_text(app)
        assert "Instruksjoner" in before
        instruction_lines = before.count("\n")
        await pilot.press("ctrl+t")
        await pilot_wait_until(pilot, lambda: screen_text(app) != before, what="the instructions folded")
        await pilot.press("ctrl+t")
        await pilot_wait_until(pilot, lambda: screen_text(app).count(sentence) >= 1
                               and screen_text(app).count("\n") == instruction_lines, what="the instructions back")


async def test_ctrl_j_makes_a_new_line_in_a_long_text(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="2.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("insert")  # a row of our own; its first cell opens for typing
        await pilot.pause()
        await type_text(pilot, "Jobbsøkerkurs")
        await pilot.press("enter")
        await pilot.pause()
        table = app.focused
        column = next(i for i, shown in enumerate(table.shown_columns) if shown.column.multiline)
        await pilot.press(*["right"] * column)
        await type_text(pilot, "første")
        await pilot.press("ctrl+j")
        await type_text(pilot, "andre")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: "første" in screen_text(app), what="the two-line text in the table")
    workshop = fresh_store(data_dir).load(workshop_id)
    (row,) = workshop.rows_added("2.1", table.block.id)
    assert workshop.cells[("2.1", table.block.id, row.key, table.shown_columns[column].column.id)] == "første\nandre"


async def test_answers_take_their_look_from_the_tables_component_classes(data_dir, workshop_id):
    """The room reads "☒ Ja" in bold colour; a theme changes it through BlockTable's component classes."""
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot_wait_until(pilot, lambda: "☒ Ja" in screen_text(app), what="☒ Ja on screen")
        table = app.screen.table_for("interne")
        ja = table.get_cell_at((0, 1))
        assert ja.plain == "☒ Ja"
        expected = table.get_component_rich_style("block-table--yes", partial=True)
        assert ja.style == expected and expected.bold and expected.color is not None


async def test_a_cursor_moved_in_another_table_does_not_scroll_the_one_being_worked_away(data_dir, workshop_id):
    """Every table of a section posts CellHighlighted when it is built or rebuilt (an answer saved
    rebuilds them all); only the focused table's cursor may scroll the section. Before, the last
    table built won: on a loaded machine "j" on row 1 of 4.1 left the section scrolled to the next
    table's header, the answered row out of sight (the Ja/Nei flake)."""
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: app.focused is app.screen.tables()[0], what="the first table focused")
        view = app.screen.section_view
        await pilot.pause()
        before = view.scroll_y
        other = app.screen.tables()[1]
        other.move_cursor(row=other.row_count - 1)
        await pilot.pause()
        await pilot.pause()
        assert view.scroll_y == before, screen_text(app)
