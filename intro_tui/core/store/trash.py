"""Deleted workshops: moved to ``<data>/.deleted/``, never removed, and a record of who and when.

On a shared server a delete by one participant used to remove a workshop and
its change log for everyone, without a trace.  Now ``delete`` moves both into
``.deleted/<id>--<when>-<random>/`` beside a ``deleted.json`` record (id,
title, who, when), and appends the same record to ``.deleted/records.jsonl``,
which also keeps the restores.  ``intro-tui restore ID`` brings the newest
deleted workshop of that id back with its log.

Order matters for a delete killed halfway: the log moves first, so a new
workshop created under the same id never starts with the old history.  A log
found without its workshop (such a leftover) is moved aside the same way
before a workshop of that id is created or restored.

The caller (:class:`~intro_tui.core.store.workshops.WorkshopStore`) holds the
workshop's lock.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from .. import safe_fs
from ..model.workshop import now_iso

FOLDER = ".deleted"
RECORD = "deleted.json"
RECORDS = "records.jsonl"


def discard(data_dir: Path, workshop_id: str, user: str, title: str, *, reason: str = "slettet") -> Path:
    """Move the workshop and its log to a new folder under ``.deleted``; return that folder."""
    data_dir = Path(data_dir)
    target = _new_folder(data_dir, workshop_id)
    record = {"id": workshop_id, "title": title, "op": reason, "by": user, "at": now_iso(), "folder": target.name}
    safe_fs.replace(target / RECORD, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
    log = data_dir / f"{workshop_id}.changes.jsonl"
    if os.path.lexists(log):  # first: a delete killed here leaves a workshop without a log, never the reverse
        os.rename(log, target / log.name)
    workshop = data_dir / f"{workshop_id}.json"
    if os.path.lexists(workshop):
        os.rename(workshop, target / workshop.name)
    _note(data_dir, record)
    return target


def retire_orphan_log(data_dir: Path, workshop_id: str, user: str) -> None:
    """A change log whose workshop is gone (a killed delete) is moved aside, so no new workshop inherits it."""
    data_dir = Path(data_dir)
    if os.path.lexists(data_dir / f"{workshop_id}.changes.jsonl") and not os.path.lexists(data_dir / f"{workshop_id}.json"):
        discard(data_dir, workshop_id, user, "", reason="foreldreløs logg")


def deleted(data_dir: Path, workshop_id: str) -> list[Path]:
    """The folders holding deleted states of ``workshop_id``, oldest first."""
    try:
        folder = Path(data_dir) / FOLDER
        names = os.listdir(folder)
    except OSError:
        return []
    found = [folder / name for name in names
             if name.startswith(f"{workshop_id}--") and os.path.lexists(folder / name / f"{workshop_id}.json")]
    return sorted(found, key=lambda p: p.name.split("--", 1)[1])


def bring_back(data_dir: Path, workshop_id: str, user: str) -> Path:
    """Move the newest deleted state of ``workshop_id`` (and its log) back; the caller checked the id is free."""
    from .errors import StoreError

    data_dir = Path(data_dir)
    found = deleted(data_dir, workshop_id)
    if not found:
        raise StoreError(f"fant ikke «{workshop_id}» blant de slettede verkstedene (i {FOLDER}/)")
    source = found[-1]
    retire_orphan_log(data_dir, workshop_id, user)
    workshop = source / f"{workshop_id}.json"
    from .codec import read_workshop

    read_workshop(workshop)  # refuses a planted symlink or a damaged file before it comes back
    log = source / f"{workshop_id}.changes.jsonl"
    if os.path.lexists(log):
        os.rename(log, data_dir / log.name)
    os.rename(workshop, data_dir / workshop.name)
    try:
        os.unlink(source / RECORD)
        os.rmdir(source)
    except OSError:
        pass  # an extra file in there: the folder stays, the record in records.jsonl says it was restored
    _note(data_dir, {"id": workshop_id, "op": "hentet tilbake", "by": user, "at": now_iso(), "folder": source.name})
    return source


def _new_folder(data_dir: Path, workshop_id: str) -> Path:
    trash = safe_fs.own_dir(data_dir / FOLDER)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")  # sorts by time
    target = trash / f"{workshop_id}--{stamp}-{os.urandom(3).hex()}"
    os.mkdir(target)  # new and ours: never an existing folder or a planted link
    return target


def _note(data_dir: Path, record: dict) -> None:
    try:
        safe_fs.append(data_dir / FOLDER / RECORDS, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError:
        pass  # the record inside the folder is the one that matters
