"""Where an export (or ``log -o``) may be written, and writing it there.

``export -o`` and ``log -o`` used to replace whatever they were given: a
workshop file of the data folder (``-o data/``), another workshop
(``log ws -o data/other.json``), a lock file, a device node (as root, a copy
of ``/dev/null`` became a regular file).  The rules now:

* never into the data folder (nor below it): exports are not data;
* never over anything that is not a regular file (a folder, a symlink, a
  FIFO, a device) - :func:`intro_tui.core.safe_fs.replace` refuses those;
* never over an existing file unless asked (``--force`` in the CLI; the app
  asks first);
* ``-o -`` writes to standard output.

Every refusal and every failed write is an :class:`ExportFailed` whose message
is one Norwegian line ("kunne ikke skrive /x/y.md: mappen finnes ikke").
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core.os_errors import os_message
from ..core.safe_fs import replace, sweep_temps
from ..core.shorten import one_line
from ..core.store.errors import StoreError

STDOUT = "-"


class ExportFailed(StoreError):
    """An export that was not written; nothing at the destination changed."""


class ExportExists(ExportFailed):
    """The destination is a file already; ``path`` is it (the app asks, then exports with ``force``)."""

    def __init__(self, message: str, path: Path):
        super().__init__(message)
        self.path = path


def expand(output: str) -> Path:
    """``-o`` as a path (``~`` expanded); an unknown ``~user`` is an :class:`ExportFailed`."""
    try:
        return Path(output).expanduser()
    except RuntimeError:  # "~nosuchuser/x": Python cannot find that home folder
        raise ExportFailed(f"fant ikke hjemmemappen i «{one_line(output, 80)}»") from None


def is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a symlink loop or a path too long: not a folder we can use
        return False


def check(path: Path, *, data_dir: Path | None, force: bool) -> None:
    """Refuse a destination inside the data folder, a non-regular file, or (without ``force``) an existing file."""
    shown = one_line(str(path), 200)
    if data_dir is not None and _inside(path, data_dir):
        raise ExportFailed(f"{shown} ligger i datamappen; velg en annen mappe for eksporten")
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportFailed(os_message(exc, writing=True)) from None
    import stat

    if not stat.S_ISREG(st.st_mode):
        what = "en symbolsk lenke" if stat.S_ISLNK(st.st_mode) else "en mappe" if stat.S_ISDIR(st.st_mode) else "ikke en vanlig fil"
        raise ExportFailed(f"{shown} er {what}; eksporten erstatter bare vanlige filer")
    if not force:
        raise ExportExists(f"{shown} finnes fra før; bruk --force for å erstatte den", path)


def _inside(path: Path, data_dir: Path) -> bool:
    try:
        target = os.path.realpath(path.parent)
        data = os.path.realpath(data_dir)
        return os.path.commonpath([target, data]) == data
    except (OSError, ValueError):
        return False


def write(path: Path, payload: bytes, *, data_dir: Path | None, force: bool) -> None:
    """Check the destination (:func:`check`), make its folder, write ``payload`` whole, or raise :class:`ExportFailed`."""
    check(path, data_dir=data_dir, force=force)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_temps(path.parent)  # temp files of exports killed mid-write, after an hour
        replace(path, payload)
    except OSError as exc:
        exc.filename = str(path)  # name the file the user asked for, not our temp file
        raise ExportFailed(os_message(exc, writing=True)) from None


def to_stdout(payload: bytes) -> None:
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(payload.decode("utf-8", "replace"))
    else:
        sys.stdout.flush()
        out.write(payload)
        out.flush()
