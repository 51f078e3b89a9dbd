"""Groups and group drafts in the model and the store (issue 21, points 1 and 3's data).

A group works on a section, a per-bransje copy, or its own draft ("1.3~g1"): a
private version of a section that starts from the plenary content.  The
facilitator takes a group's answers into the plenary version (``take``); the
change log says "fra Gruppe 2".  A file without groups is written as before
(schema 1 or 2) and an older file reads as it did.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import fresh_store

from intro_tui.core.model import copies
from intro_tui.core.model import groups as model
from intro_tui.core.model.layout import AddressError, fill_count, find_section
from intro_tui.core.model.values import ValueProblem
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog
from intro_tui.core.store import copies as store_copies
from intro_tui.core.store import groups
from intro_tui.core.store.errors import StoreError
from intro_tui.core.store.log_words import describe

ARB = "arbeidsrettet-lop"
FIXTURE = Path(__file__).parent / "fixtures" / "workshop-schema1.json"


@pytest.fixture
def made(store):
    workshop = store.create(Workshop(id="", title="Grupper", template=ARB, units=["NAV", "Kommunen", "Skolen"]))
    store.set_cell(workshop.id, "1.3", "roller", "r1", "hovedansvarlig", "NAV")
    store.set_cell(workshop.id, "1.3", "roller", "r2", "nar", "Hver uke")
    return workshop.id


def test_keys_and_lookups():
    assert model.draft_key("1.3", "g1") == "1.3~g1" and model.draft_key("2.2#2", "g4") == "2.2#2~g4"
    assert model.is_draft("1.3~g1") and not model.is_draft("2.2#2")
    assert model.base_of("1.3~g1") == "1.3" and model.base_of("2.2#2~g1") == "2.2#2"
    assert model.base_of("2.2#2") == "2.2#2" and model.base_of("1.3") == "1.3"
    workshop = Workshop(id="x", title="x", template=ARB,
                        groups=[model.Group("g1", "Gruppe 1", "1.3~g1", ("Kari", "Ola")),
                                model.Group("g2", "Gruppe 2", "2.2", ("Per",), lead="Per")])
    assert model.by_id(workshop, "g2").name == "Gruppe 2" and model.by_id(workshop, "g9") is None
    assert model.group_of(workshop, "Ola").id == "g1" and model.group_of(workshop, "Nina") is None
    assert model.by_id(workshop, "g1").leader == "Kari" and model.by_id(workshop, "g2").leader == "Per"


def test_template_and_find_section_resolve_draft_keys(store):
    template = store.catalog.get(ARB)
    draft = template.section("1.3~g1")
    assert (draft.id, draft.base_id, draft.title) == ("1.3~g1", "1.3", template.section("1.3").title)
    assert template.section("2.2#2~g3").id == "2.2#2~g3" and template.section("2.2#2~g3").base_id == "2.2"
    assert find_section(template, "1.3~g1").id == "1.3~g1"
    assert find_section(template, "roller og ansvarsfordeling av oppgaver – steg 1~g2").id == "1.3~g2"
    for bad in ("1.3~", "1.3~x", "9.9~g1"):
        with pytest.raises(KeyError):
            template.section(bad)
    with pytest.raises(AddressError):
        find_section(template, "1.3~zz")


def test_a_draft_starts_from_the_plenary_content_and_is_its_own(store, made):
    row = store.add_row(made, "1.3", "roller", {"label": "Jobbmesse", "nar": "Vår"})
    group = groups.make(store, made, "Gruppe 1", section="1.3", draft=True)
    assert (group.id, group.place) == ("g1", "1.3~g1")
    workshop = store.load(made)
    assert workshop.value("1.3~g1", "roller", "r1", "hovedansvarlig") == "NAV"
    assert workshop.value("1.3~g1", "roller", "r2", "nar") == "Hver uke"
    assert workshop.value("1.3~g1", "roller", row, "label") == "Jobbmesse"
    assert [r.key for r in workshop.rows_added("1.3~g1", "roller")] == [row]
    # the draft is edited like a section; the plenary version stays as it was
    store.set_cell(made, "1.3~g1", "roller", "r2", "nar", "Hver måned")
    workshop = store.load(made)
    assert workshop.value("1.3~g1", "roller", "r2", "nar") == "Hver måned"
    assert workshop.value("1.3", "roller", "r2", "nar") == "Hver uke"
    view = copies.view_of(store.template_of(workshop), workshop, "1.3~g1")
    assert view.heading.startswith("1.3 ") and view.heading.endswith("– utkast for Gruppe 1")
    # drafts are not walked where copies are: fill counts see the plenary version only
    template = store.template_of(workshop)
    assert [s.id for s in copies.expand(template.sections, workshop)].count("1.3~g1") == 0
    store.set_cell(made, "1.3~g1", "roller", "r3", "nar", "Daglig")
    assert fill_count(template, store.load(made)) == fill_count(template, workshop)


def test_a_draft_no_group_made_is_refused(store, made):
    with pytest.raises(StoreError, match="finnes ikke"):
        store.set_cell(made, "1.3~g7", "roller", "r1", "nar", "x")


def test_codec_round_trip_and_schema(store, made):
    assert json.loads(store.path(made).read_text())["workshop"]["1"]["schema"] == 1
    groups.make(store, made, "Gruppe 1 – Renhold", section="2.2", draft=False)
    groups.make(store, made, "Gruppe 2", section="1.3", draft=True)
    groups.join(store, made, "g1", "Kari")
    groups.join(store, made, "g2", "Ola")
    groups.set_lead(store, made, "g2", "Ola")
    groups.split(store, made, True)
    meta = json.loads(store.path(made).read_text())["workshop"]["1"]
    assert meta["schema"] == 3
    assert meta["groups"] == [
        {"id": "g1", "name": "Gruppe 1 – Renhold", "place": "2.2", "members": ["Kari"], "lead": ""},
        {"id": "g2", "name": "Gruppe 2", "place": "1.3~g2", "members": ["Ola"], "lead": "Ola"}]
    assert meta["split"] is True and meta["drafts"] == {"1.3~g2": "Gruppe 2"} and meta["group_seq"] == 2
    workshop = fresh_store(store.data_dir).load(made)
    assert workshop.groups == [model.Group("g1", "Gruppe 1 – Renhold", "2.2", ("Kari",)),
                               model.Group("g2", "Gruppe 2", "1.3~g2", ("Ola",), "Ola")]
    assert workshop.split and workshop.drafts == {"1.3~g2": "Gruppe 2"} and workshop.group_seq == 2
    assert workshop.value("1.3~g2", "roller", "r1", "hovedansvarlig") == "NAV"


def test_an_older_file_still_reads_and_is_written_as_before(store, data_dir: Path):
    shutil.copy(FIXTURE, data_dir / "arbeidsmote-gammel-fil.json")
    workshop = store.load("arbeidsmote-gammel-fil")
    assert workshop.groups == [] and not workshop.split and workshop.drafts == {}
    store.update_meta(workshop.id, title="Endret")
    assert json.loads(store.path(workshop.id).read_text())["workshop"]["1"]["schema"] == 1


def test_hostile_group_meta_is_dropped_not_fatal(store, made):
    path = store.path(made)
    data = json.loads(path.read_text())
    data["workshop"]["1"].update(schema=3, split="ja", group_seq=-4, drafts={"1.3~g1": "G\x1b[31m1", 5: "x",
                                                                               "1.3": "ikke et utkast"},
                                 groups=[{"id": "g1", "name": "Gruppe\x1b]2;x\x07 1", "place": "1.3~g1",
                                          "members": ["Kari", "Kari", 7, "x" * 500], "lead": 3},
                                         {"id": "g1", "name": "igjen", "place": "2.2"},
                                         {"id": "../etc", "name": "x", "place": "2.2"},
                                         {"id": "g2", "name": "Feil utkast", "place": "1.3~g5"}, "tull"])
    path.write_text(json.dumps(data))
    workshop = fresh_store(store.data_dir).load(made)
    assert [(g.id, g.members, g.lead) for g in workshop.groups] == [("g1", ("Kari", "x" * 39 + "…"), "")]
    assert "\x1b" not in workshop.groups[0].name and not workshop.split and workshop.group_seq == 0
    assert list(workshop.drafts) == ["1.3~g1"] and "\x1b" not in workshop.drafts["1.3~g1"]


def test_join_moves_a_member_and_leave_and_lead(store, made):
    groups.make(store, made, "Gruppe 1", section="2.2", draft=False)
    groups.make(store, made, "Gruppe 2", section="1.3", draft=True)
    groups.join(store, made, "g1", "Kari")
    groups.join(store, made, "g1", "Ola")
    groups.set_lead(store, made, "g1", "Ola")
    groups.join(store, made, "g2", "Ola")  # moved: in one group only, and no longer g1's lead
    workshop = store.load(made)
    assert model.by_id(workshop, "g1").members == ("Kari",) and model.by_id(workshop, "g1").lead == ""
    assert model.by_id(workshop, "g2").members == ("Ola",)
    groups.set_lead(store, made, "g2", "Nina")  # a named lead joins the group
    assert model.group_of(store.load(made), "Nina").id == "g2"
    assert groups.leave(store, made, "Nina").id == "g2"
    assert groups.leave(store, made, "Nina") is None
    assert model.by_id(store.load(made), "g2").lead == ""


def test_names_are_checked_and_ids_never_reused(store, made):
    groups.make(store, made, "Gruppe 1", section="1.3", draft=True)
    for name, words in [("", "navn"), ("gruppe 1", "allerede"), ("x" * 61, "for langt"), ("G\x1b[2J", "kontroll")]:
        with pytest.raises(ValueProblem, match=words):
            groups.make(store, made, name, section="2.2", draft=False)
    with pytest.raises(ValueProblem, match="ukjent seksjon"):
        groups.make(store, made, "Gruppe 2", section="9.9", draft=False)
    with pytest.raises(ValueProblem, match="gruppeutkast"):
        groups.make(store, made, "Gruppe 2", section="1.3~g1", draft=True)
    with pytest.raises(StoreError, match="finnes ikke"):
        groups.make(store, made, "Gruppe 2", section="2.2#2", draft=False)
    groups.remove(store, made, "g1")
    assert groups.make(store, made, "Gruppe 1", section="1.3", draft=True).id == "g2"
    groups.make(store, made, "Gruppe 3", section="2.2", draft=False)
    groups.remove(store, made, "g3")
    assert groups.make(store, made, "Gruppe 4", section="2.2", draft=False).id == "g4"


def test_a_removed_groups_draft_is_kept_and_readable(store, made):
    groups.make(store, made, "Gruppe 1", section="1.3", draft=True)
    store.set_cell(made, "1.3~g1", "roller", "r4", "nar", "Ved behov")
    groups.join(store, made, "g1", "Kari")
    groups.split(store, made, True)
    groups.remove(store, made, "g1")
    workshop = store.load(made)
    assert workshop.groups == [] and not workshop.split and model.group_of(workshop, "Kari") is None
    assert workshop.value("1.3~g1", "roller", "r4", "nar") == "Ved behov"
    assert model.drafts_of(workshop, "1.3") == ["1.3~g1"]
    assert copies.view_of(store.template_of(workshop), workshop, "1.3~g1").heading.endswith("utkast for Gruppe 1")
    store.set_cell(made, "1.3~g1", "roller", "r4", "nar", "Sjelden")  # still a place one can read and write


def test_split_needs_groups(store, made):
    with pytest.raises(ValueProblem, match="ingen grupper"):
        groups.split(store, made, True)


def test_take_a_cell_a_row_and_all_logged_from_the_group(store, made):
    groups.make(store, made, "Gruppe 1", section="1.3", draft=True)
    groups.make(store, made, "Gruppe 2", section="1.3", draft=True)
    store.set_cell(made, "1.3~g1", "roller", "r1", "utforer", "Kommunen")
    store.set_cell(made, "1.3~g1", "roller", "r1", "nar", "Hver dag")
    store.set_cell(made, "1.3~g2", "roller", "r1", "nar", "Hver fredag")
    store.set_cell(made, "1.3~g2", "roller", "r2", "nar", "")
    added = store.add_row(made, "1.3~g2", "roller", {"label": "Jobbmesse", "hovedansvarlig": "Skolen"})
    assert groups.take(store, made, "g1", "1.3", block="roller", row="r1") == 2
    assert groups.take(store, made, "g2", "1.3", block="roller", row="r1", column="nar") == 1
    workshop = store.load(made)
    assert workshop.value("1.3", "roller", "r1", "utforer") == ["Kommunen"] or \
        workshop.value("1.3", "roller", "r1", "utforer") == workshop.value("1.3~g1", "roller", "r1", "utforer")
    assert workshop.value("1.3", "roller", "r1", "nar") == "Hver fredag"
    assert workshop.value("1.3", "roller", "r2", "nar") == "Hver uke"  # untouched by the cell and row takes
    assert groups.take(store, made, "g2", "1.3", block="roller", row="r1", column="nar") == 0  # already so
    # all of group 2: its emptied cell, and the row it added, come in too
    assert groups.take(store, made, "g2", "1.3") >= 2
    workshop = store.load(made)
    assert workshop.value("1.3", "roller", "r2", "nar") in (None, "")
    assert added in [r.key for r in workshop.rows_added("1.3", "roller")]
    assert workshop.value("1.3", "roller", added, "label") == "Jobbmesse"
    entries = changelog.read(store.changes_path(made))
    taken = [e for e in entries if e.get("from")]
    assert {e["from"] for e in taken} == {"Gruppe 1", "Gruppe 2"}
    template = store.template_of(workshop)
    line = describe(next(e for e in taken if e.get("c") == "nar" and e["from"] == "Gruppe 2"), template, workshop)
    assert line.action == "satt fra Gruppe 2" and line.new == "Hver fredag" and line.section.startswith("1.3 ")
    with pytest.raises(StoreError, match="intet utkast"):
        groups.take(store, made, "g1", "2.2")


def test_every_write_is_logged(store, made):
    before = len(changelog.read(store.changes_path(made)))
    groups.make(store, made, "Gruppe 1", section="1.3", draft=True)
    groups.rename(store, made, "g1", "Gruppe 1 – Renhold")
    groups.join(store, made, "g1", "Kari")
    groups.set_lead(store, made, "g1", "Kari")
    groups.split(store, made, True)
    groups.split(store, made, False)
    groups.leave(store, made, "Kari")
    groups.remove(store, made, "g1")
    entries = changelog.read(store.changes_path(made))[before:]
    assert [e["op"] for e in entries] == ["group-add", "group-rename", "group-join", "group-lead", "group-split",
                                          "group-split", "group-leave", "group-remove"]
    assert all(e.get("by") == "test" for e in entries)
    workshop = store.load(made)
    assert workshop.drafts == {"1.3~g1": "Gruppe 1 – Renhold"}  # the rename reached the kept draft's name
    template = store.template_of(workshop)
    actions = [describe(e, template, workshop).action for e in entries]
    assert actions[:2] == ["laget gruppe", "ga gruppen nytt navn"] and actions[5] == "samlet i plenum"


def test_copies_of_a_per_choice_section_can_be_group_places(store, made):
    store.set_cell(made, "2.2", "bransje", "bransje", "verdi", "Renhold")
    key = store_copies.add_copy(store, made, "2.2", "Helse")
    groups.make(store, made, "Gruppe Renhold", section="2.2", draft=False)
    assert groups.make(store, made, "Gruppe Helse", section=key, draft=False).place == "2.2#2"
    draft = groups.make(store, made, "Gruppe Helse utkast", section=key, draft=True)
    assert draft.place == "2.2#2~g3"
    assert store.load(made).value("2.2#2~g3", "bransje", "bransje", "verdi") == "Helse"


def test_next_years_copy_starts_without_the_meetings_groups(store, made):
    from intro_tui.core.store.years import copy_for_next_year

    groups.make(store, made, "Gruppe 1", section="1.3", draft=True)
    store.add_row(made, "1.3~g1", "roller", {"label": "Bare i utkastet"})
    groups.join(store, made, "g1", "Kari")
    copy = copy_for_next_year(store, made, year=2031)
    workshop = store.load(copy.id)
    assert workshop.groups == [] and workshop.drafts == {} and not workshop.split
    assert not any(model.is_draft(a[0]) for a in workshop.cells)
    assert not any(model.is_draft(a[0]) for a in workshop.user_rows)
    assert workshop.value("1.3", "roller", "r1", "hovedansvarlig") == "NAV"
    assert store.load(made).drafts == {"1.3~g1": "Gruppe 1"}  # last year's keeps its draft


def test_side_by_side_lines_for_yes_no_mark_where_the_groups_disagree(store, made):
    from intro_tui.core.model import compare

    store.set_cell(made, "4.1", "interne", "r1", "svar", "ja")
    groups.make(store, made, "Gruppe 1", section="4.1", draft=True)
    groups.make(store, made, "Gruppe 2", section="4.1", draft=True)
    store.set_cell(made, "4.1~g2", "interne", "r1", "svar", "nei")
    store.set_cell(made, "4.1~g1", "interne", "r2", "svar", "ja")
    store.set_cell(made, "4.1~g2", "interne", "r2", "svar", "ja")
    extra = store.add_row(made, "4.1~g2", "interne", {"label": "Egen rad", "svar": "nei"}) \
        if store.template_of(store.load(made)).section("4.1").block("interne").add_rows else None
    workshop = store.load(made)
    lines = compare.lines(store.template_of(workshop), workshop, "4.1", "interne")
    first = [line for line in lines if line.row == "r1"]
    assert [(line.who, line.cells["svar"], "svar" in line.differs) for line in first] == [
        ("Plenum", "Ja", False), ("Gruppe 1", "Ja", True), ("Gruppe 2", "Nei", True)]
    second = [line for line in lines if line.row == "r2"]
    assert [(line.who, line.cells["svar"], "svar" in line.differs) for line in second] == [
        ("Plenum", "", False), ("Gruppe 1", "Ja", False), ("Gruppe 2", "Ja", False)]  # agreed: not marked
    if extra:
        added = [line for line in lines if line.row == extra]
        assert [(line.who, line.new_row) for line in added] == [("Gruppe 2", True)]
        assert groups.take(store, made, "g2", "4.1", block="interne", row=extra) == 1  # a new row: added whole
        assert store.load(made).value("4.1", "interne", extra, "svar") == "nei"
