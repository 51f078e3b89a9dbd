"""Copies in a real terminal (tmux at 80×24, issue 20): F8, a name, Enter; the copy is on screen and in the file."""

from __future__ import annotations

import time

import pytest
from conftest import fresh_store
from sshd import Tmux, intro_tui_command, require_tools

from intro_tui.core.model import copies
from intro_tui.core.model.workshop import Workshop


@pytest.mark.slow
def test_f8_adds_a_copy_in_a_real_terminal(store, data_dir):
    require_tools("tmux")
    workshop_id = store.create(Workshop(id="", title="Terminal", template="arbeidsrettet-lop")).id
    store.set_cell(workshop_id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    tmux = Tmux(prefix="intro-tui-copies")
    try:
        tmux.new("a", [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", "2.2"],
                 env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "test",
                      "COLUMNS": "80", "LINES": "24"})
        tmux.wait_for("a", "F8 Kopier", 30, "the key bar offers F8 on 2.2")
        time.sleep(0.6)
        tmux.keys("a", "F8")
        tmux.wait_for("a", "Kopier av 2.2: Renhold", 10)
        tmux.type("a", "Helse og omsorg")
        time.sleep(0.3)
        tmux.keys("a", "Enter")
        tmux.wait_for("a", "La til kopien «Helse og omsorg»", 10)
        screen = tmux.wait_for("a", "målgruppen – Helse og omsorg", 10, "the copy's heading")
        assert "Helse og omsorg" in screen
        tmux.keys("a", "Escape")
        tmux.wait_for("a", lambda screen: any(line.split("▎", 1)[0].rstrip().endswith("… – Helse og omsorg")
                                              for line in screen.splitlines() if "▎" in line),
                      10, "the navigator lists the copy")
    finally:
        tmux.kill_server()
    workshop = fresh_store(data_dir).load(workshop_id)
    assert copies.keys_of(workshop, "2.2") == ["2.2", "2.2#2"]
