"""The workshop screen: navigator, the chosen section, its editors, the cell editor.

Every committed edit goes to the datastore at once through
:class:`intro_tui.core.session.EditSession`; the header says when it was saved
(or, in plain words, why it was not).  Another session's saves are picked up
by a short poll of the file's timestamp and shown without moving the cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from textual import on
from textual.app import ComposeResult
from textual.widget import AwaitMount
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import Collapsible, Header, Static

from ...core.model.changes import touches
from ...core.model.copies import expand, exists, view_of
from ...core.model.values import ValueProblem
from ...core.session import EditSession
from ...core.store.errors import StoreError
from ..cell_words import describe_cell, describe_edit
from ..agenda_line import AgendaLine
from ..key_order import KeyFunnel
from ..keys import Key, bindings
from ..live import LiveLink
from ..typed_app import OurApp
from ..widgets.block_table import BlockTable
from ..widgets.cell_editor import CellEditor
from ..widgets.key_bar import KeyBar
from ..widgets.navigator import Navigator
from ..widgets.section_view import BuiltViews, EmptyHint, SectionView, when_shown
from .copy_actions import CopyActions
from .editing import EditController
from .group_actions import GroupActions
from .meeting_actions import MeetingActions
from .reader_actions import ReaderActions
from . import key_hints as hints
from .room_groups import RoomGroupActions


class WorkshopScreen(OurApp, RoomGroupActions, MeetingActions, CopyActions, GroupActions, ReaderActions):
    """Fill one workshop, section by section."""

    KEYS = [
        Key("escape", "back", "Tilbake: fra tabellen til navigatoren, derfra hjem", hints.back, rank=90),
        # F6/F5 reach the app in every common terminal (GNOME Terminal takes Ctrl+PgDn/PgUp
        # for its tabs, PuTTY sends it as plain PgDn and Alt+↓ as Esc ↓, Windows Terminal can
        # take Alt+arrows for panes); priority: the pane would take Ctrl+PgUp/PgDn for paging.
        Key("f6,ctrl+pagedown,alt+down,ctrl+down", "next_section", "Neste seksjon", hints.section_step, rank=70,
            shown_as="F6/F5", priority=True),
        Key("f5,ctrl+pageup,alt+up,ctrl+up", "previous_section", "Forrige seksjon", priority=True),
        Key("ctrl+z", "undo", "Angre", hints.unless_navigating("Angre"), rank=80),
        Key("ctrl+y", "redo", "Gjør om"),
        Key("ctrl+e", "export", "Eksporter", hints.unless_navigating("Eksport"), rank=120),
        Key("ctrl+t", "toggle_instructions", "Vis/skjul instruksjoner"),
        Key("ctrl+b", "toggle_navigator", "Fest/skjul navigator"),
        Key("f2,ctrl+g", "lead", "Led rommet"),
        Key("f3,ctrl+f", "follow", "Følg lederen"),
    ]
    BINDINGS = bindings(KEYS)

    #: A cell is being edited (the key bar follows it).
    editing: reactive[bool] = reactive(False)
    #: What the header says after the title: saved when, or why not.
    status: reactive[str] = reactive("")

    def __init__(self, session: EditSession, section_id: str | None = None):
        super().__init__()
        self.session = session
        self.section = view_of(session.template, session.workshop, section_id or session.template.sections[0].id)
        self.instructions_open = True
        self.saved_at: str | None = None
        self.section_view: SectionView | None = None
        self.section_mounting: AwaitMount | None = None  # the mount of a newly built section view, until done
        #: Sections shown before, kept built and hidden: going back (a leader paging, 60 followers) is cheap.
        self.built_views = BuiltViews()
        #: Opening, committing and the message line (editing.py), and keys typed in a burst done in order.
        self.edit_control = EditController(self)
        self.key_funnel = KeyFunnel(self, self.perform_key, handle_now=self.handle_now)

    # -- layout ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield LiveLink(self.session)
        yield AgendaLine(self.session)
        with Horizontal(id="workshop-body"):
            yield Navigator(self.session.template, self.session.workshop, id="navigator")
        with Vertical(id="bottom"):
            yield CellEditor(id="cell-editor")
            yield Static("", id="message", markup=False)
            yield KeyBar()

    def key_hints(self) -> list[tuple[str, str]]:
        """The keys that matter most where the focus is, most important first (the key bar)."""
        return hints.key_hints(self)

    def watch_editing(self) -> None:
        self.query_one(KeyBar).bindings_changed(self)

    def watch_status(self, status: str) -> None:
        self.sub_title = status

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
            width -= navigator.width_now
        return max(width - 4, 30)

    def show_section(self, section_id: str, *, focus: bool = False) -> bool:
        """Replace the pane with this section (committing any open edit first); True if a view built
        before was shown again (its tables are there at once), False if one is being built or none shown.

        The new section gets a fresh container, mounted before the old one is
        removed, so switching fast (a held arrow key in the navigator) never
        sees two sections' widgets mixed.
        """
        if not self.leave_editor():
            return False
        if not exists(self.session.workshop, section_id) and not (self.session.reload() and
                                                                   exists(self.session.workshop, section_id)):
            return False  # a copy removed meanwhile (or not there at all)
        self.section = view_of(self.session.template, self.session.workshop, section_id)  # a copy named
        self.clear_message()
        self.query_one(Navigator).sync_copies(self.session.workshop)
        self.query_one(Navigator).set_current(section_id)
        body = self.query_one("#workshop-body", Horizontal)
        old = self.section_view
        kept = self.built_views.take(section_id, self.pane_width, self.instructions_open)
        self.section_view = kept or SectionView(self.section, self.session, self.pane_width, self.instructions_open)
        with self.app.batch_update():
            if kept is None:
                self.section_mounting = body.mount(self.section_view)
            if old is not None:
                if kept is None and self.focused is not None and old in self.focused.ancestors:
                    # Never left on a hidden table (keys would edit the section left) while the new one is
                    # built; a kept view takes the focus at once (room_view.go_to, focus_first_table).
                    self.set_focus(None)
                self.built_views.keep(old)
        if kept is not None and any(table.workshop is not self.session.workshop for table in self.tables()):
            self.refresh_tables()  # saved since it was last shown
        if focus:
            self.after_section_shown(self.focus_first_table)
        return kept is not None

    def after_section_shown(self, callback: Callable[..., object], *args: object) -> None:
        """Call ``callback(*args)`` once the section on screen has its tables (see :func:`when_shown`)."""
        when_shown(self, self.section_view, self.section_mounting, callback, *args)

    def focus_first_table(self) -> None:
        tables = self.tables()
        if tables:
            tables[0].focus()

    def tables(self) -> list[BlockTable]:
        return list(self.section_view.query(BlockTable)) if self.section_view is not None else []

    def table_for(self, block_id: str) -> BlockTable | None:
        return next((table for table in self.tables() if table.block.id == block_id), None)

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
        self.status = status

    def _saved(self, section_id: str | None = None) -> None:
        """After a commit of ours in ``section_id`` (the one on screen if None): its mark is counted
        again - every mark, if the commit also brought in another session's save."""
        self.saved_at = datetime.now().strftime("%H:%M:%S")
        self._set_status()
        only = {section_id or self.section.id} if self.session.only_own_change else None
        self.query_one(Navigator).update_marks(self.session.workshop, only)

    # -- where the cursor is (editing itself: editing.py) ----------------------------------

    def show_current_cell(self) -> None:
        """Keep the editor line showing the cell under the cursor, in full."""
        table = self.focused if isinstance(self.focused, BlockTable) else None
        ref = table.current() if table is not None else None
        editor = self.query_one(CellEditor)
        if ref is None or table is None:
            editor.preview("", "", editable=False)
            return
        what, value = describe_cell(self.session.workshop, self.section, ref)
        editor.preview(what, value, editable=table.editable(ref))

    @on(SectionView.InstructionsFitted)
    def instructions_fitted(self) -> None:
        bar = self.query_one(KeyBar)  # F4 in the bar while the box cuts its text: once the box has its
        self.call_after_refresh(bar.bindings_changed, self)  # new height, and later (a loaded machine lays out late)
        self.set_timer(0.5, lambda: bar.bindings_changed(self))

    @on(BlockTable.CellHighlighted)
    def cell_highlighted(self, event: BlockTable.CellHighlighted) -> None:
        self.show_current_cell()
        self.keep_cursor_visible(event.data_table)
        self.query_one(KeyBar).bindings_changed(self)

    def keep_cursor_visible(self, table) -> None:
        """Scroll the section so the cursor row is on screen (see :meth:`SectionView.show_cursor`)."""
        if self.section_view is not None and isinstance(table, BlockTable) and self.section_view in table.ancestors:
            self.section_view.show_cursor(table)  # not a late focus event of the section left (the new one unbuilt)

    def on_descendant_focus(self, event) -> None:
        editor = self.query_one(CellEditor)
        if editor.is_open and isinstance(event.widget, BlockTable) and event.widget is not editor.table \
                and event.widget is self.focused:  # not a late event of a focus gone since (a draft reopened)
            self.leave_editor()  # clicked elsewhere: leaving a cell commits it
        self.fit_navigator()
        self.show_current_cell()
        if isinstance(event.widget, BlockTable):
            self.keep_cursor_visible(event.widget)

    def fit_navigator(self) -> None:
        if self.query_one(Navigator).fit(self.app.size.width, self.focused):
            self.resize_tables()

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
        """Another session saved: show it, without touching the cursor or an open edit.

        A save into sections this one does not read (another group's draft) redraws no table, and only the
        navigator marks of the sections it changed are counted again (:mod:`intro_tui.core.model.changes`).
        """
        changed = self.session.changed
        if not exists(self.session.workshop, self.section.id):  # another session removed this copy
            self.go_to_section(self.section.base_id)
        self.query_one(Navigator).update_marks(self.session.workshop, changed)
        self.query_one(AgendaLine).tick()  # the meeting moved on: say so now, not at the line's next tick
        self.title = self.session.workshop.title
        if not touches(changed, self.section):
            for table in self.tables():
                table.workshop = self.session.workshop  # the same values here: nothing to draw
            return
        self.refresh_tables()
        self.edit_control.note_saved_under_editor()

    # -- actions ---------------------------------------------------------------------------

    def go_to_section(self, section_id: str) -> None:
        """Show a section and mark it in the navigator (unless a refused edit keeps us here)."""
        self.show_section(section_id, focus=True)
        if self.section.id == section_id:
            self.query_one(Navigator).select_section(section_id)

    def _step(self, delta: int) -> None:
        sections = expand(self.session.template.sections, self.session.workshop)
        index = [s.id for s in sections].index(self.section.id.split("~", 1)[0]) + delta  # a group draft: its section's
        if 0 <= index < len(sections):
            self.go_to_section(sections[index].id)

    def action_next_section(self) -> None:
        self._step(1)

    def action_previous_section(self) -> None:
        self._step(-1)

    def action_back(self) -> None:
        """Esc: from a table to the navigator (opening the drawer), from there home."""
        navigator = self.query_one(Navigator)
        if self.focused is navigator:
            if self.app.guest:  # a browser participant stays in the served workshop (tui/guest.py)
                from ..guest import STAY

                self.say(STAY)
                return
            if self.leave_editor():
                self.dismiss()
            return
        navigator.display = True
        navigator.focus()

    def action_undo(self) -> None:
        if not self.query_one(CellEditor).is_open and self.restore_draft():
            return  # Esc dropped a draft: Ctrl+Z brings it back first
        self._history(self.session.undo, "Angret", "Ingenting å angre.")

    def action_redo(self) -> None:
        self._history(self.session.redo, "Gjort om", "Ingenting å gjøre om.")

    def _history(self, step, done: str, nothing: str) -> None:
        """Undo or redo one of this session's edits; say which, and put the cursor on it."""
        if not self.leave_editor():
            return
        try:
            edit = step()
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        if edit is None:
            self.say(nothing)
            return
        workshop = self.session.workshop  # an undone new copy is gone: its section's first copy is shown
        target = edit.section if exists(workshop, edit.section) else edit.section.split("#", 1)[0]
        if target != self.section.id or not exists(workshop, self.section.id):
            self.show_section(target)
            self.query_one(Navigator).select_section(target)
        else:
            self.refresh_tables()
        self._saved(edit.section)
        self.say(f"{done}: {describe_edit(self.session.template, self.session.workshop, edit)}")
        self.after_section_shown(self._cursor_on_edit, edit)

    def _cursor_on_edit(self, edit) -> None:
        table = self.table_for(edit.block)
        if table is None:
            return
        self.set_focus(table)
        table.move_to_row(edit.row, getattr(edit, "column", None))
        self.keep_cursor_visible(table)

    def action_toggle_instructions(self) -> None:
        self.instructions_open = not self.instructions_open
        for collapsible in self.section_view.query(Collapsible) if self.section_view else []:
            collapsible.collapsed = not self.instructions_open
        self.call_after_refresh(self.query_one(KeyBar).bindings_changed, self)

    def action_toggle_navigator(self) -> None:
        self.query_one(Navigator).toggle_pinned(self.app.size.width)
        self.fit_navigator()

    def action_export(self) -> None:
        if not self.leave_editor():
            return
        from .dialogs import ExportDialog

        workshop = self.session.workshop
        self.app.push_screen(ExportDialog(self.session.template, self.section,
                                          groups=bool(workshop.groups or workshop.drafts)), self._export_chosen)

    def _export_chosen(self, choice) -> None:
        if choice is not None:
            self.app.run_export(self.session.template, self.session.workshop_id, choice)

    def action_lead(self) -> None:
        self.query_one(LiveLink).toggle_lead()

    def action_follow(self) -> None:
        self.query_one(LiveLink).toggle_follow()

    def on_resize(self) -> None:
        self.fit_navigator()
        self.resize_tables()

    def resize_tables(self) -> None:
        width = self.pane_width
        for table in self.tables():
            if table.available_width != width:
                table.available_width = width
                table.build()
        if self.section_view is not None:
            self.section_view.fit_instructions()
