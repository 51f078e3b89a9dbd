"""Folders of ours reached through file descriptors: no component may be a symlink.

The additions to :mod:`intro_tui.core.safe_fs` for folders inside the data
folder that a group member can swap for a symlink between a check and a use
(``.presence/<id>``: issue 16 point 5).  :func:`open_dir_at` opens each
component with ``O_NOFOLLOW`` relative to the one before; reads and writes then
go through the descriptor, with the same rules as :mod:`safe_fs` (regular
files only, bounded, a fresh temp file renamed over the target).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .safe_fs import O_NEW, O_READ, UnsafeFile, read_open, temp_name

_O_DIR = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


def open_dir_at(base: Path, parts: tuple[str, ...], *, create: bool = False) -> int:
    """A descriptor of ``base/parts[0]/parts[1]/…``, none of ``parts`` a symlink (``base`` may be one).

    Checking a path with ``lstat`` and then using it leaves a window in which a
    member swaps a folder for a symlink; opening each component with
    ``O_NOFOLLOW`` relative to the one before closes it.  Reads and writes then
    go through the descriptor (:func:`read_bytes_at`, :func:`replace_at`).
    ``create``: make missing components.  The caller closes the descriptor.
    """
    fd = os.open(base, os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_CLOEXEC", 0))
    try:
        for depth, part in enumerate(parts):
            if create:
                try:
                    os.mkdir(part, dir_fd=fd)
                except FileExistsError:
                    pass
            try:
                inner = os.open(part, _O_DIR, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise UnsafeFile(Path(base, *parts[: depth + 1]),
                                     "er en symbolsk lenke eller ikke en mappe; intro-tui bruker den ikke") from None
                raise
            os.close(fd)
            fd = inner
        return fd
    except BaseException:
        os.close(fd)
        raise


def read_bytes_at(dir_fd: int, name: str, limit: int) -> bytes:
    """:func:`read_bytes` of the entry ``name`` of an open folder (not through a symlink, regular, bounded)."""
    fd = os.open(name, O_READ, dir_fd=dir_fd)
    try:
        return read_open(fd, Path(name), limit)
    finally:
        os.close(fd)


def replace_at(dir_fd: int, name: str, payload: bytes) -> None:
    """:func:`replace` (not durable) of the entry ``name`` of an open folder: only a regular file is replaced."""
    try:
        old = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise UnsafeFile(Path(name), "er ikke en vanlig fil; intro-tui erstatter den ikke")
    tmp = temp_name(name)
    fd = os.open(tmp, O_NEW, 0o666, dir_fd=dir_fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.replace(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=dir_fd)
        except OSError:
            pass
        raise
