"""A section's instructions read whole: F4 where the box in the section cuts them.

The box grows to its text only as far as the first table keeps its rows on
screen (``SectionView.fit_instructions``); at 80x24 1.3's definitions and last
step do not fit.  This reader shows them whole, scrolled with the arrows,
PgUp/PgDn, Home/End; Esc (or F4 again) closes it.  Ctrl+T in the section still
folds and unfolds the box, as it always did.
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


class InstructionsScreen(Dialog[None]):
    """The whole instructions of one section, over the section."""

    BINDINGS = [Binding("escape,f4,q", "close", "Lukk", show=True)]

    def __init__(self, section: Section):
        super().__init__()
        self.section = section

    def key_hints(self) -> list[tuple[str, str]]:
        return [("↑↓ PgDn", "Bla"), ("Esc", "Lukk")]

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
        self.dismiss(None)
