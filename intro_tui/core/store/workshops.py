"""The workshop datastore: one TinyDB file per workshop, atomic, locked.

Why one file per workshop: a save must cost the same however many workshops
are stored (measured: one shared TinyDB file of 1,000 workshops takes 1.7 s
per update).  Why a lock around every edit: each SSH participant is a process
of its own, and an edit is read-latest -> change one cell -> write; under the
lock two people editing different cells never lose each other's work.

One ``<data>/<id>.json`` per workshop (format: :mod:`.codec`); beside it ``<id>.changes.jsonl``
(:mod:`.changelog`), ``.locks/<id>.lock`` and ``.deleted/`` (:mod:`.trash`).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from .. import safe_fs
from ..limits import check_new
from ..model.catalog import Catalog
from ..model.layout import user_row_clash
from ..model.template import Template
from ..model.column_types import parse_cell
from ..model.values import ValueProblem, clean_meta as _clean_meta
from ..model.workshop import ID_RE, Workshop, now_iso, slugify
from . import changelog, trash
from .user import default_user
from .errors import (EditConflict, LockTimeout, StoreError, UnreadableWorkshop, WorkshopExists, WorkshopNotFound,
                     WriteFailed)
from .cell_rules import CellChange, checked_value, find_cell, growable_block
from .codec import read_workshop
from .commit import Saved, new_order, new_row_key
from .value_check import check_values

if TYPE_CHECKING:
    from .index import WorkshopSummary

LOCK_TIMEOUT_S = 10.0

_ANY = object()  # set_cell(expect=...) not given: overwrite whatever the cell holds


class WorkshopStore:
    """All reads and writes of workshops go through here."""

    def __init__(self, data_dir: Path, catalog: Catalog, user: str | None = None):
        self.data_dir = Path(data_dir)
        self.catalog = catalog
        self.user = user or default_user()
        #: The workshop this store wrote last, as written (see :mod:`.commit`), so its session need not re-read it.
        self.last_saved: Saved | None = None

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
        """One file, decoded, each value checked against its column type (:mod:`.value_check`)."""
        workshop = read_workshop(path)
        template = self.catalog.templates.get(workshop.template)
        return check_values(template, workshop) if template is not None else workshop

    def current_title(self, workshop_id: str) -> str:
        """The title the file holds now (not the list index's cached one), or its file name if unreadable.

        For confirmations: the index is a cache a group member can forge, so
        what a user is asked to act on is read from the workshop file itself.
        """
        path = self.path(workshop_id)
        try:
            return self._read(path).title
        except (UnreadableWorkshop, OSError):
            return path.name

    def summaries(self) -> tuple[list["WorkshopSummary"], list[UnreadableWorkshop]]:
        """What a listing shows (no cells), served from ``<data>/.index.json`` where files are unchanged.

        Same order and errors as :meth:`list`; see :mod:`intro_tui.core.store.index`.
        """
        from .index import summaries

        listing = summaries(self.data_dir, lambda: self.catalog)
        return listing.workshops, listing.errors

    # -- writing ---------------------------------------------------------------

    def _transaction(self, workshop_id: str, *, new: Workshop | None = None):
        """The one write path (:func:`.commit.transaction`): yields a :class:`~.commit.Commit`."""
        from .commit import transaction

        return transaction(self, workshop_id, new=new)

    def new_id(self, title: str) -> str:
        base = slugify(title)
        candidate, n = base, 2
        while os.path.lexists(self.data_dir / f"{candidate}.json"):
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def create(self, workshop: Workshop, *, log: dict | None = None) -> Workshop:
        """Store a new workshop (its cells and rows too); the id is made unique here.

        ``log``: more fields for the ``create`` change-log entry (an import's source hash).
        """
        self.template_of(workshop)
        check_new(workshop)  # names cleaned; sizes are checked again on the whole file by the commit
        self.ensure_data_dir()
        for _ in range(20):
            workshop.id = (workshop.id if workshop.id and not os.path.lexists(self.path(workshop.id))
                           else self.new_id(workshop.title))
            workshop.created = workshop.created or now_iso()
            try:
                with self._transaction(workshop.id, new=workshop) as commit:
                    commit.log("create", title=workshop.title, **(log or {}))
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
        with self._transaction(workshop_id) as commit:
            workshop = commit.workshop
            template = self.template_of(workshop)
            for section_id, block_id, row_key, column_id, text in edits:
                view, column = find_cell(template, workshop, section_id, block_id, row_key, column_id)
                new = checked_value(view, column, text, workshop)
                old = view.value(workshop, column)
                if expect is not _ANY and _filled({0: old}) != _filled({0: expect}):
                    raise EditConflict(f"{self._changed_by(workshop_id, section_id, block_id, row_key, column_id)} "
                                       "har endret cellen etterpå; teksten er beholdt")
                changes.append(commit.set(section_id, block_id, row_key, column_id, old, new))
        return changes

    def _changed_by(self, workshop_id: str, section_id: str, block_id: str, row_key: str, column_id: str | None) -> str:
        return changelog.last_author(self.changes_path(workshop_id), (section_id, block_id, row_key, column_id),
                                     self.user)

    def add_row(self, workshop_id: str, section_id: str, block_id: str, texts: dict[str, str] | None = None) -> str:
        """Append a user row to a block that allows it; return its key."""
        with self._transaction(workshop_id) as commit:
            block = growable_block(self.template_of(commit.workshop), section_id, block_id)
            values = {column_id: parse_cell(block.column(column_id), None, text)
                      for column_id, text in (texts or {}).items()}
            key = new_row_key()
            commit.add_row(section_id, block_id, key, new_order(), values)
        return key

    def delete_row(self, workshop_id: str, section_id: str, block_id: str, row_key: str, *,
                   expect: dict | None = None) -> dict:
        """Remove a user row; return its cells (so undo can put it back).

        ``expect``: remove it only if its cells still hold exactly these values
        (undo of adding it); otherwise :class:`EditConflict`.
        """
        with self._transaction(workshop_id) as commit:
            workshop = commit.workshop
            if not any(row.key == row_key for row in workshop.user_rows.get((section_id, block_id), [])):
                raise ValueProblem("bare rader dere har lagt til selv kan slettes; malens rader kan tømmes")
            old = {a[3]: v for a, v in workshop.cells.items() if a[:3] == (section_id, block_id, row_key)}
            if expect is not None and _filled(old) != _filled(expect):
                raise EditConflict(f"{self._changed_by(workshop_id, section_id, block_id, row_key, None)} "
                                   "har skrevet i raden etterpå; raden er beholdt")
            commit.delete_row(section_id, block_id, row_key)
        return old

    def restore_row(self, workshop_id: str, section_id: str, block_id: str, row_key: str, order: float, cells: dict) -> None:
        """Put back a deleted user row with its key and cells (undo of delete)."""
        with self._transaction(workshop_id) as commit:
            growable_block(self.template_of(commit.workshop), section_id, block_id)
            if any(row.key == row_key for row in commit.workshop.user_rows.get((section_id, block_id), [])):
                raise EditConflict("raden finnes allerede")
            commit.add_row(section_id, block_id, row_key, order, cells)

    def update_meta(self, workshop_id: str, **fields) -> Workshop:
        allowed = {"title", "kommune", "year", "units"}
        unknown = set(fields) - allowed
        if unknown:
            raise StoreError(f"ukjent felt: {', '.join(sorted(unknown))}")
        clean = {key: _clean_meta(key, value) for key, value in fields.items()}
        with self._transaction(workshop_id) as commit:
            workshop = commit.workshop
            old = {key: workshop.meta().get(key) for key in clean}
            for key, value in clean.items():
                setattr(workshop, key, value)
            commit.log("meta", old=old, new=clean)
        return workshop

    def delete(self, workshop_id: str) -> Path:
        """Move the workshop and its log to ``.deleted/`` (see :mod:`.trash`); return the folder they went to.

        Any file the folder holds under that name goes, even one the reader
        refuses (too big, damaged, a symlink): a workshop is never locked out of
        the way back.  It is moved, never opened through a link.
        """
        path = self.path(workshop_id)
        with self._lock(workshop_id):
            if not os.path.lexists(path):
                raise WorkshopNotFound(workshop_id)
            try:
                title = self._read(path).title
            except (UnreadableWorkshop, OSError):
                title = ""
            try:
                return trash.discard(self.data_dir, workshop_id, self.user, title)
            except OSError as exc:
                raise WriteFailed.from_os_error(path, exc) from None

    def restore(self, workshop_id: str) -> Workshop | None:
        """Bring back the workshop deleted last under ``workshop_id``, with its change log.

        Returns it, or None when the file came back but the reader refuses it
        (it was deleted that way; ``list`` names the reason).
        """
        path = self.path(workshop_id)
        self.ensure_data_dir()
        with self._lock(workshop_id):
            if os.path.lexists(path):
                raise StoreError(f"verkstedet «{workshop_id}» finnes; slett det eller gi det nytt navn før du henter tilbake")
            try:
                trash.bring_back(self.data_dir, workshop_id, self.user)
            except OSError as exc:
                raise WriteFailed.from_os_error(path, exc) from None
            try:
                return self._read(path)
            except UnreadableWorkshop:
                return None

    def duplicate(self, workshop_id: str, title: str) -> Workshop:
        source = self.load(workshop_id)
        copy = source.copy()
        copy.id, copy.title, copy.created = "", title, ""
        return self.create(copy)


def _filled(cells: dict) -> dict:  # an emptied cell and a never-filled one are the same (for undo)
    return {column: value for column, value in cells.items() if value not in (None, "")}
