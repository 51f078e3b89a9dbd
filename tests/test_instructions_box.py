"""Issue 18 point 5: the instructions can be read whole.

The box grows to its text where the screen has room (120×40: 1.3's definitions
and its last step show), and where it has not (80×24) Ctrl+T - named in the key
bar while the text is cut - opens them whole in a reader; Ctrl+T there folds the box.
"""

from __future__ import annotations

from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

LAST_STEP = "hvert kvartal)"  # the end of 1.3's third step, the last line of its instructions
UTFORER = "den som har ansvar for å utføre oppgaven"  # the Utfører definition


def flat(app) -> str:
    """The screen as one line of words: instructions wrap anywhere, so compare words, not lines."""
    return " ".join(screen_text(app).split())


def _workshop(data_dir) -> str:
    return fresh_store(data_dir).create(Workshop(id="", title="Møte", template="arbeidsrettet-lop")).id


async def test_the_box_grows_to_its_text_where_there_is_room(data_dir):
    app = make_app(data_dir, workshop_id=_workshop(data_dir), section="1.3")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot_wait_until(pilot, lambda: "Instruksjoner" in screen_text(app), what="the section")
        await pilot.pause()
        text = flat(app)
        assert UTFORER in text and LAST_STEP in text, screen_text(app)


async def test_ctrl_t_shows_the_rest_at_80x24_then_hides_the_box(data_dir):
    app = make_app(data_dir, workshop_id=_workshop(data_dir), section="1.3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot_wait_until(pilot, lambda: "Instruksjoner" in screen_text(app), what="the section")
        await pilot.pause()
        assert LAST_STEP not in flat(app)  # cut at this size ...
        await pilot_wait_until(pilot, lambda: "^T Hele instruksjonen" in screen_text(app).splitlines()[-1],
                               what="the key bar names Ctrl+T while the text is cut")
        await pilot.press("ctrl+t")
        await pilot_wait_until(pilot, lambda: "Esc Lukk" in screen_text(app), what="the reader opened by Ctrl+T")
        await pilot.press("end")  # the reader scrolls: its last line
        await pilot_wait_until(pilot, lambda: LAST_STEP in flat(app), what="the whole instructions in the reader")
        await pilot.press("escape")
        await pilot_wait_until(pilot, lambda: LAST_STEP not in flat(app) and UTFORER in flat(app),
                               what="back in the section, the box as it was")
        await pilot.press("ctrl+t")
        await pilot_wait_until(pilot, lambda: "Esc Lukk" in screen_text(app), what="the reader again")
        await pilot.press("ctrl+t")  # in the reader: close it and fold the box
        await pilot_wait_until(pilot, lambda: UTFORER not in flat(app) and "Instruksjoner" in screen_text(app),
                               what="the box folded after the second Ctrl+T")
