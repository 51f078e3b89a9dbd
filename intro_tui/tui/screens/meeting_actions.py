"""The workshop screen's part in running a kjøreplan's meeting: F9 starts it and goes to the next item, Ctrl+A an example.

Only the session that leads the room runs the meeting (one clock for everyone):
F9 from a session nobody else leads takes the lead first, as F2 would.  The
item's section is where the leader goes, so the followers go there with it.
The writes themselves are :mod:`intro_tui.core.store.meeting`'s (the one write path).
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.model import agenda
from ...core.model.copies import resolve
from ...core.model.template import Section
from ...core.model.layout import AddressError
from ...core.model.values import ValueProblem
from ...core.session import EditSession
from ...core.shorten import one_line
from ...core.store import meeting
from ...core.store.errors import StoreError
from ..agenda_line import NEXT_KEYS, AgendaLine, now_of
from ..keys import Key, bindings
from ..live import LiveLink
from ..widgets.key_bar import KeyBar
from . import key_hints as hints
from .screen_part import ScreenPart


class MeetingActions(ScreenPart):
    """F9: start the meeting / next item; Ctrl+A: an example agenda (a Screen subclass: Textual collects the keys)."""

    #: F9 is declared twice (here and in CopyActions), one binding with two meanings: action_f9 chooses.
    KEYS = [
        Key("f9", "f9", "I kjøreplanen, og overalt mens møtet pågår: start møtet / neste punkt", hints.meeting,
            rank=61),
        Key("ctrl+x", "meeting_anywhere", "Start møtet / Neste punkt (kjøreplan)"),
        Key("ctrl+a", "agenda_example", "Eksempel på kjøreplan for steget", hints.agenda_example, rank=60),
    ]
    BINDINGS = bindings(KEYS)

    session: EditSession
    section: Section
    action_plan_tiltak: Callable[[], None]  # CopyActions', beside this class in the screen (annotated, not shadowed)

    def room_form(self, item: agenda.Item) -> str:  # GroupActions': the item's Plenum/grupper splits the room
        raise NotImplementedError

    def f9_runs_the_meeting(self) -> bool:
        """F9 is the meeting's key in a kjøreplan and everywhere while a meeting runs; elsewhere it plans
        the tiltak under the cursor (CopyActions). One key, one meaning at a time."""
        return agenda.has_agenda(self.section) or agenda.running(self.session.template, self.session.workshop,
                                                                 now_of(self.app)) is not None

    def action_f9(self) -> None:
        """One binding: Textual keeps one class's binding per key, so F9 chooses here."""
        if self.f9_runs_the_meeting():
            self.action_meeting()
        else:
            self.action_plan_tiltak()

    def action_agenda_example(self) -> None:
        if not agenda.has_agenda(self.section):
            self.say("Ctrl+A gir et eksempel på agenda i en kjøreplan (den siste seksjonen i hvert steg).")
            return
        if not self.leave_editor():
            return
        try:
            count = meeting.fill_example(self.session.store, self.session.workshop_id, self.section.id)
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagt inn: {exc}", error=True)
            return
        self._changed()
        self.say(f"La inn et eksempel med {count} punkter; endre tider, ansvarlige og rekkefølge som dere vil.")

    def action_meeting_anywhere(self) -> None:
        """Ctrl+X: the meeting's key wherever one is (F9 outside a meeting plans a tiltak)."""
        self.action_meeting()

    def action_meeting(self) -> None:
        if not self.leave_editor():
            return
        link = self.query_one(LiveLink)
        lead = link.lead
        if not link.leading:
            if lead is not None and lead.live and lead.session != link.presence.session:
                self.say(f"{lead.name} leder rommet og styrer møtet; F2 tar over ledelsen.", error=True)
                return
        now = now_of(self.app)
        current = agenda.running(self.session.template, self.session.workshop, now)
        if current is None and not agenda.has_agenda(self.section):
            self.say(f"Gå til kjøreplanen for dette steget og trykk {NEXT_KEYS} for å starte møtet.")
            return
        if current is None and not agenda.items(self.session.workshop, self.section.id):
            self.say(f"Ikke startet: kjøreplanen i {self.section.id} har ingen punkter ennå – Insert legger til et, "
                     "Ctrl+A gir et eksempel.", error=True)
            return
        if not link.leading:
            link.start_leading()
        try:
            if current is None:
                item = meeting.start(self.session.store, self.session.workshop_id, self.section.id, now)
                said = f"Møtet er i gang: {one_line(item.title, 50)}"
            else:
                item = meeting.next_item(self.session.store, self.session.workshop_id, now)
                said = f"Neste punkt: {one_line(item.title, 50)}" if item else f"Møtet er slutt {agenda.clock(now)}."
        except (ValueProblem, StoreError) as exc:
            self.say(f"Ikke lagret: {exc}", error=True)
            return
        self._changed()
        if item is not None:
            said += self.room_form(item)
        if item is not None and item.target.strip():
            try:
                key = resolve(self.session.template, self.session.workshop, item.target).id
            except (AddressError, KeyError):
                said += f" (fant ikke seksjon «{one_line(item.target, 20)}»)"
            else:
                if key != self.section.id:
                    self.go_to_section(key)
        self.say(said)

    def _changed(self) -> None:
        self.session.reload()
        self.refresh_tables()
        self.query_one(AgendaLine).tick()
        self.query_one(KeyBar).bindings_changed(self)  # F9 Start møtet / Neste punkt
