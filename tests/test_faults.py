"""Faults with real processes: what a shared workshop server meets.

* a session whose terminal goes away (SIGHUP: ``tmux kill-session``) while a
  cell is being edited - every committed edit is kept, the file stays valid,
  and the text in the open editor is saved, whole;
* an app killed with SIGKILL in the middle of a burst of saves - the file is
  valid and holds exactly what the change log says was committed;
* 8 processes making 100 edits each on different cells of one workshop
  (the real CLI ``set`` code, 8 processes at once) - nothing lost;
* a read-only data folder and a full disk - a clear Norwegian message in the
  app, and no half-written or temporary file.

The apps run in tmux on a private socket (tests/sshd.py), so keys go through
a real pty.  Mounting (read-only bind mount, tiny tmpfs) needs root; without
it those tests skip with the reason.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from intro_tui.tui.app import make_app
from intro_tui.core.model.layout import display_columns, section_rows
from intro_tui.core.model.workshop import UserRow, Workshop
from intro_tui.tui.screens.workshop import WorkshopScreen
from intro_tui.core.store import changelog
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.widgets.block_table import BlockTable
from intro_tui.tui.widgets.cell_editor import CellEditor

from sshd import Tmux, intro_tui_command, require_tools, table_has_focus, type_into_cell, wait_gone

from conftest import arrow_to, fresh_store, lock_is_free, temp_files

pytestmark = pytest.mark.slow  # processes, terminals, a browser or LibreOffice

SECTION, BLOCK = "1.3", "roller"
READY = "1.3 Roller og"


def new_workshop(store: WorkshopStore, title: str, user_rows: int = 0) -> str:
    """A role-table workshop; ``user_rows`` extra rows in 1.3 so there are cells enough for everyone."""
    workshop = Workshop(id="", title=title, template="arbeidsrettet-lop", kommune="Bærum", year=2026,
                        units=["Flyktningtjenesten", "NAV"])
    if user_rows:
        workshop.user_rows[(SECTION, BLOCK)] = [UserRow(f"u{i:08x}", float(i)) for i in range(user_rows)]
    return store.create(workshop).id


def read_whole(path: Path) -> dict:
    """The workshop file parses as JSON (whole, whatever happened) and is ours."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["workshop"]["1"]["format"] == "intro-tui-workshop-db"
    return raw


def logged_sets(data_dir: Path, workshop_id: str) -> list[dict]:
    return [e for e in changelog.read(data_dir / f"{workshop_id}.changes.jsonl") if e.get("op") == "set"]


