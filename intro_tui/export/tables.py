"""A block as a grid of plain strings: the shared core of ``show``, markdown and docx.

Each writer decides how a grid looks (tabulate grid, GitHub table, Word
table); what goes into the cells is decided once, here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.layout import DisplayColumn, RowView, block_rows, display_columns
from ..model.template import LABEL, Block, Section
from ..model.values import deviation, format_deviation
from ..model.workshop import Workshop

DEVIATION_TITLE = "Avvik"


@dataclass
class GridRow:
    cells: list[str]
    view: RowView | None = None  # None for the empty rows a blank handout adds
    group: bool = False
    indent: int = 0
    italic_label: bool = False  # the label cell shows a template prompt ("skriv inn")


@dataclass
class Grid:
    columns: list[DisplayColumn]
    headers: list[str]
    rows: list[GridRow] = field(default_factory=list)
    deviation: bool = False


def has_values(block: Block, section: Section, workshop: Workshop) -> bool:
    return any(
        key[0] == section.id and key[1] == block.id and value not in (None, "")
        for key, value in workshop.cells.items()
    )


def block_grid(section: Section, block: Block, workshop: Workshop, *, blank: bool = False,
               with_deviation: bool | None = None) -> Grid:
    """The block's rows as strings; ``blank`` leaves every answer empty for a handout."""
    columns = display_columns(block)
    show_deviation = (block.kind == "indicators" and not blank
                      and (with_deviation if with_deviation is not None else has_values(block, section, workshop)))
    grid = Grid(columns, [c.title for c in columns], deviation=show_deviation)
    if show_deviation:
        grid.headers.append(DEVIATION_TITLE)
    source = None if blank else workshop
    views = block_rows(section, block, source)
    for view in views:
        cells = []
        for shown in columns:
            if shown.column.type == LABEL:
                cells.append(view.label(source))
            elif view.group:
                cells.append("")
            elif blank:
                cells.append("☐" if shown.variant else view.row.default(shown.column.id))
            else:
                cells.append(view.text(workshop, shown))
        if show_deviation:
            goal = view.value(workshop, block.column("mal")) if _has(block, "mal") else None
            result = view.value(workshop, block.column("resultat")) if _has(block, "resultat") else None
            cells.append("" if view.group else format_deviation(view.row, deviation(view.row, goal, result)))
        italic = view.label_editable and bool(view.row.prompt) and not (source and view.written_label(source))
        grid.rows.append(GridRow(cells, view, view.group, view.row.indent, italic))
    if blank:
        for _ in range(block.blank_rows):
            grid.rows.append(GridRow(["☐" if c.variant else "" for c in columns]))
    return grid


def _has(block: Block, column_id: str) -> bool:
    return any(c.id == column_id for c in block.columns)


def indent_label(text: str, indent: int) -> str:
    """Sub-items read as in the seeds: '– Vi kan stille med kontaktperson'."""
    return ("   " * (indent - 1) + "– " + text) if indent else text
