"""What may be stored in a cell: the rules ``set``, the app, undo and a Word import share.

One place, so an import can never store what ``set`` would refuse: a template
row's fixed label, a heading row, a value of the wrong kind, or a row its kind
refuses as a whole (a lower limit above the goal).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import copies
from ..model.kinds import kind
from ..model.layout import RowView, section_rows
from ..model.template import LABEL, Block, Column, Template
from ..model.column_types import parse_cell
from ..model.values import ValueProblem
from ..model.workshop import Workshop
from .errors import StoreError


@dataclass(frozen=True)
class CellChange:
    """What one committed edit did.  ``old`` is what the file held just before."""

    section: str
    block: str
    row: str
    column: str
    old: object
    new: object


def checked_value(view: RowView, column: Column, text: str, workshop: Workshop):
    """The value to store for ``text`` typed into this cell; :class:`ValueProblem` says why not."""
    if column.type == LABEL and not view.label_editable:
        raise ValueProblem("denne radens tekst kommer fra malen og kan ikke endres")
    if view.group:
        raise ValueProblem("en overskriftsrad kan ikke fylles ut")
    new = parse_cell(column, view.row, text)
    check = kind(view.block).check_row
    problem = check(view.row, view.values(workshop) | {column.id: new}) if check else None
    if problem:
        raise ValueProblem(problem)
    return new


def find_cell(template: Template, workshop: Workshop, section_id: str, block_id: str, row_key: str,
              column_id: str) -> tuple[RowView, Column]:
    """The row view and column of one cell, or StoreError (a row another session deleted)."""
    try:
        section = template.section(section_id)
        block = section.block(block_id)
        column = block.column(column_id)
    except KeyError:
        raise StoreError(f"fant ikke cellen {section_id}/{block_id}/{column_id} i malen") from None
    if not copies.exists(workshop, section.id):
        raise StoreError(f"kopien {section_id} finnes ikke (en annen kan ha fjernet den)")
    for view in section_rows(section, workshop):
        if view.block.id == block_id and view.key == row_key:
            return view, column
    raise StoreError("raden finnes ikke lenger (en annen kan ha slettet den)")


def growable_block(template: Template, section_id: str, block_id: str) -> Block:
    """The block a row of one's own is added to; StoreError or ValueProblem if there is none to add to."""
    try:
        block = template.section(section_id).block(block_id)
    except KeyError:
        raise StoreError(f"fant ikke tabellen {section_id}/{block_id}") from None
    if not block.add_rows:
        raise ValueProblem(f"tabellen i {section_id} tar ikke flere rader")
    return block
