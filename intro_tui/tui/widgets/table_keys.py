"""What a table does with a key: moves, edits, answers, rows - in the order the keys arrive.

The keys are declared once, in :data:`TABLE_KEYS`: they are the table's
bindings, its F1 help lines and its key-bar entries, and :meth:`TableKeys.key_now`
does what the list says a key does.  Every key is handled in the table's own
``_on_key`` (none as a binding, which runs only after its key has bubbled up
to the App, so the keys typed after it would overtake it); what the screen
must do is sent through the screen's key funnel, so keys typed after it wait
(see :mod:`..key_order`).  On any row with a Ja/Nei answer ``j``, ``n`` and
``u`` answer it wherever the cursor is, and the screen moves the cursor on to
the next row to answer.

:class:`TableKeys` is a controller each table owns (``table.table_keys``);
:class:`KeyedTable`, a base of :class:`~.block_table.BlockTable`, is where
Textual delivers keys, pastes and actions, handed on to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.actions import parse
from textual.message import Message
from textual.widgets import DataTable

from ...core.model.column_types import column_type
from ...core.model.template import LABEL
from .. import key_order
from ..keys import Key, action_of, bindings
from .cell_ref import CellRef

if TYPE_CHECKING:
    from ...core.model.layout import RowView
    from .block_table import BlockTable


def _answer_words(table: "KeyedTable") -> str | None:
    ref = table.table_keys.table.current()
    return "Ja/Nei/tom" if ref is not None and table.table_keys.table.answerable(ref.view) else None


def _enter_words(table: "KeyedTable") -> str | None:
    host = table.table_keys.table
    ref = host.current()
    if ref is not None and host.answerable(ref.view):  # Enter writes the row's text
        return "Skriv" if host.editable(ref) or table.table_keys.row_text_column(ref) is not None else None
    return "Rediger" if ref is not None and host.editable(ref) else None


def _delete_row_words(table: "KeyedTable") -> str | None:
    ref = table.table_keys.table.current()
    return "Slett rad" if ref is not None and ref.view.user else None


#: Every key of a block table: bindings, help, key bar and handling (:meth:`TableKeys.key_now`).
TABLE_KEYS = [
    Key("j", "answer('ja')", "Ja (rader med Ja/Nei)", _answer_words, rank=10, shown_as="j/n/u"),
    Key("n", "answer('nei')", "Nei (rader med Ja/Nei)"),
    Key("u", "answer('')", "Ubesvart (rader med Ja/Nei)"),
    Key("x,space", "toggle_answer", "Kryss av i Ja- eller Nei-cellen (igjen: fjern krysset)"),
    Key("enter", "edit", "Rediger (i rader med Ja/Nei: skriv radens tekst)", _enter_words, rank=20),
    Key("tab", "next_cell", "Neste celle"),
    Key("shift+tab", "previous_cell", "Forrige celle"),
    Key("delete", "clear_cell", "Tøm celle"),
    Key("insert,ctrl+n", "add_row", "Ny rad",
        lambda table: "Ny rad" if table.table_keys.table.block.add_rows else None, rank=30),
    Key("ctrl+d", "delete_row", "Slett rad", _delete_row_words, rank=40),
    Key("up", "cursor_up", "Opp (fra første rad: tabellen over)"),
    Key("down", "cursor_down", "Ned (fra siste rad: neste tabell, eller en ny rad)"),
    Key("left", "cursor_left", "Venstre"),
    Key("right", "cursor_right", "Høyre"),
    Key("pageup", "page_up", "En side opp"),
    Key("pagedown", "page_down", "En side ned"),
]

#: Actions that answer: their keys mean something only on a row with a Ja/Nei answer (else they type).
ANSWERING = ("answer", "toggle_answer")


class TableKeys:
    """The keys of one block table: a controller the table owns (the table supplies cursor, cells, messages)."""

    def __init__(self, table: "BlockTable"):
        self.table = table

    def send(self, message: Message) -> None:
        """To the screen, counted: keys typed after this wait until the screen has handled it."""
        key_order.send(self.table, message)

    def say(self, text: str) -> None:
        table = self.table
        table.app.bell()
        table.post_message(table.Say(table, text))

    def row_text_column(self, ref: CellRef) -> int | None:
        """On a row with a Ja/Nei answer, the first text column it can write ("Forslag til endring")."""
        table = self.table
        if not table.answerable(ref.view):
            return None
        for index, shown in enumerate(table.shown_columns):
            typed = not column_type(shown.column).toggle and shown.column.type != LABEL
            if typed and table.editable(CellRef(ref.view, shown)):
                return index
        return None

    def write_row_text(self, ref: CellRef, initial: str | None = None) -> bool:
        """Enter or a letter on a cell of a Ja/Nei row that cannot take text: write the row's text instead."""
        column = self.row_text_column(ref)
        if column is None:
            return False
        self.table.move_cursor(column=column)
        self.send(self.table.EditRequested(self.table, initial=initial))
        return True

    def edit(self) -> None:
        table = self.table
        ref = table.current()
        if ref is None:
            return
        if (not table.editable(ref) or (ref.shown is not None and column_type(ref.shown.column).toggle)) \
                and self.write_row_text(ref):
            return
        if not table.editable(ref):
            self.say("Denne cellen kommer fra malen og kan ikke endres.")
            return
        self.send(table.EditRequested(table))

    def next_cell(self) -> None:
        table = self.table
        row, column = table.cursor_coordinate
        if column + 1 < len(table.columns):
            table.move_cursor(column=column + 1)
        elif row + 1 < table.row_count:
            table.move_cursor(row=row + 1, column=0)
        else:
            self.send(table.LeaveRequested(table, forward=True, tabbing=True))

    def previous_cell(self) -> None:
        table = self.table
        row, column = table.cursor_coordinate
        if column > 0:
            table.move_cursor(column=column - 1)
        elif row > 0:
            table.move_cursor(row=row - 1, column=len(table.columns) - 1)
        else:
            self.send(table.LeaveRequested(table, forward=False, tabbing=True))

    def clear_cell(self) -> None:
        table = self.table
        ref = table.current()
        if ref is None or not table.editable(ref):
            self.say("Denne cellen kommer fra malen og kan ikke tømmes.")
            return
        column = table.answer_column if ref.shown is not None and ref.shown.variant else ref.shown
        self.send(table.ValueChosen(table, CellRef(ref.view, column), ""))

    def add_row(self) -> None:
        table = self.table
        growable = [b for b in table.section.blocks if b.add_rows]
        if not table.block.add_rows and len(growable) != 1:
            self.say("Denne tabellen tar ikke flere rader.")
            return
        self.send(table.RowAdded(table))  # from a fixed table (the kjøreplan's link): into the section's one that grows

    def down_past_end(self) -> None:
        """↓ on the last row of the section's last table: a new row where the table can grow, as in a
        spreadsheet (not a second empty one); otherwise say why the cursor stays."""
        table = self.table
        if not table.block.add_rows:
            self.say("Dette er siste rad, og tabellen tar ikke flere rader. F6 går til neste seksjon.")
            return
        last = table.views[-1] if table.views else None
        if last is not None and last.user and not any(last.value(table.workshop, c) for c in table.block.columns):
            self.say("Den nye raden er tom ennå: skriv i den først.")
            return
        self.send(table.RowAdded(table))

    def delete_row(self) -> None:
        table = self.table
        ref = table.current()
        if ref is None or not ref.view.user:
            self.say("Bare rader dere har lagt til kan slettes. Malens rader kan tømmes med Delete.")
            return
        self.send(table.RowDeleteRequested(table, ref.view))

    def unnamed(self, view: "RowView") -> bool:
        """A row the template leaves for the group to name ("5. annet") that nobody has named yet.

        An answer there would print ``5. annet ☒ Nei`` in the handout: one-key answering
        passes it by, and an answer on it is refused until it has a name.
        """
        return bool(view.row.prompt) and view.label_editable and not view.written_label(self.table.workshop)

    def answer(self, word: str) -> None:
        """Answer the row's Ja/Nei (reached from a key, the help screen or the palette) and move on."""
        table = self.table
        ref = table.current()
        answer = table.answer_column
        if ref is None or answer is None or ref.view.group:
            self.say("Denne raden har ikke noe Ja/Nei-svar.")
            return
        if word and self.unnamed(ref.view):
            self.say(f"«{ref.view.label(table.workshop)}» har ikke noe navn ennå: skriv først hva raden gjelder "
                     "(Enter i første kolonne), så svar.")
            return
        self.send(table.ValueChosen(table, CellRef(ref.view, answer), word, advance=True))

    def toggle_answer(self) -> None:
        """x or space on a Ja/Nei cell: tick a split half (or untick it); one column: Ja, Nei, none in turn."""
        table = self.table
        ref = table.current()
        if ref is None or table.answer_column is None or ref.shown is None or not column_type(ref.shown.column).toggle:
            self.say("Svar med j (Ja), n (Nei) eller u (ubesvart).")
            return
        current = ref.view.value(table.workshop, ref.shown.column) or ""
        if ref.shown.variant is not None:
            text = "" if current == ref.shown.variant else ref.shown.variant
        else:
            text = {"": "ja", "ja": "nei", "nei": ""}.get(str(current), "")
        self.send(table.ValueChosen(table, CellRef(ref.view, table.answer_column), text))

    def answers_here(self, action: str, ref: CellRef) -> bool:
        """Whether an answering key means its answer here (else it types, as any letter does)."""
        if self.table.answer_column is None or ref.view.group:
            return False
        return action != "toggle_answer" or (ref.shown is not None and column_type(ref.shown.column).toggle)

    def run(self, action: str) -> None:
        """Do one of :data:`TABLE_KEYS`' actions: ours here, the cursor's the DataTable's."""
        _namespace, name, arguments = parse(action)
        method = getattr(self, name, None)
        if method is None:
            method = getattr(self.table, f"action_{name}")
        method(*arguments)

    def key_now(self, key: str, character: str | None) -> bool:
        """Do what ``key`` means on this table now (its declared action); False if it is not the table's key."""
        table = self.table
        action = action_of(table, key)
        answering = action is not None and parse(action)[1] in ANSWERING
        if action is not None and not answering:
            row = table.cursor_coordinate.row
            if action == "cursor_down" and row >= table.row_count - 1:
                self.send(table.LeaveRequested(table, forward=True))  # on to the next table
            elif action == "cursor_up" and row <= 0:
                self.send(table.LeaveRequested(table, forward=False))
            else:
                self.run(action)
            return True
        ref = table.current()
        if ref is None:
            return False
        if action is not None and self.answers_here(action, ref):
            self.run(action)
            return True
        if character and character.isprintable():
            toggle = ref.shown is not None and column_type(ref.shown.column).toggle
            toggling = action is not None and parse(action)[1] == "toggle_answer"  # x and space tick, never write
            if (not table.editable(ref) or toggle) and not toggling and self.write_row_text(ref, character):
                pass
            elif toggle:
                self.say("Svar med j (Ja), n (Nei) eller u (ubesvart).")
            elif table.editable(ref):
                self.send(table.EditRequested(table, initial=character))
            elif ref.shown is None:
                self.say("Denne kolonnen regnes ut og kan ikke endres.")
            else:
                self.say("Denne cellen kommer fra malen og kan ikke endres.")
            return True
        if key == "backspace":
            if table.editable(ref):
                self.send(table.ValueChosen(table, ref, ""))
            return True
        return False

    def paste(self, event: events.Paste) -> None:
        """Text pasted onto a cell replaces it, as typing does - every line of it."""
        table = self.table
        ref = table.current()
        if ref is None or not event.text:
            return
        event.stop()
        if table.editable(ref) and not (ref.shown is not None and column_type(ref.shown.column).toggle):
            table_text = event.text.replace("\r\n", "\n").replace("\r", "\n")
            self.send(table.EditRequested(table, initial=table_text))
        else:
            self.say("Her kan det ikke limes inn tekst.")


