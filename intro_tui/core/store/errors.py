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
    def from_os_error(cls, path: Path, exc: OSError) -> WriteFailed:
        if getattr(exc, "reason", None) is None and exc.errno in (errno.EACCES, errno.EPERM):
            why = no_access(Path(exc.filename) if exc.filename else path)
        else:
            why = os_reason(exc, writing=True)
        return cls(f"kunne ikke lagre {one_line(path.name, 80)}: {why}. Ingenting er tapt i filen, men endringen ble ikke lagret")


def no_access(where: Path) -> str:
    """Who stands in the way of a write, in bokmål: the file (or, for a new one, its folder), its owner and mode.

    In a shared folder the usual cause is a member whose umask left a file or
    folder without group write; "the folder is read-only" sent people looking
    in the wrong place.
    """
    import os
    import stat

    from ..safe_fs import owner_of

    target = where if os.path.lexists(where) else where.parent
    try:
        mode = f", rettigheter {stat.S_IMODE(os.lstat(target).st_mode):04o}"
    except OSError:
        mode = ""
    what = "mappen" if target != where else "filen"
    owner = owner_of(target)
    whose = f" (eier {one_line(owner, 40)}{mode})" if owner else ""
    return f"du har ikke skrivetilgang til {what} {one_line(str(target), 120)}{whose}; be eieren gi gruppen skrivetilgang"


class WorkshopExists(StoreError):
    """A new workshop's id is taken (by another process, the instant before)."""


class LockTimeout(StoreError):
    pass


class EditConflict(StoreError):
    """Undo or redo of a cell or row that someone else has changed since; their text is left alone."""
