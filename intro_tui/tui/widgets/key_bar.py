"""The key bar at the bottom: the keys that work here.

Textual's ``Footer`` rebuilds a widget per key on every focus change, and in
Textual 8.2 the old ones stay referenced (``data_bind``), so a session that
moves through sections for an hour grows by megabytes.  One ``Static``
re-rendering a line of text does the same job without widgets - and sends
fewer bytes to a terminal at the end of an SSH link.

A screen with a ``key_hints()`` method says which keys matter most where the
focus is (the workshop screen: from its declared keys, :mod:`..keys`); other
screens (home, dialogs) show their bindings.  Entries are
shown whole - one that does not fit is left out, never cut - and the bar
ends with ``F1 Alle taster``.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from .. import keys

HELP = ("F1", "Alle taster")

#: Shorter words for an entry, used only when the full ones would leave a later entry out.
SHORTER = {"Neste/forrige seksjon": "Seksjon", "Les hele instruksjonen": "Les mer",
           "Skjulte kolonner": "Skjult"}

def short_key(binding: Binding) -> str:
    """How the key bar writes a binding's key: ``^N``, ``F2``, ``Del``, ``⏎`` (:func:`..keys.short_key`)."""
    return keys.short_key(binding.key, binding.key_display)


def declared_order(node: object, binding: Binding) -> int:
    """Where a binding stands in its class's ``BINDINGS`` (the order the key bar keeps)."""
    index = 0
    for cls in type(node).__mro__:
        for declared in cls.__dict__.get("BINDINGS", []):
            if isinstance(declared, Binding) and declared.action == binding.action:
                return index
            index += 1
    return index


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.call_after_refresh(self.bindings_changed, self.screen)

    def on_resize(self) -> None:
        self.bindings_changed(self.screen)

    _shown: str | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            line = self.line()
            if line.plain != self._shown:  # a cursor move that changes nothing sends nothing
                self._shown = line.plain
                self.update(line, layout=False)  # one fixed row: no layout pass

    def entries(self) -> list[tuple[str, str]]:
        hints = getattr(self.screen, "key_hints", None)
        if hints is not None:
            return list(hints())
        found: list[tuple[tuple[int, int], str, str]] = []
        seen: set[str] = set()
        owners: list[object] = []
        for node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not enabled or not binding.show or not binding.description or binding.action in seen:
                continue
            if binding.action in ("help", "app.help"):
                continue
            seen.add(binding.action)
            if node not in owners:
                owners.append(node)
            rank = (owners.index(node), declared_order(node, binding))
            found.append((rank, short_key(binding), binding.description))
        return [(key, description) for _rank, key, description in sorted(found, key=lambda entry: entry[0])]

    def line(self) -> Text:
        entries = self.entries()
        text, shown = self._line(entries)
        if shown < len(entries):  # something left out: the shorter words may make room for it
            short, shown_short = self._line([(key, SHORTER.get(words, words)) for key, words in entries])
            if shown_short > shown:
                return short
        return text

    def _line(self, entries: list[tuple[str, str]]) -> tuple[Text, int]:
        """The bar with as many of ``entries`` as fit whole, and how many that is."""
        width = self.size.width or self.app.size.width
        text = Text(no_wrap=True, overflow="crop", end="")
        tail = len(f" {HELP[0]} {HELP[1]} ")
        shown = 0
        for key, description in entries:
            entry = len(f" {key} {description} ")
            if text.cell_len + entry + tail > width:
                break  # the rest are less important: F1 shows them
            text.append(f" {key}", "bold yellow")
            text.append(f" {description} ")
            shown += 1
        text.append(f" {HELP[0]}", "bold yellow")
        text.append(f" {HELP[1]} ")
        return text, shown
