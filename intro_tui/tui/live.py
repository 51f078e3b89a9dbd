"""The other sessions on the same workshop: their saves, where they are, who leads.

A one-line widget under the header, mounted by the workshop screen.  Every
:data:`POLL_SECONDS` it compares the workshop file's timestamp (another SSH
login or browser tab saved), writes this session's cursor if it moved, and
looks at the room (one ``stat`` of the presence folder when nothing changed:
see :mod:`intro_tui.core.store.presence`).  From that it marks the rows and
sections where the others are, moves the view when this session follows a
leader, and says in its line who leads and what following does.  It is
hidden while there is nothing to say.

Following moves the view, never what is being typed: while the cell editor
is open the leader's moves wait, and the view catches up on the first tick
after the edit is committed or cancelled.
"""

from __future__ import annotations

import time

from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Static

from ..core.model.changes import touches
from ..core.session import EditSession
from ..core.store.presence import HEARTBEAT_SECONDS, Lead, Participant, Presence, Spot
from . import reload_worker, room_notes, room_view
from .group_follow import GroupFollow

#: How often the workshop file and the room are looked at (an edit or a leader's move shows within this).
POLL_SECONDS = 0.4
#: Another session's save is looked for this often (one ``stat``): an edit reaches the room sooner than the tick.
SAVE_CHECK_SECONDS = 0.2
#: A leader writes its cursor this often (reading it stays at POLL_SECONDS): a move reaches followers sooner.
LEADER_PUBLISH_SECONDS = 0.1
#: A view still away from the leader this long after moving there (and no key of its own pressed) goes again.
#: Never a reason to stop following: only the follower's own key does that (see :func:`own_input`).
RETRY_SECONDS = 1.0
LEAD_KEYS = "F2"
FOLLOW_KEYS = "F3"


