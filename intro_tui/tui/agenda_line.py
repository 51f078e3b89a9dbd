"""The meeting's line under the header: the agenda item running now and its time left.

Every session of a workshop shows it - leader, followers, browser guests - as
soon as a kjøreplan's meeting is started (see :mod:`intro_tui.core.model.agenda`:
which item runs is read from the workshop's cells, which the room's poll keeps
fresh).  It ticks on its own, so the minutes count down with nobody typing.  Run
over, it turns red and says so in words too ("⚠ … 3 min over tiden"), so a
black-and-white projector shows it as well.  Hidden when no meeting runs.
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from ..core.model import agenda
from ..core.session import EditSession
from ..core.shorten import one_line

#: How often the line is worked out again (minutes are shown: once a second is plenty; another session's
#: save - "Neste punkt" - shows at once, as the screen ticks the line when it reloads).
TICK_SECONDS = 1.0
NEXT_KEYS = "F9"


def now_of(app) -> datetime:
    """The app's clock (``IntroApp.clock``, injectable by tests)."""
    return getattr(app, "clock", datetime.now)()


class AgendaLine(Static):
    """"▶ Gruppearbeid 2.2 · 12 min igjen · punkt 2 av 3", red and marked ⚠ once it runs over."""

    DEFAULT_CSS = """
    AgendaLine { height: 1; background: $primary 50%; padding: 0 1; display: none; text-style: bold; }
    AgendaLine.-over { background: $error; }
    """

    def __init__(self, session: EditSession):
        super().__init__("", markup=False)
        self.session = session
        self.over = False
        self._shown = ""

    def on_mount(self) -> None:
        self.tick()
        self.set_interval(TICK_SECONDS, self.tick)

    def leading(self) -> bool:
        from .live import LiveLink

        try:
            return self.screen.query_one(LiveLink).leading
        except Exception:
            return False

    def tick(self) -> None:
        """Work the line out from the workshop as this session last read it, and the clock."""
        now = now_of(self.app)
        current = agenda.running(self.session.template, self.session.workshop, now)
        over = current is not None and current.over(now)
        if current is None:
            words = ""
        else:
            words = ("⚠ " if over else "▶ ") + one_line(current.line(now), None)
            if self.leading():
                words += f" · {NEXT_KEYS} neste punkt"
        if words == self._shown and over == self.over:
            return
        self._shown, self.over = words, over
        self.update(Text(words, no_wrap=True, overflow="ellipsis", end=""))
        self.display = bool(words)
        self.set_class(over, "-over")
