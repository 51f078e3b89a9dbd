"""A follower's own key ends following: the one rule for when following stops (issue 17 point 1).

Never a timer: on a loaded machine a section takes seconds to draw in 60
sessions at once, and a view still on its way to the leader is not a
follower going its own way.  So the app hands every key and click to
:func:`own_input` before anyone handles it (``IntroApp.on_event``), and a key
that moves the cursor or the section, pressed while following with no cell
being edited, stops following at once.
"""

from __future__ import annotations

from textual import events
from textual.css.query import NoMatches
from textual.dom import NoScreen

from . import room_view
from .live import LiveLink

#: Keys that move the cursor or the section on a table or in the navigator: pressed by a follower, they
#: end following (the follower went its own way).  Keys typed into an open cell editor never do.
MOVE_KEYS = frozenset({
    "up", "down", "left", "right", "pageup", "pagedown", "home", "end", "tab", "shift+tab", "escape",
    "f5", "f6", "ctrl+pageup", "ctrl+pagedown", "alt+up", "alt+down", "ctrl+up", "ctrl+down",
    "ctrl+home", "ctrl+end", "shift+up", "shift+down",
})

def own_input(app, event) -> None:
    """A key or click reached the app (``IntroApp.on_event``, before anyone handles it).

    A follower's own key that moves the cursor or the section ends following at
    once - the only thing that does.  Keys typed into an open cell editor and
    keys in a dialog never do (the link is on the workshop screen only).
    """
    try:
        link = app.screen.query_one(LiveLink)
        screen = link.screen
        editing = screen.query_one(room_view.CellEditor).is_open
    except (NoMatches, NoScreen):  # no workshop screen on top (home, a dialog)
        return
    if not link.following or editing:
        return
    if isinstance(event, events.Key):
        moves = event.key in MOVE_KEYS or event.key == "enter" and isinstance(screen.focused, room_view.Navigator)
    else:
        moves = isinstance(event, events.MouseDown)
    if moves:
        link.own_move()
