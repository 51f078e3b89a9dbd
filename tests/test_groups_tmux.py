"""Gruppenes svar in a real terminal (tmux at 80×24, issue 21): F10, S, a group's row taken, Esc back."""

from __future__ import annotations

import pytest
from conftest import fresh_store
from sshd import Tmux, intro_tui_command, require_tools

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import groups


@pytest.mark.slow
def test_the_side_by_side_view_in_a_real_terminal(store, data_dir):
    require_tools("tmux")
    wid = store.create(Workshop(id="", title="Terminal", template="arbeidsrettet-lop", units=["NAV", "Skolen"])).id
    store.set_cell(wid, "1.3", "roller", "r1", "hovedansvarlig", "NAV")
    groups.make(store, wid, "Gruppe 1", section="1.3", draft=True)
    groups.make(store, wid, "Gruppe 2", section="1.3", draft=True)
    store.set_cell(wid, "1.3~g1", "roller", "r1", "nar", "Daglig")
    store.set_cell(wid, "1.3~g2", "roller", "r1", "nar", "Ukentlig")
    tmux = Tmux(prefix="intro-tui-groups")
    try:
        tmux.new("a", [*intro_tui_command(), "--data-dir", str(data_dir), "open", wid, "--section", "1.3"],
                 env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "test",
                      "COLUMNS": "80", "LINES": "24"})
        tmux.wait_for("a", "1.3 Roller", 30, "1.3 on screen")
        tmux.keys("a", "F10")
        tmux.wait_for("a", "utkast av 1.3", 15, "the groups dialog")
        tmux.keys("a", "s")
        screen = tmux.wait_for("a", "Gruppenes svar – 1.3", 15, "the side-by-side view")
        row = [line for line in screen.splitlines() if "Gruppe 2" in line and "≠" in line]
        assert row and all(len(line) <= 80 for line in screen.splitlines()), screen
        tmux.keys("a", "Down")
        tmux.wait_for("a", "Hvem: Gruppe 1", 10, "on Gruppe 1's line")
        tmux.keys("a", "r")
        tmux.wait_for("a", "Tok raden fra Gruppe 1", 10, "the row taken")
        tmux.keys("a", "Escape")
        tmux.wait_for("a", lambda s: "Daglig" in s and "Gruppenes svar" not in s, 10, "back in 1.3 with the answer")
    finally:
        tmux.kill_server()
    assert fresh_store(data_dir).load(wid).value("1.3", "roller", "r1", "nar") == "Daglig"
