"""The workshop screen's part in the room's group work: pick one's group (Ctrl+U), the room's groups now (F12),
split and plenum.

(F10 Grupper, making the groups and taking their answers, is :mod:`.group_actions`'.)

Anyone picks their own group; only the session that leads the room (the
facilitator) splits the room into groups and brings it back to plenum - from
the overview (``d``/``p``) or with the agenda's "Neste punkt" (F9) on an item
whose Plenum/grupper column says which.  The writes are
:mod:`intro_tui.core.store.groups`' (the one write path); the following that
comes of them is :mod:`intro_tui.tui.group_follow`'s, in every session.
"""

from __future__ import annotations

import os

from ...core.model import agenda
from ...core.model.groups import group_of
from ...core.shorten import one_line
from ...core.store import groups as group_store
from ...core.store.errors import StoreError
from ...core.model.values import ValueProblem
from ..group_follow import GROUP_ENV
from ..live import LiveLink
from ..keys import Key, bindings
from . import key_hints as hints
from .screen_part import ScreenPart

PICK_KEYS, OVERVIEW_KEYS = "Ctrl+U", "F12"
SPLIT_WORDS = "Rommet er delt i grupper: hver gruppe følger sin leder."
PLENUM_WORDS = "Alle er tilbake i plenum og følger den som leder."


class RoomGroupActions(ScreenPart):
    """Ctrl+U, F12 and the room's split (a Screen subclass: Textual collects the keys)."""

    KEYS = [
        Key("ctrl+u", "pick_group", "Velg gruppe", hints.pick_group, rank=104),
        Key("f12", "group_overview", "Gruppene nå (hvem er hvor, del i grupper, plenum)", hints.groups_now, rank=66),
    ]
    BINDINGS = bindings(KEYS)

    def on_mount(self) -> None:  # Textual calls the screen's own on_mount too
        """A participant who picked a group on the join page is in it (once: a workshop switch does not join again)."""
        picked = os.environ.pop(GROUP_ENV, "")
        if picked and any(g.id == picked for g in self._group_list()):
            try:
                group_store.join(self.session.store, self.session.workshop_id, picked, self.session.store.user)
            except (ValueProblem, StoreError, KeyError):
                return
            self.session.reload()

    def _group_list(self) -> list:
        return list(getattr(self.session.workshop, "groups", []) or [])

    def action_pick_group(self) -> None:
        groups = self._group_list()
        if not groups:
            self.say("Det er ingen grupper i dette verkstedet ennå; den som leder lager dem.")
            return
        from .group_dialog import GroupDialog

        link = self.query_one(LiveLink)
        mine = group_of(self.session.workshop, link.presence.name)
        self.app.push_screen(GroupDialog(groups, mine.id if mine else None), self._group_picked)

    def _group_picked(self, group_id: str | None) -> None:
        if group_id is None:
            return
        name = self.query_one(LiveLink).presence.name
        try:
            if group_id:
                group_store.join(self.session.store, self.session.workshop_id, group_id, name)
            else:
                group_store.leave(self.session.store, self.session.workshop_id, name)
        except (ValueProblem, StoreError, KeyError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        self._groups_changed()
        mine = group_of(self.session.workshop, name)
        self.say(f"Du er med i {one_line(mine.name, 40)}." if mine else "Du er ikke med i noen gruppe.")

    def _may_run_the_room(self, what: str) -> bool:
        """Only the room's leader splits it (or anyone while nobody leads, who then leads)."""
        link = self.query_one(LiveLink)
        lead = link.lead if not link.groups.leading else link.presence.room.lead()
        if link.leading:
            return True
        if lead is not None and lead.live and lead.session != link.presence.session:
            self.say(f"{lead.name} leder rommet; {what} er for den som leder (F2 tar over).", error=True)
            return False
        link.start_leading()
        return True

    def action_group_overview(self) -> None:
        if not self._may_run_the_room("oversikten over gruppene"):
            return
        from .group_overview import GroupOverview

        self.app.push_screen(GroupOverview(self.query_one(LiveLink), self.split_room), self._looked_into)

    def _looked_into(self, place: str | None) -> None:
        """Look into a group's work: this session goes to the group's place, nobody else in the group moves."""
        if place:
            self.go_to_section(place)
            if self.section.id == place:
                self.say(f"Du ser på gruppens arbeid i {one_line(place, 20)}; gruppene merker ingenting.")

    def split_room(self, on: bool, *, tell: bool = True) -> bool:
        """Into groups (each member follows its group's lead, at its place) or back in plenum (all follow me)."""
        if not self._group_list():
            self.say("Det er ingen grupper å dele rommet i ennå.", error=True)
            return False
        try:
            group_store.split(self.session.store, self.session.workshop_id, on)
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return False
        self._groups_changed()
        if tell:
            self.say(SPLIT_WORDS if on else PLENUM_WORDS)
        return True

    def room_form(self, item: agenda.Item) -> str:
        """F9 on an agenda item: its Plenum/grupper column splits the room or brings it back; what to add to
        the meeting's message ("" when nothing changed)."""
        form = item.form.strip().casefold()
        on = True if form.startswith("grupp") else False if form.startswith("plenum") else None
        if on is None or not self._group_list() or bool(getattr(self.session.workshop, "split", False)) == on:
            return ""
        if not self.split_room(on, tell=False):
            return ""
        return " · " + (SPLIT_WORDS if on else PLENUM_WORDS)

    def _groups_changed(self) -> None:
        self.session.reload()
        self.refresh_tables()
        link = self.query_one(LiveLink)
        link.look(link.presence.room.refresh(), moved_self=False, saved=True)
