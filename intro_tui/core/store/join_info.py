"""Where ``intro-tui serve`` tells the leader's app its address and join code.

The leading session's header shows the code so the facilitator can put it on
the projector.  A code on the projector must come from a ``serve`` of *this
account* that is running now - not from a file a member of the shared
folder's group planted (issue 16, point 7: a planted ``.serve/join.json`` put
an attacker's address and code on the screen).  So:

- ``serve`` writes the address and code to ``<private>/<pid>.json`` (mode
  0600) in a folder only this account can write
  (``$XDG_RUNTIME_DIR/intro-tui/serve``, else ``~/.cache/intro-tui/serve``,
  mode 0700), with the data folder it serves, the workshop, its pid, its
  process start time and a random **secret**;
- in the shared folder it writes only a pointer, ``.serve/join.json``: its
  pid and the same secret (0600);
- the header shows a code only if the pointer's secret matches the private
  entry of that pid, the folder and the entry are this account's and
  private, the entry names this data folder, and the pid is a live process
  of this account started at the recorded time (a reused pid does not count)
  whose command line is ``intro-tui … serve`` (or the reading process itself).

A planted pointer has no secret that matches; a planted private entry needs
this account's rights.  Both stop with serve.

The liveness of the entry is checked on every call (two small reads in /proc);
the files are small and read without following links.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from .. import safe_fs
from .presence import _parse, clean_name, read_small

_CODE_RE = re.compile(r"[A-Z0-9]{4,12}")
_URL_RE = re.compile(r"https?://[A-Za-z0-9.:\[\]_-]{1,200}/?")
_MAX_BYTES = 4096


def private_dir() -> Path:
    """This account's own folder for serve's entries (never inside the shared data folder)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    base = Path(runtime) if runtime and _ours(Path(runtime), private=False) else Path.home() / ".cache"
    return base / "intro-tui" / "serve"


def _ours(path: Path, *, private: bool) -> bool:
    """A real folder (no symlink) owned by this account; ``private``: nobody else may read or write it."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not (private and st.st_mode & 0o077)


def _start_time(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (/proc/PID/stat field 22), or None."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return int(fields[19])
    except (OSError, IndexError, ValueError):
        return None


def _serving(pid: int, started: object) -> bool:
    """A live ``intro-tui … serve`` of this account, started when its entry says."""
    try:
        if os.stat(f"/proc/{pid}").st_uid != os.getuid():
            return False
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    if b"serve" not in argv or not any(b"intro_tui" in arg or b"intro-tui" in arg for arg in argv):
        return False
    return isinstance(started, int) and _start_time(pid) == started


def _data_key(data_dir: Path) -> str:
    return os.path.realpath(data_dir)


def join_path(data_dir: Path) -> Path:
    """The pointer in the shared folder (pid and secret only: never trusted on its own)."""
    return Path(data_dir) / ".serve" / "join.json"


def _write_private(path: Path, entry: dict, mode: int = 0o600) -> None:
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp")
    try:  # a name someone planted (a hard link to their file) is removed, never written through
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entry, handle)
    os.replace(tmp, path)


def write_join_info(data_dir: Path, url: str, code: str, workshop_id: str | None) -> None:
    import secrets

    folder = private_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not _ours(folder, private=False):
        raise OSError(0, "ikke en privat mappe", str(folder))
    os.chmod(folder, 0o700, follow_symlinks=False)
    pid = os.getpid()
    secret = _secrets.setdefault(pid, secrets.token_hex(16))
    _write_private(folder / f"{pid}.json", {"url": url, "code": code, "workshop": workshop_id, "pid": pid,
                                            "started": _start_time(pid), "data_dir": _data_key(data_dir),
                                            "secret": secret})
    pointer = join_path(data_dir)
    safe_fs.own_dir(pointer.parent)  # never a folder a group member swapped for a symlink
    _write_private(pointer, {"pid": pid, "secret": secret})


_secrets: dict[int, str] = {}


def remove_join_info(data_dir: Path) -> None:
    pointer = join_path(data_dir)
    info = _parse(read_small(pointer))
    if info and info.get("pid") == os.getpid():
        try:
            pointer.unlink()
        except OSError:
            pass
    try:
        os.unlink(private_dir() / f"{os.getpid()}.json")
    except OSError:
        pass


def _private_entry(pid: int) -> dict | None:
    folder = private_dir()
    if not _ours(folder, private=True):
        return None
    path = folder / f"{pid}.json"
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.getuid() or st.st_mode & 0o077:
            return None
    except OSError:
        return None
    entry = _parse(read_small(path, _MAX_BYTES))
    return entry if entry and entry.get("pid") == pid else None


def read_join_info(data_dir: Path, workshop_id: str | None = None) -> tuple[str, str] | None:
    """(address, code) of a running ``serve`` of this account on this data folder (and this workshop)."""
    import hmac

    pointer = _parse(read_small(join_path(data_dir), _MAX_BYTES))
    pid, secret = (pointer.get("pid"), pointer.get("secret")) if pointer else (None, None)
    if not (isinstance(pid, int) and not isinstance(pid, bool) and 0 < pid < 2**31 and isinstance(secret, str)):
        return None
    entry = _private_entry(pid)
    if entry is None or not isinstance(entry.get("secret"), str):
        return None
    if not hmac.compare_digest(entry["secret"].encode(), secret.encode()):
        return None
    url, code, workshop = entry.get("url"), entry.get("code"), entry.get("workshop")
    if entry.get("data_dir") != _data_key(data_dir) or not (isinstance(url, str) and _URL_RE.fullmatch(url)):
        return None
    if not (isinstance(code, str) and _CODE_RE.fullmatch(code)):
        return None
    shown_workshop = clean_name(workshop, 80) if isinstance(workshop, str) else None
    if workshop_id is not None and shown_workshop not in (None, workshop_id):
        return None
    if pid != os.getpid() and not _serving(pid, entry.get("started")):
        return None
    return url, code
