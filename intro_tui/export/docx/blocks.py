"""One writer per kind of block: table-shaped kinds, fields, list, link.

``table``, ``checklist``, ``roles`` and ``indicators`` are all grids (see
``tables.block_grid``) and share :func:`grid_table.write_grid`; their
differences (Ja/Nei boxes, hints, the Avvik column) are in the grid and the
column types.  The virksomhetsplan's goal plan is a table read differently
(``goalplan``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from docx.shared import Pt

from ...core.model.column_types import format_cell
from ...core.model.kinds import kind
from ...core.model.layout import block_rows
from ...core.model.template import Block, Section
from ..tables import block_grid
from . import chart, goalplan, ooxml, ooxml_document, pagefill, theme
from .context import Context
from .grid_table import new_table, write_grid
from .paragraphs import item, writing_line
from .text import add_text, clean

SAFE_SCHEMES = ("http", "https", "mailto")


def write_block(ctx: Context, section: Section, block: Block) -> None:
    if block.title:
        _block_title(ctx, block)
    WRITERS.get(block.kind, write_table)(ctx, section, block)


def write_table(ctx: Context, section: Section, block: Block) -> None:
    """Every kind without a layout of its own: a Word table of the block's grid (then a kind's extra, the chart)."""
    write_grid(ctx, block, block_grid(section, block, ctx.workshop, blank=ctx.blank))
    _after_table(ctx)
    if kind(block).chart:
        chart.write_chart(ctx, section, block)


def _block_title(ctx: Context, block: Block) -> None:
    paragraph = ctx.document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(10)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.keep_with_next = True
    add_text(paragraph, block.title, bold=True)
    if block.title_prompt:
        add_text(paragraph, " ")
        add_text(paragraph, block.title_prompt, italic=True)
    ctx.wrote()


def _after_table(ctx: Context) -> None:
    """A little air below a table (Word glues a following table to it otherwise)."""
    ctx.document.add_paragraph().paragraph_format.space_after = Pt(4)


# -- link -----------------------------------------------------------------------------


def safe_url(url: str) -> str | None:
    """A URL we may make clickable: http(s) or mailto, no spaces or control characters."""
    url = clean(url).strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in SAFE_SCHEMES else None


def write_link(ctx: Context, section: Section, block: Block) -> None:
    """The kjøreplan: a clickable line, the url_intro line, then the address itself, linked."""
    views = block_rows(section, block, None if ctx.blank else ctx.workshop)
    address_column = next((c for c in block.columns if c.type != "label"), None)
    url = block.url
    if views and address_column is not None and not ctx.blank:
        url = format_cell(address_column, views[0].row, views[0].value(ctx.workshop, address_column)) or block.url
    target = safe_url(url)
    text = block.link_text or (views[0].row.label if views else "") or url
    paragraph = ctx.document.add_paragraph()
    if target:
        ooxml_document.add_hyperlink(paragraph, target, clean(text))
    else:
        add_text(paragraph, text)
    if block.url_intro:
        intro = ctx.document.add_paragraph()
        add_text(intro, block.url_intro)
    if url:
        address = ctx.document.add_paragraph()
        if target:
            ooxml_document.add_hyperlink(address, target, clean(url))
        else:
            add_text(address, url)
    ctx.wrote()


# -- fields ----------------------------------------------------------------------------


def write_fields(ctx: Context, section: Section, block: Block) -> None:
    """Filled: "Label: value" lines.  Handout: a two-column table with room to write."""
    value_column = next((c for c in block.columns if c.type != "label"), None)
    views = block_rows(section, block, None if ctx.blank else ctx.workshop)
    if ctx.blank:
        width = ctx.text_width
        label_width = int(width * theme.FIELD_LABEL_SHARE)
        with new_table(ctx, [label_width, int(width) - label_width]) as table:
            for i, view in enumerate(views):
                row = table.add_row()
                pagefill.want_room(ctx, row, theme.HAND_LINES_MARK * theme.HAND_LINE + theme.HAND_PAD,
                                   theme.HAND_LINES_MARK)
                label_cell, value_cell = row.cells
                label = label_cell.paragraphs[0]
                label.paragraph_format.keep_with_next = i < len(views) - 1  # the fields stay on one page
                _field_label(label, view.row.label, view.row.prompt)
                ooxml.shade_cell(label_cell, theme.LABEL_FILL)
                default = view.row.default(value_column.id) if value_column is not None else ""
                if default:
                    add_text(value_cell.paragraphs[0], default)
        _after_table(ctx)
        return
    for view in views:
        value = format_cell(value_column, view.row, view.value(ctx.workshop, value_column)) if value_column else ""
        paragraph = ctx.document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(6)
        label = view.row.label
        add_text(paragraph, label if label.endswith(":") else f"{label}:", bold=True)
        add_text(paragraph, " ")
        if value:
            add_text(paragraph, value)
        elif view.row.prompt:
            add_text(paragraph, view.row.prompt, italic=True, color=theme.MUTED)
            writing_line(paragraph, ctx.text_width)
        else:
            writing_line(paragraph, ctx.text_width)
    ctx.wrote()


def _field_label(paragraph, label: str, prompt: str) -> None:
    add_text(paragraph, label, bold=True)
    if prompt:
        add_text(paragraph, " (")
        add_text(paragraph, prompt, italic=True)
        add_text(paragraph, ")")


# -- list ----------------------------------------------------------------------------------


def write_list(ctx: Context, section: Section, block: Block) -> None:
    """Free lines as bullets; empty lines are left out, a handout gets dotted lines to write on."""
    column = block.columns[0]
    views = block_rows(section, block, None if ctx.blank else ctx.workshop)
    values = [] if ctx.blank else [format_cell(column, v.row, v.value(ctx.workshop, column)) for v in views]
    values = [v for v in values if v.strip()]
    if values:
        for value in values:
            item(ctx, value)
        return
    for _ in range(max(len(views), 1) if ctx.blank else 1):
        paragraph = item(ctx, "")
        paragraph.paragraph_format.space_after = Pt(10)
        writing_line(paragraph, ctx.text_width)



#: Kinds with a layout of their own; the rest are written as tables.
WRITERS = {
    "link": write_link,
    "fields": write_fields,
    "list": write_list,
    "goal-plan": goalplan.write_goal_plan,
}