class KeyedTable(DataTable):
    """Where Textual delivers a block table's keys, pastes and actions: handed on to its :class:`TableKeys`.

    The table makes its controller in ``__init__`` (``self.table_keys = TableKeys(self)``).
    """

    KEYS = TABLE_KEYS
    BINDINGS = bindings(TABLE_KEYS)

    table_keys: TableKeys

    async def _on_key(self, event: events.Key) -> None:
        if self.table_keys.table.route_key(event):
            return
        if self.table_keys.key_now(event.key, event.character):
            event.stop()
            event.prevent_default()

    def _on_paste(self, event: events.Paste) -> None:
        self.table_keys.paste(event)

    def key_now(self, key: str, character: str | None) -> bool:
        return self.table_keys.key_now(key, character)

    def row_text_column(self, ref: CellRef) -> int | None:
        return self.table_keys.row_text_column(ref)

    def unnamed(self, view: "RowView") -> bool:
        return self.table_keys.unnamed(view)

    def down_past_end(self) -> None:
        self.table_keys.down_past_end()

    # the actions of TABLE_KEYS (bindings, the palette, the screen after a commit)
    def action_edit(self) -> None:
        self.table_keys.edit()

    def action_next_cell(self) -> None:
        self.table_keys.next_cell()

    def action_previous_cell(self) -> None:
        self.table_keys.previous_cell()

    def action_clear_cell(self) -> None:
        self.table_keys.clear_cell()

    def action_add_row(self) -> None:
        self.table_keys.add_row()

    def action_delete_row(self) -> None:
        self.table_keys.delete_row()

    def action_answer(self, word: str) -> None:
        self.table_keys.answer(word)

    def action_toggle_answer(self) -> None:
        self.table_keys.toggle_answer()
