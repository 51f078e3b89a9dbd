"""A block as the paper shows it: which columns and rows, for ``show``, markdown and docx.

What each cell says and how it reads (prompt, tone, mark, hint) is decided by
:mod:`intro_tui.core.model.presenter`, as on screen; this module picks the
paper's columns (an optional column only when it holds a value, computed
columns only when there is something to compute, none in a handout) and the
handout's empty rows.  Each writer decides how a grid looks (tabulate grid,
GitHub table, Word table).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..core.model.column_types import column_type
from ..core.model.kinds import ComputedColumn, computed_columns
from ..core.model.layout import DisplayColumn, RowView, block_rows, display_columns
from ..core.model.presenter import Cell, present_row
from ..core.model.template import Block, Section
from ..core.model.workshop import Workshop
from ..core.text_fit import legend, shorten_units


@dataclass
class GridRow:
    """A row of the grid: its cells as :mod:`~intro_tui.core.model.presenter` made them."""

    cells: list[Cell]
    view: RowView | None = None  # None for the empty rows a blank handout adds
    group: bool = False
    indent: int = 0

    @property
    def texts(self) -> list[str]:
        """The cells' plain texts (a label with its prompt, a value as written, a computed value without mark)."""
        return [cell.text for cell in self.cells]

    @property
    def italic_label(self) -> bool:
        """The label cell shows a template prompt ("skriv inn")."""
        return bool(self.cells) and self.cells[0].prompt


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
    for view in block_rows(section, block, None if blank else workshop):
        cells = present_row(view, columns, computed, workshop, blank=blank)
        grid.rows.append(GridRow(cells, view, view.group, view.row.indent))
    if blank:
        for _ in range(block.blank_rows):
            grid.rows.append(GridRow([Cell("☐", answer="") if c.variant else Cell() for c in columns]))
    return grid


def with_short_names(grid: Grid, names: dict[str, str]) -> tuple[Grid, str]:
    """The grid with role cells naming units by their short names, and the legend line for them ("" if none)."""
    roles = [i for i, shown in enumerate(grid.columns) if column_type(shown.column).units]
    if not roles or not names:
        return grid, ""
    used = [row.cells[i].text for row in grid.rows for i in roles if not row.group and row.cells[i].text]
    rows = [GridRow([replace(c, text=shorten_units(c.text, names)) if i in roles and not row.group else c
                     for i, c in enumerate(row.cells)], row.view, row.group, row.indent) for row in grid.rows]
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
        area, goal, action = (_text_or_empty(grid_row.cells[index[c]].text) for c in PLAN_COLUMNS)
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

