"""F12: the facilitator's overview of the groups at work, live (issue 21 point 2).

Each group with its place and how much of it is filled, and each member: where
they are (section and row), following whom, or gone.  Worked out again every
:data:`TICK_SECONDS` from what the room's link already holds (the workshop it
reloads, the people it reads), so it updates as the groups type and costs no
reading of its own.  Enter looks into the highlighted group's place (only this
session goes there); ``d`` splits the room into groups, ``p`` brings it back
to plenum.  The writes are the screen's (passed in as ``split``).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.model.copies import view_of
from ...core.model.groups import Group, place_words
from ...core.model.layout import section_fill
from ...core.shorten import one_line
from ...core.store.presence import Participant
from ..live import LiveLink
from ..widgets.key_bar import KeyBar
from .modal import Dialog

TICK_SECONDS = 0.5


def fill_words(link: LiveLink, group: Group) -> str:
    """ "7 av 12 fylt" for the group's place (or why not)."""
    session = link.session
    try:
        filled, total = section_fill(view_of(session.template, session.workshop, group.place), session.workshop)
    except (KeyError, ValueError):
        return "stedet finnes ikke"
    return f"{filled} av {total} fylt"


def where(person: Participant, people: list[Participant]) -> str:
    """A member's place in a few characters: "2.2#2 r3", "utkast av 1.3 r1", "følger", "✎ 2.2#2 r3"."""
    spot = person.spot
    if person.following and not spot.editing:
        return "følger"
    row = f" {one_line(spot.row or '', 8)}" if spot.row else ""
    return ("✎ " if spot.editing else "") + one_line(place_words(spot.section or "?"), 16) + row


def group_text(link: LiveLink, group: Group) -> Text:
    """Two lines for one group: name, place and fill; its members and where they are."""
    text = Text(end="")
    text.append(one_line(group.name, 40), "bold")
    text.append(f" · {one_line(place_words(group.place), 16)} · {fill_words(link, group)}")
    lead = link.presence.room.lead(group.id)
    by_name: dict[str, Participant] = {p.name: p for p in link.people}
    members = []
    for name in group.members:
        person = by_name.get(name)
        mark = " (leder)" if lead is not None and lead.name == name and lead.live else ""
        if name == link.presence.name:
            members.append(f"{one_line(name, 20)}{mark}: deg")
        elif person is None:
            members.append(f"{one_line(name, 20)}: borte")
        else:
            members.append(f"{one_line(name, 20)}{mark}: {where(person, link.people)}")
    text.append("\n  " + (" · ".join(members) if members else "ingen med ennå"))
    return text


class GroupOverview(Dialog[str | None]):
    """The groups at work; dismisses with a place to look into, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Lukk", show=True),
        Binding("d", "split(True)", "Del i grupper", show=True),
        Binding("p", "split(False)", "Tilbake i plenum", show=True),
    ]

    def __init__(self, link: LiveLink, split: Callable[[bool], object]):
        super().__init__()
        self.link = link
        self.split = split
        self._shown: list[str] = []

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog wide tall"):
            yield Static("", id="group-state", markup=False)
            yield OptionList(id="group-overview", compact=True)

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick)
        self.query_one("#group-overview", OptionList).focus()

    def groups(self) -> list[Group]:
        return list(getattr(self.link.session.workshop, "groups", []) or [])

    def tick(self) -> None:
        """Work the overview out again; the list is rebuilt only when what it says changed."""
        workshop = self.link.session.workshop
        split = bool(getattr(workshop, "split", False))
        groups = self.groups()
        state = (("Rommet er delt i grupper · p: tilbake i plenum" if split else "Rommet er i plenum · d: del i grupper")
                 + " · ⏎ ser inn i gruppen")
        self.query_one("#group-state", Static).update(Text(state if groups else
                                                           "Ingen grupper ennå.",
                                                           style="bold"))
        texts = [group_text(self.link, g) for g in groups]
        if [t.plain for t in texts] == self._shown:
            return
        self._shown = [t.plain for t in texts]
        found = self.query_one("#group-overview", OptionList)
        keep = found.highlighted
        found.clear_options()
        found.add_options([Option(t, id=g.id) for t, g in zip(texts, groups)])
        if texts:
            found.highlighted = min(keep or 0, len(texts) - 1)

    @on(OptionList.OptionSelected)
    def look_into(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        group = next((g for g in self.groups() if g.id == event.option.id), None)
        if group is not None:
            self.dismiss(group.place)

    def action_split(self, on: bool) -> None:
        self.split(on)
        self.tick()

    def action_cancel(self) -> None:
        self.dismiss(None)
