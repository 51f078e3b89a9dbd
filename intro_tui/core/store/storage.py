"""A TinyDB storage that never leaves a half-written file.

TinyDB's own ``JSONStorage`` seeks to 0, writes, then truncates: a process
killed mid-write leaves invalid JSON (tinydb #72, #305).  This storage instead
reads the file once, lets TinyDB work on the data in memory for the length of
one transaction, and on :meth:`flush` writes a temp file in the same folder,
fsyncs it and ``os.replace``s it over the old one - so at every instant the
file on disk is either the old state or the new one, whole.

It is used only inside ``WorkshopStore._transaction``, which
holds the cross-process lock around read-modify-write.
"""

from __future__ import annotations

import json
from pathlib import Path

from tinydb.storages import Storage

from ..safe_fs import BadFile, read_json, replace as replace_file


#: A data file that is not valid JSON; the message says why, in Norwegian.
UnreadableFile = BadFile


def atomic_write_json(path: Path, data) -> None:
    """Write ``data`` as JSON so that ``path`` is always whole (see :func:`intro_tui.core.safe_fs.replace`).

    The caller holds ``path``'s lock, so the temp file can have a fixed name:
    one left by a writer killed mid-save is replaced here instead of piling up
    (and no folder scan is needed to find it, so a save stays O(1)).
    """
    payload = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False).encode("utf-8")
    replace_file(path, payload, tmp=path.parent / f".{path.name}.tmp")


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file: read once, write atomically on flush."""

    def __init__(self, path: str | Path, initial: dict | None = None):
        self.path = Path(path)
        if initial is not None:
            self._data = initial
        else:
            try:
                data = read_json(self.path)
            except FileNotFoundError:  # no file: read() returns None, which callers take as "gone"
                self._data = None
            else:
                if not isinstance(data, dict):
                    raise UnreadableFile("filen er ikke en intro-tui-database")
                self._data = data
        self._dirty = False

    def read(self):
        return self._data

    def write(self, data) -> None:
        self._data = data
        self._dirty = True

    def flush(self) -> None:
        if self._dirty:
            atomic_write_json(self.path, self._data)
            self._dirty = False

    def close(self) -> None:
        """Nothing to release: unflushed changes are dropped on purpose (a failed transaction)."""
