"""Keys a user met in tmux at 80×24 on the workshop screen: typing on a row's fixed cells,
a table that starts with a heading row, Ctrl+J in a burst, and messages that outlive their truth."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

from conftest import arrow_to, fresh_store, screen_text

SIZE = (80, 24)
FIXED = "kommer fra malen"


def saved(data_dir: Path, workshop_id: str, section: str, block: str, row: str, column: str):
    return fresh_store(data_dir).load(workshop_id).cells.get((section, block, row, column))


def message(app) -> str:
    """The message line above the key bar, as it is on screen (blank when it is hidden)."""
    line = app.screen.query_one("#message")
    return str(line.render()) if line.display else ""


async def burst(pilot, *keys: str) -> None:
    """Keys as one read from a terminal delivers them (Ctrl+J as the terminal sends it: a newline)."""
    for key in keys:
        character = {"space": " ", "ctrl+j": "\n"}.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause(0.5)


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Arbeidsmøte Bærum", template="arbeidsrettet-lop",
                                 kommune="Bærum", year=2026, units=["NAV"])).id


# -- 1: on a row with Ja/Nei, Enter and typing on a fixed cell write the row's text ---------------

async def test_enter_on_a_fixed_label_opens_the_rows_text(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await arrow_to(pilot, 0, 0)  # "1. Vi har god bransjekunnskap", from the template
        assert "⏎ Skriv" in screen_text(app).splitlines()[-1]  # the key bar says Enter writes here
        await pilot.press("enter")
        await pilot.press(*"Sjekke")
        await pilot.press("enter")
        await pilot.pause()
        assert FIXED not in screen_text(app)
        assert "Sjekke" in screen_text(app)
        await arrow_to(pilot, 1, 1)  # the Ja box of row 2
        await pilot.press("enter")
        await pilot.press(*"Senere")
        await pilot.press("enter")
        await pilot.pause()
        assert "Senere" in screen_text(app)
    assert saved(data_dir, workshop_id, "4.1", "interne", "r1", "forslag") == "Sjekke"
    assert saved(data_dir, workshop_id, "4.1", "interne", "r2", "forslag") == "Senere"
    assert saved(data_dir, workshop_id, "4.1", "interne", "r1", "svar") is None


async def test_typing_on_a_fixed_label_writes_the_rows_text_not_answers(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await arrow_to(pilot, 1, 0)
        await burst(pilot, *"Avklare", "space", *"med", "space", *"NAV", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Avklare med NAV" in text and FIXED not in text
        assert "☒ Nei" not in text
    assert saved(data_dir, workshop_id, "4.1", "interne", "r2", "forslag") == "Avklare med NAV"
    workshop = fresh_store(data_dir).load(workshop_id)
    assert not [k for k, v in workshop.cells.items() if k[3] == "svar" and v]  # no row answered by its n's


# -- 2: a table that starts with a heading row starts on the first row to answer ------------------

async def test_a_table_starting_with_a_heading_starts_on_the_first_answerable_row(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="5.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        text = screen_text(app)
        assert FIXED not in text and "☒ Ja" in text
    table_rows = fresh_store(data_dir).load(workshop_id).cells
    assert table_rows.get(("5.1", "forberedelser", "r2", "svar")) == "ja"


# -- 3: Ctrl+J in a burst is a new line, in order --------------------------------------------------

async def test_ctrl_j_in_a_burst_makes_a_new_line(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await arrow_to(pilot, 0, 3)
        await burst(pilot, "a", "b", "c", "ctrl+j", "d", "e", "f", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "abc" in text and "abcdef" not in text
    assert saved(data_dir, workshop_id, "4.1", "interne", "r1", "forslag") == "abc\ndef"


async def test_ctrl_j_in_a_burst_into_a_one_line_cell_switches_to_lines(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await arrow_to(pilot, 0, 4)
        await burst(pilot, "a", "b", "c", "ctrl+j", "d", "e", "f", "enter")
        await pilot.pause()
        assert "abcdef" not in screen_text(app)
    assert saved(data_dir, workshop_id, "1.3", "roller", "r1", "nar") == "abc\ndef"


# -- 4: a message goes when the next thing succeeds ---------------------------------------------------

async def test_messages_go_when_the_next_thing_succeeds(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await arrow_to(pilot, 2, 0)  # a heading row: nothing to write
        await pilot.press("enter")
        await pilot.pause()
        assert FIXED in screen_text(app)
        await pilot.press("down", "j")  # an answer that succeeds
        await pilot.pause()
        assert FIXED not in screen_text(app) and message(app) == ""
        # Esc drops a draft, Ctrl+Z brings it back, Enter saves it: the "back" message goes
        await arrow_to(pilot, 1, 3)
        await pilot.press("enter", *"utkast", "escape")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Teksten du skrev er tilbake" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert "Teksten du skrev er tilbake" not in screen_text(app) and message(app) == ""
        assert saved(data_dir, workshop_id, "4.1", "interne", "r2", "forslag") == "utkast"
        # undo says what, and the message goes with the next section
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Angret: " in screen_text(app)
        await pilot.press("f6")
        await pilot.pause()
        assert "Angret: " not in screen_text(app) and message(app) == ""
    assert not saved(data_dir, workshop_id, "4.1", "interne", "r2", "forslag")  # undone
