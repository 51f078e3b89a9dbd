"""What the command line prints about user input: one line, no terminal escapes."""

from __future__ import annotations

from ..core.shorten import one_line


def safe_line(message: str) -> str:
    """Messages quote what the user typed: one line, cleaned (:func:`intro_tui.core.shorten.one_line`).

    Leading spaces are kept: listings (``import --dry-run``) indent their lines.
    """
    text = str(message)
    indent = " " * (len(text) - len(text.lstrip(" ")))
    return indent + one_line(text, None)
