"""Writing a workshop file so that it is never half-written.

TinyDB's own ``JSONStorage`` seeks to 0, writes, then truncates: a process
killed mid-write leaves invalid JSON (tinydb #72, #305).  The store instead
builds the whole file in memory (:func:`.codec.encode`, TinyDB's layout) and
writes a temp file in the same folder, fsyncs it and ``os.replace``s it over
the old one - so at every instant the file on disk is either the old state or
the new one, whole.  Used by :func:`.commit.transaction`, which holds the
cross-process lock around read-modify-write.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..safe_fs import BadFile, read_json
from ..safe_fs import replace as replace_file

__all__ = ["UnreadableFile", "atomic_write_json", "encode_json", "read_json", "temp_name", "write_bytes"]

#: A data file that is not valid JSON; the message says why, in Norwegian.
UnreadableFile = BadFile


def encode_json(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")


def temp_name(path: Path) -> Path:
    """The fixed temp file of ``path``'s locked writer (swept by the list index when a kill left it)."""
    return path.parent / f".{path.name}.tmp"


def write_bytes(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` atomically.

    The caller holds ``path``'s lock, so the temp file can have a fixed name:
    one left by a writer killed mid-save is replaced here instead of piling up
    (and no folder scan is needed to find it, so a save stays O(1)).
    """
    replace_file(path, payload, tmp=temp_name(path))


def atomic_write_json(path: Path, data) -> None:
    write_bytes(path, encode_json(data))
