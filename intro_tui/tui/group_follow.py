"""Following in groups: while the room is split, a group's members follow their group's own lead.

A helper of :class:`~intro_tui.tui.live.LiveLink` (kept apart so the link stays
one job).  Which group a session is in, and whether the room works in groups,
comes from the workshop (:mod:`intro_tui.core.model.groups`, kept fresh by the
link's reload); who is present comes from the room.  Every member works out the
same leader from the same facts (:func:`leader_of`: the named lead if present,
else the member who joined first), so nobody has to hand the lead over: the
leader writes ``lead-<group id>.json`` beside the room's ``lead.json`` (same
format, see :mod:`intro_tui.core.store.presence`) and publishes its moves
fast, as the room's leader does; when it leaves (or is killed and goes
stale), the next member works out that it leads now and takes the file.

Following itself is the link's: a member that follows keeps following, only
whom changes - the group's lead while split, the room's again in plenum.  A
member that leads its group when the room splits goes to the group's place
(its copy or draft) if it was following, so its followers arrive there with
it; one taking over from a lead who left stays where the group is.  The room's
leader (the facilitator) is never taken into a group's following.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.model import groups
from ..core.model.groups import Group
from ..core.shorten import one_line
from ..core.store.presence import Lead, Participant, Spot

if TYPE_CHECKING:
    from .live import LiveLink

#: The group a participant picked on ``intro-tui serve``'s join page: the app joins it on opening the workshop.
GROUP_ENV = "INTRO_TUI_GROUP"


def group_of(link: LiveLink) -> Group | None:
    """The group this session's participant is in (split or not), by the name the room knows it by."""
    try:
        return groups.group_of(link.session.workshop, link.presence.name)
    except Exception:  # a workshop without groups (an older file), or one being read
        return None


def working_in(link: LiveLink) -> Group | None:
    """The group this session works in now: only while the room is split, and never for the room's leader."""
    if link.leading or not getattr(link.session.workshop, "split", False):
        return None
    return group_of(link)


def leader_of(group: Group, me: tuple[str, str, float], people: list[Participant]) -> tuple[str, str]:
    """(session, name) of the group's lead among those present: the named lead (the earliest of that name),
    else the member who joined first. ``me`` is (session, name, since) of this session."""
    members = set(group.members)
    present = [(p.since, p.session, p.name) for p in people if p.name in members]
    if me[1] in members:
        present.append((me[2], me[0], me[1]))
    if not present:
        return "", ""
    named = [entry for entry in present if group.lead and entry[2] == group.lead]
    _since, session, name = min(named or present)
    return session, name


class GroupFollow:
    """One session's part in its group: whom it follows while split, and leading the group when it is its turn."""

    def __init__(self, link: LiveLink):
        self.link = link
        #: The group this session works in now (None in plenum).
        self.group: Group | None = None
        #: This session leads its group (writes ``lead-<id>.json``).
        self.leading = False
        self._lead_id: str | None = None
        #: The group this session worked in at the last look ("" in plenum; None before the first look).
        self._seen: str | None = None
        #: Leading since the split: go to the group's place once this session follows (at once, usually;
        #: an app opened with --follow follows from its first tick).
        self._place_due = False

    def lead(self) -> Lead | None:
        """Whom this session follows now: its group's lead while split, else the room's; None while it leads
        its group itself (it follows nobody then, and its moves are the group's)."""
        link = self.link
        room = link.presence.room
        group = self.group = working_in(link)
        arrived = (group.id if group else "") != self._seen  # the room split (or we joined a group) just now
        self._seen = group.id if group else ""
        if group is None:
            self._stop()
            return room.lead()
        me = link.presence
        session, name = leader_of(group, (me.session, me.name, me.since), link.people)
        if session == me.session:
            self._start(group, go_to_place=arrived)
            return None
        self._stop()
        written = room.lead(group.id)
        if written is not None and written.live and written.session == session:
            return written
        # The leader has not written its file yet (or a stale one is still there): follow whom it will be.
        person = next((p for p in link.people if p.session == session), None)
        return Lead(person.session, person.name, True, person.spot) if person is not None else None

    def _start(self, group: Group, *, go_to_place: bool) -> None:
        link = self.link
        if self.leading and self._lead_id == group.id:
            return
        self._stop()
        self.leading, self._lead_id = True, group.id
        link.presence.take_lead(group.id)
        link._publish_fast(True)  # noqa: SLF001 - the link's own fast publisher, as a room leader's
        self._place_due = go_to_place  # at the split; a lead taking over mid-work stays where the group is

    def arrive(self) -> None:
        """The group's lead, following, goes to the group's place once after the split (the link's tick)."""
        if self._place_due and self.leading and self.group is not None and self.link.following:
            self._place_due = False
            self._go_to_place(self.group)

    def _stop(self) -> None:
        if not self.leading:
            return
        link = self.link
        self.leading = self._place_due = False
        link.presence.drop_lead(self._lead_id)
        self._lead_id = None
        if not link.leading:
            link._publish_fast(False)  # noqa: SLF001

    def _go_to_place(self, group: Group) -> None:
        """The group's lead goes to the group's place (its followers come with it); an open edit stays."""
        from . import room_view

        screen: Any = self.link.screen  # the workshop screen (room_view's functions take it so too)
        try:
            if screen.query_one(room_view.CellEditor).is_open or screen.section.id == group.place:
                return
            room_view.go_to(screen, Spot(group.place))
        except Exception:  # the screen is between sections: the lead stays, its followers with it
            return

    def words(self) -> str:
        """The group's name for the room line: "Gruppe 1 – Renhold" (and who leads it, while split)."""
        group = self.group or group_of(self.link)
        if group is None:
            return ""
        name = one_line(group.name, 40)
        return f"{name} · du leder gruppen" if self.leading else name
