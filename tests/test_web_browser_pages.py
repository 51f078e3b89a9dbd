"""What a real Chromium shows when the room is full or serve stops (issue 17, point 8): bokmål, not
textual-serve's "Session ended. [Restart]"."""

from __future__ import annotations

import pytest

from conftest import skip_or_fail
from test_web import Served, launch_chromium, room  # noqa: F401  (room is a fixture)

pytestmark = pytest.mark.slow


def test_a_full_room_and_a_stopped_server_say_so_in_bokmal(room):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        skip_or_fail(f"playwright is not installed: {exc}")
    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id, "--max-participants", "1")
    try:
        served.wait_listening()
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)

            def joined(name: str):
                page = browser.new_context().new_page()
                page.goto(served.address)
                page.fill("#code", served.code)
                page.fill("#name", name)
                page.click("#join")
                page.wait_for_load_state()
                return page

            anne = joined("Anne")
            anne.wait_for_selector("body.-first-byte", timeout=30_000)
            kari = joined("Kari")  # the one seat is Anne's
            text = kari.inner_text("body")
            assert "Rommet er fullt" in text and "Høyst 1" in text, text
            assert "Session ended" not in text
            served.stop()
            anne.wait_for_selector("body.-closed", timeout=30_000)
            anne.wait_for_function(
                "document.getElementById('closed-message').textContent.includes('Serveren er stoppet')",
                timeout=15_000)
            assert anne.is_visible("#closed-message") and anne.inner_text("#restart") == "Start på nytt"
            assert "Session ended" not in anne.inner_text("body")
            browser.close()
    finally:
        served.stop()
