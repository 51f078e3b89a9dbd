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

from .json_parse import BadFile, parse_json
from .shared_folder import held, owner_of, share, shared_bits, unlink_quietly

__all__ = ["BadFile", "owner_of", "parse_json", "share", "shared_bits"]  # re-exported: callers use safe_fs

#: Largest file we read.  A real workshop is ~70 KB and the biggest template ~200 KB.
MAX_FILE_BYTES = 16 * 1024 * 1024

#: The unique temp files :func:`replace` makes: ``.<name>.<pid>.<6 hex>.tmp`` (the fixed
#: ``.<name>.tmp`` of a locked writer is reused, so it never piles up).
TEMP_RE = re.compile(r"\..+\.\d+\.[0-9a-f]{6}\.tmp\Z", re.S)
#: The fixed temp file of a locked workshop writer (``.<id>.json.tmp``): one a writer
#: killed mid-save left is reused by the next save of that workshop, but a killed
#: create (``.kopi-….json.tmp``) has no next save, so old ones are swept too.
LOCKED_TEMP_RE = re.compile(r"\.[a-z0-9][a-z0-9-]{0,59}\.json\.tmp\Z")
#: A temp file older than this is left over from a killed process.
STALE_TEMP_SECONDS = 3600.0

#: Flags to open a file of ours: to read (never through a symlink, never blocking on a FIFO) or a new one to write.
O_READ = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
_O_APPEND = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
O_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
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


def check_regular(path: Path, st: os.stat_result, *, single_link: bool) -> None:
    """Refuse anything but a regular file (and, to write through, one with a single hard link)."""
    if not stat.S_ISREG(st.st_mode):
        raise UnsafeFile(path, "er ikke en vanlig fil (en mappe, FIFO eller enhet); hoppet over")
    if single_link and st.st_nlink != 1:
        raise UnsafeFile(path, "har flere harde lenker; intro-tui skriver ikke gjennom dem")


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The whole file, if it is a regular file (not through a symlink) of at most ``limit`` bytes.

    ``FileNotFoundError`` passes through (callers treat "gone" apart).
    """
    path = Path(path)
    fd = _open(path, O_READ)
    try:
        return read_open(fd, path, limit)
    finally:
        os.close(fd)


def read_open(fd: int, path: Path, limit: int) -> bytes:
    """The whole of a file opened with :data:`O_READ` (the caller closes ``fd``): a regular file, bounded.

    The one rule for every read of ours, by path (:func:`read_bytes`) or inside
    an open folder (``safe_dir.read_bytes_at``): ``path`` only names it in the message.
    """
    st = os.fstat(fd)
    check_regular(path, st, single_link=False)
    try:
        return read_bounded(fd, st.st_size, limit)
    except TooBig as exc:
        raise UnsafeFile(path, _too_big(exc.size, limit)) from None


class TooBig(Exception):
    """A file over its read limit: ``size`` is its stated size, or the bytes read once it grew past the limit."""

    def __init__(self, size: int, grew: bool):
        super().__init__(size)
        self.size, self.grew = size, grew


def read_bounded(fd: int, size: int, limit: int) -> bytes:
    """Read an open file (``size``: what fstat said) to its end, never more than ``limit`` bytes: else :class:`TooBig`.

    The one bounded read loop, for the group's files and a user's own (:mod:`.user_file`): a file may grow.
    """
    if size > limit:
        raise TooBig(size, grew=False)
    chunks, total = [], 0
    while True:
        chunk = os.read(fd, min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise TooBig(total, grew=True)
    return b"".join(chunks)


def _too_big(size: int, limit: int) -> str:
    return f"er for stor ({size / 1e6:.1f} MB, høyst {limit / 1e6:.1f} MB); hoppet over"


def temp_name(name: str) -> str:
    """A unique temp file name beside ``name`` (matches :data:`TEMP_RE`, so :func:`sweep_temps` finds it)."""
    return f".{name}.{os.getpid()}.{os.urandom(3).hex()}.tmp"


class Appender:
    """An append-only file opened safely now, written later (e.g. after a save, under the same lock)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.fd = _open(self.path, _O_APPEND)
        try:
            check_regular(self.path, os.fstat(self.fd), single_link=True)
            share(self.fd, self.path.parent)
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
    existing file keeps its permission bits; a new one gets the umask's, and in a
    shared (setgid) folder the folder's group bits too (:func:`shared_bits`).
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
        tmp = path.parent / temp_name(path.name)
    else:
        try:
            os.unlink(tmp)  # may belong to another user: unlink, never open it
        except FileNotFoundError:
            pass
    fd = _open(tmp, O_NEW)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        bits = shared_bits(path.parent) & 0o060  # a shared folder: group read/write whatever the umask
        mode = (old.st_mode & 0o777) if old is not None else stat.S_IMODE(os.lstat(tmp).st_mode)
        if old is not None or mode & bits != bits:
            os.chmod(tmp, mode | bits)
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

