"""Two commits on one cell 0.2 s apart: the first writer is told, with the other's text, and Ctrl+Z."""

from __future__ import annotations

import asyncio


from conftest import arrow_to, fresh_store, screen_text
from conftest import pilot_wait_until as until  # the one wait: polls, shows the screen on failure

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

SIZE = (80, 24)
CELL = ("1.3", "roller", "r1", "nar")


async def test_the_first_writer_is_told_and_takes_the_cell_back_with_ctrl_z(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Samtidig", template="arbeidsrettet-lop", units=["NAV"])).id
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="anne")
    other = WorkshopStore(data_dir, load_catalog(data_dir), user="bjorn")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await arrow_to(pilot, app.focused.cursor_coordinate.row, 4)  # "Når/hvor ofte"
        await pilot.press(*"tirsdag", "enter")
        await until(pilot, lambda: fresh_store(data_dir).load(workshop_id).cells.get(CELL) == "tirsdag", "not saved")
        await asyncio.sleep(0.2)
        other.set_cell(workshop_id, *CELL, "onsdag")  # the second commit, 0.2 s after the first
        await until(pilot, lambda: "bjorn skrev «onsdag» over det du nettopp lagret" in screen_text(app),
                    "the first writer was never told")
        assert "Ctrl+Z setter «tirsdag»" in screen_text(app)
        await pilot.press("ctrl+z")
        await until(pilot, lambda: fresh_store(data_dir).load(workshop_id).cells.get(CELL) == "tirsdag",
                    "Ctrl+Z did not write the first writer's text back")
        await until(pilot, lambda: "tirsdag" in screen_text(app) and "skrev «onsdag» over" not in screen_text(app),
                    "the screen does not show the text taken back")
        # and told once: nothing more is said while nobody writes
        await pilot.pause(1.0)
        assert "skrev «onsdag» over" not in screen_text(app)
