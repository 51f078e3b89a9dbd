"""Typing on the home screen searches: the list and its search field, keeping a burst of keys in order.

Every command on the home screen sits on a key that types nothing (Ctrl, F-keys,
Delete, Enter), so a title typed on the list - ``virk``, ``Indikatorer 2026``, a
stray ``q`` - only ever searches.  A printable key on the list moves the focus to
the search field and types there; the keys that were already queued on the list
follow it in order (see :mod:`..key_order`).
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import DataTable, Input

from ..key_order import InOrder, KeyFunnel


def starts_search(key: str, character: str | None) -> bool:
    """A key that types a character (``/`` only opens the search, as its binding says)."""
    return bool(character) and character.isprintable() and key != "slash"  # type: ignore[union-attr]


class WorkshopList(InOrder, DataTable):
    """The home screen's table: a typed character goes to the search."""

    BINDINGS = [Binding("enter", "select_cursor", "Åpne", show=True)]

    async def _on_key(self, event: events.Key) -> None:
        if self.route_key(event):
            return
        if starts_search(event.key, event.character):
            event.stop()
            event.prevent_default()
            search_type(self.screen, event.key, event.character)
            return
        await super()._on_key(event)


class SearchField(InOrder, Input):
    """The search field: keys that reached the list before it are typed first."""

    async def _on_key(self, event: events.Key) -> None:
        if self.route_key(event):
            return
        await super()._on_key(event)


def search_type(screen, key: str, character: str | None) -> None:
    """Type one key into the search (focusing it), or, for a non-typing key, do what it does there now."""
    field = screen.query_one(SearchField)
    if starts_search(key, character):
        if screen.focused is not field:
            field.focus()
            field.cursor_position = len(field.value)
        field.insert_text_at_cursor(character)
    elif screen.focused is field:
        if key == "backspace":
            field.action_delete_left()
        elif key == "enter":
            field.action_submit()
        elif key in ("down", "up"):
            table = screen.query_one(WorkshopList)
            table.action_cursor_down() if key == "down" else table.action_cursor_up()
    elif key == "slash":
        field.focus()


def home_funnel(screen) -> KeyFunnel:
    """A key that arrived at the list after the focus left it is done where the focus is now."""
    return KeyFunnel(screen, lambda key, character: search_type(screen, key, character), asynchronous=False)
