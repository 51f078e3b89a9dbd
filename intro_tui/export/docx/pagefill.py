"""Blank handouts fill their pages: rows that ask for handwriting share what a page leaves free.

A blank section used to end half-way down its page with every row one line
high.  Here each region that ends a page (a section; the part of 6.2 before
its landscape plan) is laid out on paper in advance, roughly - paragraphs and
table rows measured in Calibri's widths (``metrics``), rows not split over
pages, header rows repeated - and the writing rows registered while it was
written (:func:`want_room`) get the largest extra height that keeps the
region on as many pages as it needs anyway, in proportion to what each asks.

The estimate errs on the roomy side and a margin is kept free at the bottom
of the last page: a row pushed onto a page of its own would be worse than a
little white space.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Emu, Pt
from docx.table import Table

from . import metrics, ooxml, theme
from .context import Context

LINE = 1.22  # Calibri's line height in ems (ascent + descent)
SAFETY = Pt(42).pt  # kept free at the bottom of a region's last page (Word lays out a little apart from LibreOffice)
ROW_EXTRA = Pt(1.5).pt  # cell borders and rounding, per row
MAX_EXTRA_LINES = 4  # per line a row asks for: one lone writing row does not swallow half a page
# The paragraph styles as ``document._styles`` and the defaults make them (keep the two in step).
_STYLES: dict[str, tuple[float, float, float, float]] = {  # by style id: size, before, after, line factor
    "Heading1": (20, 0, 6, 1.05), "Heading2": (14, 0, 8, 1.05), "Heading3": (11.5, 10, 4, 1.05),
    "Title": (20, 0, 4, 1.05), "BodyText": (10.5, 0, 6, 1.05), "Punkt1": (10.5, 0, 3, 1.05),
    "Punkt2": (10.5, 0, 3, 1.05),
}
_HANGING = {"Punkt1": 21.3, "Punkt2": 42.5}  # the list styles' text indent, points
_DEFAULT = (theme.BODY_SIZE.pt, 0.0, 4.0, 1.05)
_CELL = (theme.TABLE_SIZE.pt, 2.0, 2.0, 1.0)


@dataclass
class Region:
    """Where the current page region starts in the body, and the rows that want room in it."""

    start: int = 0
    rows: list[tuple[Any, int, float]] = field(default_factory=list)  # (python-docx row, base height EMU, weight)


def start(ctx: Context) -> None:
    """A page region begins: from the top of the current page (``ctx.page_first``)."""
    ctx.region = Region(start=ctx.page_first)


def want_room(ctx: Context, row, base, weight: float) -> None:
    """Register a writing row: at least ``base`` high, and a ``weight`` share of what the page leaves."""
    row.height = Emu(int(base))
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    if ctx.region is not None and weight > 0:
        ctx.region.rows.append((row, int(base), weight))


def fill(ctx: Context) -> None:
    """Stretch the region's writing rows so it fills its last page; then the region is closed."""
    region, ctx.region = ctx.region, None
    if region is None or not region.rows:
        return
    section = ctx.document.sections[-1]
    page = Emu(section.page_height - section.top_margin - section.bottom_margin).pt  # pyright: ignore[reportOperatorIssue, reportOptionalOperand]
    width = ctx.text_width.pt
    items = list(ctx.document.iter_inner_content())[region.start:]
    boxes = _boxes(items, width)
    weights = {id(row._tr): (base, weight) for row, base, weight in region.rows}
    count, _ = _layout(boxes, weights, 0.0, page)
    low, high = 0.0, MAX_EXTRA_LINES * theme.HAND_LINE.pt
    for _ in range(20):  # the largest extra per unit of weight that keeps the page count and the margin
        middle = (low + high) / 2
        pages, last = _layout(boxes, weights, middle, page)
        if pages == count and last <= page - SAFETY:
            low = middle
        else:
            high = middle
    for row, base, weight in region.rows:
        row.height = Emu(int(base + Pt(low * weight)))


# -- the rough layout ------------------------------------------------------------------------------


@dataclass
class _Box:
    height: float  # points; for a row, its content
    new_page: bool = False
    row_id: int | None = None  # a table row that may be stretched (id of its w:tr)
    repeat: float = 0.0  # for a table row: its table's header rows, repeated at the top of a new page
    table_start: bool = False  # a table's first row (no header above it yet)


def _boxes(items: list, width: float) -> list[_Box]:
    boxes: list[_Box] = []
    for item in items:
        if isinstance(item, Table):
            boxes += _table_boxes(item)
        else:
            boxes.append(_Box(_paragraph_height(item, width), new_page=bool(item.paragraph_format.page_break_before)))
    return boxes


def _table_boxes(table: Table) -> list[_Box]:
    """One box per row; rows after the header carry its height, repeated at the top of a new page."""
    columns = [Emu(c.width or 0).pt for c in table.columns]
    boxes: list[_Box] = []
    header, in_header = 0.0, True
    for i, row in enumerate(table.rows):
        content, at, seen = 0.0, 0, set()
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell comes once per column it spans
                continue
            seen.add(cell._tc)
            span = cell.grid_span
            cell_width = sum(columns[at:at + span]) - theme.CELL_PADDING.pt
            at += span
            content = max(content, sum(_paragraph_height(p, cell_width, _CELL) for p in cell.paragraphs))
        height = max(content, Emu(row.height or 0).pt) + ROW_EXTRA
        in_header = in_header and ooxml.is_header_row(row)
        if in_header:
            header += height
        boxes.append(_Box(height, row_id=id(row._tr), table_start=i == 0))
    for box in boxes:
        box.repeat = header
    return boxes


def _paragraph_height(paragraph, width: float, defaults: tuple[float, float, float, float] | None = None) -> float:
    style = "" if defaults else (ooxml.style_id_of(paragraph) or "")
    size, before, after, factor = defaults or _STYLES.get(style, _DEFAULT)
    fmt = paragraph.paragraph_format
    before = fmt.space_before.pt if fmt.space_before is not None else before
    after = fmt.space_after.pt if fmt.space_after is not None else after
    indent = fmt.left_indent.pt if fmt.left_indent is not None else _HANGING.get(style, 0.0)
    sizes = [run.font.size.pt for run in paragraph.runs if run.font.size is not None]
    size = max(sizes + [size])
    bold = any(run.bold for run in paragraph.runs)
    lines = metrics.line_count(paragraph.text.replace("\t", "    "), max(width - indent, 20.0), size, bold=bold)
    return lines * size * LINE * factor + before + after


def _layout(boxes: list[_Box], weights: dict[int, tuple[int, float]], extra: float, page: float) -> tuple[int, float]:
    """(pages, height used on the last page) with ``extra`` points per unit of weight added to writing rows."""
    pages, used = 1, 0.0
    for box in boxes:
        height = box.height
        if box.row_id is not None and box.row_id in weights:
            base, weight = weights[box.row_id]
            height = max(height, Emu(base).pt + extra * weight + ROW_EXTRA)
        if box.new_page and used > 0:
            pages, used = pages + 1, 0.0
        if used + height > page and used > 0:
            pages, used = pages + 1, (box.repeat if box.row_id is not None and not box.table_start else 0.0)
        used += height
    return pages, used
