"""Who is who: two "Kari Nordmann" and a "Knut Nilsen" in one room are told apart everywhere."""

from __future__ import annotations


from conftest import arrow_to, screen_text
from conftest import pilot_wait_until as until  # the one wait: polls, shows the screen on failure

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog
from intro_tui.core.store.presence import Presence, Spot
from intro_tui.tui.app import make_app

SIZE = (80, 24)


async def test_same_names_and_initials_are_told_apart(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Navn", template="arbeidsrettet-lop", units=["NAV"])).id
    kari = Presence(data_dir, workshop_id, "Kari Nordmann")
    knut = Presence(data_dir, workshop_id, "Knut Nilsen")
    kari.move(Spot("1.3", "roller", "r2", 1))
    knut.move(Spot("1.3", "roller", "r3", 1))
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="Kari Nordmann")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "du vises som «Kari Nordmann (2)»" in screen_text(app),
                        "the second Kari was not told her room name")
            await pilot.press("ctrl+t")  # fold the instructions: the rows with the badges on screen
            await until(pilot, lambda: "KaN" in screen_text(app) and "KnN" in screen_text(app),
                        "Kari's and Knut's badges are not told apart")
            kari.room.refresh(full=True)
            assert "Kari Nordmann (2)" in [p.name for p in kari.room.participants()]
            # and the change log says which Kari wrote
            await arrow_to(pilot, app.focused.cursor_coordinate.row, 4)
            await pilot.press(*"mandag", "enter")
            await until(pilot, lambda: "mandag" in screen_text(app), "not saved")
            entries = changelog.read(store.changes_path(workshop_id))
            assert entries[-1].get("by") == "Kari Nordmann (2)", entries[-1]
    finally:
        kari.leave()
        knut.leave()
