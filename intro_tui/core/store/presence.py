"""Who else has a workshop open, where their cursor is, and who leads.

Each app session owns one small file, ``<data>/.presence/<workshop id>/s-<session>.json``
(name, host, pid, and where its cursor is), replaced atomically (temp file +
``os.replace``) when the cursor moves, and its access time set every few
seconds as a heartbeat (the modification time is kept, so a heartbeat is not
a change anyone has to read).  The session that leads the room also writes ``lead.json`` there
(who leads); followers read the leader's position from the leader's own file.  While the room
works in groups, each group's lead writes ``lead-<group id>.json`` (same format), and the
group's members follow that one instead.

Reading must stay cheap with 60 sessions in the room (every
session reading every other's file each tick is O(n²)).  So a reader
(:class:`Room`) stats the *folder* each tick: a replaced file changes the
folder's mtime, a heartbeat does not.  Only when the folder
changed does it list it (one ``scandir``, a ``stat`` per entry) and read the
files whose inode, mtime or size changed - usually one.  Every
:data:`HEARTBEAT_SECONDS` it also stats the entries to drop sessions whose
heartbeat (atime) is older than :data:`STALE_SECONDS` or whose process is gone (same
host), so a session killed with SIGKILL disappears by itself.

The folder is shared and hostile: every read and write goes through
:mod:`intro_tui.core.safe_fs` relative to a descriptor of the folder opened
without following a symlink at ``.presence`` or ``<id>`` (a member who links
``.presence/<id>`` to another member's folder gets nothing read, written or
deleted there), regular files only, bounded reads, never blocking on a FIFO;
whatever a file says is cleaned before anyone shows it
(:func:`intro_tui.core.shorten.one_line`).  A folder crowded with other files
(any member can make 20,000) still gives up the room's own files: only names
of our shape are looked at, ``lead.json`` and the leader's file are read by
name, and the crowd is reported once (:attr:`Room.problem`).  Files of
sessions whose process is gone, or silent for :data:`REMOVE_SECONDS`, are
removed by whoever notices.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import time
import uuid
from pathlib import Path

from .. import safe_dir, safe_fs
from ..shorten import one_line
from .room import (  # noqa: F401 - the room's names, as callers have always imported them from here
    _SESSION_PREFIX,
    HEARTBEAT_SECONDS,
    LEAD_FILE,
    MAX_FILE_BYTES,
    STALE_SECONDS,
    Lead,
    Participant,
    Room,
    Spot,
    _alive,
    _folder,
    _parse,
    _read_in,
    _unlink_at,
    clean_name,
    lead_file,
    read_small,
)


class Presence:
    """This session's own file, and (through :class:`Room`) everyone else's."""

    def __init__(self, data_dir: Path, workshop_id: str, name: str):
        self.folder = Path(data_dir) / ".presence" / workshop_id
        self.name = name
        self.session = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.file = f"{_SESSION_PREFIX}{self.session}.json"
        self.path = self.folder / self.file
        self.spot = Spot()
        self.following = False
        self.since = time.time()
        self.room = Room(self.folder, self.session)
        #: The groups whose ``lead-<id>.json`` this session wrote (while the room works in groups).
        self.group_leads: set[str] = set()

    # -- writing our own files (never fatal: presence is a courtesy) -----------------------

    def _write(self, name: str, payload: dict) -> bool:
        try:
            with _folder(self.folder, create=True) as fd:
                safe_dir.replace_at(fd, name, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
            return True
        except OSError:
            return False

    def _payload(self) -> dict:
        return {"name": self.name, "host": socket.gethostname(), "pid": os.getpid(), "follows": self.following,
                "since": self.since, **self.spot.as_json()}

    def rename(self, name: str) -> None:
        """Be known by another name (a second "Kari Nordmann" in the room becomes "Kari Nordmann (2)")."""
        self.name = name
        self._write(self.file, self._payload())
        if self.leading():
            self.take_lead()

    def beat(self) -> None:
        """Announce (or refresh) this session: a new file the first time, then a heartbeat.

        The heartbeat sets the file's *access* time and keeps its modification
        time, so a reader's version of the file (inode, mtime, size) stays the
        same and nobody reads it again: only its age (the later of atime and
        mtime) says it is alive.
        """
        try:
            with _folder(self.folder) as fd:
                info = os.stat(self.file, dir_fd=fd, follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                    os.utime(self.file, ns=(time.time_ns(), info.st_mtime_ns), dir_fd=fd, follow_symlinks=False)
                    return
                os.unlink(self.file, dir_fd=fd)  # replaced by someone else (a link, a FIFO): take the name back
        except OSError:
            pass
        self._write(self.file, self._payload())

    def move(self, spot: Spot, following: bool | None = None) -> None:
        """The cursor moved (or following started or stopped): replace our file (the folder's mtime tells)."""
        following = self.following if following is None else following
        if spot != self.spot or following != self.following:
            self.spot, self.following = spot, following
            self._write(self.file, self._payload())

    def leave(self) -> None:
        names = [self.file] + [lead_file(g) for g in (None, *sorted(self.group_leads)) if self.leading(g)]
        try:
            with _folder(self.folder) as fd:
                for name in names:
                    _unlink_at(fd, name)
        except OSError:
            pass

    # -- leading -------------------------------------------------------------------------

    def take_lead(self, group: str | None = None) -> None:
        """Lead the room - or with ``group`` (an id as ``g1``), that group while the room works in groups."""
        self._write(lead_file(group), {"session": self.session, "name": self.name})
        if group is not None:
            self.group_leads.add(group)
        self.room.changed_here()

    def drop_lead(self, group: str | None = None) -> None:
        if self.leading(group):
            try:
                with _folder(self.folder) as fd:
                    _unlink_at(fd, lead_file(group))
            except OSError:
                pass
            self.room.changed_here()
        self.group_leads.discard(group or "")

    def leading(self, group: str | None = None) -> bool:
        info = _parse(_read_in(self.folder, lead_file(group)))
        return bool(info) and info.get("session") == self.session

    # -- reading the others (kept for callers that only want names) -------------------------

    def others(self) -> list[str]:
        """Names of the other live sessions, sorted, each once."""
        self.room.refresh(full=True)
        return sorted({p.name for p in self.room.participants()}, key=str.casefold)


def remembered_name_path() -> Path:
    """Where a name asked at start is kept for this terminal session."""
    base = Path(os.environ.get("XDG_RUNTIME_DIR") or Path.home() / ".cache") / "intro-tui"
    key = os.environ.get("SSH_CONNECTION", "").replace(" ", "_") or f"sid{os.getsid(0)}"
    try:
        key += "-" + os.path.basename(os.ttyname(0))
    except OSError:
        pass
    return base / "names" / key


def remembered_name() -> str | None:
    try:
        name = one_line(safe_fs.read_bytes(remembered_name_path(), MAX_FILE_BYTES).decode("utf-8", "replace"), 60)
    except OSError:
        return None
    return name or None


def remember_name(name: str) -> None:
    path = remembered_name_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        safe_fs.replace(path, name.encode("utf-8"), durable=False)
    except OSError:
        pass
