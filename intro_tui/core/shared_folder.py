"""Modes and owners in a shared (setgid) data folder.

docs/ssh.md sets the data folder up ``chmod 2770`` for a group; what one
member creates there must stay writable by the others whatever that member's
umask, and a write refused must name the file and its owner.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


def shared_bits(folder: Path) -> int:
    """The group bits new entries of ``folder`` get: the folder's own, when it is a setgid (shared) folder.

    docs/ssh.md sets the data folder up ``chmod 2770`` for a group.  A member
    whose umask is 022 or 077 used to create workshops, logs, locks and
    folders that the others could not write: every other member was locked
    out.  So in a setgid folder a new entry's group bits mirror the folder's,
    whatever the umask (files never get the execute bit).
    """
    try:
        st = os.stat(folder)
    except OSError:
        return 0
    return st.st_mode & 0o070 if st.st_mode & stat.S_ISGID else 0


def share(fd: int, folder: Path, *, directory: bool = False) -> None:
    """Give our new entry (open as ``fd``) in ``folder`` the group bits of a shared folder (see :func:`shared_bits`)."""
    bits = shared_bits(folder)
    if not directory:
        bits &= 0o060
    if not bits:
        return
    st = os.fstat(fd)
    if st.st_uid != os.geteuid() or st.st_mode & bits == bits:
        return
    try:
        os.fchmod(fd, stat.S_IMODE(st.st_mode) | bits)
    except OSError:
        pass  # not ours to change after all: the others' error message names the owner


def owner_of(path: Path) -> str:
    """The user name owning ``path`` (its number if it has no name), "" if it cannot be seen."""
    try:
        uid = os.lstat(path).st_uid
    except OSError:
        return ""
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (KeyError, ImportError):
        return str(uid)


def held(st: os.stat_result) -> bool:
    """Whether any process holds a lock on this file (Linux ``/proc/locks``; elsewhere: assume so)."""
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return True
    device = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"
    return any(device in line.split() for line in text.splitlines())


def unlink_quietly(path: Path) -> bool:
    try:
        os.unlink(path)
    except OSError:
        return False
    return True
