"""A section's instructions read whole: Ctrl+T where the box in the section cuts them.

The box in the section grows to its text up to 40 % of the screen; at 80×24
1.3's definitions and last step do not fit.  This reader shows them whole,
scrolled with the arrows and PgUp/PgDn; Esc closes it, and Ctrl+T closes it
and folds the box away (Ctrl+T in the section unfolds it again).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...core.model.template import Section
from ..widgets.key_bar import KeyBar
from ..widgets.section_view import instructions_text
from .modal import Dialog


class InstructionsScreen(Dialog[bool]):
    """The whole instructions of one section; dismissed with True when the box should be folded."""

    BINDINGS = [
        Binding("escape", "close", "Lukk"),
        Binding("ctrl+t", "fold", "Skjul instruksjonene"),
    ]

    def __init__(self, section: Section):
        super().__init__()
        self.section = section

    def key_hints(self) -> list[tuple[str, str]]:
        return [("↑↓", "Bla"), ("Esc", "Lukk"), ("^T", "Skjul instruksjonene")]

    def compose(self) -> ComposeResult:
        text = Text()
        text.append(self.section.heading + "\n\n", "bold")  # literally: a template's text is never markup
        text.append_text(instructions_text(self.section))
        yield KeyBar()
        with VerticalScroll(classes="dialog wide tall"):
            yield Static(text)

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(False)

    def action_fold(self) -> None:
        self.dismiss(True)
