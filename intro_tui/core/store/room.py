"""Reading the room: who else has a workshop open, where their cursor is, who leads.

The reading half of :mod:`intro_tui.core.store.presence` (which writes this
session's own files and explains the folder): the file formats
(:class:`Spot`, :class:`Participant`, :class:`Lead`) and :class:`Room`, which
stats the folder each tick and reads only what changed.  Every access goes
through a descriptor of the folder opened without following symlinks
(:func:`intro_tui.core.safe_dir.open_dir_at`); only names of our shape are
looked at, so a folder crowded with strangers still yields the room.
"""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import safe_dir, safe_fs
from ..shorten import one_line

HEARTBEAT_SECONDS = 3.0
STALE_SECONDS = 10.0
#: A presence or leader file is a few hundred bytes; anything bigger is not ours.
MAX_FILE_BYTES = 4096
#: A folder modified this recently is listed again next tick (two renames can share an mtime).
RACY_SECONDS = 1.0
LEAD_FILE = "lead.json"
#: A group's own lead while the room works in groups: ``lead-g1.json`` (same format as ``lead.json``).
_LEAD_RE = re.compile(r"lead(?:-g[0-9]{1,6})?\.json")
#: At most this many group lead files are read (a folder planted with more is crowded, the rest ignored).
MAX_GROUP_LEADS = 64
#: A session file silent this long (another machine's, or a reused pid) is removed, not only ignored.
REMOVE_SECONDS = 600.0
#: At most this many session files are read; beyond that (or this many strangers) the folder is crowded.
MAX_SESSIONS = 300
CROWDED_ENTRIES = 1000
_SESSION_PREFIX = "s-"
_SESSION_RE = re.compile(r"s-[A-Za-z0-9._-]{1,80}\.json")
_ID_RE = re.compile(r"[A-Za-z0-9._#~-]{1,80}")  # "#": a copy of a per-choice section (2.2#2); "~": a group draft


def lead_file(group: str | None = None) -> str:
    """``lead.json`` for the room, ``lead-<group id>.json`` for a group (ids as ``g1``: anything else is refused)."""
    if group is None:
        return LEAD_FILE
    name = f"lead-{group}.json"
    if not _LEAD_RE.fullmatch(name):
        raise ValueError(f"not a group id: {group!r}")
    return name


def is_lead_file(name: str) -> bool:
    return _LEAD_RE.fullmatch(name) is not None


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
    def from_json(cls, info: dict) -> Spot:
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
    #: When the session joined (its clock): of two with one name, the later one takes a number.
    since: float = 0.0


@dataclass(frozen=True)
class Lead:
    """Who leads, from ``lead.json``; ``live`` is False when that session is gone or stale."""

    session: str
    name: str
    live: bool
    spot: Spot | None = None


