"""A browser participant of ``intro-tui serve`` is a guest (issue 16, points 1 and 2).

The app process serve starts carries ``INTRO_TUI_GUEST=1``; these Pilot tests
drive such an app with real keys at 80×24 and read the screen: Esc Esc stays
in the workshop, Ctrl+O does not open the Word import (which would read
server paths), the palette offers nothing outside the workshop, and Ctrl+E
and the change log's E deliver the file to the browser, writing nothing on
the server.  ``tests/test_web_serve.py`` checks serve sets the flag.
"""

from __future__ import annotations

import pytest
from conftest import pilot_wait_until, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app
from intro_tui.tui.screens.home import HomeScreen
from intro_tui.tui.screens.workshop import WorkshopScreen

SIZE = (80, 24)


@pytest.fixture
def served(store: WorkshopStore) -> tuple[str, str]:
    one = store.create(Workshop(id="", title="Serveres", template="arbeidsrettet-lop", units=["NAV"])).id
    other = store.create(Workshop(id="", title="Hemmelig annet verksted", template="arbeidsrettet-lop")).id
    return one, other


def guest_app(data_dir, workshop_id, tmp_path, monkeypatch):
    monkeypatch.setenv("INTRO_TUI_GUEST", "1")  # what serve sets for its app processes
    app = make_app(data_dir, workshop_id=workshop_id, exports_dir=tmp_path / "exports")
    delivered: list[tuple[str, bytes]] = []
    monkeypatch.setattr(app, "deliver_binary",
                        lambda data, *, save_filename=None, **kw: delivered.append((save_filename, data.read())) or "k")
    return app, delivered


async def test_a_guest_stays_in_the_served_workshop(data_dir, served, tmp_path, monkeypatch):
    one, other = served
    app, _ = guest_app(data_dir, one, tmp_path, monkeypatch)
    assert app.guest
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen), "Esc Esc leaves the workshop"
        assert not any(isinstance(s, HomeScreen) for s in app.screen_stack)
        assert "gjest" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("ctrl+o")  # Les inn fra Word: would open a path on the server
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        assert "slått av" in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause(0.5)
        await pilot.press(*"verksted")
        await pilot.pause(0.8)
        shown = screen_text(app)
        assert "Hemmelig" not in shown and "Bytt til" not in shown and "Nytt verksted" not in shown
        await pilot.press("escape")
        await pilot.pause()
        app.switch_workshop(other)  # the palette's way out, called directly: refused too
        app.action_new_workshop()
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen) and app.screen.session.workshop_id == one


async def test_a_guest_gets_exports_in_the_browser_and_nothing_on_the_server(data_dir, served, tmp_path,
                                                                             monkeypatch):
    one, _ = served
    app, delivered = guest_app(data_dir, one, tmp_path, monkeypatch)
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("enter")  # Word, whole workshop
        await pilot_wait_until(pilot, lambda: len(delivered) == 1, "the Word export delivered (a worker makes it)")
        await pilot.press("ctrl+l")  # the change log
        await pilot.pause()
        await pilot.press("e")  # its CSV
        await pilot.pause(0.5)
        assert str(data_dir) not in screen_text(app) and str(tmp_path) not in screen_text(app)
    names = [name for name, _ in delivered]
    assert names == [f"{one}.docx", f"{one}-endringslogg.csv"], names
    assert delivered[1][1].startswith(b"\xef\xbb\xbf"), "the CSV as Excel reads it"
    written = [p for p in tmp_path.rglob("*") if p.suffix in (".docx", ".csv")]
    assert written == [], f"a guest's export was written on the server: {written}"


async def test_without_the_flag_the_app_is_not_a_guest(data_dir, served, tmp_path, monkeypatch):
    one, _ = served
    monkeypatch.delenv("INTRO_TUI_GUEST", raising=False)
    app = make_app(data_dir, workshop_id=one, exports_dir=tmp_path / "exports")
    assert not app.guest
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
