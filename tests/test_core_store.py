"""The datastore directly: atomic, locked, never overwriting what it cannot read.

* every operation leaves a whole JSON file and no temp file behind;
* a process killed with SIGKILL while saving in a loop leaves a valid file in a
  consistent state, and its lock does not block the next writer;
* 8 processes setting different cells of one workshop at once lose nothing;
* a file it cannot read (truncated, empty, foreign, another app's TinyDB file,
  an export, a newer schema, ...) is reported by name, the others still list,
  and no operation modifies it;
* the CLI commands that must start fast never import Textual.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import cli_env, lock_is_free, temp_files
from tinydb import TinyDB

from intro_tui.core.model.document import to_document
from intro_tui.core.model.layout import section_rows
from intro_tui.core.model.values import ValueProblem
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog, workshops
from intro_tui.core.store.errors import StoreError, WorkshopNotFound, WriteFailed
from intro_tui.core.store.codec import SCHEMA
from intro_tui.core.store.workshops import WorkshopStore

ARB = "arbeidsrettet-lop"
ROOT = Path(__file__).resolve().parents[1]


def text_cells(store: WorkshopStore, template_id: str = ARB) -> list[tuple[str, str, str, str]]:
    """Every free-text cell address of a template (preset rows only), in display order."""
    template = store.catalog.get(template_id)
    cells = []
    for section in template.sections:
        for view in section_rows(section, None):
            if view.group:
                continue
            cells += [(section.id, view.block.id, view.key, c.id) for c in view.block.columns if c.type in ("text", "roles")]
    return cells


def make(store: WorkshopStore, title: str, template: str = ARB, fill: int = 0) -> Workshop:
    """A stored workshop; ``fill`` text cells get ~220 characters each (a realistic, ~70 KB file)."""
    workshop = Workshop(id="", title=title, template=template)
    for n, address in enumerate(text_cells(store, template)[:fill]):
        workshop.cells[address] = f"{n}: " + "Vi tilbyr språkpraksis og mentor – æøå. " * 5
    return store.create(workshop)


def files(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and mtime of every file in ``folder`` (not below it)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def env_with_repo() -> dict[str, str]:
    return cli_env(PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))


# -- atomic writes ---------------------------------------------------------------------------


def test_every_operation_leaves_a_whole_file_and_no_temp_file(store, data_dir):
    cells = text_cells(store)
    workshop = make(store, "Atomisk", fill=50)
    path = store.path(workshop.id)

    def check():
        assert json.loads(path.read_text(encoding="utf-8"))["workshop"]["1"]["schema"] in (1, SCHEMA)  # 1 until the workshop holds copies (issue 20)
        assert temp_files(data_dir) == []
        return store.load(workshop.id)

    check()
    store.set_cell(workshop.id, *cells[60], "ny verdi")
    assert check().value(*cells[60]) == "ny verdi"
    key = store.add_row(workshop.id, "1.1", "behov", {"label": "Helse", "kilder": "NAV"})
    assert check().value("1.1", "behov", key, "kilder") == "NAV"
    old = store.delete_row(workshop.id, "1.1", "behov", key)
    assert check().rows_added("1.1", "behov") == []
    store.restore_row(workshop.id, "1.1", "behov", key, 1.0, old)
    assert check().value("1.1", "behov", key, "label") == "Helse"
    assert check().title == "Atomisk"
    store.update_meta(workshop.id, title="Nytt navn", kommune="Bærum", year="2026", units=["NAV", "NAV", " VO "])
    renamed = check()
    assert (renamed.title, renamed.kommune, renamed.year, renamed.units) == ("Nytt navn", "Bærum", 2026, ["NAV", "VO"])
    copy = store.duplicate(workshop.id, "Kopi")
    assert store.load(copy.id).cells == renamed.cells
    store.delete(copy.id)
    assert not store.path(copy.id).exists() and not store.changes_path(copy.id).exists()
    assert temp_files(data_dir) == []
    ops = [e["op"] for e in changelog.read(store.changes_path(workshop.id))]
    assert ops == ["create", "set", "add-row", "delete-row", "add-row", "meta"]


def test_a_refused_value_changes_nothing(store, data_dir):
    indicators = make(store, "Uendret", template="malindikatorer")
    workshop = make(store, "Uendret to")
    before = files(data_dir)
    with pytest.raises(ValueProblem):
        store.set_cell(indicators.id, "underveis", "indikatorer", "r1", "mal", "120 %")
    with pytest.raises(ValueProblem):
        store.set_cell(workshop.id, "4.1", "interne", "r1", "svar", "kanskje")
    with pytest.raises(ValueProblem):
        store.set_cell(workshop.id, "4.1", "interne", "r1", "label", "ny tekst")  # the template's own label
    with pytest.raises(ValueProblem):
        store.add_row(workshop.id, "2.2", "vurdering", {"label": "x"})
    with pytest.raises(StoreError):
        store.set_cell(workshop.id, "4.1", "interne", "u00000000", "svar", "ja")  # no such row
    assert files(data_dir) == before


# -- SIGKILL while saving ------------------------------------------------------------------------

KILL_WORKER = r"""
import sys
from pathlib import Path
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.store.workshops import WorkshopStore

