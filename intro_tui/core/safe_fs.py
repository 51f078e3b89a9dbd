"""Every file intro-tui reads or writes in a shared data folder goes through here.

The data folder is shared by a group (docs/ssh.md): any member can put a
symlink, a hard link, a FIFO or a huge file where we expect our own file.
Opening ``<id>.changes.jsonl`` with a plain ``O_APPEND|O_CREAT`` followed a
member's symlink into another member's ``~/.bashrc``; reading a workshop file
that was a symlink to ``/dev/zero`` or a FIFO hung or exhausted memory.  So:

* reads: ``O_NOFOLLOW|O_NONBLOCK``, regular files only, at most ``limit`` bytes;
* appends: ``O_NOFOLLOW``, regular files only, never through a hard link
  (``st_nlink == 1``);
* whole-file writes: a fresh temp file (``O_CREAT|O_EXCL``, which never
  follows a symlink) renamed over the target, and only over a regular file;
* our own sub-folders (``.locks``, ``.presence``, ``.deleted``): created if
  missing, refused if they are symlinks or not folders;
* locks: ``flock`` on a file opened without ``O_TRUNC`` and without following
  a symlink (``filelock`` opens with ``O_TRUNC`` and follows links).

A refusal is :class:`UnsafeFile`, an ``OSError`` whose ``strerror`` is one
Norwegian line naming the file, so callers that already report ``OSError``
report it too.  Only the last path component is protected against symlinks;
the folders on the way are checked with ``lstat`` just before use (the data
folder itself may be a symlink: the user chose it).
"""

from __future__ import annotations

import errno
import os
import re
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

#: Largest file we read.  A real workshop is ~70 KB and the biggest template ~200 KB.
MAX_FILE_BYTES = 16 * 1024 * 1024

#: The unique temp files :func:`replace` makes: ``.<name>.<pid>.<6 hex>.tmp`` (the fixed
#: ``.<name>.tmp`` of a locked writer is reused, so it never piles up).
TEMP_RE = re.compile(r"\..+\.\d+\.[0-9a-f]{6}\.tmp\Z", re.S)
#: A temp file older than this is left over from a killed process.
STALE_TEMP_SECONDS = 3600.0

_O_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_O_APPEND = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_O_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_O_LOCK = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


class UnsafeFile(OSError):
    """A file we refuse to touch (a symlink, a hard link, not a regular file, too big)."""

    def __init__(self, path: Path | str, reason: str):
        from .shorten import one_line

        super().__init__(errno.EPERM, reason, str(path))
        self.path = Path(path)
        self.reason = reason
        self.message = f"{one_line(self.path.name, 80)} {reason}"

    def __str__(self) -> str:
        return self.message


def _open(path: Path, flags: int, mode: int = 0o666) -> int:
    try:
        return os.open(path, flags, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP and os.path.islink(path):
            raise UnsafeFile(path, "er en symbolsk lenke; intro-tui følger ikke lenker i datamappen") from None
        raise


def _check_regular(path: Path, st: os.stat_result, *, single_link: bool) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFile(path, "er ikke en vanlig fil (en mappe, FIFO eller enhet); hoppet over")
    if single_link and st.st_nlink != 1:
        raise UnsafeFile(path, "har flere harde lenker; intro-tui skriver ikke gjennom dem")


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, if it is a regular file (not through a symlink) of at most ``limit`` bytes.

    ``FileNotFoundError`` passes through (callers treat "gone" apart).
    """
    path = Path(path)
    fd = _open(path, _O_READ)
    try:
        st = os.fstat(fd)
        _check_regular(path, st, single_link=False)
        if st.st_size > limit:
            raise UnsafeFile(path, _too_big(st.st_size, limit))
        chunks, total = [], 0
        while True:  # the size may grow while we read: never read past the limit
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise UnsafeFile(path, _too_big(total, limit))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _too_big(size: int, limit: int) -> str:
    return f"er for stor ({size / 1e6:.1f} MB, høyst {limit / 1e6:.1f} MB); hoppet over"


class Appender:
    """An append-only file opened safely now, written later (e.g. after a save, under the same lock)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.fd = _open(self.path, _O_APPEND)
        try:
            _check_regular(self.path, os.fstat(self.fd), single_link=True)
        except BaseException:
            os.close(self.fd)
            raise

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def __enter__(self) -> "Appender":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def append(path: Path, data: bytes) -> None:
    """Append ``data`` in one ``write`` (lines from several processes never interleave)."""
    with Appender(path) as out:
        out.write(data)


def replace(path: Path, payload: bytes, *, tmp: Path | None = None, durable: bool = True) -> None:
    """Write ``payload`` to ``path`` atomically: temp file, fsync, ``os.replace``.

    ``tmp``: a fixed temp name, for callers holding ``path``'s lock - one left
    by a writer killed mid-save is replaced instead of piling up; without it a
    unique name is used (see :func:`sweep_temps`).  ``durable``: fsync the data
    and the rename.  Refuses to replace anything but a regular file.  An
    existing file keeps its permission bits; a new one gets the umask's.
    """
    path = Path(path)
    try:
        old = os.lstat(path)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        what = "en symbolsk lenke" if stat.S_ISLNK(old.st_mode) else "ikke en vanlig fil"
        raise UnsafeFile(path, f"er {what}; intro-tui erstatter den ikke")
    if tmp is None:
        tmp = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(3).hex()}.tmp"
    else:
        try:
            os.unlink(tmp)  # may belong to another user: unlink, never open it
        except FileNotFoundError:
            pass
    fd = _open(tmp, _O_NEW)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if old is not None:
            os.chmod(tmp, old.st_mode & 0o777)
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


