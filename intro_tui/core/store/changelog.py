"""The change log: who changed which cell when, with old and new value.

An append-only JSON-lines file beside each workshop, so keeping it costs one
small ``write`` per edit however long the log grows (rewriting a growing log
inside the workshop file would make every save slower).  Appends happen while
the workshop lock is held, right after the save, so lines never interleave and
their order is the saves' order.  The file is opened through
:mod:`intro_tui.core.safe_fs` (never through a symlink or a hard link a group
member planted), and read back bounded and cleaned: a hand-edited line cannot
put terminal escapes on anyone's screen.  A torn last line (a process killed
mid-append) is skipped when reading, never fatal.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model.template import Template
    from ..model.workshop import Workshop

from .. import safe_fs
from ..csv_cell import csv_cell
from ..shorten import visible_data

CSV_HEADERS = ("Tidspunkt", "Hvem", "Handling", "Seksjon", "Tabell", "Rad", "Kolonne", "Før", "Etter")


#: A log longer than this is read from its end only (a real workshop's log is well below).
MAX_LOG_BYTES = 64 * 1024 * 1024


def write_entry(out: safe_fs.Appender, entry: dict) -> None:
    """Append one entry through an already opened (and checked) log file; never fatal."""
    try:
        out.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError:
        pass  # the log is a courtesy; the edit itself is already saved


def append(path: Path, entry: dict) -> None:
    """Append one entry to the log at ``path``; raises ``UnsafeFile`` for a planted link."""
    with safe_fs.Appender(path) as out:
        write_entry(out, entry)


def read(path: Path, limit: int | None = None) -> list[dict]:
    """Entries oldest first (the last ``limit`` if given); unreadable lines skipped, strings cleaned."""
    try:
        raw = safe_fs.read_bytes(path, MAX_LOG_BYTES)
    except OSError:
        return []
    entries = []
    for line in raw.splitlines():
        try:
            entry = safe_fs.parse_json(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            entries.append(visible_data(entry))
    return entries[-limit:] if limit else entries


def last_author(path: Path, cell: tuple, me: str) -> str:
    """Who last changed ``cell`` (section, block, row, column - column None for the whole row), if not ``me``."""
    section, block, row, column = cell
    for entry in reversed(read(path)):
        if (entry.get("s"), entry.get("b"), entry.get("r")) == (section, block, row) and (
                column is None or entry.get("c") == column):
            by = entry.get("by")
            if isinstance(by, str) and by and by != me:
                return by[:40]
            break
    return "En annen"


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
        writer.writerow([csv_cell(cell) for cell in describe(entry, template, workshop, cache)])
    return "\ufeff".encode("utf-8") + out.getvalue().encode("utf-8")
