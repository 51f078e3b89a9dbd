"""Operating-system errors reach the user in bokmål, never as the C library's English."""

from __future__ import annotations

import errno
import os

import pytest

from intro_tui.core.os_errors import os_reason

ENGLISH = ("File exists", "No such file", "Not a directory", "Permission denied", "Is a directory",
           "No space left", "Read-only file system", "Errno")


@pytest.mark.parametrize("number, words", [
    (errno.EEXIST, "finnes fra før"), (errno.ENOENT, "finnes ikke"), (errno.ENOTDIR, "ikke en mappe"),
    (errno.EISDIR, "er en mappe"), (errno.EACCES, "ingen tilgang"), (errno.ENOSPC, "disken er full"),
    (errno.EROFS, "skrivebeskyttet"), (errno.ELOOP, "symbolske lenker"),
])
def test_common_errors_in_bokmal(number, words):
    exc = OSError(number, os.strerror(number), "/some/path")
    assert words in os_reason(exc)
    assert "/some/path" not in os_reason(exc)


def test_an_unlisted_errno_is_named_not_told_in_english():
    exc = OSError(errno.ECONNRESET, os.strerror(errno.ECONNRESET))
    assert os_reason(exc) == "systemfeil ECONNRESET"
    assert os_reason(OSError("no errno")) == "systemfeil"


def _fails(result) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_cli_write_and_read_errors_are_norwegian(run_cli, tmp_path):
    wid = run_cli("new", "arbeidsrettet-lop", "--title", "Ord").stdout.split()[-1]
    (tmp_path / "blocker").write_text("a file where a folder is expected", encoding="utf-8")
    for args, words in (
        (["log", wid, "--format", "csv", "-o", "blocker/logg.csv"], "ikke en mappe"),
        (["export", wid, "--format", "md", "-o", "blocker/x.md"], "ikke en mappe"),
        (["import", "blocker/x.json"], "ikke en mappe"),
    ):
        message = _fails(run_cli(*args))
        assert words in message, message
        assert not any(english in message for english in ENGLISH), message
