"""Undo and redo of one session's edits, on a real store in tmp_path."""

from __future__ import annotations

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.session import EditSession


def labels(session: EditSession, section: str, block: str) -> list[str]:
    workshop = session.workshop
    return [workshop.value(section, block, r.key, "label") for r in workshop.rows_added(section, block)]


def test_undo_and_redo_keep_rows_in_place_with_what_was_typed(store):
    wid = store.create(Workshop(id="", title="Angre", template="arbeidsrettet-lop")).id
    session = EditSession(store, wid)
    first = session.add_row("1.1", "behov")
    session.set_cell("1.1", "behov", first, "label", "Helse")
    second = session.add_row("1.1", "behov")
    session.set_cell("1.1", "behov", second, "label", "Renhold")
    session.set_cell("1.3", "roller", "r1", "nar", "januar")
    assert labels(session, "1.1", "behov") == ["Helse", "Renhold"]

    for _ in range(5):
        assert session.undo() is not None
    assert session.undo() is None
    assert labels(session, "1.1", "behov") == [] and session.workshop.value("1.3", "roller", "r1", "nar") == ""

    for _ in range(5):
        assert session.redo() is not None
    assert session.redo() is None
    fresh = store.load(wid)  # what the file holds, not just the session
    assert [fresh.value("1.1", "behov", r.key, "label") for r in fresh.rows_added("1.1", "behov")] == ["Helse", "Renhold"]
    assert fresh.value("1.3", "roller", "r1", "nar") == "januar"


def test_a_new_edit_clears_redo(store):
    wid = store.create(Workshop(id="", title="Angre", template="malindikatorer")).id
    session = EditSession(store, wid)
    session.set_cell("avsluttet", "indikatorer", "r1", "mal", "65 %")
    session.undo()
    session.set_cell("avsluttet", "indikatorer", "r1", "mal", "60")
    assert not session.can_redo
    assert store.load(wid).value("avsluttet", "indikatorer", "r1", "mal") == 60
    session.undo()
    assert store.load(wid).value("avsluttet", "indikatorer", "r1", "mal") is None
