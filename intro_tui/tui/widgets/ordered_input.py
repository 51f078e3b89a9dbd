"""A dialog's text field that keeps a burst of keys in order (``Tittel⇥Kommune`` pasted at once).

Tab, Shift+Tab and Enter move the focus (and Ctrl+S saves) at once, in key order (not as bindings,
which run after later keys); a key that reached this field after the focus
had left it is done in the field that has the focus now (see :mod:`..key_order`).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from ..key_order import InOrder, KeyFunnel


class OrderedInput(InOrder, Input):
    async def _on_key(self, event: events.Key) -> None:
        if self.route_key(event):
            return
        if event.key in ("tab", "shift+tab", "enter") or event.key == "ctrl+s" and hasattr(self.screen, "action_save"):
            event.stop()
            event.prevent_default()
            move_on(self.screen, event.key)
            return
        await super()._on_key(event)


def move_on(screen, key: str) -> None:
    """Tab / Shift+Tab / Enter in a dialog, done now: the next field (Enter on the last one submits)."""
    if key == "ctrl+s":  # save from any field, after the keys typed before it (in order, like Enter)
        if hasattr(screen, "action_save"):
            screen.action_save()
    elif key == "tab":
        screen.focus_next()
    elif key == "shift+tab":
        screen.focus_previous()
    elif hasattr(screen, "next_field") and isinstance(screen.focused, Input):
        screen.next_field(screen.focused)


def dialog_funnel(screen) -> KeyFunnel:
    """The funnel of a dialog: a key that arrived late is typed where the focus is now."""

    def perform(key: str, character: str | None) -> None:
        focused = screen.focused
        if key in ("tab", "shift+tab", "enter", "ctrl+s"):
            if key == "enter" and not isinstance(focused, Input):
                if focused is not None and hasattr(focused, "press"):
                    focused.press()
                return
            move_on(screen, key)
        elif isinstance(focused, Input):
            if character and character.isprintable():
                focused.insert_text_at_cursor(character)
            elif key == "backspace":
                focused.action_delete_left()

    return KeyFunnel(screen, perform, asynchronous=False)