def own_dir(path: Path) -> Path:
    """Our sub-folder of the data folder, created if missing; refused if it is a symlink or a file."""
    path = Path(path)
    try:
        os.mkdir(path)
    except FileExistsError:
        pass
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        what = "en symbolsk lenke" if stat.S_ISLNK(st.st_mode) else "ikke en mappe"
        raise UnsafeFile(path, f"er {what}; intro-tui bruker den ikke")
    return path


@contextmanager
def locked(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing); ``TimeoutError`` after ``timeout`` s."""
    import fcntl

    fd = _open(Path(path), _O_LOCK)
    try:
        _check_regular(Path(path), os.fstat(fd), single_link=False)
        deadline = time.monotonic() + timeout
        delay = 0.001
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise TimeoutError(path) from None
                time.sleep(delay)
                delay = min(delay * 2, 0.01)  # short: a waiter polling slowly loses every race to the others
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def sweep_temps(folder: Path, names: list[str] | None = None, max_age: float = STALE_TEMP_SECONDS) -> int:
    """Remove our own temp files older than ``max_age`` (left by killed writers); how many went.

    ``names``: the folder's entries if the caller listed it already.
    """
    folder = Path(folder)
    if names is None:
        try:
            names = os.listdir(folder)
        except OSError:
            return 0
    removed = 0
    cutoff = time.time() - max_age
    for name in names:
        if not TEMP_RE.fullmatch(name):
            continue
        try:
            if os.lstat(folder / name).st_mtime < cutoff:
                os.unlink(folder / name)
                removed += 1
        except OSError:
            continue
    return removed


class BadFile(ValueError):
    """A file that cannot be used as JSON; the message says why, in Norwegian (the caller adds the name)."""


def read_json(path: Path, limit: int = MAX_FILE_BYTES):
    """Read and parse a JSON file, turning every way it can fail into :class:`BadFile`.

    Bounded in time and memory whatever the file is: a FIFO, a device or a
    symlink is refused without being opened for long, a file over ``limit`` is
    not read, an integer of more than 4,300 digits (``ValueError``), nesting
    deeper than the interpreter's stack (``RecursionError``) and ``NaN`` /
    ``1e999`` are refused.  ``FileNotFoundError`` passes through.
    """
    try:
        raw = read_bytes(path, limit)
    except FileNotFoundError:
        raise
    except UnsafeFile as exc:
        raise BadFile(exc.reason) from None
    except OSError as exc:
        from .os_errors import os_reason

        raise BadFile(f"{CANNOT_READ}{os_reason(exc)})") from None
    return parse_json(raw)


#: How :func:`read_json` words a file that cannot be opened (the list index does not cache these).
CANNOT_READ = "kan ikke leses ("


def parse_json(raw: bytes):
    """``json.loads`` for hostile input: every failure is a :class:`BadFile` with a Norwegian reason."""
    import json

    if not raw.strip():
        raise BadFile("filen er tom")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BadFile("filen er ikke UTF-8-tekst") from None
    try:
        return json.loads(text, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise BadFile(f"ugyldig JSON på linje {exc.lineno}, kolonne {exc.colno} ({exc.msg})") from None
    except RecursionError:
        raise BadFile("ugyldig JSON (for dypt nøstet)") from None
    except ValueError as exc:  # int() refuses > 4,300 digits; our hooks refuse NaN and 1e999
        raise BadFile(f"ugyldig JSON ({'et tall med for mange sifre' if 'digits' in str(exc) else exc})") from None


def _no_constant(name: str):
    raise ValueError(f"{name} er ikke et tall")


def _finite(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError(f"tallet {text[:20]} er for stort")
    return number
