"""Copies with several people (issue 20): lead/follow lands on the right copy; two sessions on two copies lose nothing."""

from __future__ import annotations


from conftest import fresh_store, screen_text
from conftest import pilot_wait_until as wait_for  # the one wait: polls, shows the screen on failure

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.session import EditSession
from intro_tui.core.store import copies as store_copies
from intro_tui.core.store.presence import Presence
from intro_tui.tui import room_view
from intro_tui.tui.app import make_app
from intro_tui.tui.live import LiveLink

SIZE = (80, 24)


async def test_a_follower_goes_to_the_copy_the_leader_added(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Felles", template="arbeidsrettet-lop")).id
    store.set_cell(workshop_id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    app = make_app(data_dir, workshop_id=workshop_id, section="2.2", user="roar", room_role="follow")
    leader = Presence(data_dir, workshop_id, "anne")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.3)
            leader.beat()
            leader.take_lead()
            # the leader (another process) adds a copy and goes to its table
            key = store_copies.add_copy(fresh_store(data_dir), workshop_id, "2.2", "Helse og omsorg")
            leader.move(room_view.Spot(key, "vurdering", "r3", 1))
            leader.beat()
            link = app.screen.query_one(LiveLink)
            await wait_for(pilot, lambda: app.screen.section.id == key, "the follower stayed on the first copy")
            await wait_for(pilot, lambda: link._applied is not None, "never applied")  # noqa: SLF001
            await wait_for(pilot, lambda: "Helse og omsorg" in screen_text(app), "the copy's name is not on screen")
            assert room_view.current_spot(app.screen).section == key
    finally:
        leader.leave()


def test_two_sessions_on_two_copies_lose_nothing(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="To", template="arbeidsrettet-lop")).id
    store.set_cell(workshop_id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    one, two = EditSession(fresh_store(data_dir), workshop_id), EditSession(fresh_store(data_dir), workshop_id)
    key = two.add_copy("2.2", "Helse")
    for n in range(1, 9):  # interleaved: neither reloads before writing
        one.set_cell("2.2", "vurdering", f"r{n}", "situasjon", f"renhold {n}")
        two.set_cell(key, "vurdering", f"r{n}", "situasjon", f"helse {n}")
    third = two.add_copy("2.2", "Bygg")
    one.set_cell(third, "vurdering", "r1", "bedres", "fra økt en")
    workshop = fresh_store(data_dir).load(workshop_id)
    for n in range(1, 9):
        assert workshop.value("2.2", "vurdering", f"r{n}", "situasjon") == f"renhold {n}"
        assert workshop.value(key, "vurdering", f"r{n}", "situasjon") == f"helse {n}"
    assert workshop.value(third, "vurdering", "r1", "bedres") == "fra økt en"
    assert workshop.copies == {"2.2": [2, 3]}
