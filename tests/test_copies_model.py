"""Copies of per-choice sections in the model and the store (issue 20).

2.2 filled for three trades is one section with three copies: ``2.2``, ``2.2#2``,
``2.2#3``, each named by its BRANSJE/YRKE field.  A file written before copies
existed (``fixtures/workshop-schema1.json``, written by main at 8a56907) loads as it was.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import fresh_store

from intro_tui.core.model import copies
from intro_tui.core.model.document import from_document, to_document
from intro_tui.core.model.layout import AddressError, fill_count
from intro_tui.core.model.values import ValueProblem
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import copies as store_copies
from intro_tui.core.store.errors import StoreError

ARB = "arbeidsrettet-lop"
FIXTURE = Path(__file__).parent / "fixtures" / "workshop-schema1.json"


@pytest.fixture
def made(store):
    workshop = store.create(Workshop(id="", title="Kopier", template=ARB))
    store.set_cell(workshop.id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    return workshop.id


def test_template_marks_the_per_choice_sections(store):
    template = store.catalog.get(ARB)
    marked = {s.id: (s.per_choice.block, s.per_choice.row) for s in template.sections if s.per_choice}
    assert marked == {"2.2": ("bransje", "bransje"), "3.1": ("bransje", "bransje"), "2.3": ("tiltak", "navn"),
                      "3.2": ("tiltak", "navn"), "5.2": ("bransje", "bransje"), "6.2": ("fag", "fag")}


def test_add_copies_name_them_by_their_field_and_keep_the_first(store, made):
    key2 = store_copies.add_copy(store, made, "2.2", "Helse og omsorg")
    key3 = store_copies.add_copy(store, made, "2.2", "Bygg og anlegg")
    assert (key2, key3) == ("2.2#2", "2.2#3")
    store.set_cell(made, key2, "vurdering", "r1", "situasjon", "Sykehjem")
    workshop = fresh_store(store.data_dir).load(made)
    template = store.template_of(workshop)
    views = copies.copies_of(template.section("2.2"), workshop)
    assert [(v.id, v.copy_name) for v in views] == [("2.2", "Renhold"), ("2.2#2", "Helse og omsorg"),
                                                   ("2.2#3", "Bygg og anlegg")]
    assert views[1].heading.endswith("– Helse og omsorg")
    assert workshop.value("2.2#2", "vurdering", "r1", "situasjon") == "Sykehjem"
    assert workshop.value("2.2", "vurdering", "r1", "situasjon") is None
    # one source: writing the field renames the copy
    store.set_cell(made, key2, "bransje", "bransje", "verdi", "Helse")
    workshop = store.load(made)
    assert copies.resolve(template, workshop, "2.2 helse").id == "2.2#2"
    on_disk = json.loads(store.path(made).read_text())
    assert on_disk["workshop"]["1"]["schema"] == 2 and on_disk["workshop"]["1"]["copies"] == {"2.2": [2, 3]}


def test_resolver_names_leading_words_and_refuses_with_the_list(store, made):
    store_copies.add_copy(store, made, "2.2", "Helse og omsorg")
    store_copies.add_copy(store, made, "2.2", "Helsefagarbeider")
    workshop = store.load(made)
    template = store.template_of(workshop)
    assert copies.resolve(template, workshop, "2.2").id == "2.2"
    assert copies.resolve(template, workshop, "2.2 RENHOLD").id == "2.2"
    assert copies.resolve(template, workshop, "2.2 Helse og").id == "2.2#2"
    assert copies.resolve(template, workshop, "2.2#3").id == "2.2#3"
    with pytest.raises(AddressError, match="kopiene er: «Renhold» \\(2.2\\), «Helse og omsorg»"):
        copies.resolve(template, workshop, "2.2 Snekker")
    with pytest.raises(AddressError, match="ingen kopi"):
        copies.resolve(template, workshop, "2.2#9")
    with pytest.raises(AddressError, match="ukjent seksjon"):
        copies.resolve(template, workshop, "9.9 Renhold")


@pytest.mark.parametrize("name, words", [
    ("", "tomt"), ("   ", "tomt"), ("x" * 10_000, "for langt"), ("Bygg\x1b]2;hei\x07", "kontrolltegn"),
    ("renhold", "har allerede en kopi"),
])
def test_bad_copy_names_are_one_line(store, made, name, words):
    before = store.path(made).read_bytes()
    with pytest.raises(ValueProblem, match=words) as caught:
        store_copies.add_copy(store, made, "2.2", name)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 120
    assert store.path(made).read_bytes() == before


def test_copies_stop_at_the_limit(store, made):
    for n in range(copies.MAX_COPIES - 1):
        store_copies.add_copy(store, made, "2.2", f"Bransje {n}")
    with pytest.raises(ValueProblem, match=f"høyst {copies.MAX_COPIES}"):
        store_copies.add_copy(store, made, "2.2", "En for mye")
    assert len(copies.keys_of(store.load(made), "2.2")) == copies.MAX_COPIES


def test_a_section_filled_once_has_no_copies(store, made):
    with pytest.raises(ValueProblem, match="ingen kopier"):
        store_copies.add_copy(store, made, "1.1", "Noe")
    with pytest.raises(StoreError, match="finnes ikke"):
        store.set_cell(made, "2.2#2", "vurdering", "r1", "situasjon", "x")


def test_remove_and_restore_bring_the_copy_back_whole(store, made):
    key = store_copies.add_copy(store, made, "2.2", "Helse")
    store_copies.add_copy(store, made, "2.2", "Bygg")
    store.set_cell(made, key, "vurdering", "r2", "bedres", "Flere plasser")
    removed = store_copies.remove_copy(store, made, key)
    workshop = store.load(made)
    assert copies.keys_of(workshop, "2.2") == ["2.2", "2.2#3"]
    assert not any(address[0] == key for address in workshop.cells)
    assert store_copies.restore_copy(store, made, removed) == key
    workshop = store.load(made)
    assert copies.keys_of(workshop, "2.2") == ["2.2", "2.2#2", "2.2#3"]
    assert workshop.value(key, "vurdering", "r2", "bedres") == "Flere plasser"
    with pytest.raises(ValueProblem, match="første kopien"):
        store_copies.remove_copy(store, made, "2.2")


def test_rename_refuses_another_copys_name(store, made):
    key = store_copies.add_copy(store, made, "2.2", "Helse")
    with pytest.raises(ValueProblem, match="har allerede"):
        store_copies.rename_copy(store, made, key, "RENHOLD")
    store_copies.rename_copy(store, made, key, "Helse og omsorg")
    assert copies.name_of(store.catalog.get(ARB).section("2.2"), store.load(made), key) == "Helse og omsorg"


def test_fill_counts_every_copy(store, made):
    workshop = store.load(made)
    template = store.template_of(workshop)
    filled, total = fill_count(template, workshop)
    store_copies.add_copy(store, made, "2.2", "Helse")
    filled2, total2 = fill_count(template, store.load(made))
    assert total2 > total and filled2 == filled + 1


def test_json_document_round_trips_the_copies(store, made):
    key = store_copies.add_copy(store, made, "2.2", "Helse")
    store.set_cell(made, key, "vurdering", "r1", "situasjon", "Sykehjem")
    workshop = store.load(made)
    template = store.template_of(workshop)
    document = to_document(template, workshop)
    assert document["schema"] == 2
    entry = next(s for s in document["sections"] if s["id"] == key)
    assert entry["copy_of"] == "2.2" and entry["name"] == "Helse"
    back = from_document(json.loads(json.dumps(document)), store.catalog.templates)
    assert back.copies == {"2.2": [2]}
    assert back.value(key, "vurdering", "r1", "situasjon") == "Sykehjem"
    plain = to_document(template, Workshop(id="x", title="x", template=ARB))
    assert plain["schema"] == 1  # no copies: what older versions read


def test_a_file_written_before_copies_loads_unchanged(store, data_dir):
    shutil.copy(FIXTURE, data_dir / "arbeidsmote-gammel-fil.json")
    workshop = store.load("arbeidsmote-gammel-fil")
    template = store.template_of(workshop)
    assert workshop.copies == {}
    assert workshop.value("2.2", "bransje", "bransje", "verdi") == "Renhold"
    assert [s.id for s in copies.expand(template.sections, workshop)] == [s.id for s in template.sections]
    store.set_cell(workshop.id, "2.2", "vurdering", "r2", "situasjon", "20")
    assert json.loads((data_dir / "arbeidsmote-gammel-fil.json").read_text())["workshop"]["1"]["schema"] == 1
    key = store_copies.add_copy(store, workshop.id, "2.2", "Helse")
    assert store.load(workshop.id).copies == {"2.2": [2]} and key == "2.2#2"


def test_next_years_copy_keeps_the_copies_and_their_names(store, made):
    from intro_tui.core.store.years import copy_for_next_year

    key = store_copies.add_copy(store, made, "2.2", "Helse")
    store.set_cell(made, key, "vurdering", "r1", "situasjon", "Sykehjem")
    copy = copy_for_next_year(store, made, year=2027)
    loaded = fresh_store(store.data_dir).load(copy.id)
    template = store.template_of(loaded)
    assert [(v.id, v.copy_name) for v in copies.copies_of(template.section("2.2"), loaded)] == [
        ("2.2", "Renhold"), ("2.2#2", "Helse")]
    assert loaded.value(key, "vurdering", "r1", "situasjon") == "Sykehjem"  # 2.2 keeps its answers, as today


def test_the_change_log_names_the_copy(store, made):
    from intro_tui.core.store import changelog
    from intro_tui.core.store.log_words import describe

    key = store_copies.add_copy(store, made, "2.2", "Helse og omsorg")
    store.set_cell(made, key, "vurdering", "r1", "situasjon", "Sykehjem")
    workshop = store.load(made)
    template = store.template_of(workshop)
    lines = [describe(e, template, workshop) for e in changelog.read(store.changes_path(made))]
    added, edit = lines[-2], lines[-1]
    assert added.action == "la til kopi" and added.section.endswith("– Helse og omsorg")
    assert edit.section.endswith("– Helse og omsorg") and edit.new == "Sykehjem"
    store_copies.remove_copy(store, made, key)
    last = describe(changelog.read(store.changes_path(made))[-1], template, store.load(made))
    assert last.action == "fjernet kopi" and last.old == "Helse og omsorg"


def test_too_many_copies_in_a_document_or_a_file_are_refused_or_cut(store, made, data_dir):
    from intro_tui.core.model.document import DocumentError

    workshop = store.load(made)
    template = store.template_of(workshop)
    document = to_document(template, workshop)
    first = next(s for s in document["sections"] if s["id"] == "2.2")
    document["sections"] += [dict(first, id=f"2.2#{n}") for n in range(2, 1002)]
    with pytest.raises(DocumentError, match=f"for mange kopier av seksjon 2.2 \\(høyst {copies.MAX_COPIES}\\)"):
        from_document(document, store.catalog.templates)
    raw = json.loads(store.path(made).read_text())
    raw["workshop"]["1"]["copies"] = {"2.2": list(range(2, 1002)) + ["x", True, -1], "1.1": [2], "nope#2": [3]}
    raw["workshop"]["1"]["schema"] = 2
    store.path(made).write_text(json.dumps(raw))
    loaded = store.load(made)
    assert len(copies.keys_of(loaded, "2.2")) == copies.MAX_COPIES
    assert [s.id for s in copies.copies_of(template.section("1.1"), loaded)] == ["1.1"]  # not per choice: ignored


def test_undo_of_adding_a_copy_keeps_what_someone_else_wrote_in_it(store, made, data_dir):
    from intro_tui.core.session import EditSession
    from intro_tui.core.store.errors import EditConflict

    mine = EditSession(fresh_store(data_dir), made)
    key = mine.add_copy("2.2", "Helse")
    mine.set_cell(key, "vurdering", "r1", "situasjon", "mitt")
    assert mine.undo() is not None and mine.undo() is not None  # my cell, then the copy itself
    assert copies.keys_of(fresh_store(data_dir).load(made), "2.2") == ["2.2"]
    assert mine.redo() is not None  # the copy is back
    key = copies.keys_of(fresh_store(data_dir).load(made), "2.2")[1]
    store.set_cell(made, key, "vurdering", "r2", "situasjon", "en annens")
    with pytest.raises(EditConflict, match="en annen har skrevet i kopien"):
        mine.undo()
    assert fresh_store(data_dir).load(made).value(key, "vurdering", "r2", "situasjon") == "en annens"
