"""Default folders, shared by the command line and the app.

Kept apart (and Textual-free) so that neither the app imports the CLI nor the
CLI imports the app to learn where data and exports live.
"""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    """``$INTRO_TUI_DATA``, or ``./data``."""
    return Path(os.environ.get("INTRO_TUI_DATA") or "data")


def default_exports_dir() -> Path:
    """``$INTRO_TUI_EXPORTS``, or ``./exports``."""
    return Path(os.environ.get("INTRO_TUI_EXPORTS") or "exports")
