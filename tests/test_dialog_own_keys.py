"""Issue 18 points 12-14: Enter exports what is highlighted, F1 works in every dialog, every dialog
shows its own keys, Ctrl+C answers in bokmål, and every dialog fits at 60×20 - real key presses,
asserting on the screen text."""

from __future__ import annotations


import pytest
from conftest import pilot_wait_until, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app
from intro_tui.tui.screens.home import HomeScreen

SIZE = (80, 24)



def key_bar(app) -> str:
    return screen_text(app).splitlines()[-1]


@pytest.fixture
def workshop_id(store) -> str:
    return store.create(Workshop(id="", title="Arbeidsmøte Asker", template="arbeidsrettet-lop", kommune="Asker",
                                 year=2026, units=["NAV"])).id


async def test_enter_exports_the_format_highlighted(data_dir, workshop_id, tmp_path):
    exports = tmp_path / "ut"
    app = make_app(data_dir, workshop_id=workshop_id, section="1.1", exports_dir=exports)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot_wait_until(pilot, lambda: "Blank utgave" in screen_text(app), "the export dialog")
        await pilot.press("down", "enter")  # ↓ highlights Markdown; Enter exports it
        await pilot_wait_until(pilot, lambda: "Eksportert" in screen_text(app), "the export's message")
        written = [p.suffix for p in exports.iterdir()]
        assert written == [".md"], written


# (key that opens it, from where, text in the dialog, keys its bar must show, keys it must not show)
DIALOGS = [
    ("ctrl+n", "home", "Nytt verksted", ["Esc Avbryt"], ["^N Nytt"]),
    ("ctrl+o", "home", "Word-fil (.docx)", ["Esc Avbryt"], ["^N Nytt", "^K Kopier"]),
    ("ctrl+e", "home", "Blank utgave", ["Esc Avbryt"], ["^N Nytt"]),
    ("delete", "home", "papirkurven", ["Esc Nei"], ["^N Nytt"]),
    ("ctrl+l", "workshop", "Endringslogg", ["Esc Lukk"], ["Ins Ny rad", "^Z Angre"]),
    ("ctrl+p", "workshop", "Søk etter kommandoer", ["Esc Lukk"], ["Ins Ny rad", "^Z Angre"]),
    ("ctrl+o", "workshop", "Word-fil (.docx)", ["Esc Avbryt"], ["Ins Ny rad", "^Z Angre"]),
]


@pytest.mark.parametrize("key, where, marker, shown, hidden", DIALOGS, ids=[d[2] for d in DIALOGS])
async def test_every_dialog_shows_its_own_keys_and_f1_helps(data_dir, workshop_id, key, where, marker, shown,
                                                            hidden):
    app = make_app(data_dir, workshop_id=workshop_id if where == "workshop" else None, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot_wait_until(pilot, lambda: marker in screen_text(app), f"{key} opens the dialog")
        bar = key_bar(app)
        for words in shown:
            assert words in bar, bar
        for words in hidden:
            assert words not in bar, f"{words!r} belongs to the screen under the dialog: {bar}"
        dialog = app.screen
        await pilot.press("f1")
        await pilot_wait_until(pilot, lambda: "Hjelp – taster" in screen_text(app), "F1 in the dialog")
        await pilot.press("escape")
        await pilot_wait_until(pilot, lambda: app.screen is dialog, "Esc closes the help, back to the dialog")


async def test_ctrl_c_answers_in_bokmal(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot_wait_until(pilot, lambda: "Avslutt med Ctrl+Q" in screen_text(app), "the answer on the workshop screen")
        assert "quit" not in screen_text(app).lower()
        assert not [n for n in app._notifications if "quit" in n.message.lower() + str(n.title).lower()]
        await pilot.press("escape", "escape")
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.press("ctrl+c")
        await pilot_wait_until(pilot, lambda: "Avslutt med Ctrl+Q" in screen_text(app), "the answer on the home screen")
        assert app.is_running


SMALL = (60, 20)


@pytest.mark.parametrize("key, where, words", [
    ("ctrl+n", "home", ["Mal", "Tittel", "Kommune", "År", "Enheter", "Lagre", "Avbryt"]),
    ("f2", "home", ["Tittel", "Kommune", "År", "Enheter", "Lagre", "Avbryt"]),
    ("ctrl+k", "home", ["Tittel", "Kommune", "År", "Enheter", "Lagre", "Avbryt"]),
    ("ctrl+e", "workshop", ["Word", "Markdown", "Hele verkstedet", "Blank utgave", "Eksporter", "Avbryt"]),
    ("ctrl+o", "home", ["Word-fil", "Les inn", "Avbryt"]),
    ("delete", "home", ["papirkurven", "Slett", "Nei"]),
])
async def test_every_dialog_fits_at_60x20(data_dir, workshop_id, key, where, words):
    app = make_app(data_dir, workshop_id=workshop_id if where == "workshop" else None, section="1.3")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot_wait_until(pilot, lambda: app.screen.is_modal, f"{key} opens a dialog")
        await pilot.pause(0.3)
        text = screen_text(app)
        for word in words:
            assert word in text, f"{word!r} is not on the 60×20 screen:\n{text}"
