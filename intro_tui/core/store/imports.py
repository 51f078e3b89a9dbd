"""Which file a workshop was imported from: a multi-file import, killed and run again, imports nothing twice.

An import's ``create`` entry in the new workshop's change log carries the
SHA-256 of the imported file (``"source"``), written under the workshop's lock
right after the file itself.  :func:`imported_before` looks for that hash in
the first line of each log whose workshop still exists.  Only a log's first
line is read (the create entry), bounded, so the look-up costs one small read
per workshop, and only on import.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import safe_fs
from ..model.workshop import ID_RE

_SUFFIX = ".changes.jsonl"
#: A create entry is one short line; more than this is not one of ours.
_HEAD_BYTES = 16 * 1024


def imported_before(data_dir: Path, digest: str) -> str | None:
    """The id of a workshop created by importing a file with this SHA-256, or None."""
    try:
        names = os.listdir(data_dir)
    except OSError:
        return None
    for name in sorted(names):
        workshop_id = name[: -len(_SUFFIX)] if name.endswith(_SUFFIX) else ""
        if not ID_RE.fullmatch(workshop_id) or f"{workshop_id}.json" not in names:
            continue
        entry = _first_entry(Path(data_dir) / name)
        if entry.get("op") == "create" and entry.get("source") == digest:
            return workshop_id
    return None


def _first_entry(path: Path) -> dict:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return {}
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return {}
        head = os.read(fd, _HEAD_BYTES)
    except OSError:
        return {}
    finally:
        os.close(fd)
    line = head.split(b"\n", 1)[0]
    try:
        entry = safe_fs.parse_json(line)
    except ValueError:
        return {}
    return entry if isinstance(entry, dict) else {}
