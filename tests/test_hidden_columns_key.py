"""Issue 18 point 2: a key shows the columns collapsed at narrow widths, for every row.

At 80x24, with two others in the room, *Annet*'s indicator table collapses
computed columns; the key bar (and the marker under the table) names Ctrl+K, and Ctrl+K opens them
for all rows (Esc closes).
"""

from __future__ import annotations

from conftest import pilot_wait_until, screen_text
from test_screen_fit import join_room, make_workshop

from intro_tui.core.store.presence import Spot
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.block_table import BlockTable


def flat(app) -> str:
    return " ".join(screen_text(app).split())


async def test_f9_shows_the_collapsed_columns_for_every_row(data_dir):
    workshop_id = make_workshop(data_dir, "malindikatorer")
    people = join_room(data_dir, workshop_id, ["Kari Berg", "Per Ås"])
    app = make_app(data_dir, workshop_id=workshop_id, section="annet", user="ola")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot_wait_until(pilot, lambda: isinstance(app.focused, BlockTable), what="the table")
        table = app.focused
        people[0].move(Spot("annet", table.block.id, table.views[1].key, 1, editing=True))
        await pilot_wait_until(pilot, lambda: table.badges_reserved and table.hidden, what="columns collapsed")
        hidden = [c.title for c in table.hidden]
        bar = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        await pilot_wait_until(pilot, lambda: "^K Skjult" in bar() and "Esc Meny" in bar(),
                               what="the key bar names ^K (the marker under the tall table is below the screen)")
        assert "Ctrl+K viser dem for alle rader" in table.notes.render().plain  # type: ignore[union-attr]
        rows = [v for v in table.views if not v.group]
        values = [[cell.plain for cell in table.render_computed(v, table.hidden)] for v in rows]
        await pilot.press("ctrl+k")
        await pilot_wait_until(pilot, lambda: "Kolonner skjult for bredden" in flat(app) and "Esc Lukk" in flat(app),
                               what="the dialog of collapsed columns")
        first = rows[0].label(table.workshop)
        text = flat(app)
        assert " ".join(first.split()) in text, text
        for title, value in zip(hidden, values[0]):
            assert f"{title}: {value or '–'}" in text, (title, value, text)
        await pilot.press("escape")
        await pilot_wait_until(pilot, lambda: "Kolonner skjult for bredden" not in flat(app), what="closed by Esc")
        assert app.focused is table
