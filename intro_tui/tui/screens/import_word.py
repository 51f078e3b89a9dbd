"""«Les inn fra Word»: a filled Word document into a new workshop or the open one, previewed first.

The dialog reads the file (in a thread worker) and shows the plan - what lands where, what
conflicts with a value already there, what has no place - and writes only
when asked: «Les inn» leaves conflicts alone, «Les inn og overskriv» takes
the document's values.  The work is :mod:`intro_tui.export.docx_reader`'s;
this is only its face.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from ...core.store.errors import StoreError
from ...core.store.workshops import WorkshopStore
from ..widgets.key_bar import KeyBar
from .modal import Dialog

_STYLES = {"  +": "green", "  !": "yellow", "  ?": "red"}


class PlanRead(Message):
    """A worker read the document (``token``: which Enter asked); ``plan`` None: ``problem`` says why."""

    def __init__(self, token: int, plan, title: str, problem: str | None):
        super().__init__()
        self.token, self.plan, self.title, self.problem = token, plan, title, problem


class ImportWritten(Message):
    """A worker wrote the import: ``applied`` (the import's ``Applied``), or None and ``problem``."""

    def __init__(self, applied, problem: str | None):
        super().__init__()
        self.applied, self.problem = applied, problem


class ImportWordDialog(Dialog["object | None"]):
    """Pick a .docx, see the plan, then import (result: the import's ``Applied``, or None)."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", show=True)]

    def __init__(self, store: WorkshopStore, workshop_id: str | None = None):
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.plan = None
        self.title_for_new = ""
        #: Which Enter the shown plan answers (a newer read drops an older one's result).
        self._reading = 0
        #: The import is being written in a worker.
        self.applying = False

    def compose(self) -> ComposeResult:
        target = f"fyller «{self.workshop_id}»" if self.workshop_id else "lager et nytt verksted"
        yield KeyBar()  # the dialog's own keys, over the screen's
        with Vertical(classes="dialog wide tall"):
            yield Static(Text(f"Les inn fra Word ({target})", style="bold"))
            yield Label("Word-fil (.docx) – Enter viser hva som blir lest inn")
            yield Input(compact=True, placeholder="f.eks. ~/Nedlastinger/arbeidsmote.docx", id="path")
            with VerticalScroll(id="import-preview"):
                yield Static(Text("Ingenting er lest ennå. Ingenting skrives før du velger «Les inn»."), id="preview")
            with Horizontal(classes="dialog-buttons"):
                yield Button(compact=True, label="Les inn", variant="primary", id="apply", disabled=True)
                yield Button(compact=True, label="Les inn og overskriv", variant="warning", id="overwrite",
                             disabled=True)
                yield Button(compact=True, label="Avbryt", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Input.Submitted, "#path")
    def path_given(self, event: Input.Submitted) -> None:
        event.stop()
        self.preview(event.value.strip())

    def preview(self, name: str) -> None:
        """Read the file and show its plan, in a worker (a long document takes seconds); nothing is written here."""
        from ...export.docx_reader import ImportRefused
        from ...export.formats import format_for_extension

        self.plan = None
        self._reading += 1
        token = self._reading
        path = Path(name).expanduser()
        fmt = format_for_extension(path.name)
        self.query_one("#preview", Static).update(Text(f"Leser {path.name or name} …"))
        self._buttons()
        store, workshop_id = self.store, self.workshop_id

        def read() -> None:
            plan, title, problem = None, "", None
            try:
                if fmt is None or fmt.read is None:
                    raise ImportRefused(f"{path.name or name}: velg et Word-dokument (.docx)")
                workshop = store.load(workshop_id) if workshop_id else None
                plan, title = fmt.read(path, store.catalog, workshop)
            except (ImportRefused, StoreError, KeyError) as exc:
                problem = str(exc.args[0] if isinstance(exc, KeyError) else exc)
            except Exception as exc:  # noqa: BLE001 - anything left: one line, the dialog stays usable
                problem = f"{path.name or name}: kunne ikke leses ({type(exc).__name__}: {exc})"
            self.post_message(PlanRead(token, plan, title, problem))  # thread-safe in Textual

        self.run_worker(read, thread=True, group="import-read", exit_on_error=False)

    def on_plan_read(self, message: PlanRead) -> None:
        """The worker's plan, shown on the loop; a read overtaken by a newer Enter is dropped."""
        message.stop()
        if message.token != self._reading or self.applying:
            return
        preview = self.query_one("#preview", Static)
        if message.plan is None:
            preview.update(Text(message.problem or "", style="bold red"))
            self._buttons()
            return
        from ...export.docx_reader import describe

        self.plan, self.title_for_new = message.plan, message.title
        text = Text()
        for line in describe(self.plan):
            text.append(line + "\n", style=_STYLES.get(line[:3], ""))
        preview.update(text)
        self._buttons()
        self.query_one("#apply", Button).focus()

    def _buttons(self) -> None:
        self.query_one("#apply", Button).disabled = self.plan is None or self.applying
        self.query_one("#overwrite", Button).disabled = self.plan is None or not self.plan.conflicts or self.applying

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.applying:
            return  # the import is being written: it finishes (and says so) first
        if event.button.id == "cancel" or self.plan is None:
            self.dismiss(None)
            return
        self.applying = True
        self._buttons()
        self.query_one("#preview", Static).update(Text("Leser inn … (vent til det er skrevet)"))
        store, plan, workshop_id, title = self.store, self.plan, self.workshop_id, self.title_for_new
        overwrite = event.button.id == "overwrite"

        def write() -> None:
            from ...export.docx_reader.apply import apply_plan

            applied, problem = None, None
            try:
                applied = apply_plan(store, plan, workshop_id, title=title, overwrite=overwrite)
            except (StoreError, ValueError) as exc:
                problem = str(exc)
            except Exception as exc:  # noqa: BLE001 - one line, the dialog stays usable
                problem = f"{type(exc).__name__}: {exc}"
            self.post_message(ImportWritten(applied, problem))

        self.run_worker(write, thread=True, group="import-write", exit_on_error=False)

    def on_import_written(self, message: ImportWritten) -> None:
        message.stop()
        self.applying = False
        if message.applied is None:
            self.query_one("#preview", Static).update(Text(f"Ikke lest inn: {message.problem}", style="bold red"))
            self._buttons()
            return
        self.dismiss(message.applied)

    def action_cancel(self) -> None:
        if not self.applying:  # Esc while the import is written: it finishes first, then the dialog closes
            self.dismiss(None)


def start_import(app) -> None:
    """Open the dialog over the current screen: the open workshop is filled, else a new one is made."""
    from .home import HomeScreen
    from .workshop import WorkshopScreen

    screen = app.screen
    in_workshop = isinstance(screen, WorkshopScreen)
    if in_workshop and not screen.leave_editor():
        return

    from ...export.docx_reader.apply import summary

    def done(applied) -> None:
        if applied is None:
            return
        if in_workshop:
            if screen.session.reload():
                screen.on_external_change()
        elif isinstance(screen, HomeScreen):
            screen.show_new(applied.workshop_id)
        app.tell(summary(applied))  # on the screen's message line: no toast that follows into the workshop

    app.push_screen(ImportWordDialog(app.store, screen.session.workshop_id if in_workshop else None), done)
