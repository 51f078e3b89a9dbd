"""Taking the lead: ``--lead`` asks before taking over from a live leader, and everyone hears who leads now."""

from __future__ import annotations

import time

from conftest import screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.presence import Presence, Spot
from intro_tui.tui.app import make_app

SIZE = (80, 24)


async def until(pilot, test, what: str, timeout: float = 30.0, keep_alive=()) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, f"{what}:\n{screen_text(pilot.app)}"
        for person in keep_alive:
            person.beat()
        await pilot.pause(0.1)


def leader(data_dir, workshop_id: str, name: str) -> Presence:
    person = Presence(data_dir, workshop_id, name)
    person.move(Spot("1.3"))
    person.beat()
    person.take_lead()
    return person


async def test_lead_on_the_command_line_asks_before_taking_over(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Led", template="arbeidsrettet-lop", units=["NAV"])).id
    anne = leader(data_dir, workshop_id, "anne")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="kari", room_role="lead")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "anne leder nå. Vil du ta over ledelsen?" in screen_text(app),
                        "--lead took over without asking", keep_alive=[anne])
            await pilot.press("enter")  # the focus starts on "Nei"
            await until(pilot, lambda: "anne leder · F3 følger" in screen_text(app), "anne no longer leads",
                        keep_alive=[anne])
            anne.room.refresh(full=True)
            assert anne.room.lead() is not None and anne.room.lead().session == anne.session
    finally:
        anne.leave()


async def test_the_old_leader_and_the_others_hear_who_leads_now_and_the_key(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Led", template="arbeidsrettet-lop", units=["NAV"])).id
    anne = leader(data_dir, workshop_id, "anne")
    watcher = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="per")
    try:
        async with watcher.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "anne leder · F3 følger" in screen_text(watcher), "per never saw anne lead",
                        keep_alive=[anne])
            kari = leader(data_dir, workshop_id, "kari")  # kari takes over
            try:
                await until(pilot, lambda: "kari leder nå · F3 følger" in screen_text(watcher),
                            "per was not told who leads now", keep_alive=[anne, kari])
            finally:
                kari.leave()
    finally:
        anne.leave()
    old = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="anne", room_role="lead")
    async with old.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: "Du leder" in screen_text(old), "anne does not lead")
        kari = leader(data_dir, workshop_id, "kari")
        try:
            await until(pilot, lambda: "kari har tatt over ledelsen · F3 følger" in screen_text(old),
                        "the old leader was not told who leads now, with the key", keep_alive=[kari])
        finally:
            kari.leave()


async def test_the_join_code_is_on_the_leaders_line_at_80_columns(data_dir, store):
    """Issue 17 point 8: the code is what the projector needs - first on the line, never cut off."""
    from intro_tui.core.store.join_info import write_join_info

    workshop_id = store.create(Workshop(id="", title="Kode", template="arbeidsrettet-lop", units=["NAV"])).id
    write_join_info(data_dir, "http://verksted.kommune.example.no:8768", "K7QM4X", workshop_id)
    others = [leader(data_dir, workshop_id, f"p{i}") for i in range(1)]
    others[0].drop_lead()
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="anne", room_role="lead")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "Du leder" in screen_text(app), "anne does not lead", keep_alive=others)
            line = next(line for line in screen_text(app).splitlines() if "Du leder" in line)
            assert "Kode K7QM4X" in line, line
    finally:
        for person in others:
            person.leave()