data, wid, s, b, r, c = sys.argv[1:7]
store = WorkshopStore(Path(data), load_catalog(Path(data)), user="killer")
n = int(store.load(wid).value(s, b, r, c) or 0)
first = True
while True:
    n += 1
    store.set_cell(wid, s, b, r, c, str(n))
    if first:
        print("saving", flush=True)
        first = False
"""


@pytest.mark.slow
def test_sigkill_while_saving_leaves_a_valid_consistent_file(store, data_dir, monkeypatch):
    monkeypatch.setattr(workshops, "LOCK_TIMEOUT_S", 3.0)  # a stale lock would fail fast, not hang
    cells = text_cells(store)
    workshop = make(store, "Drept", fill=280)
    counter = cells[290]
    filler = {a: v for a, v in store.load(workshop.id).cells.items()}
    path, log = store.path(workshop.id), store.changes_path(workshop.id)
    rng = random.Random()
    seen = mid_write = 0
    for round_ in range(12):
        proc = subprocess.Popen([sys.executable, "-c", KILL_WORKER, str(data_dir), workshop.id, *counter],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env_with_repo(), cwd=ROOT)
        try:
            line = proc.stdout.readline()
            assert line.strip() == "saving", proc.stderr.read()
            delay = rng.uniform(0.0, 0.25)
            time.sleep(delay)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            proc.stdout.close()
            proc.stderr.close()
        where = f"round {round_}, killed after {delay:.3f} s"
        mid_write += bool(temp_files(data_dir))  # killed between temp file and replace (about 1 in 4)

        raw = json.loads(path.read_text(encoding="utf-8"))  # whole JSON, whatever the moment
        assert raw["workshop"]["1"]["id"] == workshop.id, where
        loaded = store.load(workshop.id)
        value = int(loaded.value(*counter))
        assert {a: v for a, v in loaded.cells.items() if a != counter} == filler, where
        logged = [int(e["new"]) for e in changelog.read(log) if e.get("op") == "set"]
        # the log line is appended after the save: it may lag the file by one, never lead it
        assert logged and value in (logged[-1], logged[-1] + 1), (where, value, logged[-3:])
        assert logged == sorted(logged) and len(set(logged)) == len(logged), where
        assert value >= seen, where
        seen = value
        workshops_listed, errors = store.list()
        assert [w.id for w in workshops_listed] == [workshop.id] and errors == [], where

    # the killed processes' locks are gone: a write goes through at once
    assert lock_is_free(data_dir, workshop.id)
    store.set_cell(workshop.id, *counter, "etter")
    assert store.load(workshop.id).value(*counter) == "etter"
    assert temp_files(data_dir) == []  # what a killed writer left is cleaned up under the lock
    assert seen > 12, mid_write  # the workers did save, repeatedly


# -- 8 processes at once ------------------------------------------------------------------------

CONCURRENT_WORKER = r"""
import json, sys, time
from pathlib import Path
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.store.workshops import WorkshopStore

data, wid, who, go = sys.argv[1:5]
cells = json.loads(sys.stdin.read())
store = WorkshopStore(Path(data), load_catalog(Path(data)), user=who)
print("ready", flush=True)
while not Path(go).exists():
    time.sleep(0.002)
for s, b, r, c, v in cells:
    store.set_cell(wid, s, b, r, c, v)
