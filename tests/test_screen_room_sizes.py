"""Issue 18, done when: every section of every template, filled, with three sessions in the workshop.

At 80x24, 120x40 and 60x20 (Pilot; the two others are real presence files,
one of them editing), for the row under the cursor of each section's first
table: every value can be read whole on the screen (in the grid, or in the
row detail at the section's foot), no word that fits its column is broken,
and no table is wider than the room it has (nothing cut at the right edge).
"""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console
from rich.text import Text

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.store.presence import Spot
from intro_tui.core.text_fit import shorten_units
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.block_table import BlockTable

from conftest import screen_text
from test_screen_fit import LONG_UNITS, join_room, make_workshop, wait_for

_CONSOLE = Console(width=200, color_system=None, file=io.StringIO())
_WORD = re.compile(r"[\wæøåÆØÅ]+")
LONG_TEXT = ("Arbeidsmarkedsbedriften og Voksenopplæringen avklarer kvalifiseringsprogrammet "
             "med arbeidsgiveren\nfør oppstart av lønnstilskuddsordningen")


def words(text: str) -> list[str]:
    """The words of a value as a reader counts them: split at spaces, punctuation around them taken off
    (an address is one word: longer than its column, it may be broken anywhere)."""
    return [w.strip(".,;:!?()«»\"'") for w in text.split() if w.strip(".,;:!?()«»\"'")]


def broken_in_cell(cell: Text, width: int) -> list[str]:
    """Words of the cell that fit ``width`` but are not whole on one of its drawn lines."""
    lines = cell.wrap(_CONSOLE, width)
    tokens = {t for line in lines for t in words(line.plain)}
    return [w for w in words(cell.plain) if len(w) <= width and w not in tokens]


def fill_long(data_dir, template_id: str) -> str:
    """The example, with long unit names in every role cell and long compounds in every empty text cell."""
    catalog = load_catalog(data_dir)
    template = catalog.templates[template_id]
    cells = {}
    for section in template.sections:
        for block in section.blocks:
            for column in block.columns:
                for row in block.rows:
                    if row.group:
                        continue
                    if column.type == "roles":
                        cells[(section.id, block.id, row.key, column.id)] = "Flyktningtjenesten, Voksenopplæringen"
                    elif column.type == "text" and block.kind != "link":
                        cells.setdefault((section.id, block.id, row.key, column.id), LONG_TEXT)
    return make_workshop(data_dir, template_id, cells, units=LONG_UNITS)


def section_problems(app, section_id: str, tables: list[BlockTable], table: BlockTable) -> list[str]:
    """What the room cannot read in this section right now (empty: all is well)."""
    problems: list[str] = []
    screen = screen_text(app)
    tokens = set(words(screen)) | set(_WORD.findall(screen))
    for shown_table in tables:
        if shown_table.virtual_size.width > shown_table.scrollable_content_region.width:
            problems.append(f"{section_id}: {shown_table.block.id} cut at the right edge "
                            f"({shown_table.virtual_size.width} > {shown_table.scrollable_content_region.width}, "
                            f"columns {shown_table.widths}, room {shown_table.room})")
    ref = table.current()
    if ref is None or ref.view.group:
        return problems
    row = table.cursor_coordinate.row
    for index, (shown, width) in enumerate(zip(table.shown_columns, table.widths)):
        value = ref.view.text(table.workshop, shown)
        missing = [w for w in words(value) if len(w) <= width and w not in tokens]
        if shown.column.type == "roles" and missing:  # the grid's short names (legend) count too
            short = shorten_units(value, table.unit_names)
            missing = [w for w in words(short) if len(w) <= width and w not in tokens]
        if missing and shown.column.type != "yesno":
            problems.append(f"{section_id} {shown.title}: not on screen {missing[:4]}")
        broken = broken_in_cell(table.get_cell_at((row, index)), width)
        if broken:
            problems.append(f"{section_id} {shown.title}: broken {broken[:4]}")
    for computed, cell in zip(table.hidden, table.render_computed(ref.view, table.hidden)):
        if cell.plain and f"{computed.title}:" not in screen:
            problems.append(f"{section_id}: collapsed {computed.title} not shown for the row")
    return problems


def shown(app, section_id: str) -> bool:
    """The section is on screen with its tables mounted, and the first of them (if any) has the focus."""
    screen = app.screen
    view = screen.section_view
    if screen.section.id != section_id or view is None or not view.is_mounted:
        return False
    tables = screen.tables()
    return not tables or app.focused in tables


@pytest.mark.parametrize(("template_id", "size"), [
    pytest.param(template, size, id=f"{template}-{size[0]}x{size[1]}")
    for template in ("arbeidsrettet-lop", "malindikatorer", "virksomhetsplan")
    for size in ((80, 24), (120, 40), (60, 20))])
async def test_every_section_reads_whole_with_three_in_the_room(data_dir, template_id, size):
    workshop_id = fill_long(data_dir, template_id)
    template = load_catalog(data_dir).templates[template_id]
    people = join_room(data_dir, workshop_id, ["Kari Berg", "Per Ås"])
    app = make_app(data_dir, workshop_id=workshop_id, section=template.sections[0].id, user="ola")
    problems: list[str] = []
    async with app.run_test(size=size) as pilot:
        for n, section in enumerate(template.sections):
            if n:
                await pilot.press("f6")
            await wait_for(pilot, lambda section=section: shown(app, section.id), what=f"{section.id} shown")
            tables = app.screen.tables()
            table = app.focused
            if not isinstance(table, BlockTable) or not table.views:
                continue
            views = [v for v in table.views if not v.group]
            if views:
                people[0].move(Spot(section.id, table.block.id, views[0].key, 1, editing=True))
                people[1].move(Spot(section.id, table.block.id, views[-1].key, 0))
                await wait_for(pilot, lambda: table.badges_reserved)
                await pilot.press("down", "up")
            table = app.focused
            if not isinstance(table, BlockTable):
                continue
            found: list[str] = []

            def settled(table=table, section_id=section.id, tables=tables) -> bool:
                found[:] = section_problems(app, section_id, tables, table)
                return not found

            try:  # the row detail follows the screen's scroll: give it time on a busy machine
                await wait_for(pilot, settled, timeout=15.0)
            except AssertionError:
                problems.extend(found)
    assert not problems, "\n".join(problems)
