"""How wide each column of a block table is: content first, then short names, then collapsing.

Mixed into :class:`~.block_table.BlockTable`.  The others' initials (badges)
take their gutter from the table's width, never add to it, so a second
person in the room costs no column its last word.
"""

from __future__ import annotations

from textual.geometry import Size

from ...core.model.column_types import column_type
from ...core.model.layout import block_rows
from ...core.model.template import LABEL
from ...core.text_fit import short_names
from .column_fit import fit_widths, too_narrow
from .table_host import HostMixin

#: Room the others' initials take at the left of a row ("AB+1"), taken from the table's own width.
BADGE_WIDTH = 4



class TableWidth(HostMixin):
    """Column widths of a block table (a mixin: the table supplies columns, rows and the DataTable)."""


    @property
    def room(self) -> int:
        """The width the grid may use: the badges' gutter is taken from it, never added to it."""
        return self.available_width - (BADGE_WIDTH + 2 * self.cell_padding if self.badges_reserved else 0)

    def reserve_badges(self, on: bool) -> None:
        """Keep (or give back) the badges' gutter inside the table's width; rebuilds only on a change."""
        self.badges_reserved = on
        if self.built_room and self.room != self.built_room:  # built once already; checked on every room tick
            self.build()
            keep = getattr(self.screen, "keep_cursor_visible", None)
            if keep is not None:  # the rows were laid out again: bring the cursor row back into view
                self.call_after_refresh(keep, self)
        if on and (self._label_column.content_width != BADGE_WIDTH or not self._labelled_row_exists):
            self._label_column.content_width = BADGE_WIDTH  # DataTable has no public setter
            self._labelled_row_exists = True
            self._require_update_dimensions = True

    def _update_dimensions(self, new_rows) -> None:
        """DataTable widens the label gutter to the widest badge ("KB✎+1"); a reserved gutter keeps its width."""
        super()._update_dimensions(new_rows)  # type: ignore[misc]
        extra = self._label_column.content_width - BADGE_WIDTH
        if self.badges_reserved and extra > 0:  # the badge is cropped to the gutter, never the grid
            self._label_column.content_width = BADGE_WIDTH
            self.virtual_size = Size(self.virtual_size.width - extra, self.virtual_size.height)

    def column_widths(self) -> list[int]:
        """From content and the width available: a word is broken only when nothing else fits.

        First the full texts; if some word would still be broken, role cells take
        the units' short names; then computed columns collapse from the right.
        """
        self.unit_names, self.hidden = {}, ()
        titles, cells, fixed, weights = self.measure()
        if too_narrow(titles, cells, fixed, self.room) and self.workshop.units and any(
                column_type(s.column).units for s in self.shown_columns):
            self.unit_names = short_names(self.workshop.units)
            titles, cells, fixed, weights = self.measure()
        while too_narrow(titles, cells, fixed, self.room) and self.extra_columns:
            self.hidden = self.hidden + (self.extra_columns[-1],)
            titles, cells, fixed, weights = self.measure()
        return fit_widths(titles, cells, fixed, self.room, weights)

    def measure(self) -> tuple[list[str], list[list[str]], dict[int, int], list[float]]:
        """Titles, whole cell texts per column, fixed widths and weights of the columns shown."""
        views = block_rows(self.section, self.block, self.workshop)
        fixed: dict[int, int] = {}
        cells: list[list[str]] = []
        kept, self.widths = self.widths, []  # measure whole texts, not the grid's shortened ones

        for i, shown in enumerate(self.shown_columns):
            if shown.variant is not None:
                fixed[i] = 5  # "☒ Nei"
            elif (bounds := column_type(shown.column).screen_width) is not None:
                # its type's (least, most), by the title: a Ja/Nei under a long question (1.2),
                # a Mål ("65,5 %", "Igangsette"), a NIR count
                fixed[i] = max(bounds[0], min(len(shown.title), bounds[1]))
            cells.append([self.render_cell(v, shown).plain for v in views])
        self.widths = kept
        for i, computed in enumerate(self.extra_columns):
            fixed[len(self.shown_columns) + i] = computed.width
            cells.append([])
        weights = [1.3 if s.column.type == LABEL else 1.0 for s in self.shown_columns] + [0.0] * len(self.extra_columns)
        return self.titles(), cells, fixed, weights

