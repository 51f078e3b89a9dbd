"""The cell editor docked under the tables: where a cell's value is typed.

Always on screen: while no cell is being edited it shows the current cell -
where it is and its whole value, which the grid may shorten - so the room
can read a long answer, and opening the editor repaints three lines instead
of the whole screen (29 KB per edit over SSH when it popped up).
Opened by Enter or by typing on a cell.  Enter commits, Escape cancels; a
multi-line cell takes Ctrl+J for a new line.  It shows the whole value (the
grid shortens long cells), what the cell is, and - when the value is refused
- the reason, staying open so nothing typed is lost.

Role columns complete the workshop's unit names as you type, one after
another separated by commas.
"""

from __future__ import annotations

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import Input, Static, TextArea

from .block_table import BlockTable, CellRef


class UnitSuggester(Suggester):
    """Completes the last comma-separated part with a unit name."""

    def __init__(self, units: list[str]):
        super().__init__(use_cache=False, case_sensitive=True)  # we match case-insensitively ourselves, keeping what was typed before the last comma
        self.units = units

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        for unit in self.units:
            if unit.casefold().startswith(typed.casefold()) and unit != typed:
                prefix = head + sep + (" " if sep else "")
                return prefix + unit
        return None


class EditorInput(Input):
    """An Input of fixed size whose typing does not re-lay-out the screen.

    Textual's Input asks for a full layout on every key (its virtual size
    flips); with a fixed width and height nothing can move, and the layout
    pass re-sends every scrollbar on screen - ~1.3 KB per typed character
    over SSH.  A repaint of the Input itself is all a key needs.
    """

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if layout and not recompose and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


class EditorTextArea(TextArea):
    """A TextArea where Enter commits and Ctrl+J makes a new line."""

    BINDINGS = [
        Binding("ctrl+j", "newline", "Ny linje", show=True),
    ]

    class Submitted(Message):
        pass

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted())
            return
        await super()._on_key(event)

    def action_newline(self) -> None:
        self.insert("\n")


class CellEditor(Vertical):
    """Docked editor for one cell at a time."""

    DEFAULT_CSS = """
    CellEditor {
        dock: bottom;
        height: auto;
        max-height: 12;
        border-top: solid $panel-lighten-2;
        background: $surface;
        padding: 0 1;
    }
    CellEditor.-open { border-top: solid $accent; }
    CellEditor #editor-what { color: $text-muted; height: 1; }
    CellEditor #editor-preview { height: 1; }
    CellEditor.-open #editor-preview { display: none; }
    CellEditor #editor-input, CellEditor #editor-area { display: none; }
    CellEditor #editor-problem { color: $error; height: auto; }
    CellEditor Input, CellEditor Input:focus { border: none; width: 100%; height: 1; padding: 0; }
    CellEditor TextArea, CellEditor TextArea:focus { height: 6; border: none; padding: 0; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", show=True),
    ]

    class Committed(Message):
        def __init__(self, editor: "CellEditor", table: BlockTable, ref: CellRef, text: str):
            super().__init__()
            self.editor = editor
            self.table = table
            self.ref = ref
            self.text = text

        @property
        def control(self) -> "CellEditor":
            return self.editor

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.table: BlockTable | None = None
        self.ref: CellRef | None = None
        self.original = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="editor-what", markup=False)
        yield Static("", id="editor-preview", markup=False)
        yield EditorInput(id="editor-input", select_on_focus=False)
        yield EditorTextArea(id="editor-area", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        yield Static("", id="editor-problem", markup=False)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def preview(self, what: str, value: str, *, editable: bool) -> None:
        """Show the current cell while nothing is being edited."""
        if self.is_open:
            return
        hint = "  ·  Enter eller skriv for å redigere" if editable else ""
        # Both lines are one row high: no layout pass (which would repaint the
        # whole screen's scrollbars on every cursor move).
        self.query_one("#editor-what", Static).update(Text(what + hint, no_wrap=True, overflow="ellipsis"), layout=False)
        flat = " ⏎ ".join(value.splitlines()) if value else ""
        self.query_one("#editor-preview", Static).update(
            Text(flat or "(tom)", style="" if flat else "dim italic", no_wrap=True, overflow="ellipsis"), layout=False)

    def open(self, table: BlockTable, ref: CellRef, value: str, *, what: str, multiline: bool,
             units: list[str] | None = None, initial: str | None = None) -> None:
        self.table, self.ref, self.original = table, ref, value
        text = value if initial is None else initial  # typing on a cell replaces it, as in a spreadsheet
        self.query_one("#editor-what", Static).update(Text(what + ("  ·  Enter lagrer · Ctrl+J ny linje · Esc avbryter"
                                                                    if multiline else "  ·  Enter lagrer · Esc avbryter")))
        self.query_one("#editor-problem", Static).update("")
        line = self.query_one("#editor-input", Input)
        area = self.query_one("#editor-area", EditorTextArea)
        line.display = not multiline
        area.display = multiline
        self.add_class("-open")
        if multiline:
            area.load_text(text)
            area.focus()
            area.move_cursor(area.document.end)
        else:
            line.suggester = UnitSuggester(units) if units else None
            line.value = text
            line.focus()
            line.cursor_position = len(text)

    def type_ahead(self, text: str) -> None:
        """Characters typed before the focus reached the editor belong at its end."""
        area = self.query_one("#editor-area", EditorTextArea)
        if area.display:
            area.insert(text)
        else:
            line = self.query_one("#editor-input", Input)
            line.value += text
            line.cursor_position = len(line.value)

    def current_text(self) -> str:
        area = self.query_one("#editor-area", EditorTextArea)
        if area.display:
            return area.text
        return self.query_one("#editor-input", Input).value

    def show_problem(self, message: str) -> None:
        self.query_one("#editor-problem", Static).update(Text("Ikke lagret: " + message))

    def show_problem_note(self, theirs: str) -> None:
        """Someone else saved this very cell while it was being edited here."""
        short = theirs if len(theirs) <= 60 else theirs[:59] + "…"
        self.query_one("#editor-problem", Static).update(
            Text(f"En annen har nettopp endret cellen til «{short}». Enter lagrer din tekst (den andre står i endringsloggen)."))

    def close(self) -> None:
        self.remove_class("-open")
        self.query_one("#editor-input", Input).display = False
        self.query_one("#editor-area", EditorTextArea).display = False
        self.query_one("#editor-problem", Static).update("")
        table = self.table
        self.table, self.ref = None, None
        if table is not None and table.is_attached:
            table.focus()

    def commit(self) -> None:
        """Commit what is typed (used by Enter and whenever the editor is left)."""
        if self.table is None or self.ref is None:
            return
        self.post_message(self.Committed(self, self.table, self.ref, self.current_text()))

    @on(Input.Submitted, "#editor-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit()

    @on(EditorTextArea.Submitted)
    def _area_submitted(self, event: EditorTextArea.Submitted) -> None:
        event.stop()
        self.commit()

    def action_cancel(self) -> None:
        """Esc: drop what was typed; the cell keeps its saved value."""
        self.close()
