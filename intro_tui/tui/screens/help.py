"""Help (F1): every key of the current screen, generated from the bindings.

Nothing here is written by hand twice: the list is read from the ``BINDINGS``
of the app, the screen under the help and the focused widget's classes.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Static

from ..widgets.key_bar import KeyBar

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


def bindings_of(owner) -> list[Binding]:
    """The keys our own classes declare (Textual's built-in ones are described in English)."""
    found: list[Binding] = []
    for cls in type(owner).__mro__:
        if not cls.__module__.startswith("intro_tui"):
            continue
        for binding in cls.__dict__.get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.description:
                found.append(binding)
    return found


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "close", "Lukk", show=True)]

    def __init__(self, screen: Screen, focused: Widget | None):
        super().__init__()
        self.under = screen
        self.focused_widget = focused

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Hjelp – taster\n\n", "bold")
        groups = [("Her", self.focused_widget), ("Skjermen", self.under), ("Overalt", self.app)]
        seen: set[tuple[str, str]] = set()
        for title, owner in groups:
            if owner is None:
                continue
            rows = [(key_label(b.key), b.description) for b in bindings_of(owner)]
            rows = [(k, d) for k, d in rows if (k, d) not in seen and not seen.add((k, d))]
            if not rows:
                continue
            text.append(title + "\n", "bold underline")
            for key, description in rows:
                text.append(f"  {key:<22}", "bold")
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
