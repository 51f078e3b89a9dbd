"""The workshop screen's editing: what the tables and the cell editor ask for, done in key order.

Every message here was sent on behalf of a key and counted by the screen's
:class:`~intro_tui.tui.key_order.KeyFunnel`; each handler first says it is
handled, so keys typed after it (which wait as ``TypedAhead``) follow in
order.  Nothing here writes to the store except through the edit session.

:class:`EditController` does the work, a controller the workshop screen owns
(``screen.edit_control``; typed against the real screen, so the type checker sees
everything it uses); :class:`CellEditing`, a base of the screen, is where
Textual delivers the messages (its ``@on`` handlers) and what the screen's other
parts call (``say``, ``leave_editor``), handed on to it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.actions import parse
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from ...core.model.column_types import as_input, column_type
from ...core.model.template import LABEL
from ...core.model.copy_links import completions
from ...core.model.values import ValueProblem
from ...core.store.errors import StoreError
from ..cell_words import describe_cell
from ..key_order import TypedAhead, key_made
from ..keys import action_of
from ..widgets.block_table import BlockTable, CellRef
from ..widgets.cell_editor import CellEditor, Draft
from ..widgets.navigator import Navigator

if TYPE_CHECKING:
    from .workshop import WorkshopScreen

#: How long a message stays on the message line (seconds).
MESSAGE_SECONDS = 8
#: Said when Esc drops what was typed (and again when following moves the view on: tui/room_view.go_to).
DRAFT_KEPT = "Avbrutt – cellen er som før. Ctrl+Z henter tilbake det du skrev."


class EditController:
    """Open, commit, cancel, answer, add and remove rows, and the message line: for one workshop screen."""

    def __init__(self, screen: WorkshopScreen):
        self.screen = screen
        #: What Esc dropped, for Ctrl+Z.
        self.draft: Draft | None = None
        self._message_timer: Timer | None = None

    def note_saved_under_editor(self) -> None:
        """Another session saved the cell being edited here: the editor says what it holds now (and keeps ours)."""
        editor = self.screen.query_one(CellEditor)
        if editor.is_open and editor.ref is not None and editor.ref.shown is not None:
            workshop, view, column = self.screen.session.workshop, editor.ref.view, editor.ref.shown.column
            fresh = view.written_label(workshop) if column.type == LABEL else as_input(
                column, view.row, view.value(workshop, column))
            if fresh != editor.original:
                editor.show_problem_note(fresh)

    # -- the message line (instead of toasts over the table) -----------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        """One line above the key bar; the same message again is not stacked."""
        line = self.screen.query_one("#message", Static)
        line.set_class(error, "-error")
        line.update(text)
        line.display = True
        if self._message_timer is not None:
            self._message_timer.stop()
        self._message_timer = self.screen.set_timer(MESSAGE_SECONDS, self._clear_message)

    def clear_message(self) -> None:
        """The next thing that succeeds (a save, an answer, another section) ends what was said before."""
        if self._message_timer is not None:
            self._message_timer.stop()
            self._message_timer = None
        self._clear_message()

    def _clear_message(self) -> None:
        line = self.screen.query_one("#message", Static)
        line.update("")
        line.display = False

    # -- keys that waited ------------------------------------------------------------------

    def perform_key(self, key: str, character: str | None) -> None:
        """Do what a key means now: in the open editor, else on the table with the cursor, else the screen's."""
        screen = self.screen
        editor = screen.query_one(CellEditor)
        if editor.is_open:
            editor.feed(key, character)
            return
        table = screen.focused if isinstance(screen.focused, BlockTable) else None
        if table is not None and table.key_now(key, character):
            return
        action = action_of(screen, key)  # the screen's declared keys (its own and its parts')
        if action is not None:
            namespace, name, arguments = parse(action)
            if not namespace:
                getattr(screen, f"action_{name}")(*arguments)

    # -- opening and committing -----------------------------------------------------------

    def edit_requested(self, event: BlockTable.EditRequested) -> None:
        editor = self.screen.query_one(CellEditor)
        if editor.is_open:  # typed faster than the focus moved
            if event.initial is None:
                editor.feed("enter", None)
            elif "\n" in event.initial and not editor.multiline:
                editor.paste_lines(event.initial)
            else:
                editor.type_ahead(event.initial)
            return
        self.open_editor(event.table, event.initial)

    def open_editor(self, table: BlockTable, initial: str | None = None, draft: Draft | None = None) -> None:
        ref = table.current() if draft is None else draft.ref
        if ref is None or ref.shown is None or not table.editable(ref):
            return
        column = ref.shown.column
        what, value = describe_cell(self.screen.session.workshop, self.screen.section, ref)
        text = value if draft is None else draft.text
        multiline = (column.multiline or "\n" in text or len(text) > 70 or (draft is not None and draft.multiline)
                     or (initial is not None and "\n" in initial))
        units = self.screen.session.workshop.units if column_type(column).units else None
        session, section = self.screen.session, self.screen.section
        names = completions(session.template, session.workshop, section.id, ref.view.block.id, ref.view.key)
        self.screen.query_one(CellEditor).open(table, ref, text, what=what, multiline=multiline, units=units,
                                               initial=initial, original=value, names=names)
        self.screen.editing = True

    def editor_committed(self, event: CellEditor.Committed) -> None:
        editor = self.screen.query_one(CellEditor)
        if not editor.is_open or editor.ref is not event.ref:
            return
        if event.text != editor.original and not self.commit(event.table, event.ref, event.text):
            return
        editor.close()
        self.screen.editing = False
        self.clear_message()
        if event.move and event.table.is_attached:
            event.table.action_next_cell() if event.move > 0 else event.table.action_previous_cell()

    def editor_cancelled(self, event: CellEditor.Cancelled) -> None:
        self.screen.editing = False
        if event.draft is not None:
            self.draft = event.draft
            self.say(DRAFT_KEPT)

    def restore_draft(self) -> bool:
        """Ctrl+Z after Esc: the dropped text comes back in the editor, on its cell - in its section,
        wherever the view went since (a leader followed to another section)."""
        draft, self.draft = self.draft, None
        if draft is None:
            return False
        section = draft.table.section.id
        if section != self.screen.section.id:
            self.screen.show_section(section)
            self.screen.query_one(Navigator).select_section(section)
            self.screen.after_section_shown(self._reopen_draft, draft)
            return True
        return self._reopen_draft(draft)

    def _reopen_draft(self, draft: Draft) -> bool:
        table = self.screen.table_for(draft.table.block.id)
        if table is None:
            return False
        table.move_to_row(draft.ref.view.key, draft.ref.shown.column.id if draft.ref.shown else None)
        self.screen.set_focus(table)
        self.open_editor(table, draft=draft)
        self.say("Teksten du skrev er tilbake. Enter lagrer, Esc avbryter.")
        return True

    def value_chosen(self, event: BlockTable.ValueChosen) -> None:
        if self.commit(event.table, event.ref, event.text) and event.advance:
            self.advance_after_answer(event.table, event.ref)

    def advance_after_answer(self, table: BlockTable, ref: CellRef) -> None:
        """One key per answer: on to the next row that has one (in the next table if this one is done)."""
        index = next((i for i, v in enumerate(table.views) if v.key == ref.view.key), None)
        following = table.next_answerable(index) if index is not None else None
        if following is not None:
            table.move_cursor(row=following)
            return
        tables = self.screen.tables()
        for later in tables[tables.index(table) + 1:]:
            first = later.next_answerable(-1)
            if first is not None:
                self.screen.set_focus(later)
                later.move_cursor(row=first, column=min(table.cursor_coordinate.column, len(later.columns) - 1))
                return

    def commit(self, table: BlockTable, ref: CellRef, text: str) -> bool:
        """Store one cell; on refusal show why and return False (nothing typed is lost)."""
        view, shown = ref.view, ref.shown
        if shown is None:
            return True
        editor = self.screen.query_one(CellEditor)
        try:
            self.screen.session.set_cell(self.screen.section.id, view.block.id, view.key, shown.column.id, text)
        except (ValueProblem, StoreError) as exc:
            if isinstance(exc, StoreError):
                self.screen._set_status(str(exc))
            if editor.is_open:
                editor.show_problem(str(exc))
            else:
                self.say(f"Ikke lagret: {exc}", error=True)
            return False
        self.draft = None
        self.clear_message()
        self.screen.refresh_tables()
        self.screen._saved()
        return True

    def leave_editor(self) -> bool:
        """Leaving a cell that is being edited commits it; False if the value was refused."""
        editor = self.screen.query_one(CellEditor)
        if not editor.is_open or editor.table is None or editor.ref is None:
            return True
        text = editor.text_to_store()
        if text == editor.original or self.commit(editor.table, editor.ref, text):
            editor.close()
            self.screen.editing = False
            return True
        return False

    # -- rows ----------------------------------------------------------------------------

    def row_added(self, event: BlockTable.RowAdded) -> None:
        table = event.table
        if not table.block.add_rows:  # Insert on a fixed table: the section's one table that grows
            table = next((t for t in self.screen.tables() if t.block.add_rows), table)
        try:
            key = self.screen.session.add_row(self.screen.section.id, table.block.id)
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        self.screen.refresh_tables()
        self.screen._saved()
        table.move_to_row(key)
        table.move_cursor(column=0)
        self.screen.set_focus(table)
        ref = table.current()
        if ref is not None and table.editable(ref):
            self.open_editor(table)  # at once: the text typed next is the new row's

    def row_delete_requested(self, event: BlockTable.RowDeleteRequested) -> None:
        try:
            self.screen.session.delete_row(self.screen.section.id, event.table.block.id, event.view.key)
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        self.screen.refresh_tables()
        self.screen._saved()
        self.say("Raden er slettet. Ctrl+Z angrer.")

    def leave_table(self, event: BlockTable.LeaveRequested) -> None:
        tables = self.screen.tables()
        if event.table not in tables:
            return
        index = tables.index(event.table) + (1 if event.forward else -1)
        if 0 <= index < len(tables):
            target = tables[index]
            self.screen.set_focus(target)
            row = target.first_row() if event.forward else target.row_count - 1
            if event.tabbing:
                target.move_cursor(row=row, column=0 if event.forward else len(target.columns) - 1)
            else:  # up/down: keep the column where the tables line up
                target.move_cursor(row=row, column=min(event.table.cursor_coordinate.column, len(target.columns) - 1))
        elif not event.forward and self.screen.section_view is not None:
            self.screen.section_view.scroll_home(animate=False)  # ↑ on the first row: the instructions again
        elif not event.tabbing:
            event.table.down_past_end()  # ↓ on the section's last row: a new row, or why not


