"""Deleted workshops: moved to ``<data>/.deleted/``, never removed, and a record of who and when.

On a shared server a delete by one participant used to remove a workshop and
its change log for everyone, without a trace.  Now ``delete`` moves both into
``.deleted/<id>--<seq>-<UTC time>-<random>/`` beside a ``deleted.json`` record
(id, title, who, when, whether a log went with it), and appends the same
record to ``.deleted/records.jsonl``, which also keeps the restores.
``intro-tui restore ID`` brings the newest deleted workshop of that id back
with its log.  "Newest" is the highest sequence number (one more than any
folder of that id, taken under the workshop's lock), never a clock reading:
after the clock went back, a local-time name sorted the older state last.

A folder in ``.deleted`` is a group member's to plant: restore uses only a
real directory (not a symlink to someone's private folder) and moves only
regular files in it, through a handle on that directory (``rename`` relative
to an ``O_NOFOLLOW`` directory descriptor), so no link is followed on the way.

Order matters for a process killed halfway.  Delete moves the log first, so a
new workshop created under the same id never starts with the old history; a
log found without its workshop is moved aside before a workshop of that id is
created or restored - except by the retried restore that moved it there (its
record says a log belongs with it and the folder no longer holds one).

The caller (:class:`~intro_tui.core.store.workshops.WorkshopStore`) holds the
workshop's lock.
"""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from .. import safe_fs
from ..model.workshop import now_iso

FOLDER = ".deleted"
RECORD = "deleted.json"
RECORDS = "records.jsonl"

