"""Our screens' ``self.app``, typed as :class:`~intro_tui.tui.app.IntroApp` for type checkers.

A mixin with no runtime content: Textual types ``app`` as any ``App``, and the
screens reach the store, the export folder and the shared actions through it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import IntroApp


class OurApp:
    """Put first among a screen's bases: ``class HomeScreen(OurApp, Screen)``."""

    if TYPE_CHECKING:
        @property
        def app(self) -> IntroApp: ...