"""


@pytest.mark.slow
def test_eight_processes_setting_different_cells_lose_nothing(store, data_dir, tmp_path):
    cells = text_cells(store)
    workshop = make(store, "Samtidig")
    go = tmp_path / "go"
    expected = {}
    procs = []
    for p in range(8):
        mine = [(*cells[p * 25 + i], f"prosess {p} celle {i}") for i in range(25)]
        expected.update({tuple(c[:4]): c[4] for c in mine})
        proc = subprocess.Popen([sys.executable, "-c", CONCURRENT_WORKER, str(data_dir), workshop.id, f"p{p}", str(go)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=env_with_repo(), cwd=ROOT)
        proc.stdin.write(json.dumps(mine))
        proc.stdin.close()
        procs.append(proc)
    try:
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        go.touch()  # all start together
        for proc in procs:
            assert proc.wait(timeout=60) == 0, proc.stderr.read()
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()

    loaded = store.load(workshop.id)
    assert len(expected) == 200
    assert {a: loaded.value(*a) for a in expected} == expected
    sets = [e for e in changelog.read(store.changes_path(workshop.id)) if e.get("op") == "set"]
    assert len(sets) == 200
    assert {(e["s"], e["b"], e["r"], e["c"]): e["new"] for e in sets} == expected
    assert {e["by"] for e in sets} == {f"p{p}" for p in range(8)}
    assert temp_files(data_dir) == []


# -- a lock held too long ------------------------------------------------------------------------

#: Another process holding the workshop's lock: the same flock the store takes (core/safe_fs.py).
HOLDER = r"""
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
print("held", flush=True)
time.sleep(30)
"""


@pytest.mark.slow
def test_a_lock_held_elsewhere_gives_a_clear_timeout(store, data_dir, monkeypatch):
    monkeypatch.setattr(workshops, "LOCK_TIMEOUT_S", 0.3)
    workshop = make(store, "Låst")
    before = files(data_dir)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data_dir / ".locks" / f"{workshop.id}.lock")],
                              stdout=subprocess.PIPE, text=True, env=env_with_repo())
    try:
        assert holder.stdout.readline().strip() == "held"
        for call in (lambda: store.set_cell(workshop.id, *text_cells(store)[0], "x"),
                     lambda: store.add_row(workshop.id, "1.1", "behov"),
                     lambda: store.delete(workshop.id)):
            with pytest.raises(workshops.LockTimeout) as caught:
                call()
            assert str(caught.value) == f"{workshop.id}.json er låst av en annen prosess; prøv igjen"
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert files(data_dir) == before
    store.set_cell(workshop.id, *text_cells(store)[0], "etterpå")  # free again once the holder is gone


# -- files it cannot read --------------------------------------------------------------------


def _bad_files(store: WorkshopStore, data_dir: Path) -> dict[str, str]:
    """Write one file of each unreadable kind; return {workshop id: words its error must hold}."""
    good = make(store, "Mal for kopi", fill=5)
    raw = store.path(good.id).read_bytes()
    (data_dir / "avkortet.json").write_bytes(raw[: len(raw) // 2])
    (data_dir / "tom.json").write_bytes(b"")
    (data_dir / "bare-mellomrom.json").write_bytes(b" \n\t\n")
    (data_dir / "fremmed.json").write_text('{"name": "noe helt annet", "values": [1, 2, 3]}', encoding="utf-8")
    (data_dir / "liste.json").write_text("[1, 2, 3]", encoding="utf-8")
    (data_dir / "null.json").write_text("null", encoding="utf-8")
    (data_dir / "binaer.json").write_bytes(bytes(range(256)))
    (data_dir / "dypt.json").write_text("[" * 100_000, encoding="utf-8")
    with TinyDB(data_dir / "annen-app.json") as other:  # another app's TinyDB file
        other.insert({"name": "Ola", "age": 42})
        other.table("workshop").insert({"format": "noe annet"})
    template = store.template_of(good)
    (data_dir / "eksport.json").write_text(json.dumps(to_document(template, store.load(good.id)), ensure_ascii=False),
                                           encoding="utf-8")
    newer = json.loads(raw)
    newer["workshop"]["1"].update(id="nyere", schema=SCHEMA + 1)
    (data_dir / "nyere.json").write_text(json.dumps(newer), encoding="utf-8")
    wrong = json.loads(raw)
    (data_dir / "feil-navn.json").write_text(json.dumps(wrong), encoding="utf-8")  # says id "mal-for-kopi"
    broken = json.loads(raw)
    broken["cells"]["1"] = {"s": "1.1"}
    broken["workshop"]["1"]["id"] = "skadet"
    (data_dir / "skadet.json").write_text(json.dumps(broken), encoding="utf-8")
    store.delete(good.id)
    return {
        "avkortet": "ugyldig JSON", "tom": "tom", "bare-mellomrom": "tom", "fremmed": "ikke en intro-tui-fil",
        "liste": "ikke en intro-tui", "null": "ikke en intro-tui", "binaer": "UTF-8", "dypt": "JSON",
        "annen-app": "ikke en intro-tui-fil", "eksport": "eksportfil", "nyere": "nyere versjon",
        "feil-navn": "filen sier id", "skadet": "skadet",
    }


@pytest.fixture
def bad(store, data_dir):
    expected = _bad_files(store, data_dir)
    good = [make(store, "God en"), make(store, "God to", template="malindikatorer")]
    return expected, good


def test_unreadable_files_are_named_and_the_others_still_list(store, data_dir, bad):
    expected, good = bad
    before = files(data_dir)
    listed, errors = store.list()
    assert sorted(w.id for w in listed) == sorted(w.id for w in good)
    by_file = {e.path.name: str(e) for e in errors}
    assert sorted(by_file) == sorted(f"{name}.json" for name in expected)
    for name, words in expected.items():
        message = by_file[f"{name}.json"]
        assert message.startswith(f"{name}.json: ") and words in message, message
        assert "\n" not in message
    assert files(data_dir) == before


@pytest.mark.parametrize("operation", ["load", "set_cell", "add_row", "delete_row", "update_meta", "create"])
def test_no_operation_modifies_an_unreadable_file(store, data_dir, bad, operation):
    expected, _ = bad
    before = files(data_dir)
    for name in expected:
        call = {
            "load": lambda: store.load(name),
            "set_cell": lambda: store.set_cell(name, "1.1", "behov", "r1", "kilder", "x"),
            "add_row": lambda: store.add_row(name, "1.1", "behov", {"label": "x"}),
            "delete_row": lambda: store.delete_row(name, "1.1", "behov", "u12345678"),
            "update_meta": lambda: store.update_meta(name, title="Overskrevet"),
            "create": lambda: store.create(Workshop(id=name, title=name, template=ARB)),
        }[operation]
        if operation == "create":  # the id is taken: the new workshop gets another one
            assert call().id != name
            continue
        with pytest.raises(StoreError) as caught:
            call()
        assert f"{name}.json" in str(caught.value), str(caught.value)
        assert not isinstance(caught.value, WorkshopNotFound)
    after = files(data_dir)
    assert {k: v for k, v in after.items() if k in before} == before
    assert temp_files(data_dir) == []


def test_delete_and_restore_move_an_unreadable_file_unchanged(store, data_dir, bad):
    expected, _ = bad
    before = files(data_dir)
    for name in expected:
        store.delete(name)
        assert not os.path.lexists(data_dir / f"{name}.json")
        assert store.restore(name) is None
    after = files(data_dir)
    assert {k: v[0] for k, v in after.items() if k in before and k.endswith(".json")} == {
        k: v[0] for k, v in before.items() if k.endswith(".json")}
    assert temp_files(data_dir) == []


def test_cli_list_warns_about_unreadable_files(bad, run_cli):
    expected, good = bad
    result = run_cli("list")
    assert result.returncode == 0, result.stderr
    for workshop in good:
        assert workshop.id in result.stdout
    warnings = result.stderr.splitlines()
    assert len(warnings) == len(expected)
    for name in expected:
        assert any(f"{name}.json" in line for line in warnings)
    assert "Traceback" not in result.stderr


def test_unknown_id_is_not_found_not_unreadable(store):
    for call in (lambda: store.load("finnes-ikke"), lambda: store.set_cell("finnes-ikke", "1.1", "behov", "r1", "kilder", "x"),
                 lambda: store.load("../utenfor"), lambda: store.delete("finnes-ikke")):
        with pytest.raises(WorkshopNotFound):
            call()


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_data_folder_fails_cleanly(store, data_dir):
    workshop = make(store, "Skrivebeskyttet", fill=10)
    before = files(data_dir)
    data_dir.chmod(0o555)
    try:
        with pytest.raises(WriteFailed) as caught:
            store.set_cell(workshop.id, *text_cells(store)[20], "ny")
    finally:
        data_dir.chmod(0o755)
    message = str(caught.value)
    assert "skrivetilgang" in message and f"{workshop.id}.json" in message and "eier" in message
    assert files(data_dir) == before
    assert temp_files(data_dir) == []


# -- import hygiene: the fast commands never load Textual -------------------------------------

HYGIENE = r"""
import sys
from intro_tui.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
assert not loaded, f"textual imported: {loaded[:5]}"
sys.exit(code)
"""


@pytest.mark.slow
def test_cli_commands_do_not_import_textual(store, data_dir, tmp_path):
    workshop = make(store, "Hygiene", fill=20)
    export = tmp_path / "hygiene.json"
    commands = [
        ["list"], ["templates"], ["show", workshop.id], ["show", workshop.id, "1.3"],
        ["set", workshop.id, "1.3", "1", "2", "NAV"], ["add-row", workshop.id, "1.1", "Helse"],
        ["export", workshop.id, "--format", "md"], ["export", workshop.id, "--format", "json", "-o", str(export)],
        ["import", str(export)], ["log", workshop.id], ["show", "finnes-ikke"],
    ]
    for command in commands:
        result = subprocess.run([sys.executable, "-c", HYGIENE, "--data-dir", str(data_dir), *command], cwd=tmp_path,
                                env=env_with_repo(), capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert "textual imported" not in result.stderr, (command, result.stderr)
        assert result.returncode == (2 if command[-1] == "finnes-ikke" else 0), (command, result.stderr)
