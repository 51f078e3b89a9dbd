"""The table editor for one block of a section, and one subclass per kind.

A ``DataTable`` cannot edit cells, so the usual pattern is used: the cursor
sits on a cell, Enter (or simply typing) asks the screen to open the cell
editor prefilled with the value, and the committed value is written back
with ``update_cell_at``.  Every cell is handed to the table as
``rich.text.Text`` - never a ``str`` - so what users typed is shown literally
(``[@click=app.quit]`` stays text, ``[/`` cannot crash the app).

Subclasses add what their kind needs: one-key Ja/Nei in checklists, unit
completion in role tables, the deviation column for indicators.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from ...core.model.layout import DisplayColumn, RowView, block_rows, display_columns
from ...core.model.template import LABEL, Block, Section
from ...core.model.kinds import ComputedColumn, computed_columns, computed_values
from ...core.model.workshop import Workshop

#: A cell longer than this is shown shortened in the grid (the editor shows all).
PREVIEW_CHARS = 400
MAX_HEADER_LINES = 4
#: How a computed column's tone shows on screen (its text says the same in words or signs).
TONE_STYLES = {"good": "green", "warn": "yellow", "bad": "red", "neutral": ""}


def literal(text: str, style: str = "") -> Text:
    """User or template text as a Text object: never parsed as markup."""
    return Text(text, style=style, end="")


def preview(text: str) -> str:
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


@dataclass(frozen=True)
class CellRef:
    """Which cell the cursor is on, in model terms."""

    view: RowView
    shown: DisplayColumn | None  # None for a computed column (avvik)


class BlockTable(DataTable):
    """Rows of one block; asks the screen to edit, never writes to the store itself."""

    DEFAULT_CSS = """
    BlockTable {
        height: auto;
        max-height: 100%;
        margin: 0 0 1 0;
    }
    BlockTable > .datatable--header { text-style: bold; }
    """

    BINDINGS = [
        Binding("enter", "edit", "Rediger", show=True),
        Binding("tab", "next_cell", "Neste celle", show=False),
        Binding("shift+tab", "previous_cell", "Forrige celle", show=False),
        Binding("delete", "clear_cell", "Tøm celle", show=False),
        Binding("insert,ctrl+n", "add_row", "Ny rad", show=True),
        Binding("ctrl+d", "delete_row", "Slett rad", show=True),
    ]

    class EditRequested(Message):
        """The user wants to edit a cell; ``initial`` is a typed first character."""

        def __init__(self, table: "BlockTable", ref: CellRef, initial: str | None = None):
            super().__init__()
            self.table = table
            self.ref = ref
            self.initial = initial

        @property
        def control(self) -> "BlockTable":
            return self.table

    class ValueChosen(Message):
        """A one-key answer (checklist Ja/Nei) or a clear: store ``text`` in the cell."""

        def __init__(self, table: "BlockTable", ref: CellRef, text: str):
            super().__init__()
            self.table = table
            self.ref = ref
            self.text = text

        @property
        def control(self) -> "BlockTable":
            return self.table

    class RowAction(Message):
        def __init__(self, table: "BlockTable", action: str, view: RowView | None):
            super().__init__()
            self.table = table
            self.action = action  # "add" | "delete"
            self.view = view

        @property
        def control(self) -> "BlockTable":
            return self.table

    class LeaveRequested(Message):
        """Tab past the last cell (or shift+tab before the first): move to the next block."""

        def __init__(self, table: "BlockTable", forward: bool, tabbing: bool = False):
            super().__init__()
            self.table = table
            self.forward = forward
            self.tabbing = tabbing

        @property
        def control(self) -> "BlockTable":
            return self.table

    def __init__(self, section: Section, block: Block, workshop: Workshop, *, width: int = 76, **kwargs):
        super().__init__(cursor_type="cell", zebra_stripes=False, **kwargs)
        self.section = section
        self.block = block
        self.workshop = workshop
        self.available_width = width
        self.shown_columns = display_columns(block)
        self.views: list[RowView] = []

    # -- building ----------------------------------------------------------------

    @property
    def extra_columns(self) -> tuple[ComputedColumn, ...]:
        """The kind's computed, read-only columns after the block's own (the deviation) that apply here."""
        return computed_columns(self.block, self.workshop)

    def on_mount(self) -> None:
        self.build()

    def column_widths(self) -> list[int]:
        """Share the width: the label column gets the most, check boxes and numbers the least."""
        titles = [c.title for c in self.shown_columns] + [c.title for c in self.extra_columns]
        count = len(titles)
        total = max(self.available_width - 2 * count - 2, 10 * count)
        fixed: dict[int, int] = {}
        for i, shown in enumerate(self.shown_columns):
            if shown.variant is not None:
                fixed[i] = 5  # ☐ under "Ja" / "Nei"
            elif shown.column.type == "indicator" and self.block.kind == "indicators":
                fixed[i] = max(10, min(len(shown.title), 14))  # "65,5 %", "Igangsette"
            elif shown.column.type == "count":
                fixed[i] = 8  # a NIR count
        for i, computed in enumerate(self.extra_columns):
            fixed[len(self.shown_columns) + i] = computed.width
        rest = total - sum(fixed.values())
        flexible = [i for i in range(count) if i not in fixed]
        weights = {i: (1.3 if self.shown_columns[i].column.type == LABEL else 1.0) for i in flexible}
        weight_sum = sum(weights.values()) or 1
        widths = []
        for i in range(count):
            if i in fixed:
                widths.append(fixed[i])
            else:
                widths.append(max(6, int(rest * weights[i] / weight_sum)))
        return widths

    def build(self) -> None:
        """(Re)fill the table from the workshop, keeping the cursor where it was."""
        cursor = self.cursor_coordinate
        self.clear(columns=True)
        titles = [c.title for c in self.shown_columns] + [c.title for c in self.extra_columns]
        widths = self.column_widths()
        for index, (title, width) in enumerate(zip(titles, widths)):
            self.add_column(literal(title), width=width, key=f"c{index}")
        self.header_height = max(
            min(len(textwrap.wrap(title, max(width, 1)) or [""]), MAX_HEADER_LINES) for title, width in zip(titles, widths)
        )
        self.views = block_rows(self.section, self.block, self.workshop)
        for view in self.views:
            self.add_row(*self.render_row(view), key=view.key, height=None)
        if self.row_count:
            self.cursor_coordinate = self.validate_cursor_coordinate(cursor)

    def render_row(self, view: RowView) -> list[Text]:
        cells = [self.render_cell(view, shown) for shown in self.shown_columns]
        if self.extra_columns:
            for computed, value in computed_values(self.block, view.row, view.values(self.workshop),
                                                   self.extra_columns):
                text = "" if value is None else computed.format(view.row, value)
                mark = computed.mark(view.row, value) if computed.mark and value is not None else ""
                cells.append(literal(f"{mark} {text}" if mark else text, TONE_STYLES[computed.tone(view.row, value)]))
        return cells

    def render_cell(self, view: RowView, shown: DisplayColumn) -> Text:
        if shown.column.type == LABEL:
            written = view.written_label(self.workshop)
            indent = "  " * view.row.indent + ("– " if view.row.indent else "")
            if view.group:
                return literal(indent + view.row.label, "bold")
            if view.row.prompt and not written:
                text = literal(indent + (view.row.label + " " if view.row.label else ""))
                text.append(view.row.prompt, "italic dim")
                return text
            return literal(indent + preview(view.label(self.workshop)))
        if view.group:
            return literal("")
        return literal(preview(view.text(self.workshop, shown)))

    def refresh_rows(self, workshop: Workshop) -> None:
        """Show another session's changes without moving the cursor or the scroll."""
        self.workshop = workshop
        views = block_rows(self.section, self.block, workshop)
        if [v.key for v in views] != [v.key for v in self.views]:
            self.build()
            return
        self.views = views
        for row_index, view in enumerate(views):
            for col_index, cell in enumerate(self.render_row(view)):
                current = self.get_cell_at((row_index, col_index))
                if not isinstance(current, Text) or current.plain != cell.plain or current.style != cell.style:
                    self.update_cell_at((row_index, col_index), cell, update_width=False)

    # -- where the cursor is --------------------------------------------------------

    def current(self) -> CellRef | None:
        if not self.views or not self.row_count:
            return None
        row, column = self.cursor_coordinate
        view = self.views[min(row, len(self.views) - 1)]
        shown = self.shown_columns[column] if column < len(self.shown_columns) else None
        return CellRef(view, shown)

    def move_to_row(self, key: str) -> None:
        for index, view in enumerate(self.views):
            if view.key == key:
                self.move_cursor(row=index)
                return

    def editable(self, ref: CellRef) -> bool:
        if ref.shown is None or ref.view.group:
            return False
        if ref.shown.column.type == LABEL:
            return ref.view.label_editable
        return True

    # -- keys ------------------------------------------------------------------------

    def action_edit(self) -> None:
        ref = self.current()
        if ref is None:
            return
        if self.screen.query("CellEditor.-open"):
            self.post_message(self.EditRequested(self, ref))  # Enter typed ahead: commit
            return
        if not self.editable(ref):
            self.app.bell()
            self.notify("Denne cellen kommer fra malen og kan ikke endres.", severity="warning", markup=False)
            return
        self.post_message(self.EditRequested(self, ref))

    def action_next_cell(self) -> None:
        row, column = self.cursor_coordinate
        if column + 1 < len(self.columns):
            self.move_cursor(column=column + 1)
        elif row + 1 < self.row_count:
            self.move_cursor(row=row + 1, column=0)
        else:
            self.post_message(self.LeaveRequested(self, forward=True, tabbing=True))

    def action_previous_cell(self) -> None:
        row, column = self.cursor_coordinate
        if column > 0:
            self.move_cursor(column=column - 1)
        elif row > 0:
            self.move_cursor(row=row - 1, column=len(self.columns) - 1)
        else:
            self.post_message(self.LeaveRequested(self, forward=False, tabbing=True))

    def action_clear_cell(self) -> None:
        ref = self.current()
        if ref is None or not self.editable(ref):
            self.app.bell()
            return
        self.post_message(self.ValueChosen(self, ref, ""))

    def action_add_row(self) -> None:
        if not self.block.add_rows:
            self.app.bell()
            self.notify("Denne tabellen tar ikke flere rader.", severity="warning", markup=False)
            return
        self.post_message(self.RowAction(self, "add", None))

    def action_delete_row(self) -> None:
        ref = self.current()
        if ref is None or not ref.view.user:
            self.app.bell()
            self.notify("Bare rader dere har lagt til kan slettes. Malens rader kan tømmes med Delete.",
                        severity="warning", markup=False)
            return
        self.post_message(self.RowAction(self, "delete", ref.view))

    def handle_answer_key(self, event: events.Key, ref: CellRef) -> bool:
        """Kind-specific one-key answers; return True if the key was used."""
        return False

    #: Moves handled here, in key order, rather than as bindings: a binding is
    #: resolved only after its key has bubbled up to the App, so over SSH an
    #: arrow and the letters typed after it (one packet) would edit the old cell.
    MOVES = {
        "up": "cursor_up", "down": "cursor_down", "left": "cursor_left", "right": "cursor_right",
        "tab": "next_cell", "shift+tab": "previous_cell", "pageup": "page_up", "pagedown": "page_down",
    }

    def on_key(self, event: events.Key) -> None:
        move = self.MOVES.get(event.key)
        if move is not None:
            event.stop()
            event.prevent_default()
            row = self.cursor_coordinate.row
            if event.key == "down" and row >= self.row_count - 1:
                self.post_message(self.LeaveRequested(self, forward=True))  # on to the next table
            elif event.key == "up" and row <= 0:
                self.post_message(self.LeaveRequested(self, forward=False))
            else:
                getattr(self, f"action_{move}")()
            return
        ref = self.current()
        if ref is None:
            return
        if self.handle_answer_key(event, ref):
            event.stop()
            event.prevent_default()
            return
        if event.is_printable and event.character and event.character not in "\t\r\n":
            if self.editable(ref) and (ref.shown is None or ref.shown.column.type != "yesno"):
                # Posted even while the editor is opening: the screen appends
                # characters typed faster than the focus moved.
                event.stop()
                event.prevent_default()
                self.post_message(self.EditRequested(self, ref, initial=event.character))
        elif event.key == "backspace" and self.editable(ref):
            event.stop()
            event.prevent_default()
            self.post_message(self.ValueChosen(self, ref, ""))
