"""The meeting in real terminals (issue 21, point 6): a leader and a follower, tmux at 80×24.

The leader starts the meeting with F9 and moves on with F9 ("Neste punkt"); both
screens show the item and its time under the header, the overrun marked, and go
to the item's section.  The apps run on the real clock here: the first item is
planned at "0 min", so it is over at once, and the second at 30 minutes, so
its countdown is well away from zero whatever the machine's speed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from intro_tui.core.model import agenda
from intro_tui.core.model.workshop import Workshop

from sshd import Tmux, intro_tui_command, require_tools, table_has_focus

from conftest import fresh_store, wait_until

pytestmark = pytest.mark.slow  # processes and terminals


@pytest.fixture
def tmux():
    require_tools("tmux")
    server = Tmux(prefix="intro-tui-agenda")
    yield server
    server.kill_server()


def start(tmux: Tmux, name: str, user: str, data_dir: Path, workshop_id: str, section: str, role: str) -> None:
    tmux.new(name, [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", section,
                    f"--{role}"],
             env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": user, "COLUMNS": "80",
                  "LINES": "24"}, width=80, height=24)
    tmux.wait_for(name, table_has_focus, 30, f"{name}: the first table's focus")


def test_the_leader_starts_the_meeting_and_moves_the_room_with_neste_punkt(tmux, data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop")).id
    for texts in (["0 min", "Velkommen", "2.1", "Plenum", "Anne"],
                  ["30 min", "Gruppearbeid 2.2", "2.2", "Grupper", "Kari"]):
        store.add_row(workshop_id, "2.5", agenda.BLOCK, dict(zip(agenda.COLUMNS, texts)))
    start(tmux, "lead", "anne", data_dir, workshop_id, "2.5", "lead")
    start(tmux, "follow", "roar", data_dir, workshop_id, "1.1", "follow")
    tmux.wait_for("follow", "Følger anne", 30, "the follower does not follow")
    tmux.wait_for("follow", "2.5 Kjøreplan for arbeidsmøte 2", 30, "the follower is not at the kjøreplan")
    assert "min igjen" not in tmux.screen("lead") + tmux.screen("follow")
    assert "F9 Start møtet" in tmux.screen("lead")

    tmux.keys("lead", "F9")  # start the meeting
    item_one = re.compile(r"⚠ Velkommen · (tiden er ute|\d+ min over tiden) · punkt 1 av 2")
    for name in ("lead", "follow"):
        tmux.wait_for(name, lambda s: bool(item_one.search(s)) and "2.1 Status" in s, 30,
                      f"{name}: item 1, over its time, in 2.1")
    assert "F9 neste punkt" in tmux.screen("lead")

    tmux.keys("lead", "F9")  # Neste punkt
    item_two = re.compile(r"▶ Gruppearbeid 2\.2 · (30|29|28) min igjen · punkt 2 av 2")
    for name in ("lead", "follow"):
        tmux.wait_for(name, lambda s: bool(item_two.search(s)) and "2.2 Vurdering" in s, 30,
                      f"{name}: item 2 with its countdown, in 2.2")
    assert "⚠" not in tmux.screen("follow")  # no longer over time

    def recorded():
        items = agenda.items(fresh_store(data_dir).load(workshop_id), "2.5")
        return [i.actual for i in items] if items[1].actual else None

    actual = wait_until(recorded, 10, "the actual times were not recorded")
    assert re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", actual[0]) and re.fullmatch(r"\d\d:\d\d–", actual[1]), actual
    assert actual[1].startswith(actual[0][-5:])  # item 2 began when item 1 ended
