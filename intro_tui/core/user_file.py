"""A file a user names (a Word or JSON import, a NIR list): read by one rule, refused in one set of words.

Such a file lies outside the data folder, wherever the user keeps it, so a
symlink to it is followed (unlike :mod:`.safe_fs`, whose files are the group's
and must not lead out of the folder).  Everything else is checked on the open
descriptor, so nothing swapped in after a check can slip through: opened
non-blocking (a FIFO never makes the read wait), a folder, FIFO or device is
refused, and no more than ``limit`` bytes are read, however the file grows
(:func:`.safe_fs.read_bounded`, the one bounded read loop).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .os_errors import os_reason
from .safe_fs import TooBig, read_bounded
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
        try:
            return read_bounded(fd, info.st_size, limit)
        except TooBig as exc:
            size = f"over {_megabytes(limit)}" if exc.grew else _megabytes(exc.size)
            raise UserFileError(f"{name}: er for stor ({size}, høyst {_megabytes(limit)})") from None
    except OSError as exc:
        raise UserFileError(f"{name}: kan ikke leses ({os_reason(exc)})") from None
    finally:
        os.close(fd)
