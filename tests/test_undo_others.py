"""Undo only what is still yours (issue 10, point 6).

One person edits in an :class:`EditSession` (and in the app); another
participant - a real ``intro-tui set`` process run as "NAV" - changes the same
cell or types into the row the first person added.  Ctrl+Z must then say so and
leave NAV's text alone.
"""

from __future__ import annotations

import pytest

from conftest import cli_env, screen_text
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.session import EditSession
from intro_tui.core.store.errors import EditConflict


def nav(run_cli, *args: str) -> None:
    result = run_cli(*args, env=cli_env(INTRO_TUI_USER="NAV"))
    assert result.returncode == 0, result.stderr


@pytest.fixture
def wid(store) -> str:
    return store.create(Workshop(id="", title="Angre", template="arbeidsrettet-lop", units=["NAV"])).id


def test_undo_leaves_a_cell_another_participant_changed_since(store, wid, run_cli):
    session = EditSession(store, wid)
    session.set_cell("1.3", "roller", "r1", "nar", "januar")
    nav(run_cli, "set", wid, "1.3", "1", "Når/hvor ofte", "hver uke")
    with pytest.raises(EditConflict) as caught:
        session.undo()
    assert str(caught.value).startswith("NAV har endret cellen etterpå")
    assert store.load(wid).value("1.3", "roller", "r1", "nar") == "hver uke"
    assert session.workshop.value("1.3", "roller", "r1", "nar") == "hver uke"
    assert not session.can_undo and not session.can_redo  # the edit is no longer ours to undo


def test_undo_still_works_when_nobody_else_touched_the_cell(store, wid, run_cli):
    session = EditSession(store, wid)
    session.set_cell("1.3", "roller", "r1", "nar", "januar")
    nav(run_cli, "set", wid, "1.3", "2", "Når/hvor ofte", "en annen celle")
    session.undo()
    assert store.load(wid).value("1.3", "roller", "r1", "nar") == ""
    session.redo()
    assert store.load(wid).value("1.3", "roller", "r1", "nar") == "januar"


def test_undo_of_an_added_row_keeps_it_when_another_participant_typed_into_it(store, wid, run_cli):
    session = EditSession(store, wid)
    key = session.add_row("1.3", "roller")
    number = str(len(store.template_of(store.load(wid)).section("1.3").block("roller").rows) + 1)
    nav(run_cli, "set", wid, "1.3", number, "Hovedansvarlig", "NAV skrev her")
    with pytest.raises(EditConflict, match="NAV har skrevet i raden etterpå"):
        session.undo()
    fresh = store.load(wid)
    assert [r.key for r in fresh.rows_added("1.3", "roller")] == [key]
    assert fresh.value("1.3", "roller", key, "hovedansvarlig") == "NAV skrev her"


async def test_ctrl_z_in_the_app_says_who_changed_the_cell(data_dir, store, wid, run_cli):
    from intro_tui.tui.app import make_app

    app = make_app(data_dir, workshop_id=wid, section="1.3")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "right", "right")
        await pilot.pause()
        await pilot.press("enter", *"januar", "enter")
        await pilot.pause()
        assert store.load(wid).value("1.3", "roller", "r1", "nar") == "januar"
        nav(run_cli, "set", wid, "1.3", "1", "Når/hvor ofte", "hver uke")
        # told at once who wrote over it (issue 17 point 5); Ctrl+Z then writes "januar" back over it
        for _ in range(100):
            if "NAV skrev «hver uke» over det du nettopp lagret" in screen_text(app):
                break
            await pilot.pause(0.1)
        assert "NAV skrev «hver uke» over det du nettopp lagret" in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
    assert store.load(wid).value("1.3", "roller", "r1", "nar") == "januar"
