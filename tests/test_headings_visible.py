"""Issue 18 point 6: headings above the first row stay visible (80x24, real key presses).

Opening *Kodeverk i NIR* showed the codes without `Vedtak om permanent stans`
above them (the table had scrolled itself past its heading row); in 4.1 the
first row of block 2 was half hidden under the row detail; opening 4.1 could
leave the section scrolled past its first row.
"""

from __future__ import annotations

import pytest

from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.block_table import BlockTable

SIZE = (80, 24)


def _workshop(data_dir, template: str) -> str:
    return fresh_store(data_dir).create(Workshop(id="", title="Møte", template=template)).id


def grid_lines(app) -> list[str]:
    """The screen's lines above the row detail and the editor line (the grid's part of the screen)."""
    lines = screen_text(app).splitlines()
    detail = app.screen.section_view.detail
    stop = detail.region.y if detail.display else len(lines)
    return [line.strip() for line in lines[:stop]]


def shown(app, start: str) -> bool:
    """A line of the grid's part of the screen begins with ``start`` (the scrollbar may end it)."""
    return any(line.startswith(start) for line in grid_lines(app))


def focused_row(app) -> int:
    table = app.focused
    return table.cursor_coordinate.row if isinstance(table, BlockTable) else -1


@pytest.mark.parametrize("template", ["malindikatorer", "virksomhetsplan"])
async def test_the_nir_heading_shows_above_the_first_codes(data_dir, template):
    app = make_app(data_dir, workshop_id=_workshop(data_dir, template), section="nir")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: focused_row(app) == 1 and shown(app, "– Arbeid > 29 t/uke"),
                               what="the cursor on the first code")
        await pilot_wait_until(pilot, lambda: shown(app, "Vedtak om permanent stans"),
                               what="the heading row above the first code")
        await pilot.press(*["down"] * 8)  # into «Avsluttet introprogram» and on
        await pilot_wait_until(pilot, lambda: focused_row(app) == 9, what="the cursor moved down")
        await pilot.press(*["up"] * 8)  # back to the first code: its heading comes back with it
        await pilot_wait_until(pilot, lambda: focused_row(app) == 1 and shown(app, "Vedtak om permanent stans"),
                               what="the heading again, back on the first code")


async def test_the_first_row_of_41_block_2_shows_whole(data_dir):
    app = make_app(data_dir, workshop_id=_workshop(data_dir, "arbeidsrettet-lop"), section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: isinstance(app.focused, BlockTable), what="the first table")
        for _ in range(12):  # down through block 1 into block 2
            if app.focused.block.id == "samarbeid":
                break
            await pilot.press("down")
            await pilot.pause()
        table = app.focused
        assert table.current().view.label(table.workshop).startswith("1. Vi spør arbeidsgiver")

        def whole() -> bool:
            lines = grid_lines(app)
            return (any(line.startswith("Forberedelser i samarbeid med arbeidsgiver") for line in lines)
                    and any(line.startswith("Hva gjør vi?") for line in lines)
                    and any(line.startswith("1. Vi spør arbeidsgiver") and "☐" in line for line in lines)
                    and any(line.startswith("kvalifikasjoner som kreves") for line in lines))

        await pilot_wait_until(pilot, whole, what="block 2's heading, header and its first row whole above the detail")


async def test_opening_41_shows_its_first_row_and_heading(data_dir):
    app = make_app(data_dir, workshop_id=_workshop(data_dir, "arbeidsrettet-lop"), section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: isinstance(app.focused, BlockTable) and app.focused.row_count,
                               what="the first table")

        def shown() -> bool:
            lines = grid_lines(app)
            return (any(line.startswith("Interne forberedelser") for line in lines)
                    and "Instruksjoner" in screen_text(app)
                    and any(line.startswith("1. Vi har god bransjekunnskap") for line in lines))

        await pilot_wait_until(pilot, shown, what="4.1's first heading and row on screen")
