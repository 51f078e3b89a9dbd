"""Default folders, shared by the command line and the app.

Kept apart (and Textual-free) so that neither the app imports the CLI nor the
CLI imports the app to learn where data and exports live.
"""

from __future__ import annotations

import os
from pathlib import Path


def default_data_dir() -> Path:
    """``$INTRO_TUI_DATA``, or ``./data`` (a leading ``~`` is the home folder, as in a shell)."""
    return Path(os.environ.get("INTRO_TUI_DATA") or "data").expanduser()


def default_exports_dir() -> Path:
    """``$INTRO_TUI_EXPORTS``, or ``./exports``.

    A leading ``~`` is the home folder: ``INTRO_TUI_EXPORTS='~'`` (quoted, so
    no shell expanded it) once made a folder named ``~``.
    """
    return Path(os.environ.get("INTRO_TUI_EXPORTS") or "exports").expanduser()
