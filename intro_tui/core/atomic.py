"""Replace a file whole: the one way intro-tui writes anything to disk.

A temp file in the same folder is written (and, for data, fsynced), then
``os.replace``d over the target, so a reader - or a process killed at any
instant - sees the old file or the new one, never half of one.  Used by the
workshop store, the listing index and the exports.
"""

from __future__ import annotations

import os
from pathlib import Path


def replace_file(path: Path, payload: bytes, *, tmp: Path | None = None, durable: bool = True) -> None:
    """Write ``payload`` to ``path`` atomically.

    ``tmp``: a fixed temp name, for callers holding ``path``'s lock - one left
    by a writer killed mid-save is replaced instead of piling up; without it a
    unique name is used.  ``durable``: fsync the data and the rename (a cache
    may skip it).  An existing file keeps its permission bits; a new one gets
    the umask's, as any new file would.
    """
    if tmp is None:
        tmp = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(3).hex()}.tmp"
    else:
        try:
            os.unlink(tmp)  # may belong to another user: unlink, never open it
        except FileNotFoundError:
            pass
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o777)
        except FileNotFoundError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
