"""Textual's command palette in bokmål.

Textual 8.2 writes its palette's words into ``textual/command.py``: the
placeholder "Search for commands…" (a constructor default), "No matches found"
(inside ``CommandPalette._start_no_matches_countdown``) and the descriptions of
its keys (``BINDINGS``, which our help screen lists).  This subclass gives each
its Norwegian text; the app opens it in place of Textual's
(``IntroApp.action_command_palette``).  ``tests/test_words.py`` fails if a
Textual upgrade moves these strings.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "Søk etter kommandoer…"
NO_MATCHES = "Ingen treff"


class NorwegianPalette(CommandPalette):
    """Ctrl+P: the same palette and providers, with bokmål words."""

    BINDINGS = [
        Binding("ctrl+end, shift+end", "command_list('last')", "Til siste", show=False),
        Binding("ctrl+home, shift+home", "command_list('first')", "Til første", show=False),
        Binding("down", "cursor_down", "Neste kommando", show=False),
        Binding("escape", "escape", "Lukk kommandopaletten"),
        # a modal screen leaves out the App's keys (screens/modal.py): F1 and Ctrl+Q bound here too
        Binding("f1", "app.help", "Hjelp", show=False),
        Binding("ctrl+q", "app.quit", "Avslutt", show=False, priority=True),
        Binding("pagedown", "command_list('page_down')", "Neste side", show=False),
        Binding("pageup", "command_list('page_up')", "Forrige side", show=False),
        Binding("up", "command_list('cursor_up')", "Forrige kommando", show=False),
    ]

    def __init__(self, *, id: str | None = "--command-palette") -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id)

    def compose(self):
        """Textual's palette, and the key bar with the palette's own keys over the screen's."""
        from .widgets.key_bar import KeyBar

        yield from super().compose()
        yield KeyBar()

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's own, with "Ingen treff" for "No matches found"; an empty search shows nothing."""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
