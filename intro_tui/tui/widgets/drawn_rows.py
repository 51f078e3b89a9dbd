"""Redraw only the rows of a table that changed.

DataTable keys everything it has drawn (each cell, each row, each line) by an
update count that ``update_cell`` raises: one changed cell and the next paint
draws every cell of the table again.  A save from another session changes a
row or two, and in a room of sixty every session of the group repaints at
once, so the tables here change cells without raising the count and forget
what was drawn of those rows only (the lines, the rows' order and heights,
which are cheap to put together again from the cells, are forgotten whole).
"""

from __future__ import annotations

from collections.abc import Collection

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowKey


def set_cell_quietly(table: DataTable, row_key: RowKey, column_key: ColumnKey, value: Text) -> None:
    """``update_cell`` without forgetting every other cell: call :func:`forget_rows` for the row after."""
    table._data[row_key][column_key] = value  # noqa: SLF001 - DataTable's cell store; update_cell writes it so


def forget_rows(table: DataTable, row_keys: Collection[RowKey]) -> None:
    """Forget what was drawn of ``row_keys`` (their cells), and the lines and row offsets, then repaint."""
    cells = table._cell_render_cache  # noqa: SLF001 - keyed (row key, column key, ...)
    for key in [k for k in cells.keys() if k[0] in row_keys]:
        cells.discard(key)
    for cache in (table._row_render_cache, table._line_cache, table._row_renderable_cache,  # noqa: SLF001
                  table._offset_cache):  # noqa: SLF001
        cache.clear()
    table.refresh()
