"""One declared list of keys per screen or widget: it makes the bindings, the key bar and F1 help.

A class says ``KEYS = [Key(...), ...]`` and ``BINDINGS = bindings(KEYS)``.
From that one list

* Textual gets its bindings (and the table's and the editor's own key
  handling, which must run in key order rather than as late bindings, reads
  its keys from the same list: :func:`action_of`);
* the key bar shows each key whose ``bar`` gives words *now*, ordered by ``rank``
  across the focused widget and the screen (:func:`bar_entries`);
* F1 help lists every key with its bokmål ``label`` (:func:`declared`).

So a key added to a list appears in all three, and a key removed disappears.
One key may be declared twice with one action and two labels (F9: the
meeting in a kjøreplan, a tiltak's own plan elsewhere): one binding, two help
lines, each its own key-bar words.  Textual keeps one class's binding per key
(``DOMNode._merge_bindings``), so such a key has *one* action, which chooses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
import functools
from dataclasses import dataclass
from typing import Any

from textual.binding import Binding, BindingType

#: The key-bar words of a key now, from the node that declares it (None: not shown now).
Words = Callable[[Any], "str | None"]


@dataclass(frozen=True)
class Key:
    """One key (or several keys with one meaning), declared once."""

    #: Textual's key list, e.g. ``"f6,ctrl+pagedown"``.
    keys: str
    #: The action it runs (``action_<name>`` on the declaring node, or ``app.<name>``).
    action: str
    #: What F1 help says it does (bokmål).
    label: str
    #: The key bar's words: fixed, or a function of the declaring node (None: help only).
    bar: str | Words | None = None
    #: Where it stands in the key bar (lowest first), across the focused widget and the screen.
    rank: int = 50
    #: How the key bar writes the key(s), when not from the first key (``F6/F5``, ``j/n/u``, ``↑↓``).
    shown_as: str | None = None
    #: Textual's priority binding: checked before the focused widget sees the key.
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.bar is not None, key_display=self.shown_as,
                       priority=self.priority)

    def words(self, owner: object) -> str | None:
        """The key bar's words for this key on ``owner`` now."""
        return self.bar(owner) if callable(self.bar) else self.bar

    @property
    def key_list(self) -> list[str]:
        return [key.strip() for key in self.keys.split(",")]


def bindings(keys: Iterable[Key]) -> list[BindingType]:
    """The Textual bindings of a declared list: one per key list and action (a key declared twice is bound once)."""
    found: dict[tuple[str, str], BindingType] = {}
    for key in keys:
        found.setdefault((key.keys, key.action), key.binding())
    return list(found.values())


def declared(owner: object) -> list[Key]:
    """The keys our classes declare for ``owner``, the most derived class first (Textual's built-in
    bindings are described in English and are not ours to list)."""
    return _declared(type(owner))


@functools.cache
def _declared(owner: type) -> list[Key]:
    found: list[Key] = []
    for cls in owner.__mro__:
        if cls.__module__.split(".")[0] == "textual":  # Textual's own bindings: English, not ours to list
            continue
        keys = cls.__dict__.get("KEYS")
        if keys is None:  # a dialog that declares plain bindings: the same facts, read from them
            keys = [Key(b.key, b.action, b.description, b.description if b.show else None)
                    for b in cls.__dict__.get("BINDINGS", []) if isinstance(b, Binding) and b.description]
        found += [key for key in keys if key not in found]
    return found


def action_of(owner: object, key: str) -> str | None:
    """The action a declared key of ``owner`` runs (None: not one of its keys)."""
    return next((k.action for k in declared(owner) if key in k.key_list), None)


def short_key(keys: str, shown_as: str | None = None) -> str:
    """How the key bar writes a key list: its first key as ``^N``, ``F2``, ``Del``, ``⏎`` (or ``shown_as``)."""
    if shown_as:
        return shown_as
    parts = keys.split(",")[0].strip().split("+")
    last = parts[-1]
    last = _KEY_SHORT.get(last, last.upper() if len(last) == 1 or (last[0] == "f" and last[1:].isdigit()) else last)
    return "".join("^" if part == "ctrl" else part.capitalize() + "+" for part in parts[:-1]) + last


_KEY_SHORT = {"enter": "⏎", "delete": "Del", "insert": "Ins", "escape": "Esc", "slash": "/", "tab": "Tab",
              "pageup": "PgUp", "pagedown": "PgDn", "up": "↑", "down": "↓", "left": "←", "right": "→"}


def bar_entries(owners: Iterable[object]) -> list[tuple[str, str]]:
    """The key bar's entries for these nodes now (the focused widget first): ``(key, words)`` by rank."""
    found: list[tuple[int, str, str]] = []
    for owner in owners:
        for key in declared(owner):
            words = key.words(owner)
            entry = (key.rank, short_key(key.keys, key.shown_as), words or "")
            if words and entry not in found:
                found.append(entry)
    return [(shown, words) for _rank, shown, words in sorted(found, key=lambda entry: entry[0])]
