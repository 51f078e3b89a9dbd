"""Who is editing: the name that goes into the change log and the others' headers."""

from __future__ import annotations

import os

from ..shorten import one_line


def default_user() -> str:
    for name in ("INTRO_TUI_USER", "USER", "LOGNAME"):
        if os.environ.get(name):
            return one_line(os.environ[name], 60) or "ukjent"  # goes into the log and others' screens
    try:
        import getpass

        return one_line(getpass.getuser(), 60) or "ukjent"
    except Exception:  # no passwd entry (containers): still work
        return "ukjent"
