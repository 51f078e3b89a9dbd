"""NIR counts and the chart in a real terminal (tmux, 80×24): keys through a pty, the screen as tmux shows it."""

from __future__ import annotations

import pytest
import json
import time
from pathlib import Path

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore

from sshd import Tmux, intro_tui_command, require_tools

pytestmark = pytest.mark.slow  # processes, terminals, a browser or LibreOffice


def counts(data_dir: Path, workshop_id: str) -> dict:
    data = json.loads((data_dir / f"{workshop_id}.json").read_text(encoding="utf-8"))
    return {d["r"]: d["v"] for d in data["cells"].values() if d["s"] == "nir"}


def wait_for_count(data_dir: Path, workshop_id: str, key: str, value: int, tmux: Tmux, name: str) -> None:
    deadline = time.monotonic() + 15
    while counts(data_dir, workshop_id).get(key) != value:
        assert time.monotonic() < deadline, f"{key} not saved as {value}:\n{tmux.screen(name)}"
        time.sleep(0.05)


def test_counts_typed_then_the_chart(data_dir):
    require_tools("tmux")
    store = WorkshopStore(data_dir, load_catalog(data_dir), user="test")
    wid = store.create(Workshop(id="", title="Virksomhetsplan 2026", template="virksomhetsplan", year=2026)).id
    store.set_cell(wid, "nir", "hovedindikator", "arbeid-utdanning", "mal", "65")
    tmux = Tmux()
    try:
        tmux.new("nir", [*intro_tui_command(), "--data-dir", str(data_dir), "open", wid, "--section", "nir"],
                 env={"INTRO_TUI_USER": "test", "TERM": "xterm-256color"})
        tmux.wait_for("nir", "Status og begrunnelse", 30, "the NIR table")
        tmux.keys("nir", "C-t")  # fold the instructions
        for _ in range(8):  # from the first code (a table starts below its heading row) to "Avsluttet › Arbeid > 29 t/uke"
            tmux.keys("nir", "Down")
            time.sleep(0.05)
        tmux.keys("nir", "Right")
        time.sleep(0.2)
        for key, count in (("avsluttet-arbeid-over-29", 5), ("avsluttet-arbeid-under-30", 3), ("avsluttet-vgs", 2)):
            tmux.type("nir", str(count))
            tmux.keys("nir", "Enter")
            wait_for_count(data_dir, wid, key, count, tmux, "nir")
            tmux.keys("nir", "Down")
            time.sleep(0.2)
        for _ in range(4):  # to "Ikke arbeidssøker"
            tmux.keys("nir", "Down")
            time.sleep(0.05)
        tmux.type("nir", "10")
        tmux.keys("nir", "Enter")
        wait_for_count(data_dir, wid, "avsluttet-ikke-arbeidssoker", 10, tmux, "nir")
        screen = tmux.wait_for("nir", "50 % (10 av 20)", 10, "the share of Ikke arbeidssøker")
        assert "Ikke arbeidssøker" in screen
        tmux.keys("nir", "C-r")
        screen = tmux.wait_for("nir", "resultat mot mål", 10, "the chart")
        bar = next(line for line in screen.splitlines() if "mål 65 %" in line)
        assert "█" in bar and "│" in bar and "50 %" in bar and "ikke nådd" in bar
        assert all(len(line) <= 80 for line in screen.splitlines())
        tmux.keys("nir", "Escape")
        tmux.wait_for("nir", "Status og begrunnelse", 10, "back at the table")
    finally:
        tmux.kill_server()
