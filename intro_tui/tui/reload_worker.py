"""Another session's save, read and decoded off the event loop (issue 22 point 7).

The room's tick (:class:`intro_tui.tui.live.LiveLink`) takes one ``stat`` of
the workshop file on the loop; when the stamp moved, a thread worker reads
and decodes the file and posts :class:`WorkshopRead` back, and the tick's
owner applies it on the loop (:meth:`EditSession.adopt`).  A 60-session room
reads the file in every session after each save: on the loop that read
delayed the keys and the leader's moves of every one of them.
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from ..core.model.workshop import Workshop
from ..core.session import EditSession
from ..core.store.errors import StoreError


GROUP = "workshop-read"


class WorkshopRead(Message):
    """The file as read at ``stamp`` by a worker started while the session had ``seen``."""

    def __init__(self, stamp: int, seen: int, workshop: Workshop | None, problem: str | None):
        super().__init__()
        self.stamp = stamp
        self.seen = seen
        self.workshop = workshop
        self.problem = problem


def start(owner: Widget, session: EditSession) -> bool:
    """Read the workshop in a worker if its file changed since the session read it; True if one started.

    One read at a time: a tick while one is still running (a loaded machine) starts none; the next
    tick after it compares the stamps again.
    """
    stamp = session.store.stamp(session.workshop_id)  # one stat, on the loop
    if stamp == session.stamp or any(worker.node is owner and worker.group == GROUP and not worker.is_finished
                                     for worker in owner.workers):
        return False
    seen = session.stamp

    def read() -> None:
        try:
            workshop, problem = session.store.load(session.workshop_id), None
        except StoreError as exc:
            workshop, problem = None, str(exc)
        owner.post_message(WorkshopRead(stamp, seen, workshop, problem))  # thread-safe in Textual

    owner.run_worker(read, thread=True, group=GROUP, exit_on_error=False)
    return True
