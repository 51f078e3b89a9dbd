"""A file a user names (a Word or JSON import, a NIR list): read by one rule, refused in one set of words.

Such a file lies outside the data folder, wherever the user keeps it, so a
symlink to it is followed (unlike :mod:`.safe_fs`, whose files are the group's
and must not lead out of the folder).  Everything else is checked on the open
descriptor, so nothing swapped in after a check can slip through: opened
non-blocking (a FIFO never makes the read wait), a folder, FIFO or device is
refused, and no more than ``limit`` bytes are read, however the file grows.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .os_errors import os_reason
from .shorten import one_line

_O_USER = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class UserFileError(ValueError):
    """The file is not read; the message is one line in bokmål that names it ("rapport.docx: finnes ikke")."""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def read_user_file(path: Path, limit: int, *, name: str | None = None) -> bytes:
    """The whole file named by a user, if it is a regular file of at most ``limit`` bytes.

    ``name``: how the messages name it (the path as typed on a command line); its file name by default.
    """
    name = one_line(name or path.name or str(path), None)  # one line, never shortened: it must name the file
    try:
        fd = os.open(path, _O_USER)
    except FileNotFoundError:
        raise UserFileError(f"{name}: finnes ikke") from None
    except IsADirectoryError:
        raise UserFileError(f"{name}: er en mappe") from None
    except OSError as exc:
        raise UserFileError(f"{name}: kan ikke leses ({os_reason(exc)})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UserFileError(f"{name}: er en mappe")
        if not stat.S_ISREG(info.st_mode):
            raise UserFileError(f"{name}: er ikke en vanlig fil")
        too_big = f"{name}: er for stor ({{}}, høyst {_megabytes(limit)})"
        if info.st_size > limit:
            raise UserFileError(too_big.format(_megabytes(info.st_size)))
        chunks, total = [], 0
        while True:  # it may grow while we read: never past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UserFileError(too_big.format(f"over {_megabytes(limit)}"))
        return b"".join(chunks)
    except OSError as exc:
        raise UserFileError(f"{name}: kan ikke leses ({os_reason(exc)})") from None
    finally:
        os.close(fd)
