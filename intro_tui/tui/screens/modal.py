"""The base of every dialog: F1 and Ctrl+Q work in it too.

Textual 8.2 leaves the App's bindings out of a modal screen's binding chain
(``Screen._modal_binding_chain`` stops at the first modal screen), so the
App's F1 (help) and Ctrl+Q (quit) do nothing while a dialog is open unless
the dialog binds them itself.  ``tests/test_dialog_own_keys.py`` presses F1 in
every dialog.
"""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal screen with the keys that work everywhere."""

    BINDINGS = [
        Binding("f1", "app.help", "Hjelp", show=False),
        Binding("ctrl+q", "app.quit", "Avslutt", show=False, priority=True),
    ]
