"""Shortening text to one line, for lists and messages.

A module of its own, with no imports, because ``intro-tui list`` uses it and
must not pay for loading the template model (~5 ms) to print a table.
"""


def one_line(text: str, limit: int = 40) -> str:
    """Whitespace folded, cut with "…" at ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"
