"""Datastore errors.  Each message is one line of Norwegian, fit to show a user."""

from __future__ import annotations

import errno
from pathlib import Path

from ..os_words import os_error_words


class StoreError(Exception):
    """Something the user must be told about; ``str(error)`` is the message."""


class WorkshopNotFound(StoreError):
    def __init__(self, workshop_id: str):
        super().__init__(f"fant ikke verkstedet «{workshop_id}» (se «intro-tui list»)")
        self.workshop_id = workshop_id


class UnreadableWorkshop(StoreError):
    """A file in the data folder we cannot read.  It is never overwritten."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path.name}: {reason}")
        self.path = path
        self.reason = reason


class WriteFailed(StoreError):
    """A save that did not happen; the file on disk still holds the previous state."""

    @classmethod
    def from_os_error(cls, path: Path, exc: OSError) -> "WriteFailed":
        if exc.errno == errno.ENOSPC:
            why = "disken er full"
        elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            why = "datamappen er skrivebeskyttet"
        else:
                why = os_error_words(exc)
        return cls(f"kunne ikke lagre {path.name}: {why}. Ingenting er tapt i filen, men endringen ble ikke lagret")


class WorkshopExists(StoreError):
    """A new workshop's id is taken (by another process, the instant before)."""


class LockTimeout(StoreError):
    pass
