"""One CSV cell, safe for a spreadsheet: every CSV intro-tui writes passes its cells through here.

Two dangers: a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return is taken as a formula by Excel and LibreOffice (OWASP "CSV
injection": ``=HYPERLINK(...)``, ``=cmd|...``), and control characters or
escape sequences reach the terminal of whoever prints the file.  The cell is
cleaned (:func:`intro_tui.core.shorten.visible`) and a formula-looking start
gets a leading apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

from .shorten import visible

#: OWASP's list of characters that start a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """``text`` as a CSV cell that a spreadsheet shows as text and a terminal prints harmlessly."""
    text = visible(text)  # first: "\x1b=1" cleaned is "=1", which must be guarded too
    return "'" + text if text.startswith(FORMULA_START) else text
