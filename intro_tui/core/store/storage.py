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

from ..atomic import replace_file
from ..os_words import os_error_words


class UnreadableFile(Exception):
    """A data file that is not valid JSON; the message says why, in Norwegian."""


def read_json(path: Path):
    """Parse a JSON file, turning every way it can fail into :class:`UnreadableFile`."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise UnreadableFile(f"kan ikke leses ({os_error_words(exc)})") from None
    if not raw.strip():
        raise UnreadableFile("filen er tom")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise UnreadableFile("filen er ikke UTF-8-tekst") from None
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"ugyldig JSON på linje {exc.lineno}, kolonne {exc.colno} ({exc.msg})") from None
    except RecursionError:
        raise UnreadableFile("ugyldig JSON (for dypt nøstet)") from None


def atomic_write_json(path: Path, data) -> None:
    """Write ``data`` as JSON so that ``path`` is always whole (see :mod:`intro_tui.core.atomic`).

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
        elif self.path.exists():
            data = read_json(self.path)
            if not isinstance(data, dict):
                raise UnreadableFile("filen er ikke en intro-tui-database")
            self._data = data
        else:
            self._data = None
        self._dirty = False

    def read(self):
        return self._data

    def write(self, data) -> None:
        self._data = data
        self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def flush(self) -> None:
        if self._dirty:
            atomic_write_json(self.path, self._data)
            self._dirty = False

    def close(self) -> None:
        """Nothing to release: unflushed changes are dropped on purpose (a failed transaction)."""
