"""The app against hostile files (issue 10): a real terminal (tmux) and Pilot at 80x24.

* escape sequences in a hand-edited workshop file, a change-log author and a
  presence file never reach the terminal: tmux keeps its window title and its
  clipboard (OSC 2 / OSC 52 were obeyed before);
* a hand-edited ``year`` that is not a number does not crash **k** (copy);
* the delete confirmation says where the workshop goes and how it comes back;
* an export never silently replaces an existing file: the app asks.
"""

from __future__ import annotations

import pytest
import json
import os
from pathlib import Path


from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app
from intro_tui.tui.screens.dialogs import ConfirmDialog, WorkshopDialog

from sshd import Tmux, intro_tui_command, require_tools, table_has_focus
from conftest import pilot_wait_until

SIZE = (80, 24)
OSC_TITLE = "\x1b]2;PWNED\x07"
OSC_CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"  # "rm -rf ~" into the clipboard


def make(store, title: str = "Verksted") -> str:
    return store.create(Workshop(id="", title=title, template="arbeidsrettet-lop", kommune="Bærum", year=2026,
                                 units=["NAV"])).id


def edit_file(data_dir: Path, wid: str, change) -> None:
    path = data_dir / f"{wid}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.slow
def test_escape_sequences_in_files_never_reach_a_real_terminal(store, data_dir, tmp_path):
    require_tools("tmux")
    wid = make(store, "Rent")

    def poison(data):
        data["workshop"]["1"]["title"] = "Skitten " + OSC_TITLE + "tittel"
        data["cells"]["999"] = {"s": "1.3", "b": "roller", "r": "r1", "c": "hovedansvarlig", "v": OSC_CLIPBOARD + "NAV"}

    edit_file(data_dir, wid, poison)
    presence = data_dir / ".presence" / wid
    presence.mkdir(parents=True)
    (presence / "x.json").write_text(json.dumps({"name": "Ond" + OSC_TITLE, "host": "annen-maskin", "pid": 1}))
    (data_dir / f"{wid}.changes.jsonl").write_text(json.dumps({"at": "2026", "by": OSC_TITLE, "op": "set"}) + "\n")
    tmux = Tmux()
    try:
        tmux.run("new-session", "-d", "-s", "boot", "sleep 600")
        tmux.run("set-option", "-g", "set-clipboard", "on")
        tmux.run("set-option", "-g", "allow-rename", "on")
        tmux.new("app", [*intro_tui_command(), "--data-dir", str(data_dir)],
                 env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "test",
                      "PYTHONPATH": os.environ.get("PYTHONPATH", "")})
        tmux.wait_for("app", "Skitten", 30, "the home screen")
        tmux.keys("app", "Enter")
        tmux.wait_for("app", "STEG 1", 30, "the workshop screen")
        tmux.wait_for("app", table_has_focus, 30, "the first table's focus")
        tmux.keys("app", "C-l")  # the change log shows the author
        tmux.wait_for("app", "Endringslogg", 30, "the change log")
        title = tmux.run("display-message", "-p", "-t", "app", "#{pane_title}").stdout.strip()
        buffers = tmux.run("list-buffers", check=False).stdout
        screen = tmux.screen("app")
    finally:
        tmux.kill_server()
    assert "PWNED" not in title, title
    assert "cm0gLXJmIH4" not in buffers and "rm -rf" not in buffers, buffers
    assert "\x1b" not in screen


async def test_copy_of_a_workshop_whose_year_is_not_a_number(store, data_dir):
    wid = make(store)
    edit_file(data_dir, wid, lambda data: data["workshop"]["1"].update(year="tjuetjueseks"))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopDialog)
        assert app.is_running


async def test_delete_asks_and_says_how_to_get_it_back(store, data_dir):
    wid = make(store, "Kastes")
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert ".deleted" in app.screen.question and f"intro-tui restore {wid}" in app.screen.question
        await pilot.press("j")
        await pilot.pause()
    assert not (data_dir / f"{wid}.json").exists()
    assert any((data_dir / ".deleted").glob(f"{wid}--*/{wid}.json"))


async def test_the_app_asks_before_replacing_an_export(store, data_dir, tmp_path):
    wid = make(store)
    exports = tmp_path / "exports"
    exports.mkdir()
    mine = exports / f"{wid}.docx"
    mine.write_bytes(b"my own document")
    app = make_app(data_dir, workshop_id=wid, section="1.3", exports_dir=exports)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # Word, whole workshop
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question before replacing")
        assert str(mine) in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert mine.read_bytes() == b"my own document"
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the question again")
        await pilot.press("j")
        await pilot_wait_until(pilot, lambda: mine.read_bytes().startswith(b"PK"), "the export written")
    assert mine.read_bytes().startswith(b"PK")  # now a Word document: the user said yes
