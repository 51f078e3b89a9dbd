"""A section shown before is kept built: going back is cheap, and still shows what changed meanwhile."""

from __future__ import annotations

import time

from conftest import fresh_store, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

SIZE = (80, 24)


async def wait_for(pilot, check, what: str, timeout: float = 10.0):
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < timeout, what
        await pilot.pause(0.1)


async def test_a_section_shown_again_is_the_same_view_with_the_others_saves(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Igjen", template="arbeidsrettet-lop", units=["NAV"])).id
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        first = app.screen.section_view
        await pilot.press("f6")
        await wait_for(pilot, lambda: app.screen.section.id == "1.4", "F6 did not move on")
        # another session writes in 1.3 while this one shows 1.4
        fresh_store(data_dir).set_cell(workshop_id, "1.3", "roller", "r1", "nar", "ukentlig")
        await wait_for(pilot, lambda: ("1.3", "roller", "r1", "nar") in app.screen.session.workshop.cells,
                       "the other session's save was never read")
        await pilot.press("f5")
        await wait_for(pilot, lambda: app.screen.section.id == "1.3", "F5 did not go back")
        assert app.screen.section_view is first, "1.3 was built again"
        await wait_for(pilot, lambda: "ukentlig" in screen_text(app), "the kept view does not show the save:\n" + screen_text(app))
        # a section never shown is built; the hidden ones stay out of the screen's tables
        assert all(table.section.id == "1.3" for table in app.screen.tables())
