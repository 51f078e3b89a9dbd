"""Issue 22 point 5: the files a user names (Word import, JSON import, NIR list) are read by one rule.

Each reader had its own ladder of checks (a stat then an open, which a FIFO
swapped in between made wait for ever; English ``strerror`` in one of them;
a symlink to the user's own file refused by one and followed by another).
Now each refuses the same files in the same words, and follows a link the
user made to a file of theirs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from intro_tui.core import nir_file
from intro_tui.core.user_file import UserFileError, read_user_file
from intro_tui.export.docx_reader import container


def _readers(limit: int, monkeypatch) -> dict:
    monkeypatch.setattr(container, "MAX_FILE_BYTES", limit)
    monkeypatch.setattr(nir_file, "MAX_BYTES", limit)
    return {"helper": lambda path: read_user_file(path, limit),
            "docx": container.read_docx_bytes,
            "nir": lambda path: nir_file.read_text(path).encode("utf-8")}


def _refusal(read, path: Path) -> str:
    with pytest.raises(ValueError) as refused:
        read(path)
    return str(refused.value)


@pytest.mark.parametrize("case, words", [("missing", "finnes ikke"), ("folder", "er en mappe"),
                                         ("fifo", "er ikke en vanlig fil"), ("big", "er for stor (")])
def test_every_reader_refuses_alike(tmp_path, monkeypatch, case, words):
    path = tmp_path / "liste.csv"
    if case == "folder":
        path.mkdir()
    elif case == "fifo":
        os.mkfifo(path)  # opening it to read in blocking mode would wait for ever
    elif case == "big":
        path.write_bytes(b"x" * 5000)
    messages = {name: _refusal(read, path) for name, read in _readers(1000, monkeypatch).items()}
    assert set(messages.values()) == {messages["helper"]}, messages
    assert messages["helper"].startswith("liste.csv: ") and words in messages["helper"]


def test_a_link_the_user_made_to_a_file_of_theirs_is_followed(tmp_path, monkeypatch):
    real = tmp_path / "nedlastinger" / "liste.csv"
    real.parent.mkdir()
    real.write_bytes(b"status;begrunnelse\n")
    link = tmp_path / "liste.csv"
    link.symlink_to(real)
    for name, read in _readers(1000, monkeypatch).items():
        assert read(link) == b"status;begrunnelse\n", name


def test_the_helper_refusal_is_a_value_error_with_one_line():
    with pytest.raises(UserFileError) as refused:
        read_user_file(Path("/nowhere/at\nall.json"), 10)
    assert "\n" not in str(refused.value)
