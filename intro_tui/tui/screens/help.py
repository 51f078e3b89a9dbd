"""Help (F1): every key of the current screen, generated from the bindings.

Nothing here is written by hand twice: the list is read from the keys our
classes declare (:mod:`..keys`, which also make their bindings and the key
bar): the focused widget and its containers, the screen under the help, the app.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.actions import parse
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ..keys import Key, declared
from ..widgets.key_bar import KeyBar
from .modal import Dialog

KEY_NAMES = {
    "ctrl": "Ctrl", "shift": "Shift", "escape": "Esc", "enter": "Enter", "delete": "Delete", "insert": "Insert",
    "pagedown": "PgDn", "pageup": "PgUp", "question_mark": "?", "slash": "/", "space": "Mellomrom",
    "tab": "Tab", "up": "↑", "down": "↓", "left": "←", "right": "→", "backspace": "Backspace", "alt": "Alt",
}


def key_label(keys: str) -> str:
    labels = []
    for key in keys.split(","):
        parts = [KEY_NAMES.get(p, p.upper() if len(p) <= 3 and p.startswith("f") else p) for p in key.split("+")]
        if len(parts) > 1 and len(parts[-1]) == 1:
            parts[-1] = parts[-1].upper()  # Ctrl+Z, but a lone j stays j
        labels.append("+".join(parts))
    return " / ".join(labels)


def keys_of(owner) -> list[Key]:
    """The keys our own classes declare for ``owner`` (Textual's built-in ones are described in English)."""
    return [key for key in declared(owner) if key.label]


def here(focused: Widget | None, screen: Screen) -> list[Widget]:
    """The focused widget and its containers up to the screen: where Textual looks for its keys."""
    found: list[Widget] = []
    node = focused
    while isinstance(node, Widget) and node is not screen:
        found.append(node)
        node = node.parent
    return found


def target(node: DOMNode, action: str) -> tuple[DOMNode, str]:
    """Which node's ``action_<name>`` an action string runs, and the name."""
    namespace, name, _arguments = parse(action)
    return (node.app if namespace == "app" else node.screen if namespace == "screen" else node), name


def help_groups(focused: Widget | None, screen: Screen,
                active: dict[str, ActiveBinding]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The help's groups of ``(keys, label)``: the focused widget's keys, the screen's, the app's.

    A key is listed where it does what its line says: a key the focused widget
    (or its container) takes is not listed again for the screen, and a screen's or
    app's key only where Textual's live bindings (``active``) send it there (a
    text field takes Ctrl+E for its own use).  F9's two meanings are two lines.
    """
    claimed: set[str] = set()
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    for title, owners in (("Her", here(focused, screen)), ("Skjermen", [screen]), ("Overalt", [screen.app])):
        rows: list[tuple[str, str]] = []
        for owner in owners:
            taken: set[str] = set()
            for key in keys_of(owner):
                names = [name for name in key.key_list if name not in claimed and (
                    owner not in (screen, screen.app) or _live(active.get(name), owner, key.action))]
                row = (key_label(",".join(names)), key.label)
                if names and row not in rows:
                    rows.append(row)
                    taken.update(names)
            claimed |= taken
        if rows:
            groups.append((title, rows))
    return groups


def _live(bound: ActiveBinding | None, owner: DOMNode, action: str) -> bool:
    return bound is not None and target(bound.node, bound.binding.action) == target(owner, action)


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Lukk", show=True)]

    def __init__(self, screen: Screen, focused: Widget | None):
        super().__init__()
        self.under = screen
        self.focused_widget = focused
        #: Where each key goes now, read before the help covers the screen.
        self.active = screen.active_bindings

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Hjelp – taster\n\n", "bold")
        for title, rows in help_groups(self.focused_widget, self.under, self.active):
            text.append(title + "\n", "bold underline")
            for key, description in rows:
                text.append(f"  {key:<21} ", "bold")  # a long key list still ends in a space
                text.append(description + "\n")
            text.append("\n")
        text.append("Piltaster flytter; i tabellene går Tab til neste celle, og Enter eller å skrive "
                    "redigerer cellen (Tab i en åpen celle lagrer og går videre, Esc avbryter og Ctrl+Z "
                    "henter teksten tilbake). I rader med Ja/Nei svarer j, n og u uansett kolonne; "
                    "Enter skriver tekst. Ctrl+P åpner kommandopaletten. Alt lagres med en gang.\n\n", "italic")
        text.append("Neste og forrige seksjon: ", "bold")
        text.append("F6 og F5 virker i alle vanlige terminaler (Windows Terminal, GNOME Terminal, macOS "
                    "Terminal og iTerm2, PuTTY; på Mac-tastatur ofte med Fn). Alt+↓/↑ og Ctrl+PgDn/PgUp "
                    "virker der terminalen sender dem videre: GNOME Terminal bytter fane med Ctrl+PgDn, "
                    "Windows Terminal kan bruke Alt+piltaster til ruter, og PuTTY sender Ctrl+PgDn som "
                    "PgDn og Alt+↓ som Esc og ↓.\n")
        yield KeyBar()
        with VerticalScroll(classes="dialog wide tall"):
            yield Static(text)

    def action_close(self) -> None:
        self.dismiss(None)
