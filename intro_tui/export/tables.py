"""A block as a grid of plain strings: the shared core of ``show``, markdown and docx.

Each writer decides how a grid looks (tabulate grid, GitHub table, Word
table); what goes into the cells is decided once, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.model.column_types import column_type
from ..core.model.kinds import ComputedColumn, Tone, computed_columns, computed_values
from ..core.model.layout import DisplayColumn, RowView, block_rows, display_columns
from ..core.model.template import LABEL, Block, Section
from ..core.model.workshop import Workshop
from ..core.text_fit import legend, shorten_units


@dataclass
class GridRow:
    cells: list[str]
    view: RowView | None = None  # None for the empty rows a blank handout adds
    group: bool = False
    indent: int = 0
    italic_label: bool = False  # the label cell shows a template prompt ("skriv inn")
    tones: list[Tone] = field(default_factory=list)  # one per computed column
    marks: list[str] = field(default_factory=list)  # one per computed column: a symbol ("✓") or ""


@dataclass
class Grid:
    columns: list[DisplayColumn]
    headers: list[str]
    rows: list[GridRow] = field(default_factory=list)
    #: The kind's computed columns shown after the block's own (the deviation).
    computed: tuple[ComputedColumn, ...] = ()


def has_values(block: Block, section: Section, workshop: Workshop) -> bool:
    return any(
        key[0] == section.id and key[1] == block.id and value not in (None, "")
        for key, value in workshop.cells.items()
    )


def holds_column(section: Section, block: Block, column_id: str, workshop: Workshop) -> bool:
    return any(key[0] == section.id and key[1] == block.id and key[3] == column_id and value not in (None, "")
               for key, value in workshop.cells.items())


def has_derived(section: Section, block: Block, workshop: Workshop) -> bool:
    """Whether the kind derives something for a row here (a NIR share, last year's result)."""
    if not workshop.history and not any(row.nir for row in block.rows):
        return False
    own = {column.id for column in block.columns}
    return any(value is not None for view in block_rows(section, block, workshop)
               for key, value in view.values(workshop).items() if key not in own)


def block_grid(section: Section, block: Block, workshop: Workshop, *, blank: bool = False,
               with_computed: bool | None = None) -> Grid:
    """The block's rows as strings; ``blank`` leaves every answer empty for a handout.

    A kind's optional column (Nedre grense) is shown only when the block holds a
    value in it, so IMDi's blank form stays as IMDi made it.
    """
    columns = [c for c in display_columns(block)
               if not c.column.optional or holds_column(section, block, c.column.id, workshop)]
    computed = computed_columns(block, workshop)
    if blank or not (with_computed if with_computed is not None
                     else has_values(block, section, workshop) or has_derived(section, block, workshop)):
        computed = ()
    grid = Grid(columns, [c.title for c in columns] + [c.title for c in computed], computed=computed)
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
        tones: list[Tone] = []
        marks: list[str] = []
        if computed:
            for column, value in computed_values(block, view.row, view.values(workshop), computed):
                cells.append("" if value is None else column.format(view.row, value))
                tones.append(column.tone(view.row, value))
                marks.append(column.mark(view.row, value) if column.mark and value is not None else "")
        italic = view.label_editable and bool(view.row.prompt) and not (source and view.written_label(source))
        grid.rows.append(GridRow(cells, view, view.group, view.row.indent, italic, tones, marks))
    if blank:
        for _ in range(block.blank_rows):
            grid.rows.append(GridRow(["☐" if c.variant else "" for c in columns]))
    return grid


def with_short_names(grid: Grid, names: dict[str, str]) -> tuple[Grid, str]:
    """The grid with role cells naming units by their short names, and the legend line for them ("" if none)."""
    roles = [i for i, shown in enumerate(grid.columns) if column_type(shown.column).units]
    if not roles or not names:
        return grid, ""
    used = [row.cells[i] for row in grid.rows for i in roles if not row.group and row.cells[i]]
    rows = [GridRow([shorten_units(c, names) if i in roles and not row.group else c for i, c in enumerate(row.cells)],
                    row.view, row.group, row.indent, row.italic_label, row.tones, row.marks) for row in grid.rows]
    return Grid(grid.columns, grid.headers, rows, grid.computed), legend(names, used)


#: The goal plan's columns (kind ``goal-plan``), in the order a plan line reads.
PLAN_COLUMNS = ("omrade", "delmal", "tiltak")
#: A list mark at the start of a Tiltak line ("- ", "•", "2.").
_LIST_MARK = re.compile(r"^\s*(?:[-–•▪*]|\d+[.)])\s+")


def plan_areas(grid: Grid, titles: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """[(Område, [("Delmål", text), ("Tiltak", text), …]), …] in row order.

    An Område opens a new area unless it repeats the current one (a second
    Delmål of "HMS for deltakere" stays under the one heading, as in the booklet),
    and a Delmål that repeats the one just printed (one row per Tiltak, each
    with its Delmål typed again) is not printed again: the booklet says it once.
    """
    index = {shown.column.id: i for i, shown in enumerate(grid.columns)}
    areas: list[tuple[str, list[tuple[str, str]]]] = []
    for grid_row in grid.rows:
        area, goal, action = (_text_or_empty(grid_row.cells[index[c]]) for c in PLAN_COLUMNS)
        if (area and (not areas or area.casefold() != areas[-1][0].casefold())) or not areas:
            if not (area or goal or action):
                continue
            areas.append((area, []))
        if goal and _words(goal) != _last_goal(areas[-1][1], titles["delmal"]):
            areas[-1][1].append((titles["delmal"], goal))
        for measure in measures(action):
            areas[-1][1].append((titles["tiltak"], measure))
    return areas


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _last_goal(lines: list[tuple[str, str]], label: str) -> str:
    """The area's latest Delmål, in words ("" if none yet)."""
    return next((_words(text) for name, text in reversed(lines) if name == label), "")


def measures(text: str) -> list[str]:
    """The Tiltak of one cell, one per line, list marks ("- ", "•", "2.") taken off."""
    return [_LIST_MARK.sub("", line).strip() for line in text.splitlines() if _LIST_MARK.sub("", line).strip()]


def _text_or_empty(text: str) -> str:
    return text if text.strip() else ""


def indent_label(text: str, indent: int) -> str:
    """Sub-items read as in the seeds: '– Vi kan stille med kontaktperson'."""
    return ("   " * (indent - 1) + "– " + text) if indent else text