_SEQ_RE = re.compile(r"(\d{6,})-\d{8}T\d+Z-[0-9a-f]+\Z")
_O_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def discard(data_dir: Path, workshop_id: str, user: str, title: str, *, reason: str = "slettet") -> Path:
    """Move the workshop and its log to a new folder under ``.deleted``; return that folder."""
    data_dir = Path(data_dir)
    log = data_dir / f"{workshop_id}.changes.jsonl"
    workshop = data_dir / f"{workshop_id}.json"
    target = _new_folder(data_dir, workshop_id)
    record = {"id": workshop_id, "title": title, "op": reason, "by": user, "at": now_iso(), "folder": target.name,
              "log": os.path.lexists(log)}
    safe_fs.replace(target / RECORD, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
    if os.path.lexists(log):  # first: a delete killed here leaves a workshop without a log, never the reverse
        os.rename(log, target / log.name)
    if os.path.lexists(workshop):
        os.rename(workshop, target / workshop.name)
    _note(data_dir, record)
    return target


def retire_orphan_log(data_dir: Path, workshop_id: str, user: str) -> None:
    """A change log whose workshop is gone (a killed delete) is moved aside, so no new workshop inherits it."""
    data_dir = Path(data_dir)
    if os.path.lexists(data_dir / f"{workshop_id}.changes.jsonl") and not os.path.lexists(data_dir / f"{workshop_id}.json"):
        discard(data_dir, workshop_id, user, "", reason="foreldreløs logg")


def sweep_orphan_logs(data_dir: Path, names: list[str]) -> int:
    """Move aside every change log whose workshop is gone (a killed delete or create); how many went.

    Each under its workshop's lock, taken briefly: one held by a running
    restore (which moves the log first) is skipped and looked at next time.
    """
    from ..model.workshop import ID_RE
    from .user import default_user

    moved = 0
    for name in names:
        workshop_id = name[: -len(".changes.jsonl")] if name.endswith(".changes.jsonl") else ""
        if not ID_RE.fullmatch(workshop_id) or f"{workshop_id}.json" in names:
            continue
        try:
            folder = safe_fs.own_dir(Path(data_dir) / ".locks")
            with safe_fs.locked(folder / f"{workshop_id}.lock", 0.05):
                if not os.path.lexists(Path(data_dir) / f"{workshop_id}.json"):
                    retire_orphan_log(data_dir, workshop_id, default_user())
                    moved += 1
        except OSError:  # TimeoutError too: busy, read-only or not ours - next listing
            continue
    return moved


def deleted(data_dir: Path, workshop_id: str) -> list[Path]:
    """The real folders holding a deleted state (a regular file) of ``workshop_id``, oldest first."""
    folder = Path(data_dir) / FOLDER
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return []
        names = os.listdir(folder)
    except OSError:
        return []
    found = []
    for name in names:
        if not name.startswith(f"{workshop_id}--"):
            continue
        try:
            with _Folder(folder / name) as inside:
                if inside.regular(f"{workshop_id}.json"):
                    found.append(folder / name)
        except OSError:
            continue  # a symlink, a file, gone: not a deleted state
    return sorted(found, key=_order)


def bring_back(data_dir: Path, workshop_id: str, user: str) -> Path:
    """Move the newest deleted state of ``workshop_id`` (and its log) back; the caller checked the id is free.

    Any regular file comes back as it is, even one the reader refuses (a
    workshop that was too big or damaged must stay recoverable).
    """
    from .errors import StoreError

    data_dir = Path(data_dir)
    found = deleted(data_dir, workshop_id)
    if not found:
        raise StoreError(f"fant ikke «{workshop_id}» blant de slettede verkstedene (i {FOLDER}/)")
    source = found[-1]
    name, log_name = f"{workshop_id}.json", f"{workshop_id}.changes.jsonl"
    with _Folder(source) as inside:
        record = inside.record()
        ours = record.get("log") is True and not inside.regular(log_name)
        if not (ours and os.path.lexists(data_dir / log_name)):  # else: the log a killed restore moved already
            retire_orphan_log(data_dir, workshop_id, user)
        if inside.regular(log_name):
            inside.move_out(log_name, data_dir / log_name)
        if not inside.regular(name):
            raise StoreError(f"{name} i {FOLDER}/{source.name} er ikke en vanlig fil; hentes ikke tilbake")
        inside.move_out(name, data_dir / name)
        try:
            os.unlink(RECORD, dir_fd=inside.fd)
        except OSError:
            pass
    try:
        os.rmdir(source)
    except OSError:
        pass  # an extra file in there: the folder stays, the record in records.jsonl says it was restored
    _note(data_dir, {"id": workshop_id, "op": "hentet tilbake", "by": user, "at": now_iso(), "folder": source.name})
    return source


class _Folder:
    """A real directory opened without following links; names inside are used relative to it."""

    def __init__(self, path: Path):
        self.fd = os.open(path, _O_DIR)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        os.close(self.fd)

    def regular(self, name: str) -> bool:
        try:
            return stat.S_ISREG(os.stat(name, dir_fd=self.fd, follow_symlinks=False).st_mode)
        except OSError:
            return False

    def record(self) -> dict:
        if not self.regular(RECORD):
            return {}
        fd = os.open(RECORD, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=self.fd)
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(64 * 1024)
        try:
            data = safe_fs.parse_json(raw)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def move_out(self, name: str, target: Path) -> None:
        os.rename(name, target, src_dir_fd=self.fd)


def _order(folder: Path) -> tuple[int, str]:
    """Sequence first (names before sequences existed count as 0, in their own time order)."""
    rest = folder.name.split("--", 1)[1]
    match = _SEQ_RE.fullmatch(rest)
    return (int(match.group(1)), rest) if match else (0, rest)


def _new_folder(data_dir: Path, workshop_id: str) -> Path:
    trash = safe_fs.own_dir(data_dir / FOLDER)
    try:
        names = [n for n in os.listdir(trash) if n.startswith(f"{workshop_id}--")]
    except OSError:
        names = []
    sequence = max((_order(trash / n)[0] for n in names), default=0) + 1
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = trash / f"{workshop_id}--{sequence:06d}-{stamp}-{os.urandom(3).hex()}"
    safe_fs.make_dir(target)  # new and ours: never an existing folder or a planted link
    return target


def _note(data_dir: Path, record: dict) -> None:
    try:
        safe_fs.append(data_dir / FOLDER / RECORDS, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError:
        pass  # the record inside the folder is the one that matters
