"""Keys typed in one burst reach the widget they were meant for, in the order typed.

Textual hands each key to the widget focused *when the App reads it*, and each
widget works through its own queue.  A paste or a laggy SSH link delivers
``Ctrl+N text ⏎ ⇥ text ⏎`` in one read: the App queues every key on the table
before the table has opened the editor for the first one, and a key that
moves the focus (Tab in a dialog, Enter that opens the editor) leaves the keys
behind it in the old widget's queue while newer keys go to the new one.

The rule, for every widget that takes part (:class:`InOrder`):

* a widget that gets a key while it no longer has the focus passes it on to
  the screen's :class:`KeyFunnel`, which does what the key means *now*;
* the focused widget that gets a key while an older queue still holds keys,
  or while the screen has not yet handled what earlier keys asked for, sends
  it the same way, behind them;
* otherwise it handles the key itself (the usual, fast path).

A screen that wants this has a ``key_funnel`` attribute.
"""

from __future__ import annotations

import functools
from typing import Callable, Protocol, TypeVar

from textual import events
from textual.dom import NoScreen
from textual.message import Message
from textual.widget import Widget


class TypedAhead(Message):
    """A key that must wait for what the keys before it asked the screen to do."""

    def __init__(self, key: str, character: str | None):
        super().__init__()
        self.key = key
        self.character = character


class KeyFunnel:
    """Per screen: how many key-made messages wait for the screen, and how to do a key now."""

    def __init__(self, screen, perform: Callable[[str, str | None], None], *, asynchronous: bool = True,
                 handle_now: Callable[[Message], None] | None = None):
        self.screen = screen
        self.perform = perform
        #: Messages sent to the screen on behalf of keys, not yet handled.
        self.ahead = 0
        self.asynchronous = asynchronous
        self.members: "set[InOrder]" = set()
        #: The screen's handler for a message, called at once while a waiting key is being done.
        self.handle_now = handle_now
        self.performing = 0

    def send(self, message: Message) -> None:
        """Post a message made by a key: later keys wait behind it.

        While the screen is doing a key that waited (``performing``), what
        that key asks for is done at once: the keys queued behind it come next.
        """
        self.ahead += 1
        if self.performing and self.handle_now is not None:
            self.handle_now(message)
        else:
            self.screen.post_message(message)

    def do(self, key: str, character: str | None) -> None:
        """Do a key that waited, and at once everything it asks for."""
        self.performing += 1
        try:
            self.perform(key, character)
        finally:
            self.performing -= 1

    def handled(self) -> None:
        """The screen has handled one message made by a key."""
        self.ahead = max(self.ahead - 1, 0)

    def pass_on(self, key: str, character: str | None) -> None:
        if self.asynchronous or self.ahead:
            self.send(TypedAhead(key, character))
        else:
            self.do(key, character)

    def older_queue(self, receiver) -> "InOrder | None":
        for member in self.members:
            if member is not receiver and member.keys_waiting > 0 and getattr(member, "is_attached", False):
                return member
        return None


def send(widget: Widget, message: Message) -> None:
    """A message a key made, to the widget's screen through its funnel (counted: keys typed after it
    wait until the screen has handled it); on a screen without a funnel, posted on the widget."""
    funnel = getattr(widget.screen, "key_funnel", None)
    if funnel is not None:
        funnel.send(message)
    else:
        widget.post_message(message)


class FunnelScreen(Protocol):
    key_funnel: KeyFunnel


S = TypeVar("S", bound=FunnelScreen)
M = TypeVar("M", bound=Message)


def key_made(handler: Callable[[S, M], None]) -> Callable[[S, M], None]:
    """For a screen's handler of a message a key sent (:func:`send`): the message is stopped and
    counted as handled first, so the keys typed after it follow in order."""

    @functools.wraps(handler)
    def handle(screen: S, message: M) -> None:
        message.stop()
        screen.key_funnel.handled()
        handler(screen, message)

    return handle


class InOrder:
    """Mixin for a widget that takes keys: call :meth:`route_key` first in its ``_on_key``."""

    keys_waiting = 0

    def post_message(self, message: Message) -> bool:
        if isinstance(message, events.Key):
            self.keys_waiting += 1
        return super().post_message(message)  # type: ignore[misc]

    def _funnel(self) -> KeyFunnel | None:
        try:
            funnel = getattr(self.screen, "key_funnel", None)  # type: ignore[attr-defined]
        except NoScreen:  # not mounted yet, or already gone
            return None
        if funnel is not None:
            funnel.members.add(self)
        return funnel

    def on_unmount(self) -> None:
        funnel = self._funnel()
        if funnel is not None:
            funnel.members.discard(self)

    def route_key(self, event: events.Key) -> bool:
        """True if the key was sent on (stopped here); False: handle it here."""
        self.keys_waiting = max(self.keys_waiting - 1, 0)
        funnel = self._funnel()
        if funnel is None:
            return False
        focused = self.screen.focused  # type: ignore[attr-defined]
        if focused is self:
            older = funnel.older_queue(self)
            if older is not None:
                older.post_message(events.Key(event.key, event.character))
            elif funnel.ahead:
                funnel.pass_on(event.key, event.character)
            else:
                return False
        else:
            funnel.pass_on(event.key, event.character)
        event.stop()
        event.prevent_default()
        return True
