"""Odd arguments and hostile documents for the real CLI (issue 10, points 7-16).

Every case runs ``intro-tui`` in a subprocess on real files: a refusal is one
Norwegian line and exit code 2, nothing is overwritten, nothing hangs.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import cli_env, fails
from intro_tui.core.store import changelog
from test_hostile_files import TIMEOUT, make, no_traceback

# -- 7. export -o and log -o -------------------------------------------------------------------


def test_export_never_writes_into_the_data_folder(store, data_dir, run_cli):
    wid = make(store)
    other = make(store, "Annet")
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    fails(run_cli("export", wid, "-o", str(data_dir), timeout=TIMEOUT), "datamappen")
    fails(run_cli("export", wid, "-o", str(data_dir / f"{other}.json"), "--force", timeout=TIMEOUT),
                  "datamappen")
    fails(run_cli("log", wid, "--format", "jsonl", "-o", str(data_dir / f"{other}.json"), "--force", timeout=TIMEOUT), "datamappen")
    env = {**cli_env(), "INTRO_TUI_EXPORTS": str(data_dir)}
    fails(run_cli("export", wid, env=env, timeout=TIMEOUT), "datamappen")
    assert {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()} == before


def test_export_replaces_an_existing_file_only_with_force(store, run_cli, tmp_path):
    wid = make(store)
    out = tmp_path / "min.md"
    out.write_text("mitt eget notat", encoding="utf-8")
    fails(run_cli("export", wid, "--format", "md", "-o", str(out), timeout=TIMEOUT), "finnes fra før", "--force")
    fails(run_cli("log", wid, "--format", "jsonl", "-o", str(out), timeout=TIMEOUT), "finnes fra før")
    assert out.read_text(encoding="utf-8") == "mitt eget notat"
    result = run_cli("export", wid, "--format", "md", "-o", str(out), "--force", timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("#")


def test_export_never_replaces_a_device_a_link_or_a_folder(store, run_cli, tmp_path):
    wid = make(store)
    link = tmp_path / "lenke.md"
    link.symlink_to(tmp_path / "mål.md")
    fails(run_cli("export", wid, "--format", "md", "-o", "/dev/null", "--force", timeout=TIMEOUT),
                  "/dev/null", "ikke en vanlig fil")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fails(run_cli("log", wid, "--format", "jsonl", "-o", "/dev/null", "--force", timeout=TIMEOUT), "ikke en vanlig fil")
    fails(run_cli("export", wid, "--format", "md", "-o", str(link), "--force", timeout=TIMEOUT), "symbolsk lenke")
    assert not (tmp_path / "mål.md").exists()


def test_dash_means_standard_output(store, run_cli, tmp_path):
    wid = make(store, "Til skjermen")
    result = run_cli("export", wid, "--format", "md", "-o", "-", timeout=TIMEOUT)
    assert result.returncode == 0 and "Til skjermen" in result.stdout
    assert not (tmp_path / "-").exists()
    result = run_cli("log", wid, "-o", "-", timeout=TIMEOUT)
    assert result.returncode == 0 and '"op": "create"' in result.stdout


def test_export_errors_are_norwegian_and_their_own(store, run_cli):
    wid = make(store)
    line = fails(run_cli("export", wid, "--format", "md", "-o", "/proc/sys/nope/x.md", timeout=TIMEOUT),
                         "kunne ikke skrive /proc/sys/nope/x.md")
    assert "endringen ble ikke lagret" not in line and "No such" not in line and "ermission" not in line


# -- 8. odd arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["²", "①", "٣", "9" * 5000, "-1", "0"])
def test_odd_row_and_column_numbers_are_one_line(store, run_cli, spec):
    wid = make(store)
    fails(run_cli("set", wid, "1.3", spec, "1", "x", timeout=TIMEOUT))
    fails(run_cli("set", wid, "1.3", "1", spec, "x", timeout=TIMEOUT))


def test_an_unknown_home_folder_in_o_is_one_line(store, run_cli):
    wid = make(store)
    fails(run_cli("export", wid, "-o", "~nosuchuser/x", timeout=TIMEOUT), "~nosuchuser")
    fails(run_cli("log", wid, "-o", "~nosuchuser/x", timeout=TIMEOUT), "~nosuchuser")


def test_a_data_folder_that_is_a_symlink_loop_or_too_deep(tmp_path, cli_runner):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    deep = tmp_path / "deep"
    os.makedirs(deep, exist_ok=True)
    fd = os.open(deep, os.O_RDONLY)
    try:  # 4,000 levels: longer than PATH_MAX, made relative to each level
        for _ in range(4000):
            os.mkdir("d", dir_fd=fd)
            new = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
    finally:
        os.close(fd)
    too_deep = deep / "/".join(["d"] * 4000)
    try:
        _run_everything_on(cli_runner, tmp_path, loop, too_deep)
    finally:
        _remove_deep(deep, 4000)  # pytest's own cleanup recurses and would fail on it


def _remove_deep(deep: Path, levels: int) -> None:
    fds = [os.open(deep, os.O_RDONLY)]
    for _ in range(levels - 1):
        fds.append(os.open("d", os.O_RDONLY, dir_fd=fds[-1]))
    for _ in range(levels):
        fd = fds.pop()
        os.rmdir("d", dir_fd=fd)
        os.close(fd)


def _run_everything_on(cli_runner, tmp_path: Path, loop: Path, too_deep: Path) -> None:
    for folder in (loop, too_deep):
        for command in (("list",), ("templates",), ("show", "x"), ("new", "arbeidsrettet-lop", "--title", "T"),
                        ("import", str(tmp_path / "nope.json"))):
            result = cli_runner(folder, tmp_path, *command, timeout=TIMEOUT)
            assert "Traceback" not in result.stderr, (folder.name, command, result.stderr[-800:])
            assert result.returncode in (0, 2), (command, result.stderr[-400:])
            assert len(result.stderr.strip().splitlines()) <= 1, result.stderr[-800:]
    # and the app start says one line too (before it even needs a terminal)
    result = cli_runner(loop, tmp_path, timeout=TIMEOUT)
    fails(result, "symbolske lenker")


# -- 9. hostile import documents ------------------------------------------------------------------


@pytest.fixture
def exported(store, run_cli, tmp_path) -> dict:
    wid = make(store, "Til import")
    out = tmp_path / "doc.json"
    assert run_cli("export", wid, "-o", str(out), timeout=TIMEOUT).returncode == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _import(run_cli, tmp_path: Path, doc, name: str = "in.json"):
    path = tmp_path / name
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return run_cli("import", str(path), timeout=TIMEOUT)


def test_hostile_import_documents_are_refused_in_one_line(store, data_dir, run_cli, tmp_path, exported):
    before = sorted(p.name for p in data_dir.iterdir())
    cases = []
    doc = dict(exported, template=[])
    cases.append(doc)
    doc = json.loads(json.dumps(exported))
    doc["sections"][0]["id"] = {}
    cases.append(doc)
    doc = json.loads(json.dumps(exported))
    doc["sections"][0]["blocks"][0]["id"] = []
    cases.append(doc)
    cases.append(dict(exported, schema=-1))
    cases.append(dict(exported, schema=True))
    cases.append(json.dumps(exported)[:-1] + ', "x": ' + "1" * 5000 + "}")
    cases.append(dict(exported, title="T" * 300))
    for doc in cases:
        no_traceback(result := _import(run_cli, tmp_path, doc))
        fails(result)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    fails(run_cli("import", str(fifo), timeout=TIMEOUT), "fifo.json", "vanlig fil")
    fails(run_cli("import", "/dev/zero", timeout=TIMEOUT), "/dev/zero")
    assert sorted(p.name for p in data_dir.iterdir()) == before


def test_an_id_ending_in_a_newline_gets_a_clean_id(store, data_dir, run_cli, tmp_path, exported):
    result = _import(run_cli, tmp_path, dict(exported, id="ny\n"))
    assert result.returncode == 0, result.stderr
    new_id = result.stdout.strip().splitlines()[-1]
    assert "\n" not in new_id and (data_dir / f"{new_id}.json").exists()
    assert not any("\n" in p.name for p in data_dir.iterdir())
    from intro_tui.core.model.workshop import ID_RE

    assert ID_RE.fullmatch("ny\n") is None and ID_RE.fullmatch("ny")


# -- 10. size limits ------------------------------------------------------------------------------


def test_an_import_with_too_many_rows_is_refused(store, data_dir, run_cli, tmp_path, exported):
    doc = json.loads(json.dumps(exported))
    block = next(b for s in doc["sections"] if s["id"] == "1.3" for b in s["blocks"] if b["id"] == "roller")
    block["rows"] += [{"key": f"u{i:08x}", "user": True, "cells": {"label": "x"}} for i in range(1001)]
    fails(_import(run_cli, tmp_path, doc), "høyst 1000")


def test_adding_rows_stops_at_the_limit(store, monkeypatch):
    from intro_tui.core import limits
    from intro_tui.core.model.values import ValueProblem

    wid = make(store)
    monkeypatch.setattr(limits, "MAX_ROWS_PER_TABLE", 3)
    for _ in range(3):
        store.add_row(wid, "1.3", "roller")
    with pytest.raises(ValueProblem, match="høyst 3"):
        store.add_row(wid, "1.3", "roller")


def test_a_template_with_too_many_rows_is_skipped_by_name(store, data_dir, run_cli):
    folder = data_dir / "templates"
    folder.mkdir()
    template = {"format": "intro-tui-template", "schema": 1, "id": "stor", "title": "Stor", "parts": [
        {"id": "p", "sections": [{"id": "s", "title": "S", "content": [
            {"type": "table", "id": "t", "columns": [{"id": "label", "title": "Hva", "type": "label"}],
             "rows": [f"rad {i}" for i in range(30_000)]}]}]}]}
    (folder / "stor.json").write_text(json.dumps(template), encoding="utf-8")
    result = run_cli("templates", timeout=TIMEOUT)
    assert result.returncode == 0 and "stor.json" in result.stderr and "høyst 2000" in result.stderr


def test_the_duplicate_key_check_is_linear():
    from intro_tui.core.model.template_loader import _first_twice

    assert _first_twice(iter(range(200_000))) is None  # keys.count() made this quadratic
    assert _first_twice(["a", "b", "a"]) == "a"


# -- 11. leftovers --------------------------------------------------------------------------------


def test_stale_temp_files_of_our_pattern_are_removed(store, data_dir, run_cli):
    make(store)
    old = data_dir / ".x.json.4242.abcdef.tmp"
    fresh = data_dir / ".y.json.4243.abcdef.tmp"
    foreign = data_dir / ".someone-elses.tmp"
    for path in (old, fresh, foreign):
        path.write_text("x")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    os.utime(foreign, (hours_ago, hours_ago))
    assert run_cli("list", timeout=TIMEOUT).returncode == 0
    assert not old.exists() and fresh.exists() and foreign.exists()


def test_a_log_left_by_a_killed_delete_is_not_inherited(store, data_dir, run_cli):
    wid = make(store, "Gammel")
    store.set_cell(wid, "1.3", "roller", "r1", "hovedansvarlig", "hemmelig gammel tekst")
    (data_dir / f"{wid}.json").unlink()  # a delete killed after the workshop went and before the log did
    result = run_cli("new", "arbeidsrettet-lop", "--title", "Gammel", timeout=TIMEOUT)
    assert result.returncode == 0 and result.stdout.strip().splitlines()[-1] == wid
    log = run_cli("log", wid, timeout=TIMEOUT).stdout
    assert "hemmelig gammel tekst" not in log and '"op": "create"' in log


def test_a_multi_file_import_reports_each_file(store, run_cli, tmp_path, exported):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(exported), encoding="utf-8")
    b.write_text(json.dumps(dict(exported, title="B")), encoding="utf-8")
    result = run_cli("import", str(a), str(b), timeout=TIMEOUT)
    assert result.returncode == 0
    assert "a.json" in result.stderr and "b.json" in result.stderr
    assert len(result.stdout.split()) == 2


# -- 12. the change log is appended under the lock ------------------------------------------------

SLOW_LOGGER = r"""
import sys, time
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.store import changelog
from intro_tui.core.store.workshops import WorkshopStore
slow = changelog.write_entry if hasattr(changelog, "write_entry") else changelog.append
def delayed(*args, **kwargs):
    print("saved", flush=True)
    time.sleep(1.5)  # a writer delayed between its save and its log line
    return slow(*args, **kwargs)
