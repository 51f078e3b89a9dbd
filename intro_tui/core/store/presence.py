"""Who else has a workshop open, where their cursor is, and who leads.

Each app session owns one small file, ``<data>/.presence/<workshop id>/s-<session>.json``
(name, host, pid, and where its cursor is), replaced atomically (temp file +
``os.replace``) when the cursor moves, and its access time set every few
seconds as a heartbeat (the modification time is kept, so a heartbeat is not
a change anyone has to read).  The session that leads the room also writes ``lead.json`` there
(who leads); followers read the leader's position from the leader's own file.

Reading must stay cheap with 60 sessions in the room (DESIGN.md: every
session reading every other's file each tick is O(n²)).  So a reader
(:class:`Room`) stats the *folder* each tick: a replaced file changes the
folder's mtime, a heartbeat does not.  Only when the folder
changed does it list it (one ``scandir``, a ``stat`` per entry) and read the
files whose inode, mtime or size changed - usually one.  Every
:data:`HEARTBEAT_SECONDS` it also stats the entries to drop sessions whose
heartbeat (atime) is older than :data:`STALE_SECONDS` or whose process is gone (same
host), so a session killed with SIGKILL disappears by itself.

The folder is shared and hostile: every read and write goes through
:mod:`intro_tui.core.safe_fs` (no symlinked folders or files, regular files
only, bounded reads, never blocking on a FIFO), and whatever a file says is
cleaned before anyone shows it (:func:`intro_tui.core.shorten.one_line`).
"""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from .. import safe_fs
from ..shorten import one_line

HEARTBEAT_SECONDS = 3.0
STALE_SECONDS = 10.0
#: A presence or leader file is a few hundred bytes; anything bigger is not ours.
MAX_FILE_BYTES = 4096
#: A folder modified this recently is listed again next tick (two renames can share an mtime).
RACY_SECONDS = 1.0
LEAD_FILE = "lead.json"
_SESSION_PREFIX = "s-"
_ID_RE = re.compile(r"[A-Za-z0-9._#-]{1,80}")  # "#": a copy of a per-choice section (2.2#2)


