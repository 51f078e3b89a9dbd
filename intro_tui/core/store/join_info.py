"""Where ``intro-tui serve`` tells the app its address and join code.

The server writes ``<data>/.serve/join.json`` (address, code, its pid, and
the workshop it serves, if one) when it starts and whenever the code
changes, and removes it when it stops; the leading session's header shows
it so the facilitator can put it on the projector.  Read through
:func:`intro_tui.core.store.presence.read_small` (the folder is shared), and
cached on the file's inode and mtime because the header asks every tick.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from .. import safe_fs
from .presence import _alive, _parse, clean_name, read_small

_CODE_RE = re.compile(r"[A-Z0-9]{4,12}")
_URL_RE = re.compile(r"https?://[A-Za-z0-9.:\[\]_-]{1,200}/?")
_cache: dict[Path, tuple[tuple[int, int] | None, tuple[str, str, str | None] | None]] = {}


def join_path(data_dir: Path) -> Path:
    return Path(data_dir) / ".serve" / "join.json"


def write_join_info(data_dir: Path, url: str, code: str, workshop_id: str | None) -> None:
    path = join_path(data_dir)
    safe_fs.own_dir(path.parent)  # never a folder a group member swapped for a symlink
    tmp = path.with_name(f".join.{os.getpid()}.tmp")
    try:  # a name someone planted (a hard link to their file) is removed, never written through
        os.unlink(tmp)
    except FileNotFoundError:
        pass
    # 0600: the code is for the facilitator's screen, not for every member of the group
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump({"url": url, "code": code, "pid": os.getpid(), "host": os.uname().nodename,
                   "workshop": workshop_id}, handle)
    os.replace(tmp, path)


def remove_join_info(data_dir: Path) -> None:
    path = join_path(data_dir)
    info = _parse(read_small(path))
    if info and info.get("pid") == os.getpid():
        try:
            path.unlink()
        except OSError:
            pass


def read_join_info(data_dir: Path, workshop_id: str | None = None) -> tuple[str, str] | None:
    """(address, code) of a running ``serve`` on this data folder (and this workshop, if it serves one)."""
    path = join_path(data_dir)
    try:
        st = os.stat(path, follow_symlinks=False)
        key = (st.st_ino, st.st_mtime_ns)
    except OSError:
        key = None
    cached = _cache.get(path)
    if cached is None or cached[0] != key:
        parsed = None
        info = _parse(read_small(path)) if key else None
        if info and _alive(info):
            url, code, workshop = info.get("url"), info.get("code"), info.get("workshop")
            if isinstance(url, str) and _URL_RE.fullmatch(url) and isinstance(code, str) and _CODE_RE.fullmatch(code):
                parsed = (url, code, clean_name(workshop, 80) if isinstance(workshop, str) else None)
        _cache[path] = cached = (key, parsed)
    parsed = cached[1]
    if parsed is None or (workshop_id is not None and parsed[2] not in (None, workshop_id)):
        return None
    return parsed[0], parsed[1]
