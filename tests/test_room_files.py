"""The presence folder: read cheaply, and never trusted.

Real files in a real folder (the other sessions are :class:`Presence`
objects writing their own files, as other processes would); what a hostile
participant of the shared folder can plant there - a symlink, a FIFO, a huge
file, broken JSON, escape sequences - must never crash, hang or paint the
terminal of a session that follows.
"""

from __future__ import annotations

import json
import os
import time

import pytest
from textual.command import CommandList, CommandPalette

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.presence import LEAD_FILE, STALE_SECONDS, Presence, Spot, read_small
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.block_table import BlockTable
from conftest import pilot_wait_until as until  # the one wait: polls, shows the screen on failure

SIZE = (80, 24)


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Rom", template="arbeidsrettet-lop", units=["NAV"])).id


def settle(folder, files: bool = False) -> None:
    """Date the folder (and with ``files`` its files) back, out of the racy window: in a real
    room most files were written seconds ago, and a file written in the last second is read again."""
    past = time.time() - 5
    for path in (list(folder.iterdir()) if files else []) + [folder]:
        os.utime(path, (past, past))


def quiet_room(data_dir, workshop_id: str, count: int):
    """``count`` others in the room, all written seconds ago, and "meg"'s view of them, read once."""
    people = [Presence(data_dir, workshop_id, f"p{i}") for i in range(count)]
    for person in people:
        person.beat()
    me = Presence(data_dir, workshop_id, "meg")
    me.beat()
    settle(me.folder, files=True)
    room = me.room
    assert room.refresh()
    return people, room


def test_an_idle_room_costs_one_stat_and_a_move_one_read(data_dir, workshop_id):
    people, room = quiet_room(data_dir, workshop_id, 30)
    assert room.reads == 31 and len(room.participants()) == 30
    for _ in range(5):
        assert not room.refresh(), "nothing changed: nothing read"
    assert room.reads == 31
    people[7].move(Spot("4.1", "sjekkliste", "r5", 1))
    settle(room.folder)
    assert room.refresh()
    assert room.reads == 32, "only the file that changed is read again"
    assert [p.spot.section for p in room.participants() if p.name == "p7"] == ["4.1"]
    people[3].beat()  # a heartbeat touches the file: the folder does not change
    assert not room.refresh() and room.reads == 32
    for person in people:
        person.beat()
    assert room.refresh(full=True) and len(room.participants()) == 30
    # the heartbeat check stats the files and reads none (p7, moved in the last second, is read again)
    assert room.reads == 33


def test_a_participant_is_made_once_per_version_of_its_file(data_dir, workshop_id):
    """Every session asks who is here on each change in the room: in a room of sixty, one moved cursor must not
    make sixty participants again in every one of them."""
    people, room = quiet_room(data_dir, workshop_id, 6)
    before = {p.name: p for p in room.participants()}
    people[2].move(Spot("4.1", "sjekkliste", "r5", 1))
    settle(room.folder)
    assert room.refresh()
    after = {p.name: p for p in room.participants()}
    assert after["p2"].spot.section == "4.1" and after["p2"] is not before["p2"]
    assert all(after[name] is before[name] for name in before if name != "p2")


def test_a_temp_file_left_by_a_killed_session_is_cleaned_after_a_minute(data_dir, workshop_id):
    me = Presence(data_dir, workshop_id, "kari")
    me.beat()
    old, fresh = me.folder / ".vm-1-abc.123456.tmp", me.folder / ".vm-2-def.654321.tmp"
    old.write_text("{")
    fresh.write_text("{")
    past = time.time() - 120
    os.utime(old, (past, past))
    me.room.refresh(full=True)
    assert not old.exists() and fresh.exists()


def test_a_heartbeat_gone_quiet_drops_the_session(data_dir, workshop_id):
    leader = Presence(data_dir, workshop_id, "anne")
    leader.beat()
    leader.take_lead()
    me = Presence(data_dir, workshop_id, "kari")
    me.room.refresh(full=True)
    assert me.room.lead().live
    old = time.time() - STALE_SECONDS - 5
    os.utime(leader.path, (old, old))  # neither a heartbeat (atime) nor a move (mtime) for a while
    me.room.refresh(full=True)
    assert me.room.participants() == [] and me.room.lead().live is False


def plant(folder, name: str, payload) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    (folder / name).write_bytes(data)


