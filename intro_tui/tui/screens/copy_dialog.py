"""F8 on a per-choice section: add a copy (asks for its name), rename this copy, or remove it.

One small dialog for all three, so the key bar needs one key: type a name and press
Enter for a new copy or Ctrl+R to give this copy that name; Ctrl+D removes this copy
(the screen asks again, and Ctrl+Z brings it back).  The name completes from what
earlier steps wrote (1.2's trades, 2.1's tiltak, 2.2's copies): → takes the suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from ...core.model.copies import keys_of, label_of
from ...core.model.template import Section
from ...core.model.workshop import Workshop
from ...core.shorten import one_line
from ..widgets.key_bar import KeyBar


@dataclass(frozen=True)
class CopyChoice:
    """What the dialog was asked to do: ``add``, ``rename`` (with ``name``) or ``remove``."""

    action: str
    name: str = ""


class CopyDialog(ModalScreen[CopyChoice | None]):
    """The copies of one section, and what to do with them."""

    BINDINGS = [
        Binding("escape", "cancel", "Avbryt", show=True),
        # priority: the name field would take Ctrl+D (delete right) for itself
        Binding("ctrl+r", "rename", "Gi denne kopien navnet", show=True, priority=True),
        Binding("ctrl+d", "remove", "Fjern denne kopien", show=True, priority=True),
    ]

    def __init__(self, section: Section, workshop: Workshop, suggestions: list[str]):
        super().__init__()
        self.section = section
        self.workshop = workshop
        self.suggestions = suggestions

    def compose(self) -> ComposeResult:
        yield KeyBar()
        choice = self.section.per_choice
        row = self.section.block(choice.block).row(choice.row) if choice else None
        field = row.label if row is not None else ""
        names = ", ".join(one_line(label_of(self.section, self.workshop, k), 30)
                          for k in keys_of(self.workshop, self.section.base_id))
        with Vertical(classes="dialog"):
            yield Static(Text(f"Kopier av {self.section.base_id}: {names}", style="bold"))
            yield Static(Text(f"Skriv navnet ({field}) og trykk ⏎ for en ny kopi, eller ^R for å gi "
                              f"«{one_line(label_of(self.section, self.workshop, self.section.id), 30)}» "
                              "dette navnet. ^D fjerner denne kopien."), classes="dialog-text")
            yield Input(compact=True, placeholder="Navn", id="copy-name",
                        suggester=SuggestFromList(self.suggestions, case_sensitive=False) if self.suggestions
                        else None)

    def on_mount(self) -> None:
        self.query_one("#copy-name", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(CopyChoice("add", event.value))

    def action_rename(self) -> None:
        self.dismiss(CopyChoice("rename", self.query_one("#copy-name", Input).value))

    def action_remove(self) -> None:
        self.dismiss(CopyChoice("remove"))

    def action_cancel(self) -> None:
        self.dismiss(None)
