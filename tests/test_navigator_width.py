"""Issue 18 point 15: the navigator shows more of each title when it has room - the drawer at 80
columns and the side panel at 120, while a section is being chosen."""

from __future__ import annotations

import pytest

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

from conftest import screen_text


@pytest.fixture
def workshop_id(store) -> str:
    return store.create(Workshop(id="", title="Arbeidsmøte", template="arbeidsrettet-lop", units=["NAV"])).id


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_navigator_shows_more_of_each_title(data_dir, workshop_id, size):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.1")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # choosing a section: the focus in the navigator (at 80, the drawer)
        await pilot.pause()
        text = screen_text(app)
        assert "1.1 Kartlegging av arbeidskraft" in text, text  # cut after 15 characters before
        assert "1.3 Roller og ansvarsfordeling" in text, text
