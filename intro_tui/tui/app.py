"""The Textual app: the home screen, the workshop screen, and what they share.

Built by :func:`make_app` - the same factory for the command line and the
tests - so what a test drives is what a user runs.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events
from textual.app import App
from textual.binding import Binding

from ..core.model.catalog import load_catalog
from ..core.paths import default_exports_dir
from ..core.store.errors import StoreError
from ..core.store.workshops import WorkshopStore
from .commands import IntroCommands

if TYPE_CHECKING:
    from ..core.model.template import Template
    from .export_worker import ExportDone
    from .screens.dialogs import ExportChoice


class IntroApp(App[None]):
    """intro-tui: fill the introduksjonsprogram templates from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "intro-tui"
    ENABLE_COMMAND_PALETTE = True
    #: Only our own commands: Textual's system commands speak English.
    COMMANDS = {IntroCommands}

    BINDINGS = [
        Binding("f1", "help", "Hjelp", show=True),
        Binding("ctrl+q", "quit", "Avslutt", show=True, priority=True),
        Binding("ctrl+o", "import_word", "Les inn fra Word", show=False),
        Binding("ctrl+r,f7", "chart", "Diagram: resultat mot mål (indikatorer)", show=False),
    ]

    def __init__(self, store: WorkshopStore, *, workshop_id: str | None = None, section: str | None = None,
                 exports_dir: Path | None = None, ask_name: bool = False, room_role: str | None = None,
                 guest: bool = False):
        super().__init__()
        #: A browser participant of ``intro-tui serve``: the served workshop only, no server files (tui/guest.py).
        self.guest = guest
        #: "lead" or "follow" from ``intro-tui open ID --lead/--follow`` (tui/live.py reads it).
        self.room_role = room_role
        self.store = store
        self.ask_name = ask_name
        self.start_workshop = workshop_id
        self.start_section = section
        self.exports_dir = exports_dir or default_exports_dir()
        #: The clock the meeting's agenda runs on (tests put in their own, so an agenda runs without waiting).
        self.clock: Callable[[], datetime] = datetime.now

    async def on_event(self, event) -> None:
        if isinstance(event, (events.Key, events.MouseDown)) and not event.is_forwarded:
            from .follow_keys import own_input

            own_input(self, event)  # a follower's own move ends following (before the key moves anything)
        await super().on_event(event)

    def action_chart(self) -> None:
        from .screens.chart import show_chart

        show_chart(self)

    def on_mount(self) -> None:
        from .screens.home import HomeScreen

        self.theme = "textual-dark"
        if self.guest:
            from .screens.guest_base import GuestBase

            self.push_screen(GuestBase())  # never the home screen: a guest sees the served workshop only
        else:
            self.push_screen(HomeScreen())
        if self.ask_name and not self._use_remembered_name():
            from .screens.dialogs import NameDialog

            self.push_screen(NameDialog(self.store.user), self._name_given)
        elif self.start_workshop:
            self.open_workshop(self.start_workshop, self.start_section)
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGHUP, self.hang_up)
            loop.add_signal_handler(signal.SIGTERM, self.terminate)
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
        from ..core.shorten import one_line
        from ..core.store.presence import remember_name

        name = one_line(name or "", 60)  # shown in others' headers and the log: cleaned like any name
        if name:
            self.store.user = name
            remember_name(name)
        if self.start_workshop:
            self.open_workshop(self.start_workshop, self.start_section)

    # -- shared actions -------------------------------------------------------------

    def open_workshop(self, workshop_id: str, section: str | None = None) -> None:
        from ..core.session import EditSession  # imported when needed: start-up shows the home screen first
        from .screens.workshop import WorkshopScreen

        try:
            session = EditSession(self.store, workshop_id)
            if section is not None:
                from ..core.model.copies import resolve
                from ..core.model.layout import AddressError

                try:  # "2.2 Renhold" opens that copy
                    section = resolve(session.template, session.workshop, section).id
                except AddressError as exc:
                    self.notify(str(exc), severity="error", markup=False)
                    section = None
        except StoreError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=8)
            return
        self.push_screen(WorkshopScreen(session, section))

    def switch_workshop(self, workshop_id: str) -> None:
        """Leave the workshop on screen (committing its open edit) and open another."""
        if self.refused_to_guest():
            return
        from .screens.home import HomeScreen
        from .screens.workshop import WorkshopScreen

        if isinstance(self.screen, WorkshopScreen) and not self.screen.leave_editor():
            return
        while not isinstance(self.screen, HomeScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        self.open_workshop(workshop_id)

    def action_new_workshop(self) -> None:
        if self.refused_to_guest():
            return
        from ..core.model.workshop import Workshop
        from .screens.dialogs import WorkshopDialog, WorkshopForm

        templates = list(self.store.catalog.templates.values())

        def done(form: WorkshopForm | None) -> None:
            if form is None:
                return
            try:
                workshop = self.store.create(Workshop(id="", title=form.title, template=form.template,
                                                      kommune=form.kommune, year=form.year, units=form.units))
            except StoreError as exc:
                self.tell(f"Ikke laget: {exc}", error=True)
                return
            from .screens.home import HomeScreen

            if isinstance(self.screen, HomeScreen):  # back home, the cursor is on the one just made
                self.screen.select_next = workshop.id
            self.open_workshop(workshop.id)

        self.push_screen(WorkshopDialog(templates, heading="Nytt verksted"), done)

    #: An export is running in a worker (tui/export_worker.py): a second one is refused with a line until it is done.
    exporting = False

    def run_export(self, template: Template, workshop_id: str, choice: ExportChoice, force: bool = False) -> None:
        """Export the workshop as saved now, off the event loop; a guest gets the file in the browser."""
        from .export_worker import ExportJob, start

        start(self, ExportJob(template, workshop_id, choice, force=force, deliver=self.is_web or self.guest))

    def on_export_done(self, message: ExportDone) -> None:
        from .export_worker import finish

        finish(self, message)

    def tell(self, text: str, *, error: bool = False) -> None:
        """A message where the user looks: the workshop screen's message line (no toast over the
        table), a toast elsewhere."""
        text = self.for_guest(text)
        say = getattr(self.screen, "say", None)
        if say is not None:
            say(text, error=error)
        else:
            self.notify(text, severity="error" if error else "information", markup=False, timeout=10)

    def action_help_quit(self) -> None:
        """Ctrl+C: Textual's English "Do you want to quit?" toast, said in bokmål where the user looks."""
        self.tell("Ctrl+C avslutter ikke. Avslutt med Ctrl+Q (det du skriver, lagres først).")

    def action_command_palette(self) -> None:
        """Ctrl+P: Textual's palette with its words in bokmål (:mod:`.palette`)."""
        from textual.command import CommandPalette

        from .palette import NorwegianPalette

        if self.use_command_palette and not CommandPalette.is_open(self):  # pyright: ignore[reportArgumentType]
            self.push_screen(NorwegianPalette())

    def action_import_word(self) -> None:
        """Les inn fra Word: into the open workshop, or a new one from the home screen."""
        from .screens.import_word import start_import

        if self.guest:
            from .guest import NO_IMPORT

            self.tell(NO_IMPORT, error=True)
            return
        start_import(self)

    def for_guest(self, text: str) -> str:
        """A guest never sees where serve keeps its data (tui/guest.py); others see the text as is."""
        if not self.guest:
            return text
        from .guest import hide_paths

        return hide_paths(text, self.store.data_dir, self.exports_dir, Path.home())

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        super().notify(self.for_guest(message) if isinstance(message, str) else message, title=title,
                       severity=severity, timeout=timeout, markup=markup)

    def refused_to_guest(self) -> bool:
        """True (and a line saying so) when a guest tries to leave the served workshop."""
        if self.guest:
            from .guest import NOT_FOR_GUESTS

            self.tell(NOT_FOR_GUESTS, error=True)
        return self.guest

    async def _on_exit_app(self) -> None:
        """Every way out (a browser tab closing sends "quit") commits the edit in progress first."""
        self.leave_editing()
        await super()._on_exit_app()

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen, self.focused))

    def leave_editing(self) -> bool:
        """Commit an edit in progress (quitting, hang-up): leaving a cell commits it.

        False when a cell being edited could not be saved (refused, read-only
        folder, full disk): the editor stays open with the reason.
        """
        kept = True
        for screen in self.screen_stack:  # a workshop screen (not imported here: quitting from home stays quick)
            leave_editor = getattr(screen, "leave_editor", None)
            if leave_editor is not None:
                kept = leave_editor() and kept  # a refused or failed commit says why on screen
        return kept

    async def action_quit(self) -> None:
        self.exit_after_editing()

    def exit_after_editing(self) -> None:
        """Ctrl+Q (and SIGTERM): commit what is being typed, then quit - or, if it cannot be saved, say so and stay."""
        if self.leave_editing():
            self.exit()
            return
        from .screens.workshop import WorkshopScreen

        if isinstance(self.screen, WorkshopScreen):
            self.screen.say("Ikke avsluttet: cellen du skriver i kunne ikke lagres (se over). "
                            "Rett teksten og trykk Enter, eller Esc for å forkaste, og Ctrl+Q igjen.", error=True)
        else:
            self.notify("Ikke avsluttet: en celle under redigering kunne ikke lagres.", severity="error", markup=False)

    def terminate(self) -> None:
        """SIGTERM: as Ctrl+Q - what is being typed is committed first."""
        self.call_later(self.exit_after_editing)

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
             room_role: str | None = None, guest: bool | None = None) -> IntroApp:
    """The app; ``guest`` None: a guest when ``intro-tui serve`` started this process (tui/guest.py)."""
    from .guest import guest_from_environment

    catalog = load_catalog(data_dir)
    store = WorkshopStore(data_dir, catalog, user=user)
    return IntroApp(store, workshop_id=workshop_id, section=section, exports_dir=exports_dir, ask_name=ask_name,
                    room_role=room_role, guest=guest_from_environment() if guest is None else guest)
