"""The one write path of the store: lock, read, change the workshop, check, write, log.

Every change to a workshop file - a cell, many cells (an import), a row added,
put back or removed, the title, a new workshop (new, copy, JSON import) - is one
:class:`Commit` inside :func:`transaction`:

1. take the workshop's lock and read the file once (:func:`.codec.read_workshop`:
   one read, one decode; a file the reader refuses is never written over);
2. the caller changes ``commit.workshop`` (the model, not the file's tables)
   through the commit's methods, which also build the change-log entries
   (one builder: ``{"at", "by", "op", ...}``);
3. the result is checked once, whatever the change was: the limits of
   :mod:`intro_tui.core.limits` (cells, rows per table) and the file's byte
   limit (:data:`intro_tui.core.safe_fs.MAX_FILE_BYTES`).  So no write can
   store a workshop that the reader would then refuse (``add_row`` once
   could, and that workshop could no longer even be deleted);
4. the file is replaced whole (:func:`.storage.atomic_write_json`), the log
   lines appended under the same lock, and the new workshop and its change
   stamp kept in ``store.last_saved``: the session that saved takes it from
   there instead of reading and decoding the file again (and walking the
   predecessor chain again).

Reads and decodes per cell commit in the saving session: before this module
2 reads and 2 decodes (+1 of each per predecessor year); now 1 and 1.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import safe_fs
from ..limits import check_size
from ..model.values import ValueProblem
from ..model.workshop import UserRow, Workshop, now_iso
from . import changelog, trash
from .cell_rules import CellChange
from .codec import encode
from .errors import WorkshopExists, WorkshopNotFound, WriteFailed
from .storage import encode_json, write_bytes

if TYPE_CHECKING:
    from .workshops import WorkshopStore


@dataclass
class Saved:
    """A workshop as this process wrote it, and the file's change stamp right after (under the lock).

    ``base`` is the stamp of the file the commit read and changed: a session that had read that
    same file knows nobody else saved in between (only its own change is new: see
    ``EditSession.only_own_change``).
    """

    workshop: Workshop
    stamp: int
    base: int = -1


class Commit:
    """One change in progress: the workshop as read, changed in place, and its change-log entries."""

    def __init__(self, workshop: Workshop):
        self.workshop = workshop
        self.entries: list[dict] = []

    @property
    def changed(self) -> bool:
        return bool(self.entries)

    def log(self, op: str, **fields) -> None:
        """One change-log entry (``at`` and ``by`` are added when it is written)."""
        self.entries.append({"op": op, **fields})

    def set(self, section: str, block: str, row: str, column: str, old, new) -> CellChange:
        """Store ``new`` in a cell that held ``old`` (as the screen shows it)."""
        self.workshop.cells[(section, block, row, column)] = new
        self.log("set", s=section, b=block, r=row, c=column, old=old, new=new)
        return CellChange(section, block, row, column, old, new)

    def add_row(self, section: str, block: str, key: str, order: float, values: dict) -> None:
        """A row of one's own (new, or put back by undo) with its cells."""
        self.workshop.user_rows.setdefault((section, block), []).append(UserRow(key, float(order)))
        for column, value in values.items():
            self.workshop.cells[(section, block, key, column)] = value
        self.log("add-row", s=section, b=block, r=key, new=dict(values))

    def delete_row(self, section: str, block: str, key: str) -> dict:
        """Remove a row of one's own; its cells ({column: value})."""
        rows = self.workshop.user_rows.get((section, block), [])
        self.workshop.user_rows[(section, block)] = [row for row in rows if row.key != key]
        if not self.workshop.user_rows[(section, block)]:
            del self.workshop.user_rows[(section, block)]
        old = {}
        for address in [a for a in self.workshop.cells if a[:3] == (section, block, key)]:
            old[address[3]] = self.workshop.cells.pop(address)
        self.log("delete-row", s=section, b=block, r=key, old=old)
        return old


def new_row_key() -> str:
    return "u" + os.urandom(4).hex()


def new_order() -> float:
    return time.time()


@contextmanager
def transaction(store: WorkshopStore, workshop_id: str, *, new: Workshop | None = None) -> Iterator[Commit]:
    """Lock, read the latest file (or start from ``new``), let the caller change it, check, write, log.

    Nothing is written when the caller logged no change or raised.  The change
    log is opened (safely) before anything is saved: a log replaced by a
    symlink refuses the edit, by name.
    """
    path = store.path(workshop_id)
    store.ensure_data_dir()
    with store._lock(workshop_id):
        exists = os.path.lexists(path)
        try:
            base = os.stat(path).st_mtime_ns if exists else 0
        except OSError:
            base = -1
        if new is not None and exists:
            raise WorkshopExists(f"verkstedet «{workshop_id}» finnes fra før")
        if new is None and not exists:
            raise WorkshopNotFound(workshop_id)
        if new is not None:  # a log left by a delete that was killed halfway must not become this workshop's history
            trash.retire_orphan_log(store.data_dir, workshop_id, store.user)
            workshop = new
        else:
            try:
                workshop = store._read(path)  # refuses foreign, damaged or too big files before we touch them
            except FileNotFoundError:
                raise WorkshopNotFound(workshop_id) from None
        log_path = store.changes_path(workshop_id)
        try:
            appender = safe_fs.Appender(log_path)
        except OSError as exc:
            raise WriteFailed.from_os_error(log_path, exc) from None
        try:
            commit = Commit(workshop)
            yield commit
            if not commit.changed:
                return
            at = now_iso()
            workshop.updated = at
            payload = checked_payload(workshop)
            try:
                write_bytes(path, payload)
            except OSError as exc:
                raise WriteFailed.from_os_error(path, exc) from None
            for entry in commit.entries:
                changelog.write_entry(appender, {"at": at, "by": store.user, **entry})
            try:
                stamp = os.stat(path).st_mtime_ns
            except OSError:
                stamp = 0
            store.last_saved = Saved(workshop, stamp, base)
        finally:
            appender.close()


def checked_payload(workshop: Workshop) -> bytes:
    """The file's bytes for ``workshop``; :class:`ValueProblem` if the reader would refuse them."""
    problem = check_size(workshop)
    if problem:
        raise ValueProblem(problem)
    payload = encode_json(encode(workshop))
    if len(payload) > safe_fs.MAX_FILE_BYTES:
        raise ValueProblem(f"verkstedet ville bli {len(payload) / 1e6:.1f} MB; høyst "
                           f"{safe_fs.MAX_FILE_BYTES / 1e6:.1f} MB er tillatt")
    return payload
