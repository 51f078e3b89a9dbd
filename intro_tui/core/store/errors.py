"""Datastore errors.  Each message is one line of Norwegian, fit to show a user."""

from __future__ import annotations

import errno
from pathlib import Path

from ..os_errors import os_reason
from ..shorten import one_line


class StoreError(Exception):
    """Something the user must be told about; ``str(error)`` is the message."""


class WorkshopNotFound(StoreError):
    def __init__(self, workshop_id: str):
        super().__init__(f"fant ikke verkstedet «{one_line(str(workshop_id), 80)}» (se «intro-tui list»)")
        self.workshop_id = workshop_id


class UnreadableWorkshop(StoreError):
    """A file in the data folder we cannot read.  It is never overwritten."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{one_line(path.name, 80)}: {one_line(reason, None)}")
        self.path = path
        self.reason = reason


class WriteFailed(StoreError):
    """A save that did not happen; the file on disk still holds the previous state."""

    @classmethod
    def from_os_error(cls, path: Path, exc: OSError) -> "WriteFailed":
        if getattr(exc, "reason", None) is None and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            why = "datamappen er skrivebeskyttet"
        else:
            why = os_reason(exc, writing=True)
        return cls(f"kunne ikke lagre {one_line(path.name, 80)}: {why}. Ingenting er tapt i filen, men endringen ble ikke lagret")


class WorkshopExists(StoreError):
    """A new workshop's id is taken (by another process, the instant before)."""


class LockTimeout(StoreError):
    pass


class EditConflict(StoreError):
    """Undo or redo of a cell or row that someone else has changed since; their text is left alone."""
