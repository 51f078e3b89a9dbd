"""Issue 22 point 5: ``safe_dir`` reads and writes by ``safe_fs``'s public rules, not its private helpers.

One rule in one place: a read inside an open folder is the same bounded,
regular-files-only read as one by path (``safe_fs.read_open``), and a temp
file gets the one name :func:`safe_fs.sweep_temps` knows.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from intro_tui.core import safe_dir, safe_fs


def test_safe_dir_imports_no_private_name_of_safe_fs():
    tree = ast.parse(Path(safe_dir.__file__).read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module in ("safe_fs", "intro_tui.core.safe_fs") for alias in node.names]
    assert imported, "safe_dir builds on safe_fs"
    assert not [name for name in imported if name.startswith("_")], imported


def test_a_read_in_an_open_folder_keeps_the_rules_of_a_read_by_path(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "big.json").write_bytes(b"x" * 2000)
    (tmp_path / "sub" / "ok.json").write_bytes(b"{}")
    os.mkfifo(tmp_path / "sub" / "fifo")
    os.symlink(tmp_path / "sub" / "ok.json", tmp_path / "sub" / "link.json")
    fd = safe_dir.open_dir_at(tmp_path, ("sub",))
    try:
        assert safe_dir.read_bytes_at(fd, "ok.json", 100) == b"{}"
        with pytest.raises(safe_fs.UnsafeFile) as big:
            safe_dir.read_bytes_at(fd, "big.json", 1000)
        with pytest.raises(safe_fs.UnsafeFile) as by_path:
            safe_fs.read_bytes(tmp_path / "sub" / "big.json", 1000)
        assert big.value.reason == by_path.value.reason  # the same words
        with pytest.raises(safe_fs.UnsafeFile):  # a FIFO is refused, never waited on
            safe_dir.read_bytes_at(fd, "fifo", 100)
        with pytest.raises(OSError):  # never through a symlink
            safe_dir.read_bytes_at(fd, "link.json", 100)
        safe_dir.replace_at(fd, "new.json", b"[]")
    finally:
        os.close(fd)
    assert (tmp_path / "sub" / "new.json").read_bytes() == b"[]"
    assert not [p for p in (tmp_path / "sub").iterdir() if safe_fs.TEMP_RE.match(p.name)]
    assert safe_fs.TEMP_RE.match(safe_fs.temp_name("new.json"))
