"""The workshop screen: navigator, the chosen section, its editors, the cell editor.

Every committed edit goes to the datastore at once through
:class:`intro_tui.core.session.EditSession`; the header says when it was saved
(or, in plain words, why it was not).  Another session's saves are picked up
by a short poll of the file's timestamp and shown without moving the cursor.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Collapsible, Header

from ...core.model.template import LABEL
from ...core.model.values import ValueProblem, as_input
from ...core.session import EditSession
from ...core.store.errors import StoreError
from ..cell_words import describe_cell
from ..live import LiveLink
from ..widgets.block_table import BlockTable, CellRef
from ..widgets.cell_editor import CellEditor
from ..widgets.key_bar import KeyBar
from ..widgets.navigator import NAVIGATOR_WIDTH, Navigator
from ..widgets.section_view import EmptyHint, SectionView



class WorkshopScreen(Screen):
    """Fill one workshop, section by section."""

    BINDINGS = [
        Binding("escape", "back", "Tilbake", show=True),
        # priority: the scrolling pane would take Ctrl+PgUp/PgDn for sideways paging
        Binding("ctrl+pagedown,ctrl+down", "next_section", "Neste seksjon", show=True, priority=True),
        Binding("ctrl+pageup,ctrl+up", "previous_section", "Forrige seksjon", show=False, priority=True),
        Binding("ctrl+z", "undo", "Angre", show=True),
        Binding("ctrl+y", "redo", "Gjør om", show=True),
        Binding("ctrl+e", "export", "Eksporter", show=True),
        Binding("ctrl+t", "toggle_instructions", "Vis/skjul instruksjoner", show=False),
        Binding("ctrl+b", "toggle_navigator", "Fest/skjul navigator", show=False),
        Binding("ctrl+l", "changelog", "Endringslogg", show=False),
        Binding("question_mark", "app.help", "Hjelp", show=False),  # in a table, "?" is typed text
        Binding("f2,ctrl+g", "lead", "Led rommet", show=False),
        Binding("f3,ctrl+f", "follow", "Følg lederen", show=False),
    ]

    def __init__(self, session: EditSession, section_id: str | None = None):
        super().__init__()
        self.session = session
        self.section = session.template.section(section_id) if section_id else session.template.sections[0]
        self.instructions_open = True
        self.saved_at: str | None = None
        self.section_view: SectionView | None = None

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield LiveLink(self.session)
        with Horizontal(id="workshop-body"):
            yield Navigator(self.session.template, self.session.workshop, id="navigator")
        yield CellEditor(id="cell-editor")
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = self.session.workshop.title
        self._set_status()
        self.query_one(Navigator).select_section(self.section.id)
        self.show_section(self.section.id, focus=True)

    @property
    def pane_width(self) -> int:
        width = self.app.size.width
        navigator = self.query_one(Navigator)
        if navigator.display:
            width -= NAVIGATOR_WIDTH
        return max(width - 4, 30)

    def show_section(self, section_id: str, *, focus: bool = False) -> None:
        """Replace the pane with this section (committing any open edit first).

        The new section gets a fresh container, mounted before the old one is
        removed, so switching fast (a held arrow key in the navigator) never
        sees two sections' widgets mixed.
        """
        if not self.leave_editor():
            return
        self.section = self.session.template.section(section_id)
        body = self.query_one("#workshop-body", Horizontal)
        old = self.section_view
        self.section_view = SectionView(self.section, self.session, self.pane_width, self.instructions_open)
        with self.app.batch_update():
            body.mount(self.section_view)
            if old is not None:
                old.remove()
        if focus:
            self.call_after_refresh(self.focus_first_table)

    def focus_first_table(self) -> None:
        tables = self.tables()
        if tables:
            tables[0].focus()

    def tables(self) -> list[BlockTable]:
        return list(self.section_view.query(BlockTable)) if self.section_view is not None else []

    def table_for(self, block_id: str) -> BlockTable | None:
        for table in self.tables():
            if table.block.id == block_id:
                return table
        return None

    # -- status ------------------------------------------------------------------------

    def _set_status(self, problem: str | None = None) -> None:
        if problem:
            status = f"Ikke lagret: {problem}"
        elif self.saved_at:
            status = f"Lagret {self.saved_at}"
        else:
            status = self.session.template.title
        others = self.query_one(LiveLink).others
        if others:
            status += " · Her nå: " + ", ".join(others)
        self.sub_title = status

    def _saved(self) -> None:
        self.saved_at = datetime.now().strftime("%H:%M:%S")
        self._set_status()
        self.query_one(Navigator).update_marks(self.session.workshop)

    # -- editing -----------------------------------------------------------------------

    @on(BlockTable.EditRequested)
    def open_editor(self, event: BlockTable.EditRequested) -> None:
        event.stop()
        editor = self.query_one(CellEditor)
        if editor.is_open and editor.table is event.table:
            if event.initial is not None:
                editor.type_ahead(event.initial)
            else:
                editor.commit()
            return
        ref = event.ref
        if ref.shown is None:
            return
        column = ref.shown.column
        what, value = describe_cell(self.session.workshop, self.section, ref)
        multiline = column.multiline or "\n" in value or len(value) > 70
        units = self.session.workshop.units if column.type == "roles" else None
        editor.open(event.table, ref, value, what=what, multiline=multiline, units=units, initial=event.initial)

    def show_current_cell(self) -> None:
        """Keep the editor line showing the cell under the cursor, in full."""
        table = self.focused if isinstance(self.focused, BlockTable) else None
        ref = table.current() if table is not None else None
        editor = self.query_one(CellEditor)
        if ref is None:
            editor.preview("", "", editable=False)
            return
        what, value = describe_cell(self.session.workshop, self.section, ref)
        editor.preview(what, value, editable=table.editable(ref))

    @on(BlockTable.CellHighlighted)
    def cell_highlighted(self) -> None:
        self.show_current_cell()

    def on_descendant_focus(self) -> None:
        self.fit_navigator()
        self.show_current_cell()

    def fit_navigator(self) -> None:
        if self.query_one(Navigator).fit(self.app.size.width, self.focused):
            self.resize_tables()

    @on(CellEditor.Committed)
    def editor_committed(self, event: CellEditor.Committed) -> None:
        event.stop()
        if self.commit(event.table, event.ref, event.text):
            self.query_one(CellEditor).close()

    @on(BlockTable.ValueChosen)
    def value_chosen(self, event: BlockTable.ValueChosen) -> None:
        event.stop()
        self.commit(event.table, event.ref, event.text)

    def commit(self, table: BlockTable, ref: CellRef, text: str) -> bool:
        """Store one cell; on refusal show why and return False (nothing typed is lost)."""
        view, shown = ref.view, ref.shown
        if shown is None:
            return True
        editor = self.query_one(CellEditor)
        try:
            self.session.set_cell(self.section.id, view.block.id, view.key, shown.column.id, text)
        except ValueProblem as exc:
            if editor.is_open:
                editor.show_problem(str(exc))
            else:
                self.notify(f"Ikke lagret: {exc}", severity="error", markup=False)
            return False
        except StoreError as exc:
            self._set_status(str(exc))
            if editor.is_open:
                editor.show_problem(str(exc))
            else:
                self.notify(f"Ikke lagret: {exc}", severity="error", markup=False, timeout=8)
            return False
        self.refresh_tables()
        self._saved()
        return True

    def leave_editor(self) -> bool:
        """Leaving a cell that is being edited commits it; False if the value was refused."""
        editor = self.query_one(CellEditor)
        if not editor.is_open or editor.table is None or editor.ref is None:
            return True
        if editor.current_text() == editor.original:
            editor.close()
            return True
        if self.commit(editor.table, editor.ref, editor.current_text()):
            editor.close()
            return True
        return False

    @on(BlockTable.RowAction)
    def row_action(self, event: BlockTable.RowAction) -> None:
        event.stop()
        table = event.table
        try:
            if event.action == "add":
                key = self.session.add_row(self.section.id, table.block.id)
            else:
                assert event.view is not None
                self.session.delete_row(self.section.id, table.block.id, event.view.key)
                key = None
        except (ValueProblem, StoreError) as exc:
            self.notify(f"Ikke lagret: {exc}", severity="error", markup=False)
            return
        self.refresh_tables()
        self._saved()
        if key is not None:
            table.move_to_row(key)
            table.move_cursor(column=0)
            ref = table.current()
            if ref is not None and table.editable(ref):
                self.post_message(BlockTable.EditRequested(table, ref))
        else:
            self.notify("Raden er slettet. Ctrl+Z angrer.", markup=False)

    @on(BlockTable.LeaveRequested)
    def leave_table(self, event: BlockTable.LeaveRequested) -> None:
        event.stop()
        tables = self.tables()
        index = tables.index(event.table) + (1 if event.forward else -1)
        if 0 <= index < len(tables):
            target = tables[index]
            target.focus()
            row = 0 if event.forward else target.row_count - 1
            if event.tabbing:
                target.move_cursor(row=row, column=0 if event.forward else len(target.columns) - 1)
            else:  # up/down: keep the column where the tables line up
                target.move_cursor(row=row, column=min(event.table.cursor_coordinate.column, len(target.columns) - 1))

    @on(Navigator.SectionChosen)
    def section_chosen(self, event: Navigator.SectionChosen) -> None:
        event.stop()
        if event.section_id != self.section.id:
            self.show_section(event.section_id, focus=event.focus)
        elif event.focus:
            self.focus_first_table()

    def refresh_tables(self) -> None:
        for table in self.tables():
            table.refresh_rows(self.session.workshop)
        self.show_current_cell()
        if self.section_view is not None:
            for hint in self.section_view.query(EmptyHint):
                table = self.table_for(hint.block_id)
                hint.display = table is not None and table.row_count == 0

    # -- other sessions ------------------------------------------------------------------

    @on(LiveLink.OthersChanged)
    def others_changed(self) -> None:
        self._set_status()

    @on(LiveLink.SaveFailed)
    def reading_failed(self, event: LiveLink.SaveFailed) -> None:
        self._set_status(event.problem)

    @on(LiveLink.WorkshopChanged)
    def on_external_change(self) -> None:
        """Another session saved: show it, without touching the cursor or an open edit."""
        self.refresh_tables()
        self.query_one(Navigator).update_marks(self.session.workshop)
        self.title = self.session.workshop.title
        editor = self.query_one(CellEditor)
        if editor.is_open and editor.ref is not None and editor.ref.shown is not None:
            view, column = editor.ref.view, editor.ref.shown.column
            fresh = view.written_label(self.session.workshop) if column.type == LABEL else as_input(
                column, view.row, view.value(self.session.workshop, column))
            if fresh != editor.original:
                editor.show_problem_note(fresh)

    # -- actions ---------------------------------------------------------------------------

    def _step(self, delta: int) -> None:
        sections = self.session.template.sections
        index = [s.id for s in sections].index(self.section.id) + delta
        if 0 <= index < len(sections):
            target = sections[index].id
            self.show_section(target, focus=True)
            if self.section.id == target:
                self.query_one(Navigator).select_section(target)

    def action_next_section(self) -> None:
        self._step(1)

    def action_previous_section(self) -> None:
        self._step(-1)

    def action_back(self) -> None:
        """Esc: from a table to the navigator (opening the drawer), from there home."""
        navigator = self.query_one(Navigator)
        if self.focused is navigator:
            if self.leave_editor():
                self.dismiss()
            return
        navigator.display = True
        navigator.focus()

    def action_undo(self) -> None:
        self._history(self.session.undo, "Angret", "Ingenting å angre.")

    def action_redo(self) -> None:
        self._history(self.session.redo, "Gjort om", "Ingenting å gjøre om.")

    def _history(self, step, done: str, nothing: str) -> None:
        if not self.leave_editor():
            return
        try:
            edit = step()
        except (ValueProblem, StoreError) as exc:
            self.notify(f"Ikke lagret: {exc}", severity="error", markup=False)
            return
        if edit is None:
            self.notify(nothing, markup=False)
            return
        if edit.section != self.section.id:
            self.show_section(edit.section, focus=True)
            self.query_one(Navigator).select_section(edit.section)
        else:
            self.refresh_tables()
        table = self.table_for(edit.block)
        if table is not None:
            table.move_to_row(edit.row)
        self._saved()
        self.notify(f"{done}.", markup=False)

    def action_toggle_instructions(self) -> None:
        self.instructions_open = not self.instructions_open
        for collapsible in self.section_view.query(Collapsible) if self.section_view else []:
            collapsible.collapsed = not self.instructions_open

    def action_toggle_navigator(self) -> None:
        self.query_one(Navigator).toggle_pinned(self.app.size.width)
        self.fit_navigator()

    def action_export(self) -> None:
        if not self.leave_editor():
            return
        from .dialogs import ExportDialog

        self.app.push_screen(ExportDialog(self.session.template, self.section), self._export_chosen)

    def _export_chosen(self, choice) -> None:
        if choice is not None:
            self.app.run_export(self.session.template, self.session.workshop_id, choice)

    def action_lead(self) -> None:
        self.query_one(LiveLink).toggle_lead()

    def action_follow(self) -> None:
        self.query_one(LiveLink).toggle_follow()

    def action_changelog(self) -> None:
        from .changelog import ChangeLogScreen

        self.app.push_screen(ChangeLogScreen(self.session))

    def on_resize(self) -> None:
        self.fit_navigator()
        self.resize_tables()

    def resize_tables(self) -> None:
        width = self.pane_width
        for table in self.tables():
            if table.available_width != width:
                table.available_width = width
                table.build()
