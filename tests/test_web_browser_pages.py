"""What a real Chromium shows when the room is full or serve stops (issue 17, point 8): bokmål, not
textual-serve's "Session ended. [Restart]"."""

from __future__ import annotations

import pytest
from conftest import skip_or_fail
from test_web import Served, launch_chromium, make_room

pytestmark = pytest.mark.slow


@pytest.fixture
def room(tmp_path):
    return make_room(tmp_path)


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


def test_a_browser_guest_stays_in_the_workshop_and_downloads_the_change_log(room, tmp_path):
    from sshd import Tmux, intro_tui_command, require_tools

    require_tools("tmux")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        skip_or_fail(f"playwright is not installed: {exc}")
    import time

    data_dir, workshop_id = room
    work = tmp_path / "serve-cwd"
    work.mkdir()
    served = Served(data_dir, "--workshop", workshop_id, cwd=work)
    tmux = Tmux()
    try:
        served.wait_listening()
        tmux.new("kari", [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id],
                 env={"INTRO_TUI_USER": "kari", "TERM": "xterm-256color", "LANG": "C.UTF-8"})
        tmux.wait_for("kari", "1.1 Kartlegging", 30)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(accept_downloads=True, viewport={"width": 1100, "height": 700})
            page.goto(served.address)
            page.fill("#code", served.code)
            page.fill("#name", "Anne")
            page.click("#join")
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            tmux.wait_for("kari", "Her nå: Anne", 30, "the browser participant in the terminal's header")
            page.focus(".xterm-helper-textarea")
            time.sleep(0.5)
            for _ in range(3):  # Esc Esc: home, on the old code - and out of the workshop
                page.keyboard.press("Escape")
                time.sleep(0.4)
            time.sleep(4)  # presence is dropped within a few seconds of leaving
            assert "Her nå: Anne" in tmux.screen("kari"), "Esc Esc took the guest out of the workshop"
            page.keyboard.press("Tab")  # back to the table
            time.sleep(0.4)
            with page.expect_download(timeout=30_000) as info:
                page.keyboard.press("Control+l")
                time.sleep(1.0)
                page.keyboard.press("e")
            download = info.value
            assert download.suggested_filename == f"{workshop_id}-endringslogg.csv"
            target = tmp_path / "logg.csv"
            download.save_as(target)
            assert target.read_bytes().startswith(b"\xef\xbb\xbf")
            browser.close()
        assert [p.name for p in work.rglob("*") if p.is_file()] == [], "the change log was written on the server"
    finally:
        tmux.kill_server()
        served.stop()