def read_small(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of a small regular file, or None (missing, symlink, FIFO, device, too big)."""
    try:
        return safe_fs.read_bytes(Path(path), limit)
    except (OSError, ValueError):
        return None


def clean_name(value: object, limit: int = 40) -> str:
    """A participant's name as others may see it: one line, no control characters, bounded."""
    return one_line(value if isinstance(value, str) else "", limit) or "?"


def _clean_id(value: object) -> str | None:
    return value if isinstance(value, str) and _ID_RE.fullmatch(value) else None


def _small_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31 else None


def _parse(data: bytes | None) -> dict | None:
    if data is None:
        return None
    try:
        info = json.loads(data.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    return info if isinstance(info, dict) else None


@dataclass(frozen=True)
class Spot:
    """Where one session's cursor is: section, block and row key, column index, editing or not."""

    section: str | None = None
    block: str | None = None
    row: str | None = None
    column: int | None = None
    editing: bool = False

    def as_json(self) -> dict:
        return {"section": self.section, "block": self.block, "row": self.row, "col": self.column,
                "editing": self.editing}

    @classmethod
    def from_json(cls, info: dict) -> "Spot":
        return cls(_clean_id(info.get("section")), _clean_id(info.get("block")), _clean_id(info.get("row")),
                   _small_int(info.get("col")), info.get("editing") is True)


@dataclass(frozen=True)
class Participant:
    """Another session in the room, as its file says (cleaned)."""

    session: str
    name: str
    spot: Spot
    host: str = ""
    pid: int | None = None
    #: Following the leader: their cursor is the leader's, so no badge of their own.
    following: bool = False


@dataclass(frozen=True)
class Lead:
    """Who leads, from ``lead.json``; ``live`` is False when that session is gone or stale."""

    session: str
    name: str
    live: bool
    spot: Spot | None = None


class Presence:
    """This session's own file, and (through :class:`Room`) everyone else's."""

    def __init__(self, data_dir: Path, workshop_id: str, name: str):
        self.folder = Path(data_dir) / ".presence" / workshop_id
        self.name = name
        self.session = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.path = self.folder / f"{_SESSION_PREFIX}{self.session}.json"
        self.spot = Spot()
        self.following = False
        self.room = Room(self.folder, self.session)

    # -- writing our own files (never fatal: presence is a courtesy) -----------------------

    def _write(self, path: Path, payload: dict) -> bool:
        try:
            safe_fs.own_dir(self.folder.parent)
            safe_fs.own_dir(self.folder)
            safe_fs.replace(path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), durable=False)
            return True
        except OSError:
            return False

    def _payload(self) -> dict:
        return {"name": self.name, "host": socket.gethostname(), "pid": os.getpid(), "follows": self.following,
                **self.spot.as_json()}

    def beat(self) -> None:
        """Announce (or refresh) this session: a new file the first time, then a heartbeat.

        The heartbeat sets the file's *access* time and keeps its modification
        time, so a reader's version of the file (inode, mtime, size) stays the
        same and nobody reads it again: only its age (the later of atime and
        mtime) says it is alive.
        """
        try:
            info = os.stat(self.path, follow_symlinks=False)
        except OSError:
            info = None
        try:
            if info is not None and stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid():
                os.utime(self.path, ns=(time.time_ns(), info.st_mtime_ns), follow_symlinks=False)
                return
            if info is not None:  # replaced by someone else (a link, a FIFO): take the name back
                os.unlink(self.path)
        except OSError:
            pass
        self._write(self.path, self._payload())

    def move(self, spot: Spot, following: bool | None = None) -> None:
        """The cursor moved (or following started or stopped): replace our file (the folder's mtime tells)."""
        following = self.following if following is None else following
        if spot != self.spot or following != self.following:
            self.spot, self.following = spot, following
            self._write(self.path, self._payload())

    def leave(self) -> None:
        for path in (self.path,) + ((self.folder / LEAD_FILE,) if self.leading() else ()):
            try:
                path.unlink()
            except OSError:
                pass

    # -- leading -------------------------------------------------------------------------

    def take_lead(self) -> None:
        self._write(self.folder / LEAD_FILE, {"session": self.session, "name": self.name})
        self.room.changed_here()

    def drop_lead(self) -> None:
        if self.leading():
            try:
                (self.folder / LEAD_FILE).unlink()
            except OSError:
                pass
            self.room.changed_here()

    def leading(self) -> bool:
        info = _parse(read_small(self.folder / LEAD_FILE))
        return bool(info) and info.get("session") == self.session

    # -- reading the others (kept for callers that only want names) -------------------------

    def others(self) -> list[str]:
        """Names of the other live sessions, sorted, each once."""
        self.room.refresh(full=True)
        return sorted({p.name for p in self.room.participants()}, key=str.casefold)


class Room:
    """Everyone else in one workshop's presence folder, read cheaply (see the module docstring)."""

    def __init__(self, folder: Path, me: str):
        self.folder = folder
        self.me = me
        self._dir_mtime: int | None = None
        self._racy = True
        self._files: dict[str, tuple[tuple, dict | None]] = {}  # file name -> (version, parsed)
        self._stale: set[str] = set()
        self.reads = 0  # files read since start (the benchmark reports it)

    def changed_here(self) -> None:
        self._racy = True

    def refresh(self, *, full: bool = False) -> bool:
        """Look again; True if what :meth:`participants` or :meth:`lead` says may have changed.

        One ``stat`` of the folder when nothing changed; with ``full`` (every
        heartbeat) the entries' ages and processes are checked too.
        """
        try:
            mtime = os.stat(self.folder).st_mtime_ns
        except OSError:
            mtime = None
        if mtime == self._dir_mtime and not self._racy and not full:
            return False
        self._dir_mtime = mtime
        self._racy = mtime is not None and time.time() - mtime / 1e9 < RACY_SECONDS
        changed = self._scan(full)
        return changed or full

    def _scan(self, full: bool) -> bool:
        changed = False
        seen: dict[str, tuple[tuple, dict | None]] = {}
        stale: set[str] = set()
        now = time.time()
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            entries = []
        for entry in entries[:2000]:
            name = entry.name
            if full and name.startswith(".") and name.endswith(".tmp"):
                _drop_old_temp(entry, now)
            if not name.endswith(".json") or name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            # Inodes are reused at once (temp file, replace, temp file ...): the version of a file is
            # its inode, mtime and size, and a file changed in the last second is read again anyway.
            version = (info.st_ino, info.st_mtime_ns, info.st_size)
            cached = self._files.get(name)
            if cached is not None and cached[0] == version and now - info.st_mtime >= RACY_SECONDS:
                seen[name] = cached
            else:
                self.reads += 1
                seen[name] = (version, _parse(read_small(Path(self.folder, name))))
                changed = changed or cached is None or cached[1] != seen[name][1]
            if full and name.startswith(_SESSION_PREFIX):
                parsed = seen[name][1]
                age = now - max(info.st_atime, info.st_mtime)  # the heartbeat sets atime (see beat)
                if age > STALE_SECONDS or parsed is None or not _alive(parsed):
                    stale.add(name)
        if set(seen) != set(self._files):
            changed = True
        self._files = seen
        if full:
            changed = changed or stale != self._stale
            self._stale = stale
        else:
            self._stale &= set(seen)
        return changed

    def participants(self) -> list[Participant]:
        """The other live sessions, in a stable order."""
        found = []
        for name, (_inode, info) in sorted(self._files.items()):
            if not name.startswith(_SESSION_PREFIX) or name in self._stale or info is None:
                continue
            session = name[len(_SESSION_PREFIX):-len(".json")]
            if session == self.me:
                continue
            found.append(Participant(session, clean_name(info.get("name")), Spot.from_json(info),
                                     clean_name(info.get("host"), 80), _small_int(info.get("pid")),
                                     info.get("follows") is True))
        return found

    def lead(self) -> Lead | None:
        """Who leads (None if nobody does or ``lead.json`` is unreadable)."""
        entry = self._files.get(LEAD_FILE)
        info = entry[1] if entry else None
        session = _clean_id(info.get("session")) if info else None
        if session is None:
            return None
        file = f"{_SESSION_PREFIX}{session}.json"
        own = self._files.get(file)
        live = own is not None and own[1] is not None and file not in self._stale
        spot = Spot.from_json(own[1]) if live and own is not None and own[1] is not None else None
        if session == self.me:
            live = True
        return Lead(session, clean_name((info or {}).get("name")), live, spot)


def _drop_old_temp(entry: os.DirEntry, now: float) -> None:
    """A temp file a killed session left between write and rename: gone after a minute."""
    try:
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISREG(info.st_mode) and now - info.st_mtime > 60:
            os.unlink(entry.path)
    except OSError:
        pass


def _alive(info: dict) -> bool:
    if info.get("host") != socket.gethostname():
        return True  # another machine sharing the folder: trust the heartbeat
    pid = info.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid < 2**31:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process: it exists
    return True


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