class LiveLink(Static):
    """Keeps one session in touch with the others; posts what changed; says who leads."""

    DEFAULT_CSS = """
    LiveLink { height: 1; background: $boost; padding: 0 1; display: none; }
    LiveLink.-leading { background: $warning 30%; }
    LiveLink.-following { background: $accent 30%; }
    """

    class WorkshopChanged(Message):
        """Another session saved; ``session.workshop`` holds the new state."""

    class SaveFailed(Message):
        """Reading the others' saves failed (the folder went away, a permission changed)."""

        def __init__(self, problem: str):
            super().__init__()
            self.problem = problem

    class OthersChanged(Message):
        """The names of the other participants changed."""

        def __init__(self, others: list[str]):
            super().__init__()
            self.others = others

    def __init__(self, session: EditSession):
        super().__init__("", markup=False)
        self.session = session
        self.presence = Presence(session.store.data_dir, session.workshop_id, session.store.user)
        self.others: list[str] = []
        self.people: list[Participant] = []
        self.lead: Lead | None = None
        #: This session leads the room.
        self.leading = False
        #: This session follows whoever leads.
        self.following = False
        #: The one-off word in the line ("Følger ikke Anne lenger ...").
        self.note = ""
        self._applied: Spot | None = None
        self._applied_at = 0.0
        #: Following, and the view is where the leader is: an idle tick has nothing to do.
        self._settled = False
        self._last_beat = 0.0
        self._seen_lead: Lead | None = None
        self._publisher = None
        self._marked_section: str | None = None
        self._state: tuple = ()
        self._editor = None
        self._line = ""
        #: The room folder's problem last said, in which section, when (:func:`room_notes.tell_problem`).
        self._reported: tuple[str | None, str | None, float] = (None, None, 0.0)
        self._started = time.monotonic()
        self._ticking = False
        #: While the room works in groups: this session's group, whom it follows there, leading it.
        self.groups = GroupFollow(self)

    # -- life ----------------------------------------------------------------------------------

    def on_mount(self) -> None:
        # The rest of the screen (navigator, tables) mounts after this line: start once it is there.
        self.call_after_refresh(self._start)

    def _start(self) -> None:
        self.presence.move(room_view.current_spot(self.screen))
        self._last_beat = time.monotonic()
        self.presence.beat()
        self.look(self.presence.room.refresh(full=True), moved_self=False)
        role = getattr(self.app, "room_role", None)
        if role == "lead":
            self.toggle_lead()  # asks first if someone else leads now (as F2 does)
        elif role == "follow":
            # The first move waits for the first tick: the screen is still putting the focus on
            # its first table, which would undo it.
            self.following = True
        self.set_interval(POLL_SECONDS, self.poll)
        self.set_interval(SAVE_CHECK_SECONDS, lambda: reload_worker.start(self, self.session))
        self._ticking = True  # the first look is before --follow moved the view: problems are said from now on

    def on_unmount(self) -> None:
        self.leave()

    def leave(self) -> None:
        """Drop out of the others' presence lists and give up leading (hang-up, closing the screen)."""
        self.presence.leave()

    # -- the tick --------------------------------------------------------------------------------

    def poll(self) -> None:
        """The tick: others' saves (read in a worker), our cursor, the room - each as cheap as nothing when idle."""
        reload_worker.start(self, self.session)
        full = time.monotonic() - self._last_beat >= HEARTBEAT_SECONDS
        if full:
            self._last_beat = time.monotonic()
            self.presence.beat()
        self.look(self.presence.room.refresh(full=full), moved_self=self._publish())

    @on(reload_worker.WorkshopRead)
    def _workshop_read(self, message: reload_worker.WorkshopRead) -> None:
        """Another session's save, read off the loop: show it (unless this session read or saved since)."""
        message.stop()
        if message.problem is not None:
            self.post_message(self.SaveFailed(message.problem))
        elif message.workshop is not None and self.session.adopt(message.workshop, message.stamp, message.seen):
            self.post_message(self.WorkshopChanged())
            self._tell_overwritten()
            section = getattr(self.screen, "section", None)  # a save elsewhere: no table rebuilt, no badge to put back
            self.look(False, moved_self=False, saved=section is None or touches(self.session.changed, section))

    def _tell_overwritten(self) -> None:
        room_notes.tell_overwritten(self)

    def beat(self) -> None:
        """Tell the others we are here, and check who has gone quiet."""
        self._last_beat = time.monotonic()
        self.presence.beat()
        self.look(self.presence.room.refresh(full=True), moved_self=self._publish())

    def _publish(self) -> bool:
        """Write our cursor if it moved, and whether we follow.

        A follower standing where the leader put it writes nothing: its cursor
        is the leader's, shown by the leader's badge.  Otherwise one move of
        the leader would be N writes, N² reads and a repaint in every session
        for every follower catching up.
        """
        try:
            if self._editor is None:
                self._editor = self.screen.query_one(room_view.CellEditor)
            spot = room_view.current_spot(self.screen, self._editor)
        except Exception:
            return False
        following = self.following and self.lead is not None and self.lead.live
        # Keep what we last wrote - unless it says "editing": an edit committed or cancelled on the
        # leader's row must be written once more, or the others keep our ✎ badge where we left it.
        if following and self._applied is not None and not spot.editing and not self.presence.spot.editing \
                and room_view.same_place(spot, self._applied):
            spot = self.presence.spot
        if spot == self.presence.spot and following == self.presence.following:
            return False
        moved = spot != self.presence.spot
        self.presence.move(spot, following)
        return moved

    def look(self, room_changed: bool, moved_self: bool, saved: bool = False) -> None:
        """React to what changed; an idle tick (nothing changed, not following) does nothing more."""
        room = self.presence.room
        if room_changed:
            self.people = room.participants()
            self._keep_name_distinct()
            others = sorted({p.name for p in self.people}, key=str.casefold)
            if others != self.others:
                self.others = others
                self.post_message(self.OthersChanged(others))
        if room_changed or saved:  # a save may split the room or bring it back (the workshop says which)
            lead = self.groups.lead()
            room_changed = room_changed or lead != self.lead
            self.lead = lead
        if room_changed or self.leading or self.following and not self._settled:
            self._lead_or_follow()
        # Marked after following moved the view, never before: badges taken off the section being left
        # and put on the one arrived at would give each table's gutter back and take it again - two
        # rebuilds of every table per move of the leader, in every follower.
        section = getattr(getattr(self.screen, "section", None), "id", None)
        if (room_changed or saved or section != self._marked_section) and self._mark():  # new tables: mark them
            self._marked_section = section
        state = (self.leading, self.following, self.note, self.presence.spot.editing, self._seen_lead,
                 self.groups.words(), serve_line(self.session) if self.leading else "")
        if room_changed or moved_self or state != self._state:
            self._state = state
            self._show()
        room_notes.tell_problem(self)

    def _keep_name_distinct(self) -> None:
        room_notes.keep_name_distinct(self)

    def _mark(self) -> bool:
        """Badges on the rows and sections where the others are; False while the section's tables are still
        being built (the next tick marks them)."""
        try:
            room_view.mark_sections(self.screen, self.people)
            if not room_view.tables_of(self.screen):
                return False
            room_view.mark_rows(self.screen, self.people)
        except Exception:  # the screen is between sections; next tick
            return False
        return True

    # -- leading and following ------------------------------------------------------------------

    def _lead_or_follow(self) -> None:
        lead = self.lead
        if self.leading and (lead is None or lead.session != self.presence.session):
            self.leading = False
            self._publish_fast(False)
            self.note = (f"{lead.name} har tatt over ledelsen · {FOLLOW_KEYS} følger" if lead
                         else "Du leder ikke lenger.")
        if self.groups.leading:  # leading our group: nobody to follow (following is kept, for plenum)
            self._seen_lead = None
            self.groups.arrive()
            return
        if lead is not None and lead.live and lead.session != self.presence.session:
            if not self.following and not self.leading and self._seen_lead is not None \
                    and self._seen_lead.session != lead.session:
                self.note = f"{lead.name} leder nå · {FOLLOW_KEYS} følger"  # a new leader: say who, and the key
            self._seen_lead = lead
        elif self.following and self._seen_lead is not None:  # the leader went: say so, stay here
            name, gone = self._seen_lead.name, self._seen_lead.session
            here = any(p.session == gone for p in self.people)
            self.note = (f"{name} leder ikke lenger" if here else f"Lederen {name} er borte") + " · du blir stående her"
            self._seen_lead = None
        if not self.following or lead is None or not lead.live or lead.spot is None:
            return
        if lead.session == self.presence.session:
            self.following = False
            return
        screen = self.screen
        if screen.query_one(room_view.CellEditor).is_open:
            self._settled = False
            return  # what is being typed stays; catch up after the commit
        me = room_view.current_spot(screen)
        if self._applied is not None and self._applied == lead.spot:
            # Still away from the leader with no key of our own (a loaded machine still drawing the section,
            # the screen's own first focus undoing ours): go there again, later - never stop following.
            there = room_view.same_place(me, lead.spot) or (
                me.section == lead.spot.section and not room_view.has_row(screen, lead.spot))
            self._settled = there  # there: idle ticks skip all this until the room changes
            if there or time.monotonic() - self._applied_at < RETRY_SECONDS:
                return
        if not room_view.same_place(me, lead.spot) or me.column != lead.spot.column:
            room_view.go_to(screen, lead.spot)
        self._applied, self._applied_at, self._settled = lead.spot, time.monotonic(), False

    def own_move(self) -> None:
        """The follower pressed a key that moves its own view: it goes its own way (F3 follows again)."""
        if self.following and not self.leading and not self.groups.leading:  # a group's lead moves for its group
            self.toggle_follow()

    def toggle_follow(self) -> None:
        if self.following:
            self.following = False
            name = self.lead.name if self.lead else "lederen"
            self.note = f"Følger ikke {name} lenger · {FOLLOW_KEYS} følger igjen"
        else:
            if self.leading:
                self.stop_leading()
            self.following = True
            self.note = ""
            self._applied = None
        self.look(self.presence.room.refresh(), moved_self=False)

    def toggle_lead(self) -> None:
        if self.leading:
            self.stop_leading()
            return
        lead = self.lead
        if lead is not None and lead.live and lead.session != self.presence.session:
            from .screens.dialogs import ConfirmDialog

            def answered(yes: bool | None) -> None:
                if yes:
                    self.start_leading()

            self.app.push_screen(ConfirmDialog(f"{lead.name} leder nå. Vil du ta over ledelsen?", yes="Ta over"),
                                 answered)
            return
        self.start_leading()

    def start_leading(self) -> None:
        self.following = False
        self.leading = True
        self.note = ""
        self.presence.move(room_view.current_spot(self.screen))
        self.presence.take_lead()
        self._publish_fast(True)
        self.look(self.presence.room.refresh(), moved_self=False)

    def _publish_fast(self, on: bool) -> None:
        if on and self._publisher is None:
            self._publisher = self.set_interval(LEADER_PUBLISH_SECONDS, self._publish)
        elif not on and self._publisher is not None:
            self._publisher.stop()
            self._publisher = None

    def stop_leading(self) -> None:
        self.leading = False
        self._publish_fast(False)
        self.presence.drop_lead()
        self.note = "Du leder ikke lenger."
        self.look(self.presence.room.refresh(), moved_self=False)

    # -- the line ----------------------------------------------------------------------------------

    def _show(self) -> None:
        text = self.line()
        if text.plain == self._line:
            return
        self._line = text.plain
        self.update(text)
        self.display = bool(text.plain)
        self.set_class(self.leading, "-leading")
        self.set_class(self.following and not self.leading, "-following")

    def line(self) -> Text:
        """What the room line says: who leads, what following does, who is editing this cell."""
        text = Text(end="", no_wrap=True, overflow="ellipsis")
        lead = self.lead
        try:
            me = room_view.current_spot(self.screen)
            busy = room_view.editing_here(self.screen, self.people, me)
        except Exception:
            busy = []
        if busy:
            text.append(f"✎ {', '.join(busy)} skriver i denne cellen  ", "bold")
        group = self.groups.words()
        if group:
            text.append(group + " · " if not self.groups.leading else group, "bold")
            if self.groups.leading:
                return text
        serve = serve_line(self.session) if self.leading else ""
        if serve:  # first: at 80 columns the rest may be cut, and the code is what the projector needs
            text.append(serve + " · ", "bold")
        if self.leading:
            text.append(f"Du leder · {len(self.people)} andre her · {LEAD_KEYS} slutter å lede", "bold")
        elif lead is not None and not lead.live:
            text.append(f"Lederen {lead.name} er borte", "bold")
            text.append(" · du blir stående her" if self.following else "")
        elif self.following and lead is None and self.note:
            text.append(self.note, "bold")
        elif self.following and lead is not None:
            self.note = ""
            text.append(f"Følger {lead.name}", "bold")
            try:
                editing = self.screen.query_one(room_view.CellEditor).is_open
            except Exception:
                editing = False
            text.append(" · tar igjen når cellen er lagret" if editing else f" · {FOLLOW_KEYS} slutter å følge")
        elif self.note:
            text.append(self.note)
        elif lead is not None:
            text.append(f"{lead.name} leder · {FOLLOW_KEYS} følger")
        elif self.following:
            text.append("Følger lederen når noen leder (ingen leder nå)")
        return text


def serve_line(session: EditSession) -> str:
    """``intro-tui serve``'s address and code, for the leader's line (empty when nothing serves)."""
    from ..core.store.join_info import read_join_info

    info = read_join_info(session.store.data_dir, session.workshop_id)
    return f"Kode {info[1]} · {info[0]}" if info else ""
