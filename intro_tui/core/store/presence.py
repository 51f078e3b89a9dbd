"""Who else has a workshop open: one small heartbeat file per session.

Each app session writes ``<data>/.presence/<workshop id>/<session>.json``
(its person's name, host and pid) and touches it every few seconds.  Others
read the folder: a file whose heartbeat is older than :data:`STALE_SECONDS`,
or whose process is gone (same host), is not counted - so a session killed
with SIGKILL disappears from the header by itself.  Plain files, because the
sessions are separate processes that share nothing but the data folder.
"""

from __future__ import annotations

import json
import os
import socket
import time
import uuid
from pathlib import Path

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
            if self.path.exists():
                os.utime(self.path)
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            payload = {"name": self.name, "host": socket.gethostname(), "pid": os.getpid()}
            tmp = self.folder / f".{self.session}.tmp"
            tmp.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass

    def others(self) -> list[str]:
        """Names of the other live sessions, sorted, each once."""
        names: set[str] = set()
        now = time.time()
        try:
            entries = list(self.folder.glob("*.json"))
        except OSError:
            return []
        for path in entries:
            if path == self.path:
                continue
            try:
                if now - path.stat().st_mtime > STALE_SECONDS:
                    continue
                info = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if not isinstance(info, dict) or not _alive(info):
                continue
            names.add(str(info.get("name") or "?"))
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
    if not isinstance(pid, int):
        return True
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
        name = remembered_name_path().read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return name or None


def remember_name(name: str) -> None:
    path = remembered_name_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    except OSError:
        pass
