"""Issue 18 points 9 and 15 (home part), issue 22 point 7 (home part): typing on the home screen
searches, commands sit on keys that type nothing, the cursor lands on a workshop just made, messages
stay on the home screen's message line, and the 2-second refresh rests while a screen covers it."""

from __future__ import annotations

import time

import pytest
from conftest import pilot_wait_until, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app
from intro_tui.tui.screens.home import HomeScreen

SIZE = (80, 24)



@pytest.fixture
def two(store):
    store.create(Workshop(id="", title="Indikatorer 2026", template="malindikatorer", kommune="Asker", year=2026))
    store.create(Workshop(id="", title="Virksomhetsplan Bærum", template="virksomhetsplan", kommune="Bærum"))
    return store


async def test_typing_a_title_searches_and_runs_no_command(data_dir, two):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"virk")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "no dialog opened (i used to open «Les inn fra Word»)"
        assert app.screen.query_one("#filter").value == "virk"
        text = screen_text(app)
        assert "Virksomhetsplan" in text and "Indikatorer 2026" not in text
        await pilot.press("escape")  # Tøm søk: back to the whole list
        await pilot.pause()
        await pilot.press(*"Indikatorer 2026")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "no dialog opened (n used to open «Nytt verksted»)"
        assert app.screen.query_one("#filter").value == "Indikatorer 2026"
        text = screen_text(app)
        assert "Indikatorer 2026" in text and "Virksomhetsplan" not in text
        await pilot.press("enter")  # opens the one found
        await pilot_wait_until(pilot, lambda: not isinstance(app.screen, HomeScreen), "Enter opens the workshop found")


async def test_a_stray_q_searches_and_ctrl_q_quits(data_dir, two):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, HomeScreen)
        assert app.screen.query_one("#filter").value == "q"
        assert "Ingen verksteder passer «q»" in screen_text(app)
        await pilot.press("ctrl+q")
        await pilot_wait_until(pilot, lambda: not app.is_running, "Ctrl+Q quits")


async def test_home_commands_are_on_keys_that_type_nothing(data_dir, two):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = screen_text(app).splitlines()[-1]
        assert "⏎ Åpne" in bar and "^N Nytt" in bar and "^E Eksport" in bar, bar
        for key, heading in (("ctrl+n", "Nytt verksted"), ("ctrl+k", "Kopier til neste år"),
                             ("f2", "Rediger verksted"), ("ctrl+e", "Blank utgave"), ("ctrl+o", "Les inn fra Word")):
            await pilot.press(key)
            await pilot_wait_until(pilot, lambda h=heading: h in screen_text(app), f"{key} opens «{heading}»")
            await pilot.press("escape")
            await pilot_wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "Esc closes the dialog")
        await pilot.press(*"virk", "ctrl+e")  # from the search field too, on the workshop found
        await pilot_wait_until(pilot, lambda: "Blank utgave" in screen_text(app), "Ctrl+E from the search field")


async def test_a_burst_of_typed_keys_lands_in_order(data_dir, two):
    from textual import events

    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for ch in "Virksomhet":  # one read from a terminal: every key queued before the first is done
            app.post_message(events.Key(ch, ch))
        await pilot_wait_until(pilot, lambda: app.screen.query_one("#filter").value == "Virksomhet",
                               "the burst typed in order")
        assert isinstance(app.screen, HomeScreen)


async def test_the_cursor_lands_on_the_workshop_just_made(data_dir, two):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot_wait_until(pilot, lambda: "Nytt verksted" in screen_text(app), "the dialog")
        await pilot.press(*"Arbeidsmøte Asker", "ctrl+s")
        await pilot_wait_until(pilot, lambda: not isinstance(app.screen, HomeScreen) and "Arbeidsmøte Asker" in
                         screen_text(app), "the new workshop opens")
        await pilot.press("escape", "escape")
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "home again")
        made = next(w for w in app.store.summaries()[0] if w.title == "Arbeidsmøte Asker")
        assert app.screen.selected_id() == made.id


async def test_copy_says_so_on_the_message_line_not_in_a_toast(data_dir, two):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Indik", "ctrl+k")
        await pilot_wait_until(pilot, lambda: "Kopier til neste år" in screen_text(app), "the copy dialog")
        await pilot.press("ctrl+s")
        await pilot_wait_until(pilot, lambda: "mål beholdt, resultater tømt" in screen_text(app), "the message")
        assert not app._notifications, "no toast to follow the user into the workshop"
        message = app.screen.query_one("#message")
        assert "mål beholdt" in str(message.render())
        copy = next(w for w in app.store.summaries()[0] if w.title == "Indikatorer 2027")
        assert app.screen.selected_id() == copy.id, "the cursor is on the copy"


async def test_the_refresh_rests_while_a_screen_covers_home(data_dir, two, monkeypatch):
    monkeypatch.setattr(HomeScreen, "REFRESH_SECONDS", 0.1)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        calls: list[float] = []
        summaries = app.store.summaries

        def counted():
            calls.append(time.monotonic())
            return summaries()

        monkeypatch.setattr(app.store, "summaries", counted)
        await pilot_wait_until(pilot, lambda: len(calls) >= 2, "the refresh runs while home is on top")
        await pilot.press("f1")  # the help screen covers home
        await pilot_wait_until(pilot, lambda: "Hjelp – taster" in screen_text(app), "the help screen")
        await pilot.pause(0.2)
        calls.clear()
        await pilot.pause(1.0)
        assert calls == [], f"{len(calls)} refreshes behind the help screen"
        app.store.create(Workshop(id="", title="Laget imens", template="virksomhetsplan"))
        await pilot.press("escape")
        await pilot_wait_until(pilot, lambda: "Laget imens" in screen_text(app), "home shows what changed meanwhile")
        calls.clear()
        await pilot_wait_until(pilot, lambda: len(calls) >= 2, "the refresh runs again")
