"""What a table does with a key: moves, edits, answers, rows - in the order the keys arrive.

Mixed into :class:`~.block_table.BlockTable`.  Every key is handled in the
table's own ``_on_key`` (none as a binding, which runs only after its key has
bubbled up to the App, so the keys typed after it would overtake it); what
the screen must do is sent through the screen's key funnel, so keys typed
after it wait (see :mod:`..key_order`).  On any row with a Ja/Nei answer
``j``, ``n`` and ``u`` answer it wherever the cursor is, and the screen moves
the cursor on to the next row to answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message
from textual.widgets import DataTable

from ...core.model.column_types import column_type
from ...core.model.template import LABEL
from .. import key_order
from .cell_ref import CellRef

ANSWER_KEYS = {"j": "ja", "n": "nei", "u": ""}


class TableKeys(DataTable if TYPE_CHECKING else object):
    """The keys of a block table (a mixin: the table supplies cursor, cells and messages).

    For the type checker its host is a DataTable; what BlockTable adds is declared below.
    """

    if TYPE_CHECKING:
        from ...core.model.layout import DisplayColumn, RowView
        from ...core.model.template import Block, Section
        from ...core.model.workshop import Workshop
        block: Block
        section: Section
        views: list[RowView]
        workshop: Workshop
        shown_columns: list[DisplayColumn]
        EditRequested: Any  # BlockTable's messages (they take the BlockTable this mixin is part of)
        ValueChosen: Any
        RowAdded: Any
        RowDeleteRequested: Any
        LeaveRequested: Any
        Say: Any

        @property
        def answer_column(self) -> DisplayColumn | None: ...

        def current(self) -> CellRef | None: ...
        def editable(self, ref: CellRef) -> bool: ...
        def answerable(self, view: RowView) -> bool: ...
        def route_key(self, event: events.Key) -> bool: ...

    def send(self, message: Message) -> None:
        """To the screen, counted: keys typed after this wait until the screen has handled it."""
        key_order.send(self, message)

    def say(self, text: str) -> None:
        self.app.bell()
        self.post_message(self.Say(self, text))

    def row_text_column(self, ref: CellRef) -> int | None:
        """On a row with a Ja/Nei answer, the first text column it can write ("Forslag til endring")."""
        if not self.answerable(ref.view):
            return None
        for index, shown in enumerate(self.shown_columns):
            typed = not column_type(shown.column).toggle and shown.column.type != LABEL
            if typed and self.editable(CellRef(ref.view, shown)):
                return index
        return None

    def write_row_text(self, ref: CellRef, initial: str | None = None) -> bool:
        """Enter or a letter on a cell of a Ja/Nei row that cannot take text: write the row's text instead."""
        column = self.row_text_column(ref)
        if column is None:
            return False
        self.move_cursor(column=column)
        self.send(self.EditRequested(self, initial=initial))
        return True

    def action_edit(self) -> None:
        ref = self.current()
        if ref is None:
            return
        if (not self.editable(ref) or (ref.shown is not None and column_type(ref.shown.column).toggle)) \
                and self.write_row_text(ref):
            return
        if not self.editable(ref):
            self.say("Denne cellen kommer fra malen og kan ikke endres.")
            return
        self.send(self.EditRequested(self))

    def action_next_cell(self) -> None:
        row, column = self.cursor_coordinate
        if column + 1 < len(self.columns):
            self.move_cursor(column=column + 1)
        elif row + 1 < self.row_count:
            self.move_cursor(row=row + 1, column=0)
        else:
            self.send(self.LeaveRequested(self, forward=True, tabbing=True))

    def action_previous_cell(self) -> None:
        row, column = self.cursor_coordinate
        if column > 0:
            self.move_cursor(column=column - 1)
        elif row > 0:
            self.move_cursor(row=row - 1, column=len(self.columns) - 1)
        else:
            self.send(self.LeaveRequested(self, forward=False, tabbing=True))

    def action_clear_cell(self) -> None:
        ref = self.current()
        if ref is None or not self.editable(ref):
            self.say("Denne cellen kommer fra malen og kan ikke tømmes.")
            return
        column = self.answer_column if ref.shown is not None and ref.shown.variant else ref.shown
        self.send(self.ValueChosen(self, CellRef(ref.view, column), ""))

    def action_add_row(self) -> None:
        growable = [b for b in self.section.blocks if b.add_rows]
        if not self.block.add_rows and len(growable) != 1:
            self.say("Denne tabellen tar ikke flere rader.")
            return
        self.send(self.RowAdded(self))  # from a fixed table (the kjøreplan's link): into the section's one that grows

    def down_past_end(self) -> None:
        """↓ on the last row of the section's last table: a new row where the table can grow, as in a
        spreadsheet (not a second empty one); otherwise say why the cursor stays."""
        if not self.block.add_rows:
            self.say("Dette er siste rad, og tabellen tar ikke flere rader. F6 går til neste seksjon.")
            return
        last = self.views[-1] if self.views else None
        if last is not None and last.user and not any(last.value(self.workshop, c) for c in self.block.columns):
            self.say("Den nye raden er tom ennå: skriv i den først.")
            return
        self.send(self.RowAdded(self))

    def action_delete_row(self) -> None:
        ref = self.current()
        if ref is None or not ref.view.user:
            self.say("Bare rader dere har lagt til kan slettes. Malens rader kan tømmes med Delete.")
            return
        self.send(self.RowDeleteRequested(self, ref.view))

    def unnamed(self, view) -> bool:
        """A row the template leaves for the group to name ("5. annet") that nobody has named yet.

        An answer there would print ``5. annet ☒ Nei`` in the handout: one-key answering
        passes it by, and an answer on it is refused until it has a name.
        """
        return bool(view.row.prompt) and view.label_editable and not view.written_label(self.workshop)

    def action_answer(self, word: str) -> None:
        """Answer the row's Ja/Nei (reached from a key, the help screen or the palette) and move on."""
        ref = self.current()
        answer = self.answer_column
        if ref is None or answer is None or ref.view.group:
            self.say("Denne raden har ikke noe Ja/Nei-svar.")
            return
        if word and self.unnamed(ref.view):
            self.say(f"«{ref.view.label(self.workshop)}» har ikke noe navn ennå: skriv først hva raden gjelder "
                     "(Enter i første kolonne), så svar.")
            return
        self.send(self.ValueChosen(self, CellRef(ref.view, answer), word, advance=True))

    def answer_key(self, key: str, ref: CellRef) -> bool:
        """j / n / u anywhere in a row with an answer; x or space on its Ja/Nei cell."""
        if self.answer_column is None or ref.view.group:
            return False
        if key in ANSWER_KEYS:
            self.action_answer(ANSWER_KEYS[key])
            return True
        if key in ("x", "space") and ref.shown is not None and column_type(ref.shown.column).toggle:
            current = ref.view.value(self.workshop, ref.shown.column) or ""
            if ref.shown.variant is not None:  # a split half: tick it, or untick it
                text = "" if current == ref.shown.variant else ref.shown.variant
            else:  # one column: Ja, Nei, not answered, in turn
                text = {"": "ja", "ja": "nei", "nei": ""}.get(str(current), "")
            self.send(self.ValueChosen(self, CellRef(ref.view, self.answer_column), text))
            return True
        return False

    #: Keys done here, in key order; the rest bubble (screen and app keys).
    ACTIONS = {
        "up": "cursor_up", "down": "cursor_down", "left": "cursor_left", "right": "cursor_right",
        "tab": "next_cell", "shift+tab": "previous_cell", "pageup": "page_up", "pagedown": "page_down",
        "enter": "edit", "insert": "add_row", "ctrl+n": "add_row", "ctrl+d": "delete_row", "delete": "clear_cell",
    }

    async def _on_key(self, event: events.Key) -> None:
        if self.route_key(event):
            return
        if self.key_now(event.key, event.character):
            event.stop()
            event.prevent_default()

    def _on_paste(self, event: events.Paste) -> None:
        """Text pasted onto a cell replaces it, as typing does - every line of it."""
        ref = self.current()
        if ref is None or not event.text:
            return
        event.stop()
        if self.editable(ref) and not (ref.shown is not None and column_type(ref.shown.column).toggle):
            self.send(self.EditRequested(self, initial=event.text.replace("\r\n", "\n").replace("\r", "\n")))
        else:
            self.say("Her kan det ikke limes inn tekst.")

    def key_now(self, key: str, character: str | None) -> bool:
        """Do what ``key`` means on this table now; False if it is not the table's key."""
        action = self.ACTIONS.get(key)
        if action is not None:
            row = self.cursor_coordinate.row
            if key == "down" and row >= self.row_count - 1:
                self.send(self.LeaveRequested(self, forward=True))  # on to the next table
            elif key == "up" and row <= 0:
                self.send(self.LeaveRequested(self, forward=False))
            else:
                getattr(self, f"action_{action}")()
            return True
        ref = self.current()
        if ref is None:
            return False
        if self.answer_key(key, ref):
            return True
        if character and character.isprintable():
            fixed = not self.editable(ref) or (ref.shown is not None and column_type(ref.shown.column).toggle)
            if fixed and key not in ("x", "space") and self.write_row_text(ref, character):
                pass
            elif ref.shown is not None and column_type(ref.shown.column).toggle:
                self.say("Svar med j (Ja), n (Nei) eller u (ubesvart).")
            elif self.editable(ref):
                self.send(self.EditRequested(self, initial=character))
            elif ref.shown is None:
                self.say("Denne kolonnen regnes ut og kan ikke endres.")
            else:
                self.say("Denne cellen kommer fra malen og kan ikke endres.")
            return True
        if key == "backspace":
            if self.editable(ref):
                self.send(self.ValueChosen(self, ref, ""))
            return True
        return False