class Room:
    """Everyone else in one workshop's presence folder, read cheaply (see the module docstring)."""

    def __init__(self, folder: Path, me: str):
        self.folder = folder
        self.me = me
        self._dir_mtime: int | None = None
        self._racy = True
        self._files: dict[str, tuple[tuple, dict | None]] = {}  # file name -> (version, parsed)
        self._people: dict[str, tuple[dict, Participant]] = {}  # file name -> (the parse it was made of, it)
        self._stale: set[str] = set()
        self.reads = 0  # files read since start (the benchmark reports it)
        #: What is wrong with the folder (crowded, a symlink), in one Norwegian line naming it; None if nothing.
        self.problem: str | None = None

    def _shown(self, path: Path | None = None) -> str:
        """``.presence/<id>`` (or the part of it that is wrong) as a user finds it in the data folder."""
        return one_line(os.path.relpath(path or self.folder, self.folder.parent.parent), 80)

    def changed_here(self) -> None:
        self._racy = True

    def refresh(self, *, full: bool = False) -> bool:
        """Look again; True if what :meth:`participants` or :meth:`lead` says may have changed.

        One ``stat`` of the folder when nothing changed; with ``full`` (every
        heartbeat) the entries' ages and processes are checked too.
        """
        try:
            with _folder(self.folder) as fd:
                mtime = os.fstat(fd).st_mtime_ns
                if mtime == self._dir_mtime and not self._racy and not full:
                    return False
                self._dir_mtime = mtime
                self._racy = time.time() - mtime / 1e9 < RACY_SECONDS
                return self._scan(fd, full) or full
        except safe_fs.UnsafeFile as exc:
            self.problem = f"Rommet er slått av: {self._shown(exc.path)} {exc.reason}"
        except OSError:
            pass
        changed = bool(self._files)
        self._files, self._stale, self._dir_mtime = {}, set(), None
        return changed

    def _scan(self, fd: int, full: bool) -> bool:
        now = time.time()
        names, strangers, leads = [], 0, []
        for entry in os.scandir(fd):  # names only: a crowd of strangers costs no stat, no read
            name = entry.name
            if _SESSION_RE.fullmatch(name):
                names.append(name)
            elif _LEAD_RE.fullmatch(name):
                leads.append(name)
            elif name.startswith(".") and name.endswith(".tmp"):
                if full:
                    _drop_old_temp(fd, name, now)
            else:
                strangers += 1
        leads.sort(key=lambda n: (n != LEAD_FILE, len(n), n))  # lead.json, then lead-g1, lead-g2, ... lead-g10
        if len(leads) > MAX_GROUP_LEADS + 1:
            strangers += CROWDED_ENTRIES  # planted: say so (the room's own lead and the first groups still read)
            leads = leads[: MAX_GROUP_LEADS + 1]
        if strangers >= CROWDED_ENTRIES or len(names) > MAX_SESSIONS:
            self.problem = (f"Rommet: over {CROWDED_ENTRIES} fremmede filer i {self._shown()}; "
                            "rommet virker, men mappen bør ryddes.")
        names.sort()
        changed = False
        seen: dict[str, tuple[tuple, dict | None]] = {}
        stale: set[str] = set()

        def look_at(name: str) -> None:
            nonlocal changed
            version, data = self._read(fd, name, now)
            if version is None:
                return
            cached = self._files.get(name)
            seen[name] = cached if data is None and cached is not None else (version, _parse(data))
            changed = changed or cached is None or cached[1] != seen[name][1]
            if full and not _LEAD_RE.fullmatch(name) and self._is_stale(fd, name, seen[name][1], version, now):
                stale.add(name)

        for name in leads:  # the lead files first ...
            look_at(name)
        for name in names[:MAX_SESSIONS]:
            look_at(name)
        for lead_name in leads:  # ... and each leader's own file, whatever the crowd
            lead = seen.get(lead_name, ((), None))[1]
            leader = f"{_SESSION_PREFIX}{_clean_id(lead.get('session'))}.json" if lead else ""
            if leader in names and leader not in seen:
                look_at(leader)
        if set(seen) != set(self._files):
            changed = True
        self._files = seen
        if full:
            changed = changed or stale != self._stale
            self._stale = stale
        else:
            self._stale &= set(seen)
        return changed

    def _read(self, fd: int, name: str, now: float) -> tuple[tuple | None, bytes | None]:
        """(version, bytes) of one entry; the bytes are None when the cached parse still holds."""
        try:
            info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        except OSError:
            return None, None
        # Inodes are reused at once (temp file, replace, temp file ...): the version of a file is
        # its inode, mtime and size, and a file changed in the last second is read again anyway.
        version = (info.st_ino, info.st_mtime_ns, info.st_size, info.st_atime)
        cached = self._files.get(name)
        if cached is not None and cached[0][:3] == version[:3] and now - info.st_mtime >= RACY_SECONDS:
            return version, None
        self.reads += 1
        try:
            return version, safe_dir.read_bytes_at(fd, name, MAX_FILE_BYTES)
        except (OSError, ValueError):
            return version, b""

    def _is_stale(self, fd: int, name: str, parsed: dict | None, version: tuple, now: float) -> bool:
        """Gone quiet or its process gone; a file of a dead process (or silent for long) is removed."""
        age = now - max(version[3], version[1] / 1e9)  # the heartbeat sets atime (see beat)
        dead = parsed is not None and not _alive(parsed)
        if dead or age > REMOVE_SECONDS:
            _unlink_at(fd, name)
        return age > STALE_SECONDS or parsed is None or dead

    def participants(self) -> list[Participant]:
        """The other live sessions, in a stable order.

        A file read and parsed once gives its participant once: every session asks on each change in the
        room, and in a room of sixty most files have not changed.
        """
        found, people = [], {}
        for name, (_version, info) in sorted(self._files.items()):
            if not name.startswith(_SESSION_PREFIX) or name in self._stale or info is None:
                continue
            session = name[len(_SESSION_PREFIX):-len(".json")]
            if session == self.me:
                continue
            known = self._people.get(name)
            person = known[1] if known is not None and known[0] is info else Participant(
                session, clean_name(info.get("name")), Spot.from_json(info), clean_name(info.get("host"), 80),
                _small_int(info.get("pid")), info.get("follows") is True, _since(info.get("since")))
            people[name] = (info, person)
            found.append(person)
        self._people = people
        return found

    def lead(self, group: str | None = None) -> Lead | None:
        """Who leads the room - or with ``group``, that group (None if nobody does or the file is unreadable)."""
        entry = self._files.get(lead_file(group))
        info = entry[1] if entry else None
        session = _clean_id(info.get("session")) if info else None
        if info is None or session is None:
            return None
        file = f"{_SESSION_PREFIX}{session}.json"
        own = self._files.get(file)
        own_info = own[1] if own is not None else None
        live = own_info is not None and file not in self._stale
        spot = Spot.from_json(own_info) if live and own_info is not None else None
        if session == self.me:
            live = True
        return Lead(session, clean_name(info.get("name")), live, spot)


@contextmanager
def _folder(folder: Path, *, create: bool = False) -> Iterator[int]:
    """The presence folder ``<data>/.presence/<id>`` as a descriptor, neither component followed if a symlink."""
    fd = safe_dir.open_dir_at(folder.parent.parent, (folder.parent.name, folder.name), create=create)
    try:
        yield fd
    finally:
        os.close(fd)


def _read_in(folder: Path, name: str) -> bytes | None:
    try:
        with _folder(folder) as fd:
            return safe_dir.read_bytes_at(fd, name, MAX_FILE_BYTES)
    except (OSError, ValueError):
        return None


def _unlink_at(fd: int, name: str) -> None:
    """Remove our entry ``name`` if it is a regular file (a folder or a device planted there stays)."""
    try:
        if stat.S_ISREG(os.stat(name, dir_fd=fd, follow_symlinks=False).st_mode):
            os.unlink(name, dir_fd=fd)
    except OSError:
        pass


def _drop_old_temp(fd: int, name: str, now: float) -> None:
    """A temp file a killed session left between write and rename: gone after a minute."""
    try:
        info = os.stat(name, dir_fd=fd, follow_symlinks=False)
        if stat.S_ISREG(info.st_mode) and now - info.st_mtime > 60:
            os.unlink(name, dir_fd=fd)
    except OSError:
        pass


def _since(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 1e11 else 0.0


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
