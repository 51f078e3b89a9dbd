"""Every value read from disk is checked against its column type; a misfit becomes a :class:`BadValue`.

A group member can edit a workshop file by hand.  A Ja/Nei cell holding a
JSON list once crashed the app for everyone who opened that section
(``value in ANSWER_WORDS``: unhashable list).  The codec keeps a file's values
as they are (it does not know the template); here, with the template at hand,
each cell of a known column is checked for the type its column stores
(its entry in :mod:`intro_tui.core.model.column_types` says which) and a misfit is wrapped: it
reads as "⚠ ugyldig verdi i filen: [...]" on screen and paper, counts as
filled, and is written back unchanged (:func:`.codec.encode` unwraps it)
until someone writes the cell anew.
"""

from __future__ import annotations

from ..model.template import Template
from ..model.column_types import fits
from ..model.values import BadValue
from ..model.workshop import Workshop


def column_types(template: Template) -> dict[tuple[str, str, str], str]:
    """(section, block, column) -> column type, for every column of the template."""
    return {(section.id, block.id, column.id): column.type
            for section in template.sections for block in section.blocks for column in block.columns}


def check_values(template: Template, workshop: Workshop) -> Workshop:
    """Wrap, in place, each cell value that does not fit its column; cells of unknown columns are left alone."""
    types = column_types(template)
    for address, value in workshop.cells.items():
        column_type = types.get((address[0], address[1], address[3]))
        if column_type is not None and not isinstance(value, BadValue) and not fits(column_type, value):
            workshop.cells[address] = BadValue(value)
    return workshop
