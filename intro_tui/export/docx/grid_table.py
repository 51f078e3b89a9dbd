"""A :class:`~intro_tui.export.tables.Grid` as a Word table.

What goes in the cells is decided by ``tables.block_grid`` (shared with the
markdown writer and ``show``); this module decides how it looks: column
widths, a bold shaded header row repeated on every page (two header rows when
columns carry a ``group``), shaded group rows merged across the table,
☒ / ☐ centred in narrow Ja / Nei columns, prompts in italics, sub-items with
"– ", the indicator hint in the Mål cell, tall empty rows in a handout.

Rows are built with ``table.add_row().cells`` - never ``table.cell(r, c)``,
which walks the whole table on every call (quadratic in the rows).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Pt

from ...core.model.column_types import column_type
from ...core.model.layout import DisplayColumn
from ...core.model.template import LABEL, Block
from ...core.text_fit import short_names
from ...core.model.presenter import Cell
from ..tables import Grid, GridRow, with_short_names
from . import metrics, ooxml, pagefill, theme
from .context import Context
from .paragraphs import body
from .text import add_text

TABLE_STYLE = "Intro Tabell"
CHECKED, UNCHECKED = "\u2612", "\u2610"  # ☒ ☐
_CENTER = WD_ALIGN_PARAGRAPH.CENTER


def column_widths(block: Block, grid: Grid, total: int, *, measure_only: bool = False) -> list[int]:
    """Fixed widths for checkbox and number columns; the rest shared by weight (labels get more).

    No column is made narrower than its widest word (header or cell, measured
    in Calibri's own widths), so "Voksenopplæringen" in a role column is not
    broken in the middle; only when the words cannot all fit do the floors
    shrink alike.
    """
    preset_labels = any(row.label for row in block.rows)
    fixed: list[int | None] = []
    weights: list[float] = []
    for shown in grid.columns:
        kind = shown.column.type
        if shown.variant is not None:
            fixed.append(int(theme.CHECKBOX_WIDTH))
        elif (centimetres := column_type(shown.column).word_width) is not None:
            fixed.append(int(Cm(centimetres)))  # the type's own width: a Mål / Resultat
        else:
            fixed.append(None)
        if kind == LABEL:
            weights.append(theme.WEIGHT_LABEL if preset_labels else theme.WEIGHT_TEXT)
        elif column_type(shown.column).units:
            weights.append(theme.WEIGHT_ROLES)
        else:  # a multi-line answer (Svar, Hva er situasjonen?) gets more than a short one
            weights.append(theme.WEIGHT_LONG_TEXT if shown.column.multiline else theme.WEIGHT_TEXT)
    for _ in grid.computed:
        fixed.append(int(theme.DEVIATION_WIDTH))
        weights.append(0)
    floors = _word_floors(grid, len(fixed), total)
    fixed = _fit_fixed(fixed, floors, total)
    rest = max(total - sum(w for w in fixed if w is not None), 0)
    free = [i for i, w in enumerate(fixed) if w is None]
    floor_sum = sum(floors[i] for i in free)
    if floor_sum > rest:  # too many long words to honour them all: shrink every floor alike
        if measure_only:
            return []
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
    return [int(w or 0) for w in widths]  # every free column was given its width above


def words_fit(block: Block, grid: Grid, total: int) -> bool:
    """Whether every column can be as wide as its widest word (no word would be broken)."""
    return bool(column_widths(block, grid, total, measure_only=True)) or not grid.columns


def _fit_fixed(fixed: list[int | None], floors: list[int], total: int) -> list[int | None]:
    """Many value and computed columns (Mål, grense, Resultat, Avvik, Status, …) shrink, never below their words."""
    taken = sum(w for w in fixed if w is not None)
    limit = total * theme.MAX_FIXED_SHARE
    if taken <= limit:
        return fixed
    scale = limit / taken
    return [None if w is None else max(int(w * scale), floors[i]) for i, w in enumerate(fixed)]


def _word_floors(grid: Grid, count: int, total: int) -> list[int]:
    """Per column, the width its widest word needs in Calibri (header words bold), cell margins included.

    Capped at a share of the table, so one long address cannot take it all.
    """
    size = theme.TABLE_SIZE.pt
    widest = [0.0] * count
    for i, title in enumerate(grid.headers[:count]):
        widest[i] = metrics.longest_word(title, size, bold=True)
    for row in grid.rows:
        if row.group:
            continue
        for i, text in enumerate(row.texts[:count]):
            if text:
                widest[i] = max(widest[i], metrics.longest_word(text, size))
    cap = int(total * theme.MAX_WORD_SHARE)
    return [min(int(Pt(w + theme.WORD_SLACK_PT)) + int(theme.CELL_PADDING), cap) for w in widest]


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


def header_rows(table, grid: Grid) -> bool:
    """One header row, or two when columns are grouped ("Opplæring" over hvor / hvordan / av hvem).

    With two rows, the label column's lower cell holds the first row when it
    is a "skriv inn" row, as 6.2 of the original has "Oppgaver" over "Fase 1
    (fag) *skriv inn hva som skal læres*" beside hvor / hvordan.  Returns
    whether that row went into the header.
    """
    titles = list(grid.headers)
    italics = [c.column.title_italic if c.variant is None else "" for c in grid.columns]
    italics += [""] * (len(titles) - len(italics))
    groups = [c.column.group for c in grid.columns] + ([""] * (len(titles) - len(grid.columns)))
    if not any(groups):
        row = table.add_row()
        for cell, title, italic in zip(row.cells, titles, italics):
            _header_title(cell.paragraphs[0], title, italic)
        ooxml.repeat_as_header(row)
        ooxml.shade_row(row, theme.HEADER_FILL)
        return False
    top_row, bottom_row = table.add_row(), table.add_row()
    top, bottom = top_row.cells, bottom_row.cells
    lifted = lifts_first_row(grid)
    spans: list[tuple[int, int, str]] = []  # (first, last, group) of grouped columns
    for i, group in enumerate(groups):
        if not group:
            if i == 0 and lifted:
                _header_title(top[0].paragraphs[0], titles[0], italics[0])
                _header_label(bottom[0].paragraphs[0], grid.rows[0])
                continue
            merged = top[i].merge(bottom[i])
            _header_title(merged.paragraphs[0], titles[i], italics[i])
            merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
            continue
        _header_title(bottom[i].paragraphs[0], titles[i], italics[i])
        if spans and spans[-1][2] == group and spans[-1][1] == i - 1:
            spans[-1] = (spans[-1][0], i, group)
        else:
            spans.append((i, i, group))
    for first, last, group in spans:
        merged = top[first].merge(top[last]) if last > first else top[first]
        paragraph = merged.paragraphs[0]
        paragraph.alignment = _CENTER
        _header_title(paragraph, group, "")
    for row in (top_row, bottom_row):
        ooxml.repeat_as_header(row)
        ooxml.shade_row(row, theme.HEADER_FILL)
    return lifted


def lifts_first_row(grid: Grid) -> bool:
    """A grouped header whose label column has no group takes a first "skriv inn" row under its title."""
    if not grid.rows or not grid.columns or grid.columns[0].column.type != LABEL or grid.columns[0].column.group:
        return False
    first = grid.rows[0]
    view = first.view
    return (view is not None and not view.user and not first.group and not first.indent
            and bool(view.row.prompt))


def _header_title(paragraph, title: str, italic: str) -> None:
    """A header cell: bold white text, the part the original sets in italics italic and not bold."""
    at = title.find(italic) if italic else -1
    if at < 0:
        add_text(paragraph, title, bold=True, color=theme.HEADER_TEXT)
        return
    for text, slanted in ((title[:at], False), (italic, True), (title[at + len(italic):], False)):
        if text:
            add_text(paragraph, text, bold=not slanted, italic=slanted, color=theme.HEADER_TEXT)


def _header_label(paragraph, grid_row: GridRow) -> None:
    """The template's own label and prompt of a row lifted into the header (what was written stays in the row)."""
    assert grid_row.view is not None, "a header label comes from a row of the template"
    row = grid_row.view.row
    if row.label:
        add_text(paragraph, row.label + " ", bold=True, color=theme.HEADER_TEXT)
    add_text(paragraph, row.prompt, italic=True, color=theme.HEADER_TEXT)


def write_grid(ctx: Context, block: Block, grid: Grid) -> None:
    """The table; role cells take the units' short names (and a legend follows) when full names cannot fit."""
    note = ""
    if ctx.workshop.units and not ctx.blank and not words_fit(block, grid, ctx.text_width):
        grid, note = with_short_names(grid, short_names(ctx.workshop.units))
    widths = column_widths(block, grid, ctx.text_width)
    with new_table(ctx, widths) as table:
        lifted = header_rows(table, grid)
        _data_rows(ctx, table, grid, _column_kinds(block, grid), lifted)
    if note:  # "FT = Flyktningtjenesten · VO = Voksenopplæringen", as under the table on screen
        body(ctx, note, italic=True)


def _data_rows(ctx: Context, table, grid: Grid, kinds: list[str], lifted: bool = False) -> None:
    rows = grid.rows
    if lifted and rows[0].italic_label and not any(text.strip() for text in rows[0].texts[1:]):
        rows = rows[1:]  # the header shows it, and nothing was written in it
    if not rows and not ctx.blank:
        rows = [GridRow([Cell() for _ in grid.headers])]  # an empty table still shows where answers go
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
            lines = asked_lines(grid, grid_row, kinds)
            if lines:  # a row that asks only for counts keeps one line: it is not stretched to fill the page
                weight = lines if _stretches(grid_row, kinds) else 0
                pagefill.want_room(ctx, row, lines * theme.HAND_LINE + theme.HAND_PAD, weight)
        if sum(map(len, grid_row.texts)) <= theme.KEEP_ROW_CHARS:
            ooxml.keep_row_together(row)  # a short row is not split over two pages; a long one must be
        for cell, shown_cell, kind in zip(cells, grid_row.cells, kinds):
            text = shown_cell.text
            if kind == "label":
                _label(cell.paragraphs[0], grid_row)
            elif kind == "box":
                paragraph = cell.paragraphs[0]
                paragraph.alignment = _CENTER
                add_text(paragraph, text, size=theme.CHECKBOX_SIZE)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            elif kind == "yesno":  # one Ja/Nei column (1.2): both boxes, the answer ticked
                add_text(cell.paragraphs[0], yes_no_boxes(text) if text in ("", "Ja", "Nei") else text)
            elif kind == "computed":  # the tone's colour and the column's symbol; the text says it in words too
                if text:
                    _computed(cell.paragraphs[0], shown_cell)
            elif kind in ("goal", "number", "count"):
                if text:
                    paragraph = cell.paragraphs[0]
                    paragraph.alignment = _CENTER
                    add_text(paragraph, text)
                elif shown_cell.hint:  # the template's hint under Mål
                    add_text(cell.paragraphs[0], shown_cell.hint, italic=True, color=theme.MUTED)
            elif text:
                add_text(cell.paragraphs[0], text)


def asked_lines(grid: Grid, grid_row: GridRow, kinds: list[str]) -> int:
    """Lines of handwriting a blank row asks for: the most any of its empty cells needs.

    A multi-line answer (Forslag, Beskrivelse) several, a short text or unit
    names two, a tick, a figure or a label to write in one; a cell the
    template fills in (6.2's Ansvar for) none.
    """
    lines = 0
    for shown, text, kind in zip(grid.columns, grid_row.texts, kinds):
        if kind == "label":
            wanted = theme.HAND_LINES_MARK if grid_row.view is None or grid_row.italic_label else 0
        elif kind in ("box", "yesno", "goal", "number", "count"):
            wanted = theme.HAND_LINES_MARK
        elif text.strip():
            wanted = 0
        else:
            wanted = theme.HAND_LINES_LONG if shown.column.multiline else theme.HAND_LINES_TEXT
        lines = max(lines, wanted)
    return lines


def _stretches(grid_row: GridRow, kinds: list[str]) -> bool:
    """Whether a blank row may grow to fill its page: not when all it asks for is a count (a NIR code's number)."""
    asked = [kind for text, kind in zip(grid_row.texts, kinds)
             if kind not in ("label", "computed") and not (kind == "text" and text.strip())]
    if kinds and kinds[0] == "label" and (grid_row.view is None or grid_row.italic_label):
        asked.append("label")  # a label to write in
    return any(kind != "count" for kind in asked)


def _column_kinds(block: Block, grid: Grid) -> list[str]:
    """How each displayed column is written: label, box (Ja | Nei), yesno (one column), goal (Mål), number, count, text."""
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
    form = column_type(shown.column).word_form  # yesno, count (one figure, one line in a handout), text
    if form == "indicator":
        return "number" if goal_seen else "goal"  # the hint belongs in the first (Mål) column
    return form


def _computed(paragraph, cell: Cell) -> None:
    """A computed value in its tone's colour, its symbol before it (bold when it has one)."""
    paragraph.alignment = _CENTER
    add_text(paragraph, cell.marked, bold=bool(cell.mark), color=theme.TONE_COLORS.get(cell.tone))


def yes_no_boxes(text: str) -> str:
    """'Ja' -> '☒ Ja   ☐ Nei'; '' -> '☐ Ja   ☐ Nei' (a handout: tick one)."""
    yes, no = (CHECKED if text == "Ja" else UNCHECKED), (CHECKED if text == "Nei" else UNCHECKED)
    return f"{yes}\u00a0Ja   {no}\u00a0Nei"


def _label(paragraph, grid_row: GridRow, *, bold: bool = False) -> None:
    """The label cell: the row's list mark if the original prints one ("–", "▪"), the prompt in italics.

    A sub-item gets no mark of its own: 5.1's "1. Vi setter kompetansemål"
    is numbered already, and 4.3's or 6.1's rows have none in the original.
    """
    view = grid_row.view
    if view is not None and view.row.marker:
        add_text(paragraph, view.row.marker + " ", bold=bold)
    label = grid_row.cells[0] if grid_row.cells else Cell()
    text = label.text
    if label.prompt:
        if label.lead:
            add_text(paragraph, label.lead + " ", bold=bold)
        add_text(paragraph, label.prompt_part, bold=bold, italic=True)
        return
    if text:
        add_text(paragraph, text, bold=bold)