def make_dir(path: Path) -> None:
    """``mkdir`` a new folder (``FileExistsError`` if anything is there), group-writable in a shared folder."""
    path = Path(path)
    os.mkdir(path)
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        share(fd, path.parent, directory=True)
    finally:
        os.close(fd)


def own_dir(path: Path) -> Path:
    """Our sub-folder of the data folder, created if missing; refused if it is a symlink or a file."""
    path = Path(path)
    try:
        make_dir(path)
    except FileExistsError:
        pass
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        what = "en symbolsk lenke" if stat.S_ISLNK(st.st_mode) else "ikke en mappe"
        raise UnsafeFile(path, f"er {what}; intro-tui bruker den ikke")
    return path


@contextmanager
def locked(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive ``flock`` on ``path`` (created if missing); ``TimeoutError`` after ``timeout`` s.

    The lock counts only if ``path`` still names the file locked: a lock file
    replaced meanwhile (:func:`_lock_fd` replaces an unreadable one) is let go
    and the new one taken, so two processes never hold "the" lock on two files.
    """
    import fcntl

    path = Path(path)
    deadline = time.monotonic() + timeout
    while True:
        fd = _lock_fd(path)
        try:
            check_regular(path, os.fstat(fd), single_link=False)
            share(fd, path.parent)
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
                current = os.lstat(path).st_ino
            except FileNotFoundError:
                current = -1
            if current != os.fstat(fd).st_ino:  # replaced while we waited: lock the file that is there now
                fcntl.flock(fd, fcntl.LOCK_UN)
                continue
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
            return
        finally:
            os.close(fd)


def _lock_fd(path: Path) -> int:
    """The lock file, opened for ``flock``; one another member made unreadable (0600) is replaced if no one holds it.

    A lock file is only a name to ``flock``: its content is nothing.  A member
    with umask 077 (or a planted 0600 file) once blocked the workshop for
    everyone else for good, with "the folder is read-only".  Such a file is
    removed and made anew - unless a process holds a lock on it right now
    (``/proc/locks``), then the message names the file and its owner.
    """
    try:
        return _open(path, _O_LOCK)
    except PermissionError:
        pass
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return _open(path, _O_LOCK)
    if stat.S_ISREG(st.st_mode) and not held(st) and _same_file(path, st):
        unlink_quietly(path)
    try:  # made anew by us, or by another process this instant (:func:`locked` checks which file it got)
        return _open(path, _O_LOCK)
    except PermissionError:
        raise UnsafeFile(path, f"tilhører {owner_of(path) or 'en annen'} og kan ikke åpnes av deg "
                               f"(rettigheter {stat.S_IMODE(st.st_mode):04o}); be eieren slette den") from None


def _same_file(path: Path, st: os.stat_result) -> bool:
    try:
        return os.lstat(path).st_ino == st.st_ino
    except OSError:
        return False


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
        if not (TEMP_RE.fullmatch(name) or LOCKED_TEMP_RE.fullmatch(name)):
            continue
        try:
            if os.lstat(folder / name).st_mtime < cutoff:
                os.unlink(folder / name)
                removed += 1
        except OSError:
            continue
    return removed

def read_json(path: Path, limit: int = MAX_FILE_BYTES, *, unique_keys: bool = False):
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
    return parse_json(raw, unique_keys=unique_keys)


#: How :func:`read_json` words a file that cannot be opened (the list index does not cache these).
CANNOT_READ = "kan ikke leses ("
