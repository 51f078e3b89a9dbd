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
from pathlib import Path

CSV_COLUMNS = ("at", "by", "op", "s", "b", "r", "c", "old", "new")
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


def to_csv(entries: list[dict]) -> str:
    """The log as CSV for a spreadsheet: one row per change, values as text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADERS)
    for entry in entries:
        writer.writerow([_csv_value(entry.get(key)) for key in CSV_COLUMNS])
    return out.getvalue()


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text  # no formulas in a spreadsheet
