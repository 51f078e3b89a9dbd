"""A :class:`~intro_tui.export.tables.Grid` as a Word table.

What goes in the cells is decided by ``tables.block_grid`` (shared with the
markdown writer and ``show``); this module decides how it looks: column
widths, a bold shaded header row repeated on every page (two header rows when
columns carry a ``group``), shaded group rows merged across the table,
☒ / ☐ centred in narrow Ja / Nei columns, prompts in italics, sub-items with
"– ", the indicator hint in the Mål cell, tall empty rows in a handout.

Rows are built with ``table.add_row().cells`` - never ``table.cell(r, c)``,
which walks the whole table on every call (DESIGN.md: quadratic).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Emu

from ...core.model.layout import DisplayColumn
from ...core.model.template import LABEL, Block
from ..tables import Grid, GridRow
from . import ooxml, theme
from .context import Context
from .text import add_text

TABLE_STYLE = "Intro Tabell"
CHECKED, UNCHECKED = "\u2612", "\u2610"  # ☒ ☐
_CENTER = WD_ALIGN_PARAGRAPH.CENTER


def column_widths(block: Block, grid: Grid, total: int) -> list[int]:
    """Fixed widths for checkbox and number columns; the rest shared by weight (labels get more).

    No column is made narrower than its longest word (header or cell), so
    "Voksenopplæringen" in a role column is not broken in the middle.
    """
    preset_labels = any(row.label for row in block.rows)
    fixed: list[int | None] = []
    weights: list[float] = []
    for shown in grid.columns:
        kind = shown.column.type
        if shown.variant is not None:
            fixed.append(int(theme.CHECKBOX_WIDTH))
        elif kind == "indicator":
            fixed.append(int(theme.INDICATOR_WIDTH))
        else:
            fixed.append(None)
        if kind == LABEL:
            weights.append(theme.WEIGHT_LABEL if preset_labels else theme.WEIGHT_TEXT)
        elif kind == "roles":
            weights.append(theme.WEIGHT_ROLES)
        else:  # a multi-line answer (Svar, Hva er situasjonen?) gets more than a short one
            weights.append(theme.WEIGHT_LONG_TEXT if shown.column.multiline else theme.WEIGHT_TEXT)
    for _ in grid.computed:
        fixed.append(int(theme.DEVIATION_WIDTH))
        weights.append(0)
    floors = _word_floors(grid, len(fixed))
    fixed = _fit_fixed(fixed, floors, total)
    rest = max(total - sum(w for w in fixed if w is not None), 0)
    free = [i for i, w in enumerate(fixed) if w is None]
    floor_sum = sum(floors[i] for i in free)
    if floor_sum > rest:  # too many long words to honour them all: shrink every floor alike
        floors = [int(f * rest / floor_sum) for f in floors]
    widths = list(fixed)
    while free:  # share by weight; a column below its floor takes the floor and leaves the share
        share = sum(weights[i] for i in free) or 1
        short = [i for i in free if rest * weights[i] / share < floors[i]]
        if not short:
            for i in free:
                widths[i] = int(rest * weights[i] / share)
            break
        for i in short:
            widths[i] = floors[i]
            rest = max(rest - floors[i], 0)
        free = [i for i in free if i not in short]
    return [int(w) for w in widths]


def _fit_fixed(fixed: list[int | None], floors: list[int], total: int) -> list[int | None]:
    """Many value and computed columns (Mål, grense, Resultat, Avvik, Status, …) shrink, never below their words."""
    taken = sum(w for w in fixed if w is not None)
    limit = total * theme.MAX_FIXED_SHARE
    if taken <= limit:
        return fixed
    scale = limit / taken
    return [None if w is None else max(int(w * scale), floors[i]) for i, w in enumerate(fixed)]


def _word_floors(grid: Grid, count: int) -> list[int]:
    """Per column, the width its longest word needs (capped, so one long URL cannot take the table)."""
    longest = [0] * count
    headers = [title.replace("/", "/ ") for title in grid.headers]  # a header may wrap after a slash
    for row in [headers, *(r.cells for r in grid.rows if not r.group)]:
        for i, text in enumerate(row[:count]):
            if text and len(text) > longest[i]:
                longest[i] = max(longest[i], max(map(len, text.split()), default=0))
    return [min(int(theme.CHAR_WIDTH * n + theme.CELL_PADDING), int(theme.MAX_WORD_FLOOR)) for n in longest]


@contextmanager
def new_table(ctx: Context, widths: list[int], *, style: str | None = TABLE_STYLE) -> Iterator:
    """A table with a fixed layout and these column widths; the caller adds rows inside the ``with``.

    The widths go into the table grid once the rows are there: ``add_row``
    copies the grid's widths into every new cell (``w:tcW``) otherwise, which
    costs more than writing the cell's text, and a fixed-layout table takes
    its column widths from the grid anyway.
    """
    table = ctx.document.add_table(rows=0, cols=len(widths))
    if style:
        ooxml.set_table_style(table, ctx.style_id(style))
    table.autofit = False
    columns = table.columns
    for column in columns:
        column.width = None
    ctx.wrote()
    yield table
    for column, width in zip(columns, widths):
        column.width = Emu(width)
    ooxml.set_table_width(table, sum(widths))


def header_rows(table, grid: Grid) -> None:
    """One header row, or two when columns are grouped ("Opplæring" over hvor / hvordan / av hvem)."""
    titles = list(grid.headers)
    groups = [c.column.group for c in grid.columns] + ([""] * (len(titles) - len(grid.columns)))
    if not any(groups):
        row = table.add_row()
        for cell, title in zip(row.cells, titles):
            add_text(cell.paragraphs[0], title, bold=True)
        ooxml.repeat_as_header(row)
        ooxml.shade_row(row, theme.HEADER_FILL)
        return
    top_row, bottom_row = table.add_row(), table.add_row()
    top, bottom = top_row.cells, bottom_row.cells
    spans: list[tuple[int, int, str]] = []  # (first, last, group) of grouped columns
    for i, group in enumerate(groups):
        if not group:
            merged = top[i].merge(bottom[i])
            add_text(merged.paragraphs[0], titles[i], bold=True)
            merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            continue
        add_text(bottom[i].paragraphs[0], titles[i], bold=True)
        if spans and spans[-1][2] == group and spans[-1][1] == i - 1:
            spans[-1] = (spans[-1][0], i, group)
        else:
            spans.append((i, i, group))
    for first, last, group in spans:
        merged = top[first].merge(top[last]) if last > first else top[first]
        paragraph = merged.paragraphs[0]
        paragraph.alignment = _CENTER
        add_text(paragraph, group, bold=True)
    for row in (top_row, bottom_row):
        ooxml.repeat_as_header(row)
        ooxml.shade_row(row, theme.HEADER_FILL)


def write_grid(ctx: Context, block: Block, grid: Grid) -> None:
    widths = column_widths(block, grid, ctx.text_width)
    with new_table(ctx, widths) as table:
        header_rows(table, grid)
        _data_rows(ctx, table, grid, _column_kinds(block, grid))


def _data_rows(ctx: Context, table, grid: Grid, kinds: list[str]) -> None:
    rows = grid.rows
    if not rows and not ctx.blank:
        rows = [GridRow([""] * len(grid.headers))]  # an empty table still shows where answers go
    shown = len(grid.columns)
    for grid_row in rows:
        row = table.add_row()
        cells = row.cells
        if grid_row.group:
            merged = cells[0].merge(cells[-1])
            paragraph = merged.paragraphs[0]
            paragraph.paragraph_format.keep_with_next = True  # a group heading stays with its first row
            _label(paragraph, grid_row, bold=True)
            ooxml.shade_row(row, theme.GROUP_FILL)
            continue
        if ctx.blank:
            row.height = theme.HANDWRITING_ROW
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        if sum(map(len, grid_row.cells)) <= theme.KEEP_ROW_CHARS:
            ooxml.keep_row_together(row)  # a short row is not split over two pages; a long one must be
        for index, (cell, text, kind) in enumerate(zip(cells, grid_row.cells, kinds)):
            if kind == "label":
                _label(cell.paragraphs[0], grid_row)
            elif kind == "box":
                paragraph = cell.paragraphs[0]
                paragraph.alignment = _CENTER
                add_text(paragraph, text, size=theme.CHECKBOX_SIZE)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            elif kind == "yesno":  # one Ja/Nei column (1.2): both boxes, the answer ticked
                add_text(cell.paragraphs[0], yes_no_boxes(text))
            elif kind == "computed":  # the tone's colour and the column's symbol; the text says it in words too
                if text:
                    _computed(cell.paragraphs[0], grid_row, index - shown, text)
            elif kind in ("goal", "number"):
                if text:
                    paragraph = cell.paragraphs[0]
                    paragraph.alignment = _CENTER
                    add_text(paragraph, text)
                elif kind == "goal" and grid_row.view is not None and grid_row.view.row.hint:
                    add_text(cell.paragraphs[0], grid_row.view.row.hint, italic=True, color=theme.MUTED)
            elif text:
                add_text(cell.paragraphs[0], text)


def _column_kinds(block: Block, grid: Grid) -> list[str]:
    """How each displayed column is written: label, box (Ja | Nei), yesno (one column), goal (Mål), number, text."""
    kinds: list[str] = []
    goal_seen = False
    for shown in grid.columns:
        kinds.append(_kind(block, shown, goal_seen))
        goal_seen = goal_seen or kinds[-1] == "goal"
    kinds += ["computed"] * len(grid.computed)
    return kinds


def _kind(block: Block, shown: DisplayColumn, goal_seen: bool) -> str:
    if shown.column.type == LABEL:
        return "label"
    if shown.variant is not None:
        return "box"
    if shown.column.type == "yesno":
        return "yesno"
    if shown.column.type == "indicator":
        return "number" if goal_seen else "goal"  # the hint belongs in the first (Mål) column
    return "text"


def _computed(paragraph, grid_row: GridRow, column: int, text: str) -> None:
    paragraph.alignment = _CENTER
    tone = grid_row.tones[column] if column < len(grid_row.tones) else "neutral"
    mark = grid_row.marks[column] if column < len(grid_row.marks) else ""
    color = theme.TONE_COLORS.get(tone)
    add_text(paragraph, f"{mark} {text}" if mark else text, bold=bool(mark), color=color)


def yes_no_boxes(text: str) -> str:
    """'Ja' -> '☒ Ja   ☐ Nei'; '' -> '☐ Ja   ☐ Nei' (a handout: tick one)."""
    yes, no = (CHECKED if text == "Ja" else UNCHECKED), (CHECKED if text == "Nei" else UNCHECKED)
    return f"{yes}\u00a0Ja   {no}\u00a0Nei"


def _label(paragraph, grid_row: GridRow, *, bold: bool = False) -> None:
    """The label cell: "– " before sub-items, the template's prompt in italics."""
    if grid_row.indent:
        add_text(paragraph, "   " * (grid_row.indent - 1) + "– ", bold=bold)
    text = grid_row.cells[0] if grid_row.cells else ""
    view = grid_row.view
    if grid_row.italic_label and view is not None and view.row.prompt:
        fixed = view.row.label
        if fixed:
            add_text(paragraph, fixed + " ", bold=bold)
        add_text(paragraph, view.row.prompt, bold=bold, italic=True)
        return
    if text:
        add_text(paragraph, text, bold=bold)
