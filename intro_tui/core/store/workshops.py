"""The workshop datastore: one TinyDB file per workshop, atomic, locked.

Why one file per workshop: a save must cost the same however many workshops
are stored (DESIGN.md: one shared TinyDB file of 1,000 workshops takes 1.7 s
per update).  Why a lock around every edit: each SSH participant is a process
of its own, and an edit is read-latest -> change one cell -> write; under the
lock two people editing different cells never lose each other's work.

One ``<data>/<id>.json`` per workshop (format: :mod:`.codec`); beside it ``<id>.changes.jsonl``
(:mod:`.changelog`), ``.locks/<id>.lock`` and ``.deleted/`` (:mod:`.trash`).
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from tinydb import Query, TinyDB

from .. import safe_fs
from ..limits import check_new, too_many_rows
from ..model.catalog import Catalog
from ..model.layout import user_row_clash
from ..model.template import Template
from ..model.values import ValueProblem, clean_meta as _clean_meta, parse_cell
from ..model.workshop import ID_RE, Workshop, now_iso, slugify
from . import changelog, trash
from .user import default_user
from .errors import (EditConflict, LockTimeout, StoreError, UnreadableWorkshop, WorkshopExists, WorkshopNotFound,
                     WriteFailed)
from .cell_rules import CellChange, checked_value, find_cell, growable_block
from .codec import decode_transaction, encode, read_workshop
from .storage import AtomicJSONStorage, UnreadableFile

if TYPE_CHECKING:
    from .index import WorkshopSummary

LOCK_TIMEOUT_S = 10.0

Cell = Query()
_ANY = object()  # set_cell(expect=...) not given: overwrite whatever the cell holds


class WorkshopStore:
    """All reads and writes of workshops go through here."""

    def __init__(self, data_dir: Path, catalog: Catalog, user: str | None = None):
        self.data_dir = Path(data_dir)
        self.catalog = catalog
        self.user = user or default_user()

    # -- files ---------------------------------------------------------------

    def path(self, workshop_id: str) -> Path:
        if not isinstance(workshop_id, str) or not ID_RE.fullmatch(workshop_id):
            raise WorkshopNotFound(workshop_id)
        return self.data_dir / f"{workshop_id}.json"

    def changes_path(self, workshop_id: str) -> Path:
        return self.data_dir / f"{workshop_id}.changes.jsonl"

    @contextmanager
    def _lock(self, workshop_id: str) -> Iterator[None]:
        """Hold the workshop's lock (``flock``, never through a planted symlink); LockTimeout if it takes too long."""
        try:
            folder = safe_fs.own_dir(self.data_dir / ".locks")
            held = safe_fs.locked(folder / f"{workshop_id}.lock", LOCK_TIMEOUT_S)
            held.__enter__()
        except TimeoutError:
            raise LockTimeout(f"{workshop_id}.json er låst av en annen prosess; prøv igjen") from None
        except OSError as exc:  # a read-only or full data folder, or a planted symlink
            raise WriteFailed.from_os_error(Path(exc.filename or self.data_dir / f"{workshop_id}.json"), exc) from None
        try:
            yield
        finally:
            held.__exit__(None, None, None)

    def ensure_data_dir(self) -> None:
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteFailed.from_os_error(self.data_dir, exc) from None

    # -- reading ---------------------------------------------------------------

    def list(self) -> tuple[list[Workshop], list[UnreadableWorkshop]]:
        """Every workshop that can be read, and an error for each file that cannot."""
        workshops: list[Workshop] = []
        errors: list[UnreadableWorkshop] = []
        if not self.data_dir.is_dir():
            return workshops, errors
        for path in sorted(self.data_dir.glob("*.json")):
            if path.name.startswith("."):
                continue
            try:
                workshops.append(self._read(path))
            except UnreadableWorkshop as exc:
                errors.append(exc)
            except FileNotFoundError:
                continue  # deleted while we listed
        workshops.sort(key=lambda w: w.updated, reverse=True)
        return workshops, errors

    def load(self, workshop_id: str) -> Workshop:
        """The workshop, with last year's and earlier ones in ``history`` when it was copied from them."""
        path = self.path(workshop_id)
        try:
            workshop = self._read(path)
        except FileNotFoundError:
            raise WorkshopNotFound(workshop_id) from None
        if workshop.predecessor:
            from .years import predecessors

            workshop.history = predecessors(self, workshop)
        return workshop

    def template_of(self, workshop: Workshop) -> Template:
        try:
            template = self.catalog.get(workshop.template)
        except KeyError as exc:
            raise StoreError(f"{workshop.id}.json: {exc.args[0]}") from None
        clash = user_row_clash(template, workshop)  # a hand-written file: two rows with one key crash a table
        if clash:
            raise StoreError(f"{workshop.id}.json: {clash}")
        return template

    def stamp(self, workshop_id: str) -> int:
        """A cheap change marker (mtime in ns) for noticing other sessions' saves."""
        try:
            return self.path(workshop_id).stat().st_mtime_ns
        except OSError:
            return 0

    def _read(self, path: Path) -> Workshop:
        return read_workshop(path)

    def summaries(self) -> tuple[list["WorkshopSummary"], list[UnreadableWorkshop]]:
        """What a listing shows (no cells), served from ``<data>/.index.json`` where files are unchanged.

        Same order and errors as :meth:`list`; see :mod:`intro_tui.core.store.index`.
        """
        from .index import summaries

        listing = summaries(self.data_dir, lambda: self.catalog)
        return listing.workshops, listing.errors

    # -- writing ---------------------------------------------------------------

    @contextmanager
    def _transaction(self, workshop_id: str, *, new: bool = False,
                     log: dict | list[dict] | None = None) -> Iterator[tuple[TinyDB, Workshop | None]]:
        """Lock, read the latest file, let the caller change it, write it atomically.

        Yields the TinyDB over the file and the workshop as it was read (None
        for a new one), decoded once.  ``log``: a dict the caller fills with the
        change-log entry (or a list of them), appended after the save while the lock is still held
        (the log's order is the saves' order).  The log is opened (safely) before
        anything is saved: a log replaced by a symlink refuses the edit, by name.
        """
        path = self.path(workshop_id)
        self.ensure_data_dir()
        with self._lock(workshop_id):
            exists = os.path.lexists(path)
            if new and exists:
                raise WorkshopExists(f"verkstedet «{workshop_id}» finnes fra før")
            if not new and not exists:
                raise WorkshopNotFound(workshop_id)
            if new:  # a log left by a delete that was killed halfway must not become this workshop's history
                trash.retire_orphan_log(self.data_dir, workshop_id, self.user)
            try:
                storage = AtomicJSONStorage(path, initial={} if new else None)
            except UnreadableFile as exc:
                raise UnreadableWorkshop(path, str(exc)) from None
            db = TinyDB(storage=_Given(storage))
            current = None if new else decode_transaction(path, db)  # refuses foreign or newer files before we touch them
            try:
                appender = safe_fs.Appender(self.changes_path(workshop_id)) if log is not None else None
            except OSError as exc:
                raise WriteFailed.from_os_error(self.changes_path(workshop_id), exc) from None
            try:
                yield db, current
                try:
                    storage.flush()
                except OSError as exc:
                    raise WriteFailed.from_os_error(path, exc) from None
                if appender is not None and log:
                    at = now_iso()
                    for entry in log if isinstance(log, list) else [log]:
                        changelog.write_entry(appender, {"at": at, "by": self.user, **entry})
            finally:
                if appender is not None:
                    appender.close()

    def _touch(self, db: TinyDB) -> str:
        stamp = now_iso()
        db.table("workshop", cache_size=0).update({"updated": stamp}, doc_ids=[1])
        return stamp

    def new_id(self, title: str) -> str:
        base = slugify(title)
        candidate, n = base, 2
        while os.path.lexists(self.data_dir / f"{candidate}.json"):
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def create(self, workshop: Workshop) -> Workshop:
        """Store a new workshop (its cells and rows too); the id is made unique here."""
        template = self.template_of(workshop)
        check_new(workshop)  # lengths and sizes, whichever way it came (new, copy, import)
        self.ensure_data_dir()
        for _ in range(20):
            workshop.id = (workshop.id if workshop.id and not os.path.lexists(self.path(workshop.id))
                           else self.new_id(workshop.title))
            workshop.created = workshop.created or now_iso()
            workshop.updated = now_iso()
            try:
                with self._transaction(workshop.id, new=True, log={"op": "create", "title": workshop.title}) as (db, _):
                    encode(db, template, workshop)
            except WorkshopExists:  # another process took the id this instant
                workshop.id = ""
                continue
            return workshop
        raise StoreError("fant ikke et ledig navn for verkstedet")

    def set_cell(self, workshop_id: str, section_id: str, block_id: str, row_key: str, column_id: str, text: str,
                 *, expect=_ANY) -> CellChange:
        """Parse ``text`` for the cell and store it; raises ValueProblem/StoreError.

        ``expect``: store only if the cell still holds this value (undo/redo of
        one's own edit); otherwise :class:`EditConflict` names who changed it.
        """
        return self.set_cells(workshop_id, [(section_id, block_id, row_key, column_id, text)], expect=expect)[0]

    def set_cells(self, workshop_id: str, edits: list[tuple[str, str, str, str, str]], *,
                  expect=_ANY) -> list[CellChange]:
        """Several cells in one transaction: all are stored, or (one refused) none."""
        changes: list[CellChange] = []
        log: list[dict] = []
        with self._transaction(workshop_id, log=log) as (db, workshop):
            assert workshop is not None  # an existing workshop's transaction
            template = self.template_of(workshop)
            cells = db.table("cells", cache_size=0)
            for section_id, block_id, row_key, column_id, text in edits:
                view, column = find_cell(template, workshop, section_id, block_id, row_key, column_id)
                new = checked_value(view, column, text, workshop)
                old = view.value(workshop, column)
                if expect is not _ANY and _filled({0: old}) != _filled({0: expect}):
                    raise EditConflict(f"{self._changed_by(workshop_id, section_id, block_id, row_key, column_id)} "
                                       "har endret cellen etterpå; teksten er beholdt")
                where = (Cell.s == section_id) & (Cell.b == block_id) & (Cell.r == row_key) & (Cell.c == column_id)
                cells.upsert({"s": section_id, "b": block_id, "r": row_key, "c": column_id, "v": new}, where)
                workshop.cells[(section_id, block_id, row_key, column_id)] = new  # the next check sees it
                changes.append(CellChange(section_id, block_id, row_key, column_id, old, new))
                log.append(dict(op="set", s=section_id, b=block_id, r=row_key, c=column_id, old=old, new=new))
            self._touch(db)
        return changes

    def _changed_by(self, workshop_id: str, section_id: str, block_id: str, row_key: str, column_id: str | None) -> str:
        return changelog.last_author(self.changes_path(workshop_id), (section_id, block_id, row_key, column_id),
                                     self.user)

    def add_row(self, workshop_id: str, section_id: str, block_id: str, texts: dict[str, str] | None = None) -> str:
        """Append a user row to a block that allows it; return its key."""
        texts = texts or {}
        log: dict = {}
        with self._transaction(workshop_id, log=log) as (db, workshop):
            assert workshop is not None  # an existing workshop's transaction
            block = growable_block(self.template_of(workshop), section_id, block_id)
            problem = too_many_rows(len(workshop.user_rows.get((section_id, block_id), [])) + 1)
            if problem:
                raise ValueProblem(problem)
            key = "u" + os.urandom(4).hex()
            values = {}
            for column_id, text in texts.items():
                column = block.column(column_id)
                values[column_id] = parse_cell(column, None, text)
            db.table("rows", cache_size=0).insert({"s": section_id, "b": block_id, "r": key, "o": time.time()})
            cells = db.table("cells", cache_size=0)
            for column_id, value in values.items():
                cells.insert({"s": section_id, "b": block_id, "r": key, "c": column_id, "v": value})
            self._touch(db)
            log.update(op="add-row", s=section_id, b=block_id, r=key, new=values)
        return key

    def delete_row(self, workshop_id: str, section_id: str, block_id: str, row_key: str, *,
                   expect: dict | None = None) -> dict:
        """Remove a user row; return its cells (so undo can put it back).

        ``expect``: remove it only if its cells still hold exactly these values
        (undo of adding it); otherwise :class:`EditConflict`.
        """
        log: dict = {}
        with self._transaction(workshop_id, log=log) as (db, _):
            rows = db.table("rows", cache_size=0)
            where = (Cell.s == section_id) & (Cell.b == block_id) & (Cell.r == row_key)
            if not rows.search(where):
                raise ValueProblem("bare rader dere har lagt til selv kan slettes; malens rader kan tømmes")
            cells = db.table("cells", cache_size=0)
            old = {doc["c"]: doc["v"] for doc in cells.search(where)}
            if expect is not None and _filled(old) != _filled(expect):
                raise EditConflict(f"{self._changed_by(workshop_id, section_id, block_id, row_key, None)} "
                                   "har skrevet i raden etterpå; raden er beholdt")
            rows.remove(where)
            cells.remove(where)
            self._touch(db)
            log.update(op="delete-row", s=section_id, b=block_id, r=row_key, old=old)
        return old

    def restore_row(self, workshop_id: str, section_id: str, block_id: str, row_key: str, order: float, cells: dict) -> None:
        """Put back a deleted user row with its key and cells (undo of delete)."""
        log = {"op": "add-row", "s": section_id, "b": block_id, "r": row_key, "new": cells}
        with self._transaction(workshop_id, log=log) as (db, _):
            db.table("rows", cache_size=0).insert({"s": section_id, "b": block_id, "r": row_key, "o": order})
            table = db.table("cells", cache_size=0)
            for column_id, value in cells.items():
                table.insert({"s": section_id, "b": block_id, "r": row_key, "c": column_id, "v": value})
            self._touch(db)

    def update_meta(self, workshop_id: str, **fields) -> Workshop:
        allowed = {"title", "kommune", "year", "units"}
        unknown = set(fields) - allowed
        if unknown:
            raise StoreError(f"ukjent felt: {', '.join(sorted(unknown))}")
        clean = {key: _clean_meta(key, value) for key, value in fields.items()}
        log: dict = {}
        with self._transaction(workshop_id, log=log) as (db, _):
            table = db.table("workshop", cache_size=0)
            old = {key: table.get(doc_id=1).get(key) for key in clean}  # pyright: ignore[reportOptionalMemberAccess]
            table.update(clean, doc_ids=[1])
            self._touch(db)
            workshop = decode_transaction(self.path(workshop_id), db)
            log.update(op="meta", old=old, new=clean)
        return workshop

    def delete(self, workshop_id: str) -> Path:
        """Move the workshop and its log to ``.deleted/`` (see :mod:`.trash`); return the folder they went to."""
        path = self.path(workshop_id)
        with self._lock(workshop_id):
            if not os.path.lexists(path):
                raise WorkshopNotFound(workshop_id)
            try:
                workshop = self._read(path)
            except UnreadableWorkshop:
                raise StoreError(f"{path.name} er ikke en lesbar intro-tui-fil og slettes ikke herfra") from None
            try:
                return trash.discard(self.data_dir, workshop_id, self.user, workshop.title)
            except OSError as exc:
                raise WriteFailed.from_os_error(path, exc) from None

    def restore(self, workshop_id: str) -> Workshop:
        """Bring back the workshop deleted last under ``workshop_id``, with its change log."""
        path = self.path(workshop_id)
        self.ensure_data_dir()
        with self._lock(workshop_id):
            if os.path.lexists(path):
                raise StoreError(f"verkstedet «{workshop_id}» finnes; slett det eller gi det nytt navn før du henter tilbake")
            try:
                trash.bring_back(self.data_dir, workshop_id, self.user)
            except OSError as exc:
                raise WriteFailed.from_os_error(path, exc) from None
            return self._read(path)

    def duplicate(self, workshop_id: str, title: str) -> Workshop:
        source = self.load(workshop_id)
        copy = source.copy()
        copy.id, copy.title, copy.created = "", title, ""
        return self.create(copy)


class _Given:
    """Hands TinyDB an already-built storage (TinyDB wants a class to call)."""

    def __init__(self, storage: AtomicJSONStorage):
        self.storage = storage

    def __call__(self):
        return self.storage


def _filled(cells: dict) -> dict:  # an emptied cell and a never-filled one are the same (for undo)
    return {column: value for column, value in cells.items() if value not in (None, "")}
