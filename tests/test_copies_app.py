"""Copies in the app at 80×24 (issue 20): F8 adds, renames and removes copies; the navigator lists them.

Real key presses, asserting on the screen; the store is read afterwards only to check it agrees.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fresh_store, screen_text

from intro_tui.core.model import copies
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

SIZE = (80, 24)
ARB = "arbeidsrettet-lop"


def message(app) -> str:
    line = app.screen.query_one("#message")
    return str(line.render()) if line.display else ""


def keys_of(data_dir: Path, workshop_id: str, section: str) -> list[tuple[str, str]]:
    workshop = fresh_store(data_dir).load(workshop_id)
    template = fresh_store(data_dir).template_of(workshop)
    return [(k, copies.name_of(template.section(section), workshop, k)) for k in copies.keys_of(workshop, section)]


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    workshop = store.create(Workshop(id="", title="Bransjer", template=ARB))
    store.add_row(workshop.id, "1.2", "vurdering", {"label": "Helse og omsorg"})
    store.add_row(workshop.id, "1.2", "vurdering", {"label": "Bygg og anlegg"})
    return workshop.id


async def type_name(pilot, name: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in name])


async def test_f8_adds_copies_named_from_earlier_steps_and_the_navigator_lists_them(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "F8 Kopier" in screen_text(app).splitlines()[-1]
        await pilot.press("right", "enter")  # BRANSJE/YRKE of the first copy
        await type_name(pilot, "Renhold")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert "Kopier av 2.2: Renhold" in screen_text(app)
        await type_name(pilot, "Hel")
        await pilot.press("right")  # takes the suggestion from 1.2: "Helse og omsorg"
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "– Helse og omsorg" in text and "La til kopien «Helse og omsorg»" in message(app)
        await pilot.press("f8")
        await type_name(pilot, "Bygg og anlegg")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # to the navigator (the drawer at 80 columns)
        await pilot.pause()
        text = screen_text(app)
        navigator = [line[:25] for line in text.splitlines()]
        listed = [line.strip("▊▎ ▶◐○●") for line in navigator if "2.2" in line]
        assert listed == ["2.2 – Renhold", "2.2 – Helse og o…", "2.2 – Bygg og an…"], text  # each copy its line
        assert "▶◐ 2.2 – Bygg" in text  # the new copy is on screen, partly filled (its name)
    assert keys_of(data_dir, workshop_id, "2.2") == [("2.2", "Renhold"), ("2.2#2", "Helse og omsorg"),
                                                     ("2.2#3", "Bygg og anlegg")]


async def test_rename_remove_and_undo_in_the_app(data_dir, workshop_id, store):
    store.set_cell(workshop_id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    from intro_tui.core.store import copies as store_copies

    key = store_copies.add_copy(store, workshop_id, "2.2", "Helse")
    store.set_cell(workshop_id, key, "vurdering", "r1", "situasjon", "Sykehjem")
    app = make_app(data_dir, workshop_id=workshop_id, section=key)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "– Helse" in screen_text(app) and "Sykehjem" in screen_text(app)
        await pilot.press("f8")
        await type_name(pilot, "Helse og omsorg")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Kopien heter nå «Helse og omsorg»" in message(app)
        assert "– Helse og omsorg" in screen_text(app)
        await pilot.press("f8")
        await type_name(pilot, "renhold")
        await pilot.press("ctrl+r")  # another copy's name: refused in one line
        await pilot.pause()
        assert "har allerede en kopi som heter" in message(app)
        await pilot.press("f8")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "Fjerne kopien «Helse og omsorg»" in screen_text(app)
        await pilot.press("j")
        await pilot.pause()
        assert "Fjernet kopien «Helse og omsorg»" in message(app)
        assert keys_of(data_dir, workshop_id, "2.2") == [("2.2", "Renhold")]
        assert "Sykehjem" not in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Angret" in message(app)
        assert "Sykehjem" in screen_text(app) and "– Helse og omsorg" in screen_text(app)
    assert keys_of(data_dir, workshop_id, "2.2") == [("2.2", "Renhold"), ("2.2#2", "Helse og omsorg")]
