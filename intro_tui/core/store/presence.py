"""Who else has a workshop open: one small heartbeat file per session.

Each app session writes ``<data>/.presence/<workshop id>/<session>.json``
(its person's name, host and pid) and touches it every few seconds.  Others
read the folder: a file whose heartbeat is older than :data:`STALE_SECONDS`,
or whose process is gone (same host), is not counted - so a session killed
with SIGKILL disappears from the header by itself.  Plain files, because the
sessions are separate processes that share nothing but the data folder.

Any group member can write into ``.presence``: files are written and read only
through :mod:`intro_tui.core.safe_fs` (no symlinked folders or files, small
bounded reads, no FIFOs), and the names read are cleaned before anyone sees
them (:func:`intro_tui.core.shorten.one_line`).
"""

from __future__ import annotations

import json
import os
import socket
import stat
import time
import uuid
from pathlib import Path

from .. import safe_fs
from ..shorten import one_line

#: A presence file is a few dozen bytes; anything bigger is not ours.
MAX_PRESENCE_BYTES = 4096

HEARTBEAT_SECONDS = 3.0
STALE_SECONDS = 10.0


class Presence:
    def __init__(self, data_dir: Path, workshop_id: str, name: str):
        self.folder = Path(data_dir) / ".presence" / workshop_id
        self.name = name
        self.session = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.path = self.folder / f"{self.session}.json"

    def beat(self) -> None:
        """Announce (or refresh) this session; never fatal - presence is a courtesy."""
        try:
            st = os.lstat(self.path)
        except OSError:
            st = None
        try:
            if st is not None and stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid():
                os.utime(self.path, follow_symlinks=False)  # ours, still a plain file: touch it, never a link's target
                return
            if st is not None:  # replaced by someone else (a link, a FIFO): take the name back
                os.unlink(self.path)
            safe_fs.own_dir(self.folder.parent)
            safe_fs.own_dir(self.folder)
            payload = {"name": self.name, "host": socket.gethostname(), "pid": os.getpid()}
            safe_fs.replace(self.path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), durable=False)
        except OSError:
            pass

    def others(self) -> list[str]:
        """Names of the other live sessions, sorted, each once."""
        names: set[str] = set()
        now = time.time()
        try:
            entries = [self.folder / name for name in os.listdir(self.folder) if name.endswith(".json")]
        except OSError:
            return []
        for path in entries:
            if path == self.path:
                continue
            try:
                if now - os.lstat(path).st_mtime > STALE_SECONDS:
                    continue
                info = safe_fs.read_json(path, MAX_PRESENCE_BYTES)
            except (OSError, ValueError):
                continue
            if not isinstance(info, dict) or not _alive(info):
                continue
            names.add(one_line(str(info.get("name") or "?"), 40) or "?")
        return sorted(names, key=str.casefold)

    def leave(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass


def _alive(info: dict) -> bool:
    if info.get("host") != socket.gethostname():
        return True  # another machine sharing the folder: trust the heartbeat
    pid = info.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid < 1 << 30:
        return True  # not a pid we could ask about (os.kill(10**30, 0) raises OverflowError)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
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
        name = one_line(safe_fs.read_bytes(remembered_name_path(), MAX_PRESENCE_BYTES).decode("utf-8", "replace"), 60)
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
