"""The workshop dialogs (new Ctrl+N, copy Ctrl+K, edit F2): the field being typed in stands out,
Ctrl+S saves from any field, and the key bar says which keys the dialog has.  Pilot at 80×24."""

from __future__ import annotations

from textual.widgets import Input

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

from conftest import fresh_store, screen_text

SIZE = (80, 24)


def background(app, widget) -> object:
    """The background colour drawn where ``widget`` is (one cell in from its left edge)."""
    region = widget.region
    strip = app.screen._compositor.render_strips()[region.y]  # noqa: SLF001
    x = 0
    for segment in strip:
        x += len(segment.text)
        if x > region.x + 1:
            return segment.style.bgcolor if segment.style else None
    return None


def key_bar(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_new_workshop_dialog_keys_and_ctrl_s_from_the_first_field(data_dir):
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+n")
        await pilot.pause()
        bar = key_bar(app)
        for words in ("⏎ Neste felt", "^S Lagre", "Esc Avbryt"):
            assert words in bar, bar
        title, kommune = app.screen.query_one("#title", Input), app.screen.query_one("#kommune", Input)
        assert background(app, title) != background(app, kommune), "the focused field looks like the others"
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused is kommune
        assert background(app, title) != background(app, kommune), "the focus moved; its colour did not follow"
        await pilot.press("shift+tab", *"Møte", "ctrl+s")
        await pilot.pause()
        assert "Møte" in screen_text(app)
    (workshop,) = fresh_store(data_dir).list()[0]
    assert workshop.title == "Møte"


async def test_edit_dialog_saves_with_ctrl_s_from_the_title(data_dir, store):
    store.create(Workshop(id="", title="Gammel", template="arbeidsrettet-lop", kommune="Asker"))
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert "^S Lagre" in key_bar(app)
        await pilot.press("end", *" ny", "ctrl+s")
        await pilot.pause()
        assert "Gammel ny" in screen_text(app)
    (workshop,) = fresh_store(data_dir).list()[0]
    assert (workshop.title, workshop.kommune) == ("Gammel ny", "Asker")
