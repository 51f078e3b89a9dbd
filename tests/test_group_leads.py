"""A group's own lead file in the presence folder: ``lead-g1.json`` beside ``lead.json``, read by pattern only.

Real files in a real folder; the sessions are :class:`Presence` objects, as
other processes would be (issue 21 point 2).
"""

from __future__ import annotations

import json

import pytest

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.presence import LEAD_FILE, Presence, Spot
from intro_tui.core.store.room import MAX_GROUP_LEADS, lead_file
from intro_tui.core.store.workshops import WorkshopStore


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Rom", template="arbeidsrettet-lop", units=["NAV"])).id


def person(data_dir, workshop_id: str, name: str, spot: Spot) -> Presence:
    someone = Presence(data_dir, workshop_id, name)
    someone.move(spot)
    someone.beat()
    return someone


def test_each_group_has_its_own_lead_beside_the_rooms(data_dir, workshop_id):
    anne = person(data_dir, workshop_id, "anne", Spot("1.3"))
    anne.take_lead()
    kari = person(data_dir, workshop_id, "kari", Spot("2.2#2", "oppgaver", "r1", 1))
    kari.take_lead("g1")
    per = person(data_dir, workshop_id, "per", Spot("2.2#3"))
    per.take_lead("g2")
    me = person(data_dir, workshop_id, "ola", Spot("1.1"))
    me.room.refresh(full=True)
    room, g1, g2 = me.room.lead(), me.room.lead("g1"), me.room.lead("g2")
    assert room is not None and room.name == "anne" and room.spot == Spot("1.3")
    assert g1 is not None and g1.name == "kari" and g1.live and g1.spot == Spot("2.2#2", "oppgaver", "r1", 1)
    assert g2 is not None and g2.name == "per" and g2.spot == Spot("2.2#3")
    assert me.room.lead("g3") is None
    assert kari.leading("g1") and not kari.leading() and not kari.leading("g2")


def test_a_group_lead_leaving_takes_its_file_and_not_the_rooms(data_dir, workshop_id):
    anne = person(data_dir, workshop_id, "anne", Spot("1.3"))
    anne.take_lead()
    kari = person(data_dir, workshop_id, "kari", Spot("2.2#2"))
    kari.take_lead("g1")
    kari.leave()
    assert not (kari.folder / "lead-g1.json").exists()
    assert (anne.folder / LEAD_FILE).exists()
    me = person(data_dir, workshop_id, "ola", Spot("1.1"))
    me.room.refresh(full=True)
    assert me.room.lead("g1") is None and me.room.lead() is not None


def test_drafts_and_copies_pass_as_places(data_dir, workshop_id):
    kari = person(data_dir, workshop_id, "kari", Spot("1.3~g1", "b", "r1", 0))
    kari.take_lead("g1")
    me = person(data_dir, workshop_id, "ola", Spot("1.1"))
    me.room.refresh(full=True)
    lead = me.room.lead("g1")
    assert lead is not None and lead.spot is not None and lead.spot.section == "1.3~g1"


@pytest.mark.parametrize("name", ["lead-x.json", "lead-g1.json.bak", "lead-.json", "lead-g1x.json", "lead-G1.json",
                                  "lead-g1234567.json"])
def test_only_names_of_the_pattern_are_group_leads(data_dir, workshop_id, name):
    kari = person(data_dir, workshop_id, "kari", Spot("2.2#2"))
    (kari.folder / name).write_text(json.dumps({"session": kari.session, "name": "kari"}))
    me = person(data_dir, workshop_id, "ola", Spot("1.1"))
    me.room.refresh(full=True)
    assert me.room.lead() is None
    assert all(me.room.lead(f"g{i}") is None for i in (1, 2))
    assert name not in me.room._files  # noqa: SLF001 - never read
    with pytest.raises(ValueError):
        lead_file(name.removeprefix("lead-").removesuffix(".json"))


def test_a_folder_planted_with_group_leads_still_gives_up_the_room_and_is_named(data_dir, workshop_id):
    anne = person(data_dir, workshop_id, "anne", Spot("1.3"))
    anne.take_lead()
    for i in range(1, MAX_GROUP_LEADS + 40):
        (anne.folder / f"lead-g{i}.json").write_text(json.dumps({"session": "nobody", "name": "x"}))
    me = person(data_dir, workshop_id, "ola", Spot("1.1"))
    me.room.refresh(full=True)
    lead = me.room.lead()
    assert lead is not None and lead.name == "anne" and lead.spot == Spot("1.3")
    assert me.room.problem is not None and ".presence" in me.room.problem
    assert [p.name for p in me.room.participants()] == ["anne"]
