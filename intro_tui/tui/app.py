"""The Textual app: the home screen, the workshop screen, and what they share.

Built by :func:`make_app` - the same factory for the command line and the
tests - so what a test drives is what a user runs.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from textual.app import App
from textual.binding import Binding

from ..core.paths import default_exports_dir
from ..core.model.catalog import load_catalog
from ..core.model.template import Template
from ..core.model.workshop import Workshop
from ..core.session import EditSession
from ..core.store.errors import StoreError
from ..core.store.workshops import WorkshopStore


class IntroApp(App):
    """intro-tui: fill the introduksjonsprogram templates from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "intro-tui"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1", "help", "Hjelp", show=True),
        Binding("ctrl+q", "quit", "Avslutt", show=True, priority=True),
    ]

    def __init__(self, store: WorkshopStore, *, workshop_id: str | None = None, section: str | None = None,
                 exports_dir: Path | None = None, ask_name: bool = False, room_role: str | None = None):
        super().__init__()
        #: "lead" or "follow" from ``intro-tui open ID --lead/--follow`` (tui/live.py reads it).
        self.room_role = room_role
        self.store = store
        self.ask_name = ask_name
        self.start_workshop = workshop_id
        self.start_section = section
        self.exports_dir = exports_dir or default_exports_dir()
        from .commands import IntroCommands

        # Only our own commands: Textual's system commands speak English.
        self.COMMANDS = {IntroCommands}

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.theme = "textual-dark"
        self.push_screen(HomeScreen())
        if self.ask_name and not self._use_remembered_name():
            from .screens.dialogs import NameDialog

            self.push_screen(NameDialog(self.store.user), self._name_given)
        elif self.start_workshop:
            self.open_workshop(self.start_workshop, self.start_section)
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)
        except (NotImplementedError, RuntimeError, ValueError):
            pass

    def _use_remembered_name(self) -> bool:
        from ..core.store.presence import remembered_name

        name = remembered_name()
        if name:
            self.store.user = name
        return bool(name)

    def _name_given(self, name: str | None) -> None:
        """A shared account: the name shown to the others and written in the change log."""
        from ..core.store.presence import remember_name

        if name:
            self.store.user = name
            remember_name(name)
        if self.start_workshop:
            self.open_workshop(self.start_workshop, self.start_section)

    # -- shared actions -------------------------------------------------------------

    def open_workshop(self, workshop_id: str, section: str | None = None) -> None:
        from .screens.workshop import WorkshopScreen

        try:
            session = EditSession(self.store, workshop_id)
            if section is not None:
                from ..core.model.layout import AddressError, find_section

                try:
                    section = find_section(session.template, section).id
                except AddressError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                    section = None
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=8)
            return
        self.push_screen(WorkshopScreen(session, section))

    def action_new_workshop(self) -> None:
        from .screens.dialogs import WorkshopDialog, WorkshopForm

        templates = list(self.store.catalog.templates.values())

        def done(form: WorkshopForm | None) -> None:
            if form is None:
                return
            try:
                workshop = self.store.create(Workshop(id="", title=form.title, template=form.template,
                                                      kommune=form.kommune, year=form.year, units=form.units))
            except StoreError as exc:
                self.notify(f"Ikke laget: {exc}", severity="error", markup=False)
                return
            self.open_workshop(workshop.id)

        self.push_screen(WorkshopDialog(templates, heading="Nytt verksted"), done)

    def run_export(self, template: Template, workshop_id: str, choice) -> None:
        """Export the workshop as saved now (another session may have edited it)."""
        from ..export.run import export_workshop

        if self.is_web:  # a browser participant: the file goes to their own computer
            self._deliver_export(template, workshop_id, choice)
            return
        try:
            workshop = self.store.load(workshop_id)
            path = export_workshop(template, workshop, choice.format, blank=choice.blank, step=choice.step,
                                   section=choice.section, exports_dir=self.exports_dir)
        except (StoreError, OSError) as exc:
            self.notify(f"Eksporten feilet: {exc}", severity="error", markup=False, timeout=10)
            return
        self.notify(f"Skrev {path}", title="Eksportert", markup=False, timeout=10)

    def _deliver_export(self, template: Template, workshop_id: str, choice) -> None:
        import io

        from ..export.files import default_export_name
        from ..export.run import render

        try:
            workshop = self.store.load(workshop_id)
            payload = render(template, workshop, choice.format, blank=choice.blank, step=choice.step,
                             section=choice.section)
        except (StoreError, OSError, LookupError) as exc:
            self.notify(f"Eksporten feilet: {exc}", severity="error", markup=False, timeout=10)
            return
        name = default_export_name(workshop.id, choice.format, blank=choice.blank, step=choice.step,
                                   section=choice.section)
        self.deliver_binary(io.BytesIO(payload), save_filename=name)
        self.notify(f"Lastes ned: {name}", title="Eksportert", markup=False, timeout=10)

    async def _on_exit_app(self) -> None:
        """Every way out (a browser tab closing sends "quit") commits the edit in progress first."""
        self.leave_editing()
        await super()._on_exit_app()

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen, self.focused))

    def leave_editing(self) -> None:
        """Commit an edit in progress (quitting, hang-up): leaving a cell commits it."""
        from .screens.workshop import WorkshopScreen

        for screen in self.screen_stack:
            if isinstance(screen, WorkshopScreen):
                try:
                    screen.leave_editor()
                except Exception:
                    pass

    async def action_quit(self) -> None:
        self.exit_after_editing()

    def exit_after_editing(self) -> None:
        self.leave_editing()
        self.exit()

    def hang_up(self) -> None:
        """The terminal went away (SSH dropped): keep what was typed, then stop at once.

        Every save is complete when the store returns, so nothing is left to
        flush.  A normal exit is not safe here: with SIGHUP the kernel sends
        SIGCONT, Textual's driver restarts its writer thread on the dead
        terminal and shutdown can hang for ever on it - an orphaned process
        per dropped SSH login.
        """
        self.leave_editing()
        from .live import LiveLink

        for screen in self.screen_stack:
            for link in screen.query(LiveLink):
                link.leave()
        os._exit(0)


def make_app(data_dir: Path, *, workshop_id: str | None = None, section: str | None = None,
             exports_dir: Path | None = None, user: str | None = None, ask_name: bool = False,
             room_role: str | None = None) -> IntroApp:
    catalog = load_catalog(data_dir)
    store = WorkshopStore(data_dir, catalog, user=user)
    return IntroApp(store, workshop_id=workshop_id, section=section, exports_dir=exports_dir, ask_name=ask_name,
                    room_role=room_role)
