"""F9 in a real terminal (tmux at 80×24, issue 20 point 6): a tiltak typed into 2.2's «Forslag til justering»
becomes a copy of 2.3, named after it, its Yrke/bransje the trade of the 2.2 it came from."""

from __future__ import annotations

import pytest
from conftest import fresh_store
from sshd import Tmux, intro_tui_command, require_tools

from intro_tui.core.model import copies
from intro_tui.core.model.workshop import Workshop


def _key_bar(screen: str) -> str:
    lines = [line for line in screen.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _status(screen: str) -> str:
    """The line under the tables saying where the cursor is ("2.2 › Vurderingskriterier · rad 6 · …")."""
    return next((line for line in screen.splitlines() if " › " in line and " · rad " in line), "")


@pytest.mark.slow
def test_f9_turns_a_typed_tiltak_into_a_23_copy_in_a_real_terminal(store, data_dir):
    require_tools("tmux")
    workshop_id = store.create(Workshop(id="", title="Terminal", template="arbeidsrettet-lop")).id
    store.set_cell(workshop_id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    tmux = Tmux(prefix="intro-tui-f9")
    try:
        tmux.new("a", [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", "2.2"],
                 env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "test",
                      "COLUMNS": "80", "LINES": "24"})
        screen = tmux.wait_for("a", "F8 Kopier", 30, "2.2 open")
        for _ in range(14):  # down the rows until the status line names the row proposing tiltak
            if "rad 6 · Forslag til justering" in _status(screen):
                break
            before = _status(screen)
            tmux.keys("a", "Down")
            screen = tmux.wait_for("a", lambda s, was=before: _status(s) != was, 10, "the cursor moved")
        tmux.wait_for("a", lambda s: "F9 Lag 2.3" in _key_bar(s), 10, "the key bar offers F9 there")
        tmux.keys("a", "Right")
        tmux.wait_for("a", "Hva er situasjonen", 10, "the cursor on the first answer column")
        tmux.keys("a", "Enter")
        tmux.wait_for("a", lambda s: "Lagre" in _key_bar(s), 10, "the cell editor open")
        tmux.type("a", "Renholdskurs")
        tmux.wait_for("a", "Renholdskurs", 10)
        tmux.keys("a", "Enter")
        tmux.wait_for("a", lambda s: "F9 Lag 2.3" in _key_bar(s), 10, "saved, the key bar back")
        tmux.keys("a", "F9")
        tmux.wait_for("a", "Tiltaket «Renholdskurs» har nå sin egen 2.3", 15, "F9's message")
        tmux.wait_for("a", lambda s: "2.3 Planlegging av justering" in s and "Yrke/bransje" in s and " Renhold" in s
                      and "Renholdskurs" in s.split("Yrke/bransje", 1)[-1], 15, "2.3 on screen, named and linked")
    finally:
        tmux.kill_server()
    workshop = fresh_store(data_dir).load(workshop_id)
    assert copies.keys_of(workshop, "2.3") == ["2.3"]  # the first copy was unnamed: it is now this tiltak's
    assert workshop.value("2.3", "tiltak", "navn", "verdi") == "Renholdskurs"
    assert workshop.value("2.3", "tiltak", "yrke", "verdi") == "Renhold"
