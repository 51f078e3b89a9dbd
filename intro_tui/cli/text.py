"""What the command line prints about user input: one line, no terminal escapes."""

from __future__ import annotations

import re


def safe_line(message: str) -> str:
    """Messages quote what the user typed: keep them one line, with no terminal escapes."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", "", re.sub(r"[\t\n\r]+", " ", message))