def start_app(tmux: Tmux, name: str, data_dir: Path, workshop_id: str, user: str) -> int:
    """intro-tui in a tmux pane of 80x24, open on section 1.3; returns the app's pid."""
    pid = tmux.new(name, [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", SECTION],
                   env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": user})
    tmux.wait_for(name, lambda s: READY in s and "Innhente" in s, 30, "the workshop screen")
    tmux.wait_for(name, table_has_focus, 30, "the first table's focus")
    return pid


def wait_for_cell(data_dir: Path, workshop_id: str, row: str, column: str, value, timeout: float = 10):
    deadline = time.monotonic() + timeout
    while True:
        held = fresh_store(data_dir).load(workshop_id).cells.get((SECTION, BLOCK, row, column))
        if held == value or time.monotonic() > deadline:
            return held
        time.sleep(0.05)


def stop_pid(pid: int) -> None:
    """End a process this test started, if it still runs."""
    if not wait_gone(pid, 0.1):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        wait_gone(pid, 5)


# -- (a) the terminal goes away while a cell is being edited ---------------------------------

def test_hang_up_while_editing_keeps_every_committed_edit(store, data_dir):
    require_tools("tmux")
    workshop_id = new_workshop(store, "Lagt på")
    tmux = Tmux()
    pid = 0
    try:
        pid = start_app(tmux, "hanne", data_dir, workshop_id, "hanne")
        here = (0, 0)
        for column, key, text in ((1, "hovedansvarlig", "NAV"), (2, "utforer", "Flyktningtjenesten"),
                                  (4, "nar", "hver uke")):
            type_into_cell(tmux, "hanne", here, 0, column, text)
            here = (0, column)
            tmux.keys("hanne", "Enter")
            assert wait_for_cell(data_dir, workshop_id, "r1", key, text) == text, tmux.screen("hanne")
        type_into_cell(tmux, "hanne", here, 1, 4, "halvferdig tekst")  # typed, not committed
        tmux.kill_session("hanne")  # the terminal goes away: SIGHUP
        exited = wait_gone(pid, 6)
    finally:
        tmux.kill_server()
        if pid:
            stop_pid(pid)

    raw = read_whole(data_dir / f"{workshop_id}.json")
    cells = fresh_store(data_dir).load(workshop_id).cells
    for key, text in (("hovedansvarlig", "NAV"), ("utforer", "Flyktningtjenesten"), ("nar", "hver uke")):
        assert cells[(SECTION, BLOCK, "r1", key)] == text
    # the text on screen in the open editor when the terminal went away is saved, whole (App.hang_up)
    assert cells.get((SECTION, BLOCK, "r2", "nar")) == "halvferdig tekst"
    assert temp_files(data_dir) == []
    assert len(raw["cells"]) == len([v for v in cells.values()])
    # and the process is gone: a dropped SSH login must not leave an intro-tui behind (with SIGHUP the
    # kernel sends SIGCONT, on which Textual restarted its output on the dead terminal and hung in shutdown)
    assert exited, "the app did not stop within 6 s of its terminal going away"


# -- (b) SIGKILL in the middle of a burst of saves --------------------------------------------


def test_sigkill_in_a_burst_of_saves_leaves_a_valid_file_with_every_committed_edit(store, data_dir):
    require_tools("tmux")
    workshop_id = new_workshop(store, "Drept midt i", user_rows=45)
    path = data_dir / f"{workshop_id}.json"
    before = fresh_store(data_dir).load(workshop_id).cells
    rng = random.Random()
    for round_, threshold in enumerate((3, 8, 14)):
        tmux = Tmux()
        pid = 0
        done_before = len(logged_sets(data_dir, workshop_id))
        try:
            pid = start_app(tmux, "burst", data_dir, workshop_id, f"runde{round_}")
            tmux.keys("burst", "Right", "Right")  # Utfører; then 45 edits as fast as tmux sends them
            time.sleep(0.3)
            for i in range(45):
                tmux.keys("burst", f"r{round_}x{i:02d}", "Enter", "Down")
            deadline = time.monotonic() + 20
            while len(logged_sets(data_dir, workshop_id)) - done_before < threshold:
                assert time.monotonic() < deadline, f"the app saved too little:\n{tmux.screen('burst')}"
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.03))
            os.kill(pid, signal.SIGKILL)
            assert wait_gone(pid, 5)
        finally:
            tmux.kill_server()
            if pid:
                stop_pid(pid)
        where = f"round {round_} (killed after {threshold}+ saves)"
        sets = logged_sets(data_dir, workshop_id)
        assert len(sets) - done_before < 45, f"{where}: the burst was over before the kill"

        raw = read_whole(path)  # whole JSON whatever the moment
        assert raw["workshop"]["1"]["id"] == workshop_id, where
        held = fresh_store(data_dir).load(workshop_id).cells
        replay = dict(before)
        for entry in sets:
            replay[(entry["s"], entry["b"], entry["r"], entry["c"])] = entry["new"]
        # the log line is appended just after the save: the file may be one commit ahead, never behind
        differ = {a for a in set(held) | set(replay) if held.get(a) != replay.get(a)}
        assert len(differ) <= 1, f"{where}: file and change log disagree on {sorted(differ)[:5]}"

    # no stale lock: the next writer gets through at once, and the killed writers' temp file is cleaned up
    assert lock_is_free(data_dir, workshop_id)
    store.set_cell(workshop_id, SECTION, BLOCK, "r1", "nar", "etter")
    assert temp_files(data_dir) == []
    assert fresh_store(data_dir).load(workshop_id).cells[(SECTION, BLOCK, "r1", "nar")] == "etter"


# -- (c) 8 processes x 100 edits ----------------------------------------------------------------

CLI_WORKER = r"""
import io, json, sys, time
from contextlib import redirect_stdout
from pathlib import Path
from intro_tui.cli import main

data, go = sys.argv[1:3]
jobs = json.loads(sys.stdin.read())
print("ready", flush=True)
while not Path(go).exists():
    time.sleep(0.002)
failed = []
for workshop_id, section, row, column, value in jobs:
    with redirect_stdout(io.StringIO()):
        code = main(["--data-dir", data, "set", workshop_id, section, row, column, value])
    if code:
        failed.append((row, column, code))
print(json.dumps(failed), flush=True)
"""


