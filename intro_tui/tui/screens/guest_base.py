"""What a guest sees under the served workshop (in place of the home screen).

Normally never seen: the workshop screen opens over it and Esc does not
leave a guest's workshop.  If the workshop cannot be opened (deleted while
serving), this says so instead of offering the other workshops.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static


class GuestBase(Screen[None]):
    """The bottom of a guest's screen stack: a line and Ctrl+Q."""

    BINDINGS: ClassVar[list[Binding]] = [Binding("q", "app.quit", "Avslutt", show=True)]

    def compose(self) -> ComposeResult:
        yield Static("Verkstedet kunne ikke åpnes her. Lukk fanen, eller be verten om en ny lenke.",
                     id="guest-base", markup=False)
        yield Footer()