@pytest.mark.parametrize("kind", ["symlink", "fifo", "huge", "corrupt", "deep", "not-a-dict", "bad-session"])
def test_a_hostile_leader_file_is_no_leader(data_dir, workshop_id, tmp_path, kind):
    me = Presence(data_dir, workshop_id, "kari")
    me.beat()
    lead = me.folder / LEAD_FILE
    outside = tmp_path / "outside.json"
    outside.write_text(json.dumps({"session": me.session, "name": "inntrenger"}))
    if kind == "symlink":
        lead.symlink_to(outside)
    elif kind == "fifo":
        os.mkfifo(lead)
    elif kind == "huge":
        plant(me.folder, LEAD_FILE, b"{" + b" " * 10_000_000 + b"}")
    elif kind == "corrupt":
        plant(me.folder, LEAD_FILE, b'{"session": "x", "name": ')
    elif kind == "deep":
        plant(me.folder, LEAD_FILE, b"[" * 3000 + b"]" * 3000)
    elif kind == "not-a-dict":
        plant(me.folder, LEAD_FILE, [1, 2, 3])
    elif kind == "bad-session":
        plant(me.folder, LEAD_FILE, {"session": "../../etc/passwd", "name": "x"})
    me.room.refresh(full=True)  # bounded reads (core/safe_fs.py): the huge one is not read in full
    assert me.room.lead() is None
    assert read_small(lead) is None or kind in ("corrupt", "not-a-dict", "bad-session", "deep")


async def test_a_follower_shows_a_hostile_leaders_name_cleaned_and_keeps_working(data_dir, workshop_id):
    evil = "\x1b]2;pwned\x07[@click=app.quit]anne[/]\x1b[31m\u202e"
    leader = Presence(data_dir, workshop_id, evil)
    leader.beat()
    leader.move(Spot("1.3", "roller", "r2", 1))
    leader.take_lead()
    plant(leader.folder, "s-junk.json", b"\xff\xfe not json")
    os.mkfifo(leader.folder / "s-fifo.json")
    (leader.folder / "s-link.json").symlink_to("/dev/zero")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.1", user="kari", room_role="follow")
    async with app.run_test(size=SIZE) as pilot:
        link = app.screen.query_one("LiveLink")
        await until(pilot, lambda: app.screen.section.id == "1.3" and link.line().plain.startswith("Følger ")
                    and isinstance(app.focused, BlockTable) and app.focused.current().view.key == "r2")
        line = link.line().plain
        assert line.startswith("Følger ]2;pwned[@click=app.quit]anne[/][31m"), line
        assert not any(ord(ch) < 32 or 0x7f <= ord(ch) < 0xa0 or ch == "\u202e" for ch in line)
        assert app.screen.section.id == "1.3", "the (hostile-named) leader is still followed"
        assert app.focused.current().view.key == "r2"
        leader.path.unlink()  # the leader's own file goes (a crash that left lead.json behind)
        await until(pilot, lambda: "er borte" in link.line().plain, timeout=30.0)
        assert app.screen.section.id == "1.3"
        await pilot.press("down")  # still answers keys
        await until(pilot, lambda: app.focused.current().view.key == "r3")


async def test_the_leaders_line_shows_the_join_address_and_code(data_dir, workshop_id):
    from intro_tui.core.store.join_info import join_path, write_join_info

    write_join_info(data_dir, "http://127.0.0.1:8000", "K7QM4X", workshop_id)  # this process "serves"
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="anne", room_role="lead")
    async with app.run_test(size=SIZE) as pilot:
        link = app.screen.query_one("LiveLink")
        await until(pilot, lambda: "Kode K7QM4X · http://127.0.0.1:8000" in str(link.render()))
        join_path(data_dir).write_text(json.dumps({"url": "http://x\x1b]2;y", "code": "[b]", "pid": os.getpid(),
                                                   "host": os.uname().nodename}))
        await until(pilot, lambda: "Kode" not in str(link.render()))  # a hostile join file shows nothing


async def test_someone_editing_the_cell_you_move_to_shows_before_you_type(data_dir, workshop_id):
    kari = Presence(data_dir, workshop_id, "Kari Nordmann")
    kari.beat()
    kari.move(Spot("1.3", "roller", "r2", 1, editing=True))
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="ola")
    async with app.run_test(size=SIZE) as pilot:
        link = app.screen.query_one("LiveLink")
        table = app.screen.tables()[0]
        await until(pilot, lambda: table.rows[list(table.rows)[1]].label is not None
                    and table.rows[list(table.rows)[1]].label.plain == "KN✎")
        assert "skriver i denne cellen" not in str(link.render())
        row = table.cursor_coordinate.row
        await pilot.press("down")
        await until(pilot, lambda: table.cursor_coordinate.row == row + 1)
        assert "skriver i denne cellen" not in str(link.render()), "same row, another column"
        await pilot.press("right")
        await until(pilot, lambda: "✎ Kari Nordmann skriver i denne cellen" in str(link.render()))
        assert app.screen.query_one("CellEditor").is_open is False, "nothing typed yet"


async def test_the_command_palette_leads_and_follows(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="anne")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.focused is not None)
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        for key in "Led rommet":
            await pilot.press("space" if key == " " else key)
        await until(pilot, lambda: app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        link = app.screen.query_one("LiveLink")
        await until(pilot, lambda: link.leading and "Du leder" in str(link.render()))
        other = Presence(data_dir, workshop_id, "kari")
        other.room.refresh(full=True)
        assert other.room.lead().name == "anne" and other.room.lead().live
