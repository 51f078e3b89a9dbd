"""What the block table's mixins (:mod:`.table_width`, :mod:`.table_notes`) need of the table they are mixed into.

The mixins are parts of :class:`~.block_table.BlockTable` split out for the
400-line cap; they read the table's model (section, block, workshop, the rows
and columns shown) and call a few of its methods.  This Protocol names exactly
that, so the type checker checks every use (a ``__getattr__ -> Any`` stub let
any name through) and a reader sees what a host must offer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from rich.text import Text

    from ...core.model.kinds import ComputedColumn
    from ...core.model.layout import DisplayColumn, RowView
    from ...core.model.template import Block, Section
    from ...core.model.workshop import Workshop
    from .cell_ref import CellRef
    from .table_notes import RowDetail, TableNotes


class BlockTableHost(Protocol):
    """The block table as its mixins see it (besides the ``DataTable`` it is)."""

    section: Section
    block: Block
    workshop: Workshop
    #: The width the table was given; :attr:`room` takes the badges' gutter from it.
    available_width: int
    badges_reserved: bool
    built_room: int
    shown_columns: list[DisplayColumn]
    views: list[RowView]
    widths: list[int]
    unit_names: dict[str, str]
    hidden: tuple[ComputedColumn, ...]
    notes: TableNotes | None
    detail: RowDetail | None

    @property
    def extra_columns(self) -> tuple[ComputedColumn, ...]: ...

    def build(self) -> None: ...

    def titles(self) -> list[str]: ...

    def render_cell(self, view: RowView, shown: DisplayColumn) -> Text: ...

    def render_computed(self, view: RowView, columns: tuple[ComputedColumn, ...]) -> list[Text]: ...

    def current(self) -> CellRef | None: ...

    def cursor_lines(self) -> tuple[int, int]: ...


if TYPE_CHECKING:
    from textual.widgets import DataTable

    class HostMixin(DataTable, BlockTableHost):
        """The base of a mixin for the type checker: a DataTable that is a :class:`BlockTableHost`."""
else:
    HostMixin = object  # at run time the mixin is a plain class; BlockTable brings the rest
