"""Group drafts side by side: each row of a section as the plenary version and each group has it (issue 21).

Pure data for the side-by-side view (``tui/screens/compare.py``) and its tests:
for one table of a section, one :class:`Line` per row and version (the plenary
version first, then each group's draft), each cell as a reader reads it
(``Ja``, "NAV, Kommunen", the text), and the cells where the groups disagree
marked.  A row a group added (not in the plenary version) is listed after the
table's rows, under that group only.
"""

from __future__ import annotations

from dataclasses import dataclass

from .groups import draft_name, drafts_of
from .layout import DisplayColumn, RowView, block_rows
from .template import LABEL, Block, Column, Section, Template
from .workshop import Workshop

PLENUM = "Plenum"


@dataclass(frozen=True)
class Line:
    """One row of one version: ``group`` is "" for the plenary version, else the group's id."""

    block: Block
    row: str  # the row's key (the same in the plenary version and every draft)
    number: int  # the row's number in the table (1-based)
    label: str
    group: str
    who: str  # "Plenum", or the group's name
    cells: dict[str, str]  # column id -> the value as shown
    differs: frozenset[str]  # the columns where the groups' answers are not all the same
    new_row: bool = False  # a row only this group has (it added it)

    @property
    def plenary(self) -> bool:
        return not self.group


def columns(block: Block) -> list[Column]:
    """The columns compared: the answers (a row's label is the line's heading, and comes with the row)."""
    return [c for c in block.columns if c.type != LABEL]


def _text(view: RowView, workshop: Workshop, column: Column) -> str:
    return view.text(workshop, DisplayColumn(column, column.title))


def _same(value) -> object:
    return None if value in (None, "", []) else repr(value)


def lines(template: Template, workshop: Workshop, plenary: str, block_id: str) -> list[Line]:
    """The lines of one table of ``plenary``'s side-by-side view (see the module's docstring)."""
    section: Section = template.section(plenary)
    block = section.block(block_id)
    drafts = drafts_of(workshop, plenary)
    shown = columns(block)
    plenary_views = block_rows(section, block, workshop)
    known = {v.key for v in plenary_views}
    draft_views = {key: {v.key: v for v in block_rows(template.section(key), block, workshop)} for key in drafts}
    out: list[Line] = []
    for view in plenary_views:
        if view.group:
            continue
        versions = [(key, draft_views[key][view.key]) for key in drafts if view.key in draft_views[key]]
        differs = frozenset(c.id for c in shown
                            if len({_same(workshop.cells.get((key, block.id, view.key, c.id))) for key, _ in versions}) > 1)
        label = view.label(workshop)
        out.append(Line(block, view.key, view.number, label, "", PLENUM,
                        {c.id: _text(view, workshop, c) for c in shown}, frozenset()))
        for key, draft_view in versions:
            out.append(Line(block, view.key, view.number, label, key.rsplit("~", 1)[1], draft_name(workshop, key),
                            {c.id: _text(draft_view, workshop, c) for c in shown}, differs))
    number = len(plenary_views)
    for key in drafts:
        for row_key, draft_view in draft_views[key].items():
            if row_key in known:
                continue
            number += 1
            out.append(Line(block, row_key, number, draft_view.label(workshop), key.rsplit("~", 1)[1],
                            draft_name(workshop, key), {c.id: _text(draft_view, workshop, c) for c in shown},
                            frozenset(), new_row=True))
    return out