class CellEditing(Screen):
    """The base of :class:`WorkshopScreen` where Textual delivers what keys asked for: handed to its
    :class:`EditController` (``edit_control``, made by the screen), in key order (:func:`key_made`).

    A Screen subclass (not a plain mixin) so Textual collects its ``@on`` handlers; it uses
    nothing of the screen but the controller and the key funnel.
    """

    if TYPE_CHECKING:
        from ..key_order import KeyFunnel

        key_funnel: KeyFunnel
    edit_control: EditController

    @property
    def draft(self) -> Draft | None:
        """What Esc dropped, kept for Ctrl+Z (room_view says so again after following moved the view)."""
        return self.edit_control.draft

    def say(self, text: str, *, error: bool = False) -> None:
        """One line above the key bar (the message line)."""
        self.edit_control.say(text, error=error)

    def clear_message(self) -> None:
        self.edit_control.clear_message()

    def leave_editor(self) -> bool:
        """Leaving a cell that is being edited commits it; False if the value was refused."""
        return self.edit_control.leave_editor()

    def restore_draft(self) -> bool:
        return self.edit_control.restore_draft()

    def perform_key(self, key: str, character: str | None) -> None:
        self.edit_control.perform_key(key, character)

    def handle_now(self, message: Message) -> None:
        """A message a waiting key sent, handled at once (by the handler that would get it posted)."""
        handlers = {
            TypedAhead: self.typed_ahead, BlockTable.EditRequested: self.edit_requested,
            BlockTable.ValueChosen: self.value_chosen, BlockTable.RowAdded: self.row_added,
            BlockTable.RowDeleteRequested: self.row_delete_requested, BlockTable.LeaveRequested: self.leave_table,
            CellEditor.Committed: self.editor_committed, CellEditor.Cancelled: self.editor_cancelled,
        }
        handler = handlers.get(type(message))
        if handler is not None:
            handler(message)
        else:
            self.key_funnel.handled()
            self.post_message(message)

    @on(BlockTable.Say)
    def table_says(self, event: BlockTable.Say) -> None:
        event.stop()
        self.say(event.text, error=True)

    @on(TypedAhead)
    @key_made
    def typed_ahead(self, event: TypedAhead) -> None:
        self.key_funnel.do(event.key, event.character)

    @on(BlockTable.EditRequested)
    @key_made
    def edit_requested(self, event: BlockTable.EditRequested) -> None:
        self.edit_control.edit_requested(event)

    @on(CellEditor.Committed)
    @key_made
    def editor_committed(self, event: CellEditor.Committed) -> None:
        self.edit_control.editor_committed(event)

    @on(CellEditor.Cancelled)
    @key_made
    def editor_cancelled(self, event: CellEditor.Cancelled) -> None:
        self.edit_control.editor_cancelled(event)

    @on(BlockTable.ValueChosen)
    @key_made
    def value_chosen(self, event: BlockTable.ValueChosen) -> None:
        self.edit_control.value_chosen(event)

    @on(BlockTable.RowAdded)
    @key_made
    def row_added(self, event: BlockTable.RowAdded) -> None:
        self.edit_control.row_added(event)

    @on(BlockTable.RowDeleteRequested)
    @key_made
    def row_delete_requested(self, event: BlockTable.RowDeleteRequested) -> None:
        self.edit_control.row_delete_requested(event)

    @on(BlockTable.LeaveRequested)
    @key_made
    def leave_table(self, event: BlockTable.LeaveRequested) -> None:
        self.edit_control.leave_table(event)
