"""The change log: who changed which cell when, with old and new value.

An append-only JSON-lines file beside each workshop, so keeping it costs one
small ``write`` per edit however long the log grows (rewriting a growing log
inside the workshop file would make every save slower).  Appends happen while
the workshop lock is held, so lines never interleave.  A torn last line (a
process killed mid-append) is skipped when reading, never fatal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.template import Template
    from ..model.workshop import Workshop

CSV_HEADERS = ("Tidspunkt", "Hvem", "Handling", "Seksjon", "Tabell", "Rad", "Kolonne", "Før", "Etter")


def append(path: Path, entry: dict) -> None:
    line = json.dumps(entry, ensure_ascii=False) + "\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    except OSError:
        return  # the log is a courtesy; the edit itself is already saved
    try:
        os.write(fd, line.encode("utf-8"))
    except OSError:
        pass
    finally:
        os.close(fd)


def read(path: Path, limit: int | None = None) -> list[dict]:
    """Entries oldest first (the last ``limit`` if given); unreadable lines skipped."""
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    entries = []
    for line in raw.splitlines():
        try:
            entry = json.loads(line)
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        if isinstance(entry, dict):
            entries.append(entry)
    return entries[-limit:] if limit else entries


def to_csv(entries: list[dict], template: Template, workshop: Workshop | None) -> bytes:
    """The log as a file a Norwegian Excel opens as a table, one row per change.

    ``;`` between fields (a comma is the decimal separator there), UTF-8 with a
    BOM (without it Excel guesses Windows-1252), the places and values in the
    words of the screen (:mod:`.log_words`), and no cell that a spreadsheet
    would run as a formula.  The one writer behind ``intro-tui log --format
    csv`` and E in the app's change log.
    """
    from .log_words import describe

    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    cache: dict = {}
    for entry in entries:
        writer.writerow([_no_formula(cell) for cell in describe(entry, template, workshop, cache)])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")


def _no_formula(text: str) -> str:
    """A cell as plain text: no terminal controls (the CSV may go to a terminal), and one
    starting like a formula kept as text ("'=SUM(...)"), as OWASP advises for CSV."""
    text = _CONTROLS.sub("", text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


#: C0 and C1 controls except tab and newline: an ESC in a name must not reach a terminal.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
