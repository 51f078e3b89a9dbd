"""The table editor for one block of a section, and one subclass per kind.

A ``DataTable`` cannot edit cells, so the usual pattern is used: the cursor
sits on a cell, Enter (or simply typing) asks the screen to open the cell
editor prefilled with the value, and the committed value is written back
quietly, row by row (:mod:`.drawn_rows`).  Every cell is handed to the table as
``rich.text.Text`` - never a ``str`` - so what users typed is shown literally
(``[@click=app.quit]`` stays text, ``[/`` cannot crash the app).

Keys are declared, and handled in the order they arrive, in :mod:`.table_keys`
(:mod:`..key_order`).
Columns are sized from their content (:mod:`.column_fit`), rows grow with
their text up to :data:`MAX_ROW_LINES`, and a Ja/Nei answer reads as a word.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.message import Message
from textual.widgets import DataTable, Static

from ...core.model.column_types import column_type
from ...core.model.kinds import ComputedColumn, computed_columns
from ...core.model.layout import DisplayColumn, RowView, block_rows, display_columns
from ...core.model.presenter import Tone, present_cell, present_computed, sub_item_prefix
from ...core.model.template import LABEL, Block, Section
from ...core.model.workshop import Workshop
from ..key_order import InOrder
from .cell_ref import CellRef
from .table_keys import KeyedTable, TableKeys
from .column_fit import fit_text, group_line, header_lines, wrap_header
from .drawn_rows import forget_rows, set_cell_quietly
from .focus_styles import CachedFocusStyles
from .table_notes import RowDetail, RowNotes, TableNotes
from .table_width import TableWidth
from ...core.shorten import cut
from ...core.text_fit import shorten_units

#: A cell longer than this is shown shortened in the grid (the editor shows all).
PREVIEW_CHARS = 400
#: A row is at most this many lines high; the editor line below shows the rest.
MAX_ROW_LINES = 8
#: A Ja/Nei answer as the room reads it: a word and a colour (its tone), never colour alone.
ANSWER_WORDS = {"ja": "☒ Ja", "nei": "☒ Nei"}


def literal(text: str, style: str | Style = "") -> Text:
    """User or template text as a Text object: never parsed as markup."""
    return Text(text, style=style, end="")


def preview(text: str, width: int | None = None) -> str:
    """Shortened for the grid: at most PREVIEW_CHARS, and MAX_ROW_LINES when wrapped to ``width``."""
    text = cut(text, PREVIEW_CHARS)
    if width and width > 0 and (len(text) > width * MAX_ROW_LINES // 2 or text.count("\n") >= MAX_ROW_LINES):
        lines = Text(text).wrap(_CONSOLE, width)
        if len(lines) > MAX_ROW_LINES:
            kept = "\n".join(line.plain.rstrip() for line in lines[:MAX_ROW_LINES])
            return kept[: max(len(kept) - 1, 0)] + "…"
    return text


#: A width-only console, for wrapping a cell to count its lines.
_CONSOLE = Console(width=200, color_system=None, file=io.StringIO())


class TableMessage(Message):
    def __init__(self, table: "BlockTable"):
        super().__init__()
        self.table = table

    @property
    def control(self) -> "BlockTable":
        return self.table


class BlockTable(InOrder, KeyedTable, RowNotes, TableWidth, CachedFocusStyles, DataTable):
    """Rows of one block; asks the screen to edit, never writes to the store itself."""

    DEFAULT_CSS = """
    BlockTable {
        height: auto;
        max-height: 100%;
        margin: 0 0 1 0;
        /* A table taller than the pane scrolls itself under its header; its own
           scrollbar would take two columns from the grid (the pane shows one). */
        scrollbar-size-vertical: 0;
        overflow-x: hidden;
    }
    BlockTable > .datatable--header { text-style: bold; }
    BlockTable > .block-table--group { text-style: bold; }
    BlockTable > .block-table--prompt { text-style: italic; color: $text-muted; }
    BlockTable > .block-table--yes { text-style: bold; color: $success; }
    BlockTable > .block-table--no { text-style: bold; color: $error; }
    BlockTable > .block-table--unanswered { color: $text-muted; }
    BlockTable > .block-table--good { color: $success; }
    BlockTable > .block-table--warn { color: $warning; }
    BlockTable > .block-table--bad { color: $error; }
    """

    #: What a theme (or app.tcss) may restyle: group rows, prompts and hints, answers, computed tones.
    COMPONENT_CLASSES = {
        "block-table--group", "block-table--prompt", "block-table--yes", "block-table--no",
        "block-table--unanswered", "block-table--good", "block-table--warn", "block-table--bad",
    }

    class EditRequested(TableMessage):
        """Edit the cell under the cursor (as it is when the screen handles this); ``initial`` is a typed character."""

        def __init__(self, table: "BlockTable", initial: str | None = None):
            super().__init__(table)
            self.initial = initial

    class ValueChosen(TableMessage):
        """A one-key answer or a clear: store ``text``; ``advance`` moves on to the next row to answer."""

        def __init__(self, table: "BlockTable", ref: CellRef, text: str, advance: bool = False):
            super().__init__(table)
            self.ref = ref
            self.text = text
            self.advance = advance

    class RowAdded(TableMessage):
        """Insert / Ctrl+N: add a row of the user's own to this table."""

    class RowDeleteRequested(TableMessage):
        """Ctrl+D on a row the users added."""

        def __init__(self, table: "BlockTable", view: RowView):
            super().__init__(table)
            self.view = view

    class LeaveRequested(TableMessage):
        """Past the last cell (or before the first): on to the next or previous table."""

        def __init__(self, table: "BlockTable", forward: bool, tabbing: bool = False, answering: bool = False):
            super().__init__(table)
            self.forward = forward
            self.tabbing = tabbing
            self.answering = answering

    class Say(TableMessage):
        """A short message for the message line (why a key did nothing)."""

        def __init__(self, table: "BlockTable", text: str):
            super().__init__(table)
            self.text = text

    def __init__(self, section: Section, block: Block, workshop: Workshop, *, width: int = 76, **kwargs):
        super().__init__(cursor_type="cell", zebra_stripes=False, **kwargs)
        self.section = section
        self.block = block
        self.workshop = workshop
        self.table_keys = TableKeys(self)  # its keys (TABLE_KEYS): bindings, help, key bar, handling
        self.available_width = width
        self.shown_columns = display_columns(block)
        self.views: list[RowView] = []
        self.widths: list[int] = []
        #: The line above the grid naming column groups (6.2: "Opplæring"), if the block has groups.
        self.group_header: Static | None = None
        #: The lines under the grid: units' legend, collapsed columns, the current row in full.
        self.notes: TableNotes | None = None
        #: The section's foot line showing the current row's values in full (while this table has the cursor).
        self.detail: RowDetail | None = None
        #: Whether room is kept for the others' initials (someone else is in the room).
        self.badges_reserved = False
        #: The width the columns were last fitted to (a rebuild is due when :attr:`room` differs).
        self.built_room = 0
        #: unit -> short name while role cells show short names (empty: full names fit).
        self.unit_names: dict[str, str] = {}
        #: Computed columns collapsed because the width cannot hold them (shown in the row detail).
        self.hidden: tuple[ComputedColumn, ...] = ()

    # -- building ----------------------------------------------------------------

    @property
    def all_extra_columns(self) -> tuple[ComputedColumn, ...]:
        """The kind's computed, read-only columns after the block's own (the deviation) that apply here."""
        return computed_columns(self.block, self.workshop)

    @property
    def extra_columns(self) -> tuple[ComputedColumn, ...]:
        """The computed columns the grid shows (those collapsed for width are in the row detail)."""
        return tuple(c for c in self.all_extra_columns if c not in self.hidden)

    @property
    def answer_column(self) -> DisplayColumn | None:
        """The block's Ja/Nei column (the whole column, not a split half), if it has one."""
        for shown in self.shown_columns:
            if column_type(shown.column).toggle:
                return DisplayColumn(shown.column, shown.column.title)
        return None

    def on_mount(self) -> None:
        self.build()

    def titles(self) -> list[str]:
        return [c.title for c in self.shown_columns] + [c.title for c in self.extra_columns]

    def build(self) -> None:
        """(Re)fill the table from the workshop, keeping the cursor where it was."""
        cursor = self.cursor_coordinate
        first_time = not self.views
        self.clear(columns=True)
        self.built_room = self.room
        self.widths = self.column_widths()  # first: it decides which computed columns are shown
        titles = self.titles()
        for index, (title, width) in enumerate(zip(titles, self.widths)):
            self.add_column(literal(wrap_header(title, width)), width=width, key=f"c{index}")
        self.header_height = header_lines(titles, self.widths)
        self.views = block_rows(self.section, self.block, self.workshop)
        for view in self.views:
            self.add_row(*self.render_row(view), key=view.key, height=None)
        if self.row_count:
            if first_time:  # start where there is something to do, not on a heading row (5.1)
                cursor = cursor._replace(row=self.first_row())
            self.cursor_coordinate = self.validate_cursor_coordinate(cursor)
        if self.group_header is not None:
            groups = [s.column.group for s in self.shown_columns] + [""] * len(self.extra_columns)
            self.group_header.update(group_line(groups, self.widths) or "")
        if self.badges_reserved:
            self.reserve_badges(True)
        self.update_notes()

    def render_row(self, view: RowView) -> list[Text]:
        cells = [self.render_cell(view, shown) for shown in self.shown_columns]
        cells += self.render_computed(view, self.extra_columns)
        if self.widths and len(self.widths) == len(cells):  # words kept whole; longer ones hyphenated
            cells = [fit_text(cell, width) for cell, width in zip(cells, self.widths)]
        return cells

    def render_computed(self, view: RowView, columns: tuple[ComputedColumn, ...]) -> list[Text]:
        return [literal(cell.marked, self.look(cell.tone)) for cell in present_computed(view, columns, self.workshop)]

    def look(self, name: str) -> Style:
        """The style of a :class:`Tone` (one of :attr:`COMPONENT_CLASSES`; "neutral" is none)."""
        if name == Tone.NEUTRAL:
            return Style()
        return self.get_component_rich_style(f"block-table--{name}", partial=True)

    def _width_of(self, shown: DisplayColumn) -> int | None:
        try:
            return self.widths[self.shown_columns.index(shown)]
        except (ValueError, IndexError):
            return None

    def render_cell(self, view: RowView, shown: DisplayColumn) -> Text:
        """The presenter's cell drawn for the screen: tones as styles, long texts shortened."""
        cell = present_cell(view, shown, self.workshop)
        width = self._width_of(shown)
        if shown.column.type == LABEL:
            prefix = sub_item_prefix(view.row.indent)
            if cell.prompt:
                text = literal(prefix + (cell.lead + " " if cell.lead else ""), self.look(cell.tone))
                text.append(cell.prompt_part, self.look(Tone.PROMPT))
                return text
            return literal(prefix + (cell.text if cell.heading else preview(cell.text, width)), self.look(cell.tone))
        if cell.answer is not None:  # a Ja/Nei answer reads as a word; the editor line says what a bad file holds
            word = "⚠" if cell.bad else ANSWER_WORDS.get(cell.answer, "☐")
            return literal(word, self.look(cell.tone))
        if not cell.text and (cell.hint or cell.derived):
            return literal(cell.hint or cell.derived, self.look(Tone.PROMPT))
        text = cell.text
        if self.unit_names and column_type(shown.column).units:
            text = shorten_units(text, self.unit_names)
        return literal(preview(text, width), self.look(cell.tone))

    def refresh_rows(self, workshop: Workshop) -> None:
        """Show changes (ours or another session's) without moving the cursor; changed rows get their height again."""
        self.workshop = workshop
        views = block_rows(self.section, self.block, workshop)
        if [v.key for v in views] != [v.key for v in self.views]:
            self.build()
            return
        self.views = views
        changed_rows = set()
        for row_index, view in enumerate(views):
            for col_index, cell in enumerate(self.render_row(view)):
                current = self.get_cell_at(Coordinate(row_index, col_index))
                if not isinstance(current, Text) or current.plain != cell.plain or current.style != cell.style:
                    row_key, column_key = self.coordinate_to_cell_key(Coordinate(row_index, col_index))
                    set_cell_quietly(self, row_key, column_key, cell)
                    changed_rows.add(row_key)
        for row_key in changed_rows:  # DataTable measures auto-height rows only when new, and only while height is 0
            self.rows[row_key].height = 0  # a row of one line is drawn unwrapped: measure it again
            self._new_rows.add(row_key)
            self._require_update_dimensions = True
        if changed_rows:
            forget_rows(self, changed_rows)  # only these rows are drawn again (drawn_rows.py)
        if self.column_widths() != self.widths:  # a longer word came in: share the width again
            self.build()
        self.check_idle()

    # -- where the cursor is --------------------------------------------------------

    def current(self) -> CellRef | None:
        if not self.views or not self.row_count:
            return None
        row, column = self.cursor_coordinate
        view = self.views[min(row, len(self.views) - 1)]
        shown = self.shown_columns[column] if column < len(self.shown_columns) else None
        return CellRef(view, shown)

    def move_to_row(self, key: str, column_id: str | None = None) -> None:
        for index, view in enumerate(self.views):
            if view.key == key:
                column = self.cursor_coordinate.column
                if column_id is not None:
                    column = next((i for i, s in enumerate(self.shown_columns) if s.column.id == column_id), column)
                self.move_cursor(row=index, column=column)
                return

    def cursor_lines(self) -> tuple[int, int]:
        """(first line, height) of the cursor row in the table's own lines, header included above it."""
        row = self.cursor_coordinate.row
        top = self.header_height if self.show_header else 0
        rows = self.ordered_rows
        for r in rows[:row]:
            top += r.height
        height = rows[row].height if row < len(rows) else 1
        return int(top - self.scroll_y), max(height, 1)

    def heading_rows_above(self) -> int:
        """The index of the first of the heading (group) rows right above the cursor row (the cursor row if none)."""
        first = min(self.cursor_coordinate.row, len(self.views))
        while first > 0 and self.views[first - 1].group:
            first -= 1
        return first

    def heading_lines_above(self) -> int:
        """How many lines the heading rows right above the cursor row take (NIR's «Vedtak om permanent stans»)."""
        rows = self.ordered_rows
        return sum(r.height for r in rows[self.heading_rows_above():self.cursor_coordinate.row])

    def _scroll_cursor_into_view(self, animate: bool = False) -> None:
        """DataTable's scroll to the cursor cell, widened upward over the heading rows right above it:
        a table that scrolls itself under its header never hides the heading of the row it shows."""
        first = self.heading_rows_above()
        if first == self.cursor_coordinate.row:
            super()._scroll_cursor_into_view(animate)
            return
        cell = self._get_cell_region(self.cursor_coordinate)
        top = self._get_row_region(first).y
        region = Region(cell.x, top, cell.width, cell.bottom - top)
        self.scroll_to_region(region, animate=animate, spacing=self._get_fixed_offset(), force=True)

    def answerable(self, view: RowView) -> bool:
        return self.answer_column is not None and not view.group and not self.unnamed(view)

    def first_row(self) -> int:
        """The first row that can be answered or written (heading rows cannot): where the cursor starts."""
        return next((i for i, view in enumerate(self.views) if not view.group), 0)

    def next_answerable(self, after: int) -> int | None:
        for index in range(after + 1, len(self.views)):
            if self.answerable(self.views[index]):
                return index
        return None

    def editable(self, ref: CellRef) -> bool:
        if ref.shown is None or ref.view.group:
            return False
        if ref.shown.column.type == LABEL:
            return ref.view.label_editable
        return True
