"""The presence folder under attack or neglect: crowded, planted with links, full of dead sessions.

Real files in a real folder; the other sessions are :class:`Presence`
objects (as other processes would be), and the follower is a Pilot app at
80×24 where what the room looks like on screen matters.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time

import pytest
from conftest import screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.presence import LEAD_FILE, Presence, Spot
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

SIZE = (80, 24)


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Rom", template="arbeidsrettet-lop", units=["NAV"])).id


def crowd(folder, count: int) -> None:
    """``count`` small files of someone else's in the folder (made after the room's own: listed first on tmpfs)."""
    for i in range(count):
        fd = os.open(folder / f"x{i:05d}.json", os.O_WRONLY | os.O_CREAT, 0o644)
        os.write(fd, b"{}")
        os.close(fd)


def test_a_crowded_folder_still_gives_up_the_leader_and_is_named(data_dir, workshop_id):
    leader = Presence(data_dir, workshop_id, "anne")
    leader.beat()
    leader.take_lead()
    leader.move(Spot("4.1", "sjekkliste", "r5", 1))
    crowd(leader.folder, 20_000)
    leader.beat()  # making the crowd may take longer than a heartbeat on a loaded machine
    me = Presence(data_dir, workshop_id, "kari")
    me.beat()
    me.room.refresh(full=True)
    lead = me.room.lead()
    assert lead is not None and lead.live and lead.name == "anne", lead
    assert lead.spot == Spot("4.1", "sjekkliste", "r5", 1)
    assert [p.name for p in me.room.participants()] == ["anne"]
    assert me.room.problem and f".presence/{workshop_id}" in me.room.problem


async def test_a_follower_in_a_crowded_folder_follows_and_hears_of_it_once(data_dir, workshop_id):
    leader = Presence(data_dir, workshop_id, "anne")
    leader.beat()
    leader.take_lead()
    crowd(leader.folder, 20_000)
    leader.beat()
    leader.move(Spot("1.4"))
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="kari", room_role="follow")
    try:
        async with app.run_test(size=SIZE) as pilot:
            deadline = time.monotonic() + 45
            while "Følger anne" not in screen_text(app) or app.screen.section.id != "1.4":
                assert time.monotonic() < deadline, screen_text(app)
                leader.beat()  # alive, however slow the machine
                await pilot.pause(0.2)
            deadline = time.monotonic() + 45  # its own wait: following through 20,000 files took the first one
            while "Rommet: over 1000 fremmede filer i .presence/rom" not in screen_text(app):
                assert time.monotonic() < deadline, screen_text(app)
                leader.beat()
                await pilot.pause(0.2)
            assert "leder ikke lenger" not in screen_text(app)
    finally:
        leader.leave()


def test_files_of_killed_sessions_are_removed(data_dir, workshop_id):
    me = Presence(data_dir, workshop_id, "kari")
    me.beat()
    dead = subprocess.Popen(["true"])
    dead.wait()
    gone = me.folder / "s-killed-1.json"
    gone.write_text(json.dumps({"name": "ola", "host": socket.gethostname(), "pid": dead.pid}))
    silent = me.folder / "s-other-machine.json"
    silent.write_text(json.dumps({"name": "per", "host": "another-host", "pid": 5}))
    old = time.time() - 3600
    os.utime(silent, (old, old))
    alive = Presence(data_dir, workshop_id, "anne")
    alive.beat()
    me.room.refresh(full=True)
    assert [p.name for p in me.room.participants()] == ["anne"]
    assert not gone.exists() and not silent.exists(), "stale session files stay for good"
    assert alive.path.exists() and me.path.exists()


@pytest.mark.parametrize("link", ["workshop", "presence"])
def test_a_linked_presence_folder_is_neither_read_nor_cleaned(data_dir, workshop_id, tmp_path, link):
    """Issue 16 point 5: ``.presence/<id>`` (or ``.presence``) linked to another member's private folder."""
    victim = tmp_path / "victim"
    private = victim / workshop_id if link == "presence" else victim
    private.mkdir(parents=True)
    draft = private / ".utkast.tmp"
    draft.write_text("privat")
    os.utime(draft, (time.time() - 600, time.time() - 600))
    (private / "s-secret.json").write_text(json.dumps({"name": "HEMMELIG innhold", "section": "1.1"}))
    (private / LEAD_FILE).write_text(json.dumps({"session": "secret", "name": "HEMMELIG"}))
    if link == "presence":
        (data_dir / ".presence").symlink_to(victim)
    else:
        (data_dir / ".presence").mkdir()
        (data_dir / ".presence" / workshop_id).symlink_to(victim)
    before = sorted(os.listdir(private))
    me = Presence(data_dir, workshop_id, "kari")
    me.beat()
    me.move(Spot("1.2"))
    me.take_lead()
    assert me.room.refresh(full=True) is not None
    assert me.room.participants() == [] and me.room.lead() is None
    assert sorted(os.listdir(private)) == before, "the app wrote or deleted in the other member's folder"
    assert draft.read_text() == "privat"
    assert me.room.problem and "symbolsk lenke" in me.room.problem
    me.leave()
    assert sorted(os.listdir(private)) == before
