"""The cell editor under the tables: where a cell's value is typed.

Always on screen: while no cell is being edited it shows the current cell -
where it is and its whole value, which the grid may shorten - so the room
can read a long answer, and opening the editor repaints three lines instead
of the whole screen (29 KB per edit over SSH when it popped up).
Opened by Enter or by typing on a cell.  Enter commits; Tab and Shift+Tab
commit and move to the next or previous cell, as in a spreadsheet; Escape
cancels, and the draft stays one Ctrl+Z away.  A multi-line cell takes Ctrl+J
for a new line; pasting several lines into a one-line cell switches to the
multi-line editor, so no pasted line is dropped.  A refused value keeps the
editor open with the reason on its own line (the editor sits in the bottom
bar with the key bar, never under it).

Role columns complete the workshop's unit names as you type; Enter takes
what is shown (``Fl`` + Enter stores "Flyktningtjenesten", ``Fl, NA`` +
Enter two units).  A cell that names a copy of another section (2.3's
``Yrke/bransje``: one of 2.2's trades) completes from those names; → takes
the suggestion and Enter stores what is typed, so a new trade can still be written.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.suggester import SuggestFromList, Suggester
from textual.widgets import Input, Static, TextArea

from ...core.model.units import complete_units, suggestion
from ...core.shorten import cut
from ..key_order import InOrder, send
from ..keys import Key, action_of, bindings
from .block_table import BlockTable, CellRef

#: Keys the editor itself answers (:meth:`CellEditor.feed`), in key order (never as bindings, which run late).
EDITOR_KEYS = [
    Key("enter", "commit", "Lagre cellen", "Lagre", rank=10),
    Key("tab", "commit_next", "Lagre og gå til neste celle", "Lagre, neste celle", rank=20),
    Key("shift+tab", "commit_previous", "Lagre og gå til forrige celle"),
    Key("escape", "cancel", "Avbryt (Ctrl+Z henter teksten tilbake)", "Avbryt", rank=30),
    Key("ctrl+j", "newline", "Ny linje i cellen", lambda editor: "Ny linje" if editor.multiline else None, rank=40),
]

EDITOR_KEY_NAMES = frozenset(name for key in EDITOR_KEYS for name in key.key_list)


class UnitSuggester(Suggester):
    """Shows the last comma-separated part completed with a unit name (grey, after the cursor)."""

    def __init__(self, units: list[str]):
        super().__init__(use_cache=False, case_sensitive=True)
        self.units = units

    async def get_suggestion(self, value: str) -> str | None:
        return suggestion(value, self.units)


class EditorKeys(InOrder):
    """Keys the cell editor acts on (Enter, Esc, Tab …) go to it, in the order typed; the rest edit text."""

    async def _on_key(self, event: events.Key) -> None:
        if self.route_key(event):
            return
        if event.key in EDITOR_KEY_NAMES:
            event.stop()
            event.prevent_default()
            self.parent.feed(event.key, event.character)  # type: ignore[union-attr]
            return
        await super()._on_key(event)  # pyright: ignore[reportAttributeAccessIssue] (Input's, after this mixin)


def _suggests(field: Input) -> bool:
    """Whether the one-line editor completes what is typed (units, or names of copies)."""
    editor = field.parent
    return isinstance(editor, CellEditor) and bool(editor.units or editor.names) and not editor.multiline


class EditorInput(EditorKeys, Input):
    """An Input of fixed size whose typing does not re-lay-out the screen.

    Textual's Input asks for a full layout on every key (its virtual size
    flips); with a fixed width and height nothing can move, and the layout
    pass re-sends every scrollbar on screen - ~1.3 KB per typed character
    over SSH.  A repaint of the Input itself is all a key needs.
    """

    #: → takes the grey suggestion (a unit of the workshop, a copy's name): named in help and the key bar.
    KEYS = [Key("right", "cursor_right", "Fullfør forslaget (enhet eller navn); ellers markøren til høyre",
                lambda field: "Fullfør" if _suggests(field) else None, rank=15)]
    BINDINGS = bindings(KEYS)

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):
        if layout and not recompose and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)


    def _on_paste(self, event: events.Paste) -> None:
        if "\n" in event.text or "\r" in event.text:
            event.stop()
            event.prevent_default()
            self.parent.paste_lines(event.text)  # type: ignore[union-attr]
            return
        super()._on_paste(event)


class EditorTextArea(EditorKeys, TextArea):
    """A TextArea where Enter commits, Tab moves on and Ctrl+J makes a new line."""



@dataclass(frozen=True)
class Draft:
    """What was typed into a cell when Esc dropped it: Ctrl+Z brings it back."""

    table: BlockTable
    ref: CellRef
    text: str
    multiline: bool


class CellEditor(Vertical):
    """Editor for one cell at a time, in the bottom bar."""

    DEFAULT_CSS = """
    CellEditor {
        height: auto;
        border-top: solid $panel-lighten-2;
        background: $surface;
        padding: 0 1;
    }
    CellEditor.-open { border-top: solid $accent; }
    CellEditor #editor-what { color: $text-muted; height: 1; }
    CellEditor #editor-preview { height: 1; }
    CellEditor.-open #editor-preview { display: none; }
    CellEditor #editor-input, CellEditor #editor-area { display: none; }
    CellEditor #editor-problem { color: $error; text-style: bold; height: auto; max-height: 2; display: none; }
    CellEditor Input, CellEditor Input:focus { border: none; width: 100%; height: 1; padding: 0; }
    CellEditor TextArea, CellEditor TextArea:focus { height: 4; border: none; padding: 0; }
    """

    KEYS = EDITOR_KEYS
    BINDINGS = bindings(EDITOR_KEYS)

    class Committed(Message):
        """Store ``text``; ``move`` is +1 / -1 when Tab / Shift+Tab asked to go on."""

        def __init__(self, editor: "CellEditor", table: BlockTable, ref: CellRef, text: str, move: int = 0):
            super().__init__()
            self.editor = editor
            self.table = table
            self.ref = ref
            self.text = text
            self.move = move

        @property
        def control(self) -> "CellEditor":
            return self.editor

    class Cancelled(Message):
        """Esc: the editor closed; ``draft`` is what was typed, if it differed from the cell."""

        def __init__(self, editor: "CellEditor", draft: Draft | None):
            super().__init__()
            self.editor = editor
            self.draft = draft

        @property
        def control(self) -> "CellEditor":
            return self.editor

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.table: BlockTable | None = None
        self.ref: CellRef | None = None
        self.original = ""
        self.units: list[str] | None = None
        self.names: list[str] | None = None  # what the cell completes from (not units)
        self.what = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="editor-what", markup=False)
        yield Static("", id="editor-preview", markup=False)
        yield EditorInput(id="editor-input", select_on_focus=False)
        yield EditorTextArea(id="editor-area", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        yield Static("", id="editor-problem", markup=False)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    @property
    def multiline(self) -> bool:
        return bool(self.query_one("#editor-area", EditorTextArea).display)

    def preview(self, what: str, value: str, *, editable: bool) -> None:
        """Show the current cell while nothing is being edited."""
        if self.is_open:
            return
        # Both lines are one row high: no layout pass (which would repaint the
        # whole screen's scrollbars on every cursor move).
        self.query_one("#editor-what", Static).update(Text(what, no_wrap=True, overflow="ellipsis"), layout=False)
        flat = " ⏎ ".join(value.splitlines()) if value else ""
        self.query_one("#editor-preview", Static).update(
            Text(flat or "(tom)", style="" if flat else "dim italic", no_wrap=True, overflow="ellipsis"), layout=False)

    def open(self, table: BlockTable, ref: CellRef, value: str, *, what: str, multiline: bool,
             units: list[str] | None = None, initial: str | None = None, original: str | None = None,
             names: list[str] | None = None) -> None:
        self.table, self.ref = table, ref
        self.original = value if original is None else original
        self.units = units
        self.names = names or None
        self.what = what
        text = value if initial is None else initial  # typing on a cell replaces it, as in a spreadsheet
        self.query_one("#editor-what", Static).update(Text(what, no_wrap=True, overflow="ellipsis"))
        self._problem("")
        line = self.query_one("#editor-input", EditorInput)
        area = self.query_one("#editor-area", EditorTextArea)
        line.display = not multiline
        area.display = multiline
        self.add_class("-open")
        if multiline:
            area.load_text(text)
            area.move_cursor(area.document.end)
            self.screen.set_focus(area)  # at once: the next key of a burst must find it
        else:
            line.suggester = (UnitSuggester(units) if units else
                              SuggestFromList(names, case_sensitive=False) if names else None)
            line.value = ""
            line.value = text
            line.cursor_position = len(text)
            self.screen.set_focus(line)

    def _switch_to_area(self, text: str) -> None:
        """Go on in the multi-line editor with ``text`` (a pasted block of lines)."""
        line = self.query_one("#editor-input", EditorInput)
        area = self.query_one("#editor-area", EditorTextArea)
        line.display = False
        area.display = True
        area.load_text(text)
        area.move_cursor(area.document.end)
        self.screen.set_focus(area)

    def paste_lines(self, pasted: str) -> None:
        """Several lines pasted into the one-line editor: keep every line (multi-line editor)."""
        line = self.query_one("#editor-input", EditorInput)
        pasted = pasted.replace("\r\n", "\n").replace("\r", "\n")
        position = line.cursor_position
        self._switch_to_area(line.value[:position] + pasted + line.value[position:])

    def type_ahead(self, text: str) -> None:
        """Characters typed before the focus reached the editor go where its cursor is."""
        if self.multiline:
            self.query_one("#editor-area", EditorTextArea).insert(text)
        else:
            self.query_one("#editor-input", EditorInput).insert_text_at_cursor(text)

    def feed(self, key: str, character: str | None) -> None:
        """Do what a key means for the open editor, now (keys of a burst, and the editor's own keys)."""
        action = action_of(self, key)
        if action is not None:  # EDITOR_KEYS: in order with the keys around it (not as a late binding)
            getattr(self, f"action_{action}")()
        elif character and character.isprintable():
            self.type_ahead(character)
        else:
            target = self.query_one("#editor-area" if self.multiline else "#editor-input")
            action = {"backspace": "delete_left", "delete": "delete_right", "left": "cursor_left",
                      "right": "cursor_right", "home": "home", "end": "end"}.get(key)
            if action is not None and hasattr(target, f"action_{action}"):
                getattr(target, f"action_{action}")()

    def action_commit(self) -> None:
        self.commit()

    def action_commit_next(self) -> None:
        self.commit(move=1)

    def action_commit_previous(self) -> None:
        self.commit(move=-1)

    def action_newline(self) -> None:
        if self.multiline:
            self.type_ahead("\n")
        else:
            self.paste_lines("\n")

    def current_text(self) -> str:
        if self.multiline:
            return self.query_one("#editor-area", EditorTextArea).text
        return self.query_one("#editor-input", EditorInput).value

    def text_to_store(self) -> str:
        """What Enter stores: in a role column every part that begins a unit is that unit."""
        text = self.current_text()
        return complete_units(text, self.units) if self.units else text

    def _problem(self, text: str) -> None:
        """The reason line: shown only when there is a reason (an empty line would waste a row)."""
        line = self.query_one("#editor-problem", Static)
        line.update(Text(text))
        line.display = bool(text)

    def show_problem(self, message: str) -> None:
        self._problem("Ikke lagret: " + message)

    def show_problem_note(self, theirs: str) -> None:
        """Someone else saved this very cell while it was being edited here."""
        self._problem(f"En annen har nettopp endret cellen til «{cut(theirs, 60)}». Enter lagrer din tekst (den andre står i endringsloggen).")

    def close(self) -> None:
        self.remove_class("-open")
        self.query_one("#editor-input", EditorInput).display = False
        self.query_one("#editor-area", EditorTextArea).display = False
        self._problem("")
        table = self.table
        self.table, self.ref, self.units, self.names = None, None, None, None
        if table is not None and table.is_attached:
            self.screen.set_focus(table)  # at once, so the next key of a burst goes to the table

    def commit(self, move: int = 0) -> None:
        """Commit what is typed (Enter, Tab, and whenever the editor is left)."""
        if self.table is None or self.ref is None:
            return
        send(self, self.Committed(self, self.table, self.ref, self.text_to_store(), move))

    @on(Input.Submitted, "#editor-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.commit()

    def action_cancel(self) -> None:
        """Esc: the cell keeps its saved value; what was typed is kept for Ctrl+Z."""
        draft = None
        if self.table is not None and self.ref is not None and self.current_text() != self.original:
            draft = Draft(self.table, self.ref, self.current_text(), self.multiline)
        self.close()
        send(self, self.Cancelled(self, draft))
