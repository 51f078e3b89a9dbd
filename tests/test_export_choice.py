"""Which file ``intro-tui export`` and ``intro-tui log`` write: the format follows -o's ending.

``export ID -o steg4.docx`` once wrote JSON into a .docx; a plain ``export ID``
now makes the Word handout the product exists for, and options a format would
ignore are refused instead of silently dropped.
"""

from __future__ import annotations

import json
import zipfile

import pytest

from conftest import fails, last_line


@pytest.fixture
def wid(run_cli) -> str:
    wid = last_line(run_cli("new", "arbeidsrettet-lop", "--title", "Format"))
    last_line(run_cli("set", wid, "1.3", "1", "5", "annenhver uke"))
    return wid


def is_word(path) -> bool:
    return zipfile.is_zipfile(path) and "word/document.xml" in zipfile.ZipFile(path).namelist()


def test_the_ending_of_o_chooses_the_format(run_cli, wid, tmp_path):
    assert last_line(run_cli("export", wid, "-o", "steg4.docx", "--step", "4")).endswith("steg4.docx")
    assert is_word(tmp_path / "steg4.docx")
    last_line(run_cli("export", wid, "-o", "notat.MD"))
    assert (tmp_path / "notat.MD").read_text(encoding="utf-8").startswith("#")
    last_line(run_cli("export", wid, "-o", "kopi.json"))
    assert json.loads((tmp_path / "kopi.json").read_text(encoding="utf-8"))["title"] == "Format"


def test_a_plain_export_is_word(run_cli, wid, tmp_path):
    path = tmp_path / last_line(run_cli("export", wid))
    assert path.name == f"{wid}.docx" and is_word(path)
    (tmp_path / "ut").mkdir()
    assert is_word(tmp_path / last_line(run_cli("export", wid, "-o", "ut")))  # a folder: the default name, Word


def test_the_default_is_shown_in_help(run_cli):
    text = " ".join(run_cli("export", "--help").stdout.split())
    assert "standard: docx" in text


@pytest.mark.parametrize("args, words", [
    (["--format", "md", "-o", "x.docx"], ["x.docx", "md", "docx"]),
    (["--format", "docx", "-o", "x.json"], ["x.json", "docx", "json"]),
    (["-o", "x.pdf"], [".pdf", "--format"]),
    (["--format", "json", "--blank"], ["--blank", "json"]),
    (["--format", "json", "--step", "4"], ["--step", "json"]),
    (["-o", "alt.json", "--section", "4.1"], ["--section", "json"]),
])
def test_a_contradiction_is_refused_and_nothing_written(run_cli, wid, tmp_path, args, words):
    before = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    message = fails(run_cli("export", wid, *args))
    for word in words:
        assert word in message, message
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == before


def test_explicit_format_with_another_ending_is_allowed(run_cli, wid, tmp_path):
    last_line(run_cli("export", wid, "--format", "md", "-o", "notat.txt"))
    assert (tmp_path / "notat.txt").read_text(encoding="utf-8").startswith("#")


def test_the_change_log_follows_the_ending_too(run_cli, wid, tmp_path):
    last_line(run_cli("log", wid, "-o", "logg.csv"))
    assert (tmp_path / "logg.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # CSV for Excel, not JSON lines
    last_line(run_cli("log", wid, "-o", "logg.jsonl"))
    assert json.loads((tmp_path / "logg.jsonl").read_text(encoding="utf-8").splitlines()[0])["op"] == "create"
    assert "csv" in fails(run_cli("log", wid, "--format", "jsonl", "-o", "x.csv"))
