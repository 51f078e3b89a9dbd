"""A follower who edits a cell and goes on following leaves no "is typing" mark behind.

The leader is a real :class:`Presence` (its own file and ``lead.json``), the
follower a Pilot app at 80×24; what the leader would show is read the way the
leader's screen reads it: from the room (the follower's presence file).
"""

from __future__ import annotations


from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.presence import Presence
from intro_tui.tui import room_view
from intro_tui.tui.app import make_app
from intro_tui.tui.live import LiveLink
from intro_tui.tui.widgets.cell_editor import CellEditor
from conftest import pilot_wait_until as wait_for  # the one wait: polls, shows the screen on failure

SIZE = (80, 24)


def follower_spots(leader: Presence):
    leader.room.refresh(full=True)
    return [p.spot for p in leader.room.participants() if p.name == "roar"]


async def test_commit_while_following_clears_the_editing_mark(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Felles", template="arbeidsrettet-lop",
                                        units=["NAV"])).id
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar", room_role="follow")
    leader = Presence(data_dir, workshop_id, "anne")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            here = room_view.current_spot(app.screen)
            leader.move(room_view.Spot(here.section, here.block, here.row, 3))  # "Utfører": a text cell
            leader.beat()
            leader.take_lead()
            link = app.screen.query_one(LiveLink)
            await wait_for(pilot, lambda: link._applied is not None and app.focused.cursor_coordinate.column == 3, "the follower never followed")  # noqa: SLF001
            await pilot.press("x")  # the editor opens on the leader's cell
            await wait_for(pilot, lambda: any(s.editing for s in follower_spots(leader)),
                           "the follower's editing was never published")
            await pilot.press("enter")  # saved
            await pilot.pause()
            assert not app.screen.query_one(CellEditor).is_open
            await wait_for(pilot, lambda: follower_spots(leader) and not any(s.editing for s in follower_spots(leader)),
                           "after the save the follower's file still says it is editing")
            # the leader moves on a row; the follower follows, and its file never says "editing" again
            moved = room_view.current_spot(app.screen)
            table = app.screen.table_for(moved.block)
            other_row = next(v.key for v in table.views if v.key != moved.row)
            leader.move(room_view.Spot(moved.section, moved.block, other_row, moved.column))
            await wait_for(pilot, lambda: room_view.current_spot(app.screen).row == other_row,
                           "the follower did not follow the leader's move")
            await pilot.pause(1.0)
            assert not any(s.editing for s in follower_spots(leader))
            # and an edit cancelled with Esc clears it too
            await pilot.press("y")
            await wait_for(pilot, lambda: any(s.editing for s in follower_spots(leader)),
                           "the second edit was never published")
            await pilot.press("escape")
            await wait_for(pilot, lambda: not any(s.editing for s in follower_spots(leader)),
                           "after Esc the follower's file still says it is editing")
    finally:
        leader.leave()


async def test_esc_after_the_leader_moved_keeps_the_draft_for_ctrl_z(data_dir, store):
    """Issue 17 point 4: the follower types, the leader moves on, Esc; Ctrl+Z brings the text back."""
    from conftest import fresh_store, screen_text

    workshop_id = store.create(Workshop(id="", title="Utkast", template="arbeidsrettet-lop", units=["NAV"])).id
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar", room_role="follow")
    leader = Presence(data_dir, workshop_id, "anne")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            here = room_view.current_spot(app.screen)
            leader.move(room_view.Spot(here.section, here.block, here.row, 4))  # "Når/hvor ofte": text
            leader.beat()
            leader.take_lead()
            link = app.screen.query_one(LiveLink)
            await wait_for(pilot, lambda: link._applied is not None and app.focused.cursor_coordinate.column == 4,  # noqa: SLF001
                           "the follower never followed")
            await pilot.press("t", "i", "d", "l", "i", "g", "enter")  # an earlier saved edit of this session
            await wait_for(pilot, lambda: "tidlig" in screen_text(app), "the first edit was not shown")
            await pilot.press("u", "t", "k", "a", "s", "t")  # a draft ...
            await wait_for(pilot, lambda: app.screen.query_one(CellEditor).is_open, "the editor did not open")
            leader.move(room_view.Spot("1.4"))  # ... the leader moves on to another section
            await pilot.pause(1.0)
            await pilot.press("escape")  # the draft is dropped; the view catches up with the leader
            await wait_for(pilot, lambda: app.screen.section.id == "1.4", "the follower did not catch up")
            await wait_for(pilot, lambda: "Ctrl+Z henter tilbake" in screen_text(app),
                           "the catch-up hid how to get the draft back:\n" + screen_text(app))
            await pilot.press("ctrl+z")
            await wait_for(pilot, lambda: app.screen.query_one(CellEditor).is_open and "utkast" in screen_text(app),
                           "Ctrl+Z did not bring the draft back")
            assert app.screen.section.id == "1.3"
            cells = fresh_store(data_dir).load(workshop_id).cells
            assert cells[("1.3", "roller", "r1", "nar")] == "tidlig", "Ctrl+Z undid the earlier edit instead"
            assert link.following, "Ctrl+Z on a draft does not stop following"
    finally:
        leader.leave()
