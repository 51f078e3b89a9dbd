"""The other sessions on the same workshop: their saves and their presence.

A non-visual widget the workshop screen mounts: it polls the workshop file's
timestamp (another SSH login or browser tab saved) and beats this session's
presence file, and tells the screen by message.  Kept out of the screen so
that following a leader and cursor presence have one place to grow.
"""

from __future__ import annotations

from textual.message import Message
from textual.widget import Widget

from ..core.session import EditSession
from ..core.store.errors import StoreError
from ..core.store.presence import HEARTBEAT_SECONDS, Presence

#: How often the workshop file's timestamp is compared (an edit shows elsewhere within this).
POLL_SECONDS = 0.4


class LiveLink(Widget):
    """Keeps one session in touch with the others; posts what changed."""

    DEFAULT_CSS = "LiveLink { display: none; }"

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
        super().__init__()
        self.session = session
        self.presence = Presence(session.store.data_dir, session.workshop_id, session.store.user)
        self.others: list[str] = []

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.poll)
        self.beat()
        self.set_interval(HEARTBEAT_SECONDS, self.beat)

    def on_unmount(self) -> None:
        self.leave()

    def leave(self) -> None:
        """Drop out of the others' presence lists (hang-up, closing the screen)."""
        self.presence.leave()

    def poll(self) -> None:
        try:
            changed = self.session.reload()
        except StoreError as exc:
            self.post_message(self.SaveFailed(str(exc)))
            return
        if changed:
            self.post_message(self.WorkshopChanged())

    def beat(self) -> None:
        """Tell the others we are here, and see who else is."""
        self.presence.beat()
        others = self.presence.others()
        if others != self.others:
            self.others = others
            self.post_message(self.OthersChanged(others))