def test_eight_processes_making_a_hundred_edits_each_lose_nothing(store, data_dir, tmp_path):
    workshop_id = new_workshop(store, "Åtte samtidig", user_rows=200)
    workshop = store.load(workshop_id)
    section = store.template_of(workshop).section(SECTION)
    views = [v for v in section_rows(section, workshop) if v.block.id == BLOCK and not v.group]
    shown = display_columns(views[0].block)
    columns = [(n, c.column.id) for n, c in enumerate(shown, start=1) if c.column.id != "label"]
    assert len(views) >= 200 and len(columns) == 4
    cells = [(view, number, column) for view in views[-200:] for number, column in columns]
    go = tmp_path / "go"
    expected, procs = {}, []
    started = time.monotonic()
    try:
        for p in range(8):
            mine = cells[p * 100:(p + 1) * 100]
            jobs = [(workshop_id, SECTION, str(view.number), str(number), f"p{p} {i}")
                    for i, (view, number, _) in enumerate(mine)]
            expected.update({(SECTION, BLOCK, view.key, column): f"p{p} {i}"
                             for i, (view, _, column) in enumerate(mine)})
            env = {k: v for k, v in os.environ.items() if not k.startswith("INTRO_TUI_")}
            env["INTRO_TUI_USER"] = f"p{p}"
            proc = subprocess.Popen([sys.executable, "-c", CLI_WORKER, str(data_dir), str(go)], env=env,
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            proc.stdin.write(json.dumps(jobs))
            proc.stdin.close()
            proc.stdin = None  # so communicate() below does not touch it
            procs.append(proc)
        for proc in procs:
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        go.touch()  # all eight start together
        for proc in procs:
            out, err = proc.communicate(timeout=300)  # generous: eight writers on two loaded cores
            assert proc.returncode == 0, err
            assert json.loads(out.strip().splitlines()[-1]) == [], err
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    elapsed = time.monotonic() - started

    assert len(expected) == 800
    read_whole(data_dir / f"{workshop_id}.json")
    held = fresh_store(data_dir).load(workshop_id).cells
    assert {address: held.get(address) for address in expected} == expected
    sets = logged_sets(data_dir, workshop_id)
    assert len(sets) == 800
    assert {(e["s"], e["b"], e["r"], e["c"]): e["new"] for e in sets} == expected
    assert {e["by"] for e in sets} == {f"p{p}" for p in range(8)}
    assert temp_files(data_dir) == []
    print(f"\n8 processes x 100 CLI set: {elapsed:.1f} s, {800 / elapsed:.0f} saves/s")


# -- (d) a read-only data folder, a full disk -----------------------------------------------------


@contextmanager
def mounted(kind: str, source: Path, target: Path):
    """``target`` as a read-only bind mount of ``source``, or as a tiny tmpfs; unmounted after."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting needs root (a read-only bind mount or a tiny tmpfs)")
    source.mkdir(parents=True, exist_ok=True)
    target.mkdir(parents=True, exist_ok=True)
    if kind == "read-only":
        steps = [["mount", "--bind", str(source), str(target)], ["mount", "-o", "remount,ro,bind", str(target)]]
    else:
        steps = [["mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", str(target)]]
    done = 0
    try:
        for step in steps:
            result = subprocess.run(step, capture_output=True, text=True, timeout=30)
            if result.returncode != 0:
                pytest.skip(f"not permitted here: {' '.join(step)}: {result.stderr.strip()}")
            done += 1
        yield target
    finally:
        if done:
            if subprocess.run(["umount", str(target)], capture_output=True, timeout=30).returncode != 0:
                subprocess.run(["umount", "-l", str(target)], capture_output=True, timeout=30)


def fill_disk(folder: Path) -> None:
    """Write a filler file until the file system says ENOSPC."""
    fd = os.open(folder / "fyll", os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.mark.parametrize("kind", ["read-only", "full"])
async def test_a_read_only_or_full_data_folder_is_reported_and_nothing_is_half_written(kind, tmp_path):
    source = tmp_path / "data"
    with mounted(kind, source, tmp_path / "mnt") as folder:
        workshop_dir = source if kind == "read-only" else folder
        workshop_id = new_workshop(fresh_store(workshop_dir), "Full disk")
        fresh_store(workshop_dir).set_cell(workshop_id, SECTION, BLOCK, "r1", "nar", "før")
        if kind == "full":
            fill_disk(folder)
        path = folder / f"{workshop_id}.json"
        before = path.read_bytes()
        listing = sorted(p.name for p in folder.iterdir())

        app = make_app(folder, workshop_id=workshop_id, section=SECTION, user="test")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.focused, BlockTable)
            await arrow_to(pilot, 1, 4)
            await pilot.press(*"nyverdi")
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, WorkshopScreen)
            why = "skrivebeskyttet" if kind == "read-only" else "disken er full"
            assert screen.sub_title.startswith("Ikke lagret:") and why in screen.sub_title, screen.sub_title
            editor = screen.query_one(CellEditor)
            assert editor.is_open and editor.current_text() == "nyverdi"  # nothing typed is lost
            assert why in str(editor.query_one("#editor-problem").render())
            assert app.is_running
        assert path.read_bytes() == before
        assert temp_files(folder) == []
        assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".presence")) == \
            [n for n in listing if not n.startswith(".presence")]
        assert fresh_store(folder).load(workshop_id).cells[(SECTION, BLOCK, "r1", "nar")] == "før"