if hasattr(changelog, "write_entry"):
    changelog.write_entry = delayed
else:
    changelog.append = delayed
store = WorkshopStore(sys.argv[1], load_catalog(sys.argv[1]), user="treg")
store.set_cell(sys.argv[2], "1.3", "roller", "r1", "hovedansvarlig", "først")
"""


@pytest.mark.slow
def test_log_lines_are_in_the_order_of_the_saves(store, data_dir, run_cli):
    wid = make(store)
    slow = subprocess.Popen([sys.executable, "-c", SLOW_LOGGER, str(data_dir), wid], stdout=subprocess.PIPE, text=True,
                            env=cli_env(PYTHONPATH=os.pathsep.join(sys.path)))
    try:
        assert slow.stdout.readline().strip() == "saved"
        assert run_cli("set", wid, "1.3", "1", "Hovedansvarlig", "etterpå", timeout=TIMEOUT).returncode == 0
    finally:
        slow.wait(timeout=TIMEOUT)
        slow.stdout.close()
    sets = [e["new"] for e in changelog.read(data_dir / f"{wid}.changes.jsonl") if e.get("op") == "set"]
    assert sets == ["først", "etterpå"]


# -- 13. CSV formula guard --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=cmd|' /C calc'!A0", "\x1b=1"])
def test_csv_cells_never_start_a_formula(value):
    from intro_tui.core.csv_cell import csv_cell

    cell = csv_cell(value)
    assert cell.startswith("'"), cell
    assert "\x1b" not in cell and "\r" not in cell


def test_log_csv_guards_tab_and_carriage_return(store, data_dir, run_cli):
    wid = make(store)
    store.set_cell(wid, "1.3", "roller", "r1", "hovedansvarlig", "\t=HYPERLINK(\"http://x\")")
    text = run_cli("log", wid, "--format", "csv", timeout=TIMEOUT).stdout
    assert "\t=HYPERLINK" not in text.replace("'\t=HYPERLINK", "")


# -- 15. delete keeps a record and restore brings it back -------------------------------------------


def test_delete_moves_to_the_trash_with_a_record_and_restore_brings_it_back(store, data_dir, run_cli):
    wid = make(store, "Kastes")
    store.set_cell(wid, "1.3", "roller", "r1", "hovedansvarlig", "NAV")
    result = run_cli("delete", wid, timeout=TIMEOUT)
    assert result.returncode == 0 and f"intro-tui restore {wid}" in result.stdout
    assert not (data_dir / f"{wid}.json").exists() and not (data_dir / f"{wid}.changes.jsonl").exists()
    [folder] = [p for p in (data_dir / ".deleted").iterdir() if p.is_dir()]
    record = json.loads((folder / "deleted.json").read_text(encoding="utf-8"))
    assert record["id"] == wid and record["by"] == "test" and record["title"] == "Kastes" and record["at"]
    assert wid not in run_cli("list", timeout=TIMEOUT).stdout
    result = run_cli("restore", wid, timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr
    assert store.load(wid).cells[("1.3", "roller", "r1", "hovedansvarlig")] == "NAV"
    assert '"op": "set"' in run_cli("log", wid, timeout=TIMEOUT).stdout  # the history came back too
    records = (data_dir / ".deleted" / "records.jsonl").read_text(encoding="utf-8")
    assert "slettet" in records and "hentet tilbake" in records
    fails(run_cli("restore", wid, timeout=TIMEOUT), "finnes")
    fails(run_cli("restore", "aldri-laget", timeout=TIMEOUT), "slettede")


# -- 16. strict numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, stored", [("65", 65), ("65 %", 65), ("65,5", 65.5), ("65.5", 65.5), ("65%", 65)])
def test_numbers_people_type_are_accepted(store, text, stored):
    wid = make(store, "Tall", template="malindikatorer")
    change = store.set_cell(wid, "avsluttet", "indikatorer", "r1", "mal", text)
    assert change.new == stored


@pytest.mark.parametrize("text", ["1_0", "6 5", "1e-400", "1e2", "nan", "inf", "0x10", "²", "65,5,5", "5-"])
def test_other_numbers_are_refused(store, run_cli, text):
    wid = make(store, "Tall", template="malindikatorer")
    fails(run_cli("set", wid, "avsluttet", "1", "Mål", text, timeout=TIMEOUT), "tall")
