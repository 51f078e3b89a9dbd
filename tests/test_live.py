"""Several sessions on one workshop: live updates, who is here, edits that cross.

The "other session" is always a real second process (the CLI, or a Python
child holding a presence file), never a mock.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from intro_tui.tui.app import make_app
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog
from intro_tui.core.store.presence import Presence
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.widgets.block_table import BlockTable
from intro_tui.tui.widgets.cell_editor import CellEditor

from conftest import cli_env, pilot_wait_until, run_intro_tui, screen_text

pytestmark = pytest.mark.slow  # processes, terminals, a browser or LibreOffice

SIZE = (80, 24)


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Felles verksted", template="arbeidsrettet-lop",
                                 units=["NAV", "Flyktningtjenesten"])).id


def start_other_session(data_dir: Path, workshop_id: str, name: str) -> subprocess.Popen:
    """A second process announcing itself as ``name`` until killed."""
    code = textwrap.dedent(f"""
        import sys, time
        from intro_tui.core.store.presence import Presence
        p = Presence({str(data_dir)!r}, {workshop_id!r}, {name!r})
        p.beat()
        print("ready", flush=True)
        while True:
            time.sleep(1); p.beat()
    """)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


def test_presence_sees_other_processes_and_forgets_killed_ones(data_dir, workshop_id):
    me = Presence(data_dir, workshop_id, "ola")
    me.beat()
    other = start_other_session(data_dir, workshop_id, "kari")
    try:
        assert me.others() == ["kari"]
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()
    assert me.others() == []  # the process is gone: not counted, though its file is still there
    me.leave()
    assert not me.path.exists()


async def test_header_shows_who_else_is_here(data_dir, workshop_id):
    other = start_other_session(data_dir, workshop_id, "kari [b]")
    try:
        app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="ola")
        async with app.run_test(size=SIZE) as pilot:
            await pilot_wait_until(pilot, lambda: "Her nå: kari [b]" in app.screen.sub_title, what="kari in the header")
    finally:
        other.send_signal(signal.SIGKILL)
        other.wait()


async def test_another_sessions_edit_appears_without_moving_the_cursor(data_dir, tmp_path, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.focused
        assert isinstance(table, BlockTable)
        await pilot.press("down", "down", "right", "right", "right")
        await pilot.pause()
        assert table.cursor_coordinate == (2, 3)
        assert "NAV" not in screen_text(app)
        result = run_intro_tui(data_dir, tmp_path, "set", workshop_id, "1.3", "1", "Utfører", "NAV")
        assert result.returncode == 0, result.stderr
        await pilot_wait_until(pilot, lambda: "NAV" in screen_text(app), what="the other session's edit on screen")
        assert table.cursor_coordinate == (2, 3)
        assert app.focused is table


async def test_someone_else_changing_the_cell_being_edited(data_dir, tmp_path, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="ola")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "right", "right")
        await pilot.pause()
        await pilot.press("m", "a", "r", "s")  # editing "Når", not committed yet
        result = run_intro_tui(data_dir, tmp_path, "set", workshop_id, "1.3", "1", "5", "april",
                               env=cli_env(INTRO_TUI_USER="kari"))
        assert result.returncode == 0, result.stderr
        editor = app.screen.query_one(CellEditor)
        await pilot_wait_until(pilot, lambda: "En annen har nettopp endret" in str(editor.query_one("#editor-problem").render()),
                               what="the viewer told of the other's edit")
        assert editor.current_text() == "mars", "what the viewer typed is untouched"
        await pilot.press("enter")  # last writer wins for the cell
        await pilot.pause()
    store = WorkshopStore(data_dir, load_catalog(data_dir))
    assert store.load(workshop_id).cells[("1.3", "roller", "r1", "nar")] == "mars"
    sets = [e for e in changelog.read(store.changes_path(workshop_id)) if e.get("op") == "set"]
    assert [(e["by"], e["old"], e["new"]) for e in sets] == [("kari", "", "april"), ("ola", "april", "mars")]


async def test_change_log_screen_lists_and_exports(data_dir, tmp_path, workshop_id):
    import csv

    run_intro_tui(data_dir, tmp_path, "set", workshop_id, "1.3", "1", "5", "april", env=cli_env(INTRO_TUI_USER="kari"))
    exports = tmp_path / "ut"
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", exports_dir=exports)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        table = app.screen.query_one("#changes")
        assert table.row_count == 2  # create + the set
        assert table.get_cell_at((0, 1)).plain == "kari" and table.get_cell_at((0, 4)).plain == "april"
        await pilot.press("e")
        await pilot.pause()
    rows = list(csv.reader((exports / f"{workshop_id}-endringslogg.csv").open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[-1][1] == "kari" and rows[-1][-1] == "april"
