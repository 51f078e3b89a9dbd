"""One table editor per block kind that needs its own keys or drawing, and the dict that picks one.

A kind not listed in :data:`EDITORS` is edited as a :class:`PlainTable`; what
a kind validates, counts and computes is in :mod:`intro_tui.core.model.kinds`,
not here.
"""

from __future__ import annotations


from ...core.model.template import LABEL, Block, Section
from ...core.model.workshop import Workshop
from .block_table import BlockTable, CellRef


class PlainTable(BlockTable):
    """Free-text tables, assessment tables and plans (1.2's Ja/Nei column answers with j / n / u)."""


class ChecklistTable(BlockTable):
    """Statements with a Ja/Nei answer and a Forslag text.

    The answer keys (``j``, ``n``, ``u`` anywhere in the row; ``x`` or space on
    the Ja or Nei half) are the base's, as in every table with a Ja/Nei
    column (1.2's assessment too), declared with the others in :data:`.table_keys.TABLE_KEYS`.
    """


class RolesTable(BlockTable):
    """Role columns take units of the workshop (completed as you type) or free text."""


class IndicatorTable(BlockTable):
    """Mål, limit and Resultat by the row's kind; a hint where the form gives one (computed columns: the base).

    The label column stays put while the value and computed columns scroll
    sideways (at 80 columns a NIR-linked table with last year's results does
    not fit); an empty Resultat shows the one computed from NIR, dimmed (the presenter's ``derived``).
    """

    #: Narrow value columns: "65,5 %" fits, a header wraps ("Nedre / grense").
    VALUE_WIDTH = 8
    LABEL_MIN = 18

    def on_mount(self) -> None:
        self.fixed_columns = 1
        super().on_mount()

    def column_widths(self) -> list[int]:
        """Value columns fixed, the label takes the rest; computed columns that leave it too little collapse."""
        self.unit_names, self.hidden = {}, ()
        while True:
            widths = [0 if shown.column.type == LABEL else self.VALUE_WIDTH for shown in self.shown_columns]
            widths += [computed.width for computed in self.extra_columns]
            rest = self.room - sum(widths) - 2 * len(widths) - 1  # cell padding, the pane's scrollbar
            if rest >= self.LABEL_MIN or not self.extra_columns:
                break
            self.hidden = self.hidden + (self.extra_columns[-1],)  # shown in the row detail instead
        return [max(self.LABEL_MIN, rest) if w == 0 else w for w in widths]


class FieldsTable(BlockTable):
    """Single labelled values: BRANSJE/YRKE, Navn på tiltak, Deltaker må kunne …"""

    def on_mount(self) -> None:
        self.show_header = False  # "Felt | Verdi" says nothing the labels don't
        super().on_mount()

    def editable(self, ref: CellRef) -> bool:
        return ref.shown is not None and ref.shown.column.type != LABEL


class ListTable(BlockTable):
    """Free lines (Kompetansemål)."""


class LinkTable(BlockTable):
    """The kjøreplan: the address can be replaced by the group's own."""

    def on_mount(self) -> None:
        self.show_header = False
        super().on_mount()

    def editable(self, ref: CellRef) -> bool:
        return ref.shown is not None and ref.shown.column.type != LABEL


#: Kinds with keys or drawing of their own; every other kind is a PlainTable.
EDITORS: dict[str, type[BlockTable]] = {
    "checklist": ChecklistTable,
    "roles": RolesTable,
    "indicators": IndicatorTable,
    "fields": FieldsTable,
    "list": ListTable,
    "link": LinkTable,
}


def editor_for(section: Section, block: Block, workshop: Workshop, width: int) -> BlockTable:
    return EDITORS.get(block.kind, PlainTable)(section, block, workshop, width=width, classes=f"block-{block.kind}")
