"""Tables intro-tui writes that are no block of a template - the chart under an indicator table - found and skipped.

The Word export draws each indicator table's chart as a table of shaded cells
(:mod:`intro_tui.export.docx.chart`) and names it in its caption
(``w:tblCaption`` = :data:`CHART_MARK`).  That is what the reader looks for
first.  LibreOffice drops table captions when it saves a .docx, and a chart
may be copied into another document, so a chart is also known by its shape:
every row is a label (or nothing), perhaps a year, empty cells - the bar, as
many grid columns as the program left it (LibreOffice merges the unused ones) -
and a last cell with the numbers in words ("58 · mål 60 · ✗ ikke nådd",
"ingen resultat · mål 12", "–" for a year without a result); at least one row
names a goal, a limit or a status, or the rows are years.  No template table
looks like that.  (A chart of a single result with neither goal, limit nor
earlier years does not: without its caption it is reported like any unknown
table, rather than risk skipping a template table of which only the last
column is filled.)
Skipped charts are not counted as tables of the document, so "7 av 7 tabeller
kjent igjen" stays about the template's tables.
"""

from __future__ import annotations

import re

from ...core.model.indicator_chart import CHART_MARK
from .extract import Table

_NUMBER = r"[−-]?\d[\d\s\u00a0\u202f]*(?:,\d+)?(?:\s?%)?"
_STATUS = r"(?:[✓≈✗]\s)?(?:nådd|nær|ikke nådd)"
_PART = rf"(?:mål {_NUMBER}|(?:nedre|øvre) grense {_NUMBER}|{_STATUS})"
_WORDS = re.compile(rf"(?:ingen resultat|{_NUMBER}|–)(?: · {_PART})*")
_NAMED = re.compile(rf"^ingen resultat| · {_PART}")
_YEAR = re.compile(r"\d{4}|\d+\. år|i år")


def is_chart(table: Table) -> bool:
    """Is this one of intro-tui's charts (by its caption, or else by its shape)?"""
    if table.caption.strip().startswith(CHART_MARK) or table.description.strip().startswith(CHART_MARK):
        return True
    return chart_shape(table.rows)


def chart_shape(rows: list[list[str]]) -> bool:
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return False
    named = years = False
    for row in rows:
        if len(row) < 3:
            return False
        words = " ".join(row[-1].split())
        if not _WORDS.fullmatch(words):
            return False
        named = named or bool(_NAMED.search(words))
        middle = row[1:-1]
        if middle and _YEAR.fullmatch(middle[0].strip()):
            middle, years = middle[1:], True
        if any(cell.strip() for cell in middle):
            return False
    return named or years  # a goal, a limit or a status said somewhere, or a bar per year
