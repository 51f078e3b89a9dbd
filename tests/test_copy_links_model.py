"""Links between per-choice sections in the model (issue 20 point 6): ``per_choice.within`` in a template.

2.3 plans a tiltak within one of 2.2's trades: its Yrke/bransje completes from 2.2's copies, and the tiltak
proposed in 2.2's "Forslag til justering …" are what F9 plans.  A template whose ``within`` points nowhere
is refused when it is loaded, in one line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intro_tui.core.model import copies, copy_links
from intro_tui.core.model.template_loader import TemplateError, load_template_file
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import copies as store_copies

ARB = "arbeidsrettet-lop"
SOURCE = Path(__file__).parents[1] / "intro_tui" / "templates" / f"{ARB}.json"


@pytest.fixture
def linked(store):
    workshop = store.create(Workshop(id="", title="Lenker", template=ARB))
    store.set_cell(workshop.id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    store_copies.add_copy(store, workshop.id, "2.2", "Helse og omsorg")
    store.set_cell(workshop.id, "2.2", "vurdering", "r6", "bedres", "1. Renholdskurs\n\n- Språkpraksis")
    return store.load(workshop.id)


def test_23s_yrke_completes_from_22s_copies_and_nothing_else_does(store, linked):
    template = store.template_of(linked)
    assert copy_links.completions(template, linked, "2.3", "tiltak", "yrke") == ["Renhold", "Helse og omsorg"]
    assert copy_links.completions(template, linked, "2.3#4", "tiltak", "yrke") == ["Renhold", "Helse og omsorg"]
    assert copy_links.completions(template, linked, "2.3", "tiltak", "navn") == []
    assert copy_links.completions(template, linked, "3.2", "tiltak", "yrke") == []  # 3.1 has no trade yet
    assert copy_links.completions(template, linked, "2.2", "bransje", "bransje") == []


def test_the_tiltak_a_cell_proposes_one_a_line_the_next_without_a_plan(store, linked):
    template = store.template_of(linked)
    cell = linked.value("2.2", "vurdering", "r6", "bedres")
    found = copy_links.proposal(template, linked, "2.2", "vurdering", "r6", cell)
    assert found is not None and (found.target.id, found.name, found.within_name) == ("2.3", "Renholdskurs", "Renhold")
    store.set_cell(linked.id, "2.3", "tiltak", "navn", "verdi", "renholdskurs")  # planned (any case)
    again = copy_links.proposal(template, store.load(linked.id), "2.2#2", "vurdering", "r6", cell)
    assert again is not None and (again.name, again.within_name) == ("Språkpraksis", "Helse og omsorg")
    assert copy_links.proposal(template, linked, "2.2", "vurdering", "r5", cell) is None  # not a proposing row
    assert copy_links.planned_in(template, "3.1", "vurdering", "r6").id == "3.2"  # pyright: ignore[reportOptionalMemberAccess]
    empty = copy_links.proposal(template, linked, "2.2", "vurdering", "r6", "  \n ")
    assert empty is not None and empty.name == ""


@pytest.mark.parametrize("within, words", [
    ({"section": "9.9", "row": "yrke"}, "ingen tidligere seksjon"),
    ({"section": "5.2", "row": "yrke"}, "ingen tidligere seksjon"),  # a later section
    ({"section": "2.1", "row": "yrke"}, "ingen tidligere seksjon"),  # not per choice
    ({"section": "2.2", "row": "navn"}, "ingen annen rad"),  # the naming row itself
    ({"section": "2.2", "row": "yrke", "proposed": {"block": "vurdering", "row": "r99"}}, "ingen rad"),
    ({"section": "2.2", "row": "yrke", "farge": "rød"}, "farge"),
])
def test_a_within_that_points_nowhere_is_refused(tmp_path, within, words):
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    for part in data["parts"]:
        for section in part["sections"]:
            if section["id"] == "2.3":
                section["per_choice"]["within"] = within
    path = tmp_path / "mal.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        load_template_file(path)
    message = str(caught.value)
    assert words in message and "\n" not in message, message


def test_edits_made_as_one_step_undo_and_redo_together_and_a_refusal_loses_nothing(store, linked, data_dir):
    from conftest import fresh_store

    from intro_tui.core.session import EditSession
    from intro_tui.core.store.errors import EditConflict

    session = EditSession(fresh_store(data_dir), linked.id)
    key = session.add_copy("2.3", "Renholdskurs")
    session.set_cell(key, "tiltak", "yrke", "verdi", "Renhold")
    session.as_one_step(2)
    undone = session.undo()
    assert undone is not None and undone.section == key
    assert copies.keys_of(fresh_store(data_dir).load(linked.id), "2.3") == ["2.3"]
    session.redo()
    again = fresh_store(data_dir).load(linked.id)
    assert again.value(key, "tiltak", "yrke", "verdi") == "Renhold" and copies.keys_of(again, "2.3") == ["2.3", key]
    fresh_store(data_dir).add_row(linked.id, key, "plan", {"label": "Lage kursplan"})  # someone else writes in it
    with pytest.raises(EditConflict):
        session.undo()  # the trade is taken back; the copy, holding another's answer, is kept
    kept = fresh_store(data_dir).load(linked.id)
    assert copies.keys_of(kept, "2.3") == ["2.3", key] and not kept.value(key, "tiltak", "yrke", "verdi")
    assert session.can_undo and session.can_redo  # the copy still to undo, the trade to redo
    session.redo()
    assert fresh_store(data_dir).load(linked.id).value(key, "tiltak", "yrke", "verdi") == "Renhold"
