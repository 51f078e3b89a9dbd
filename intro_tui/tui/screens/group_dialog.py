"""Ctrl+U: a participant picks the group they work in (issue 21 point 1).

A list of the workshop's groups, each with its place and how many are in it;
Enter picks one, "Ingen gruppe" leaves the group, Esc changes nothing.  The
write is the screen's (:func:`intro_tui.core.store.groups.join`), through the
one write path.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.model.groups import Group, place_words
from ...core.shorten import one_line
from ..widgets.key_bar import KeyBar
from .modal import Dialog

#: The option that leaves one's group.
NO_GROUP = "-"


def group_label(group: Group, mine: bool = False) -> Text:
    """ "Gruppe 1 – Renhold · 2.2#2 · 3 med" (the one this participant is in marked ◆)."""
    count = len(group.members)
    text = Text(("◆ " if mine else "  ") + one_line(group.name, 40), style="bold" if mine else "", end="")
    text.append(f" · {one_line(place_words(group.place), 20)} · {count} med")
    return text


class GroupDialog(Dialog[str | None]):
    """The groups to pick from; dismisses with the group's id, "" to leave one's group, None for Esc."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", show=True)]

    def __init__(self, groups: list[Group], current: str | None):
        super().__init__()
        self.groups = groups
        self.current = current

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog"):
            yield Static(Text("Velg gruppen du jobber i (⏎ velger):", style="bold"))
            options = [Option(group_label(g, g.id == self.current), id=g.id) for g in self.groups]
            options.append(Option(Text("  Ingen gruppe (plenum)"), id=NO_GROUP))
            yield OptionList(*options, id="group-list", compact=True)

    def on_mount(self) -> None:
        found = self.query_one("#group-list", OptionList)
        found.highlighted = next((i for i, g in enumerate(self.groups) if g.id == self.current), 0)
        found.focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id or NO_GROUP
        self.dismiss("" if chosen == NO_GROUP else chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
