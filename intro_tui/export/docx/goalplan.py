"""The virksomhetsplan's goal plan, laid out as in IMDi's booklet (2008, p. 23).

The plan is stored as a table (Område | Delmål | Tiltak, one row per line of
the plan), but the booklet prints it as a document: each area as a bold
heading, then a two-column, nearly borderless table of "Delmål:" and
"Tiltak:" lines::

    Overgang til arbeid
    Delmål:  50 % av dem som avslutter introduksjonsprogram, går over i lønnet arbeid.
    Tiltak:  Det avholdes jobbsøkerkurs i enheten.

A row's Område starts a new area, its Delmål adds a "Delmål:" line, and
each line of its Tiltak a "Tiltak:" line of its own (the booklet repeats the
label for every measure).  A Delmål and its Tiltak lines are kept on one page.
A handout gets the booklet's three areas with empty lines.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from docx.shared import Cm, Pt

from ...core.model.template import Block, Section
from ..tables import block_grid, plan_areas
from . import ooxml, pagefill, theme
from .context import Context
from .grid_table import new_table
from .paragraphs import writing_line
from .text import add_text

LABEL_WIDTH = Cm(2.6)
HANDOUT_AREAS = 3  # the booklet's extract has three: Overgang til arbeid, … til utdanning, HMS for deltakere
HANDOUT_TILTAK_PER_AREA = 2


def write_goal_plan(ctx: Context, section: Section, block: Block) -> None:
    grid = block_grid(section, block, ctx.workshop, blank=ctx.blank)
    titles = {shown.column.id: shown.title for shown in grid.columns}
    if ctx.blank:
        _handout(ctx, titles, areas=HANDOUT_AREAS)
        return
    areas = plan_areas(grid, titles)
    if not areas:
        paragraph = ctx.document.add_paragraph()
        add_text(paragraph, "Ingen delmål eller tiltak er fylt inn ennå.", italic=True, color=theme.MUTED)
    for area, lines in areas:
        if area:
            _area_heading(ctx, area)
        if lines:
            with _plan_table(ctx) as table:
                tiltak = titles["tiltak"]
                for i, (label, text) in enumerate(lines):
                    row = table.add_row()
                    if len(text) <= theme.KEEP_ROW_CHARS:
                        ooxml.keep_row_together(row)
                    label_cell, text_cell = row.cells
                    add_text(label_cell.paragraphs[0], f"{label}:", bold=True)
                    add_text(text_cell.paragraphs[0], text)
                    if i + 1 < len(lines) and lines[i + 1][0] == tiltak:  # a Delmål stays with its Tiltak
                        for cell in (label_cell, text_cell):
                            cell.paragraphs[0].paragraph_format.keep_with_next = True
    ctx.document.add_paragraph().paragraph_format.space_after = Pt(4)


def _area_heading(ctx: Context, text: str) -> None:
    paragraph = ctx.document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(4)
    paragraph.paragraph_format.keep_with_next = True
    add_text(paragraph, text, bold=True)
    ctx.wrote()


@contextmanager
def _plan_table(ctx: Context) -> Iterator:
    """Two columns, no frame, a thin line between rows: the booklet's Delmål / Tiltak lines."""
    width = ctx.text_width
    with new_table(ctx, [int(LABEL_WIDTH), int(width) - int(LABEL_WIDTH)]) as table:
        ooxml.set_table_borders(table, inside_h="single", bottom="single" if ctx.blank else None,
                                color=theme.BORDER_COLOR)
        yield table


def _handout(ctx: Context, titles: dict[str, str], areas: int) -> None:
    for _ in range(areas):
        paragraph = ctx.document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(14)
        paragraph.paragraph_format.keep_with_next = True
        add_text(paragraph, f"{titles['omrade']}: ", bold=True)
        writing_line(paragraph, ctx.text_width)
        with _plan_table(ctx) as table:
            for label in [titles["delmal"]] + [titles["tiltak"]] * HANDOUT_TILTAK_PER_AREA:
                row = table.add_row()
                pagefill.want_room(ctx, row, theme.HAND_LINES_TEXT * theme.HAND_LINE + theme.HAND_PAD,
                                   theme.HAND_LINES_TEXT)
                add_text(row.cells[0].paragraphs[0], f"{label}:", bold=True)
    ctx.document.add_paragraph().paragraph_format.space_after = Pt(4)
