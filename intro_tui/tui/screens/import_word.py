"""«Les inn fra Word»: a filled Word document into a new workshop or the open one, previewed first.

The dialog reads the file and shows the plan - what lands where, what
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
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from ...core.store.errors import StoreError
from ...core.store.workshops import WorkshopStore

_STYLES = {"  +": "green", "  !": "yellow", "  ?": "red"}


class ImportWordDialog(ModalScreen["object | None"]):
    """Pick a .docx, see the plan, then import (result: the import's ``Applied``, or None)."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", show=True)]

    def __init__(self, store: WorkshopStore, workshop_id: str | None = None):
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.plan = None
        self.title_for_new = ""

    def compose(self) -> ComposeResult:
        target = f"fyller «{self.workshop_id}»" if self.workshop_id else "lager et nytt verksted"
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
        """Read the file and show its plan; nothing is written here."""
        from ...export.docx_reader import ImportRefused, describe
        from ...export.formats import format_for_extension

        self.plan = None
        preview = self.query_one("#preview", Static)
        path = Path(name).expanduser()
        fmt = format_for_extension(path.name)
        try:
            if fmt is None or fmt.read is None:
                raise ImportRefused(f"{path.name or name}: velg et Word-dokument (.docx)")
            workshop = self.store.load(self.workshop_id) if self.workshop_id else None
            self.plan, self.title_for_new = fmt.read(path, self.store.catalog, workshop)
        except (ImportRefused, StoreError, KeyError) as exc:
            preview.update(Text(str(exc.args[0] if isinstance(exc, KeyError) else exc), style="bold red"))
            self._buttons()
            return
        text = Text()
        for line in describe(self.plan):
            text.append(line + "\n", style=_STYLES.get(line[:3], ""))
        preview.update(text)
        self._buttons()
        self.query_one("#apply", Button).focus()

    def _buttons(self) -> None:
        self.query_one("#apply", Button).disabled = self.plan is None
        self.query_one("#overwrite", Button).disabled = self.plan is None or not self.plan.conflicts

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "cancel" or self.plan is None:
            self.dismiss(None)
            return
        from ...export.docx_reader.apply import apply_plan

        try:
            applied = apply_plan(self.store, self.plan, self.workshop_id, title=self.title_for_new,
                                 overwrite=event.button.id == "overwrite")
        except (StoreError, ValueError) as exc:
            self.query_one("#preview", Static).update(Text(f"Ikke lest inn: {exc}", style="bold red"))
            return
        self.dismiss(applied)

    def action_cancel(self) -> None:
        self.dismiss(None)


def start_import(app) -> None:
    """Open the dialog over the current screen: the open workshop is filled, else a new one is made."""
    from .workshop import WorkshopScreen

    screen = app.screen
    in_workshop = isinstance(screen, WorkshopScreen)
    if in_workshop and not screen.leave_editor():
        return

    from ...export.docx_reader.apply import summary

    def done(applied) -> None:
        if applied is None:
            return
        app.notify(summary(applied), markup=False)
        if in_workshop:
            if screen.session.reload():
                screen.on_external_change()
        elif hasattr(screen, "reload"):
            screen.reload(select=applied.workshop_id)  # pyright: ignore[reportAttributeAccessIssue] (the home screen)

    app.push_screen(ImportWordDialog(app.store, screen.session.workshop_id if in_workshop else None), done)
