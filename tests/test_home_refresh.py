"""The home screen picks up workshops made or changed elsewhere (the CLI, another session) by itself.

The other writer is the real CLI in a subprocess; what is checked is the
80×24 screen, with the cursor and the search text left as they were.
"""

from __future__ import annotations

import pytest
import time

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

from conftest import ok, run_intro_tui, screen_text

pytestmark = pytest.mark.slow  # processes, terminals, a browser or LibreOffice

SIZE = (80, 24)


async def wait_for_text(pilot, text: str, timeout: float = 30.0) -> None:
    started = time.monotonic()
    while text not in screen_text(pilot.app):
        assert time.monotonic() - started < timeout, f"{text!r} did not appear on the home screen:\n" \
                                                     f"{screen_text(pilot.app)}"
        await pilot.pause(0.2)


async def test_a_workshop_made_by_the_cli_appears_without_a_key(data_dir, tmp_path, store):
    first = store.create(Workshop(id="", title="Eldre verksted", template="arbeidsrettet-lop")).id
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Eldre verksted" in screen_text(app)
        ok(run_intro_tui(data_dir, tmp_path, "new", "arbeidsrettet-lop", "--title", "Laget i terminalen"))
        await wait_for_text(pilot, "Laget i terminalen")
        assert app.screen.selected_id() == first, "the cursor stays on the workshop it was on"


async def test_a_change_elsewhere_shows_and_the_search_stays(data_dir, tmp_path, store):
    store.create(Workshop(id="", title="Alfa verksted", template="arbeidsrettet-lop"))
    store.create(Workshop(id="", title="Beta verksted", template="arbeidsrettet-lop"))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "v", "e", "r", "k")
        await pilot.pause()
        ok(run_intro_tui(data_dir, tmp_path, "new", "arbeidsrettet-lop", "--title", "Gamma verksted"))
        ok(run_intro_tui(data_dir, tmp_path, "new", "arbeidsrettet-lop", "--title", "Skjult"))
        await wait_for_text(pilot, "Gamma verksted")
        assert "Skjult" not in screen_text(app), "the search still filters"
        assert app.screen.query_one("#filter").value == "verk"
