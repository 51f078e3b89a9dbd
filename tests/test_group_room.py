"""The room in groups (issue 21 points 1-2 and the room half of 3): being in a group, following its lead, plenum.

Pilot at 80×24 for the session under test; the others are :class:`Presence`
objects (as other processes would be), kept alive by their heartbeat while the
test waits.  What is asserted is what the screen shows.
"""

from __future__ import annotations

import pytest
from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model.groups import by_id
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import groups as group_store
from intro_tui.core.store.presence import Presence, Spot
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app
from intro_tui.tui.live import LiveLink

SIZE = (80, 24)


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    workshop_id = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop", units=["NAV"])).id
    group_store.make(store, workshop_id, "Gruppe 1 – Renhold", section="1.1", draft=False)
    group_store.make(store, workshop_id, "Gruppe 2 – Bygg", section="1.2", draft=False)
    return workshop_id


def person(data_dir, workshop_id: str, name: str, spot: Spot, *, lead: bool = False) -> Presence:
    someone = Presence(data_dir, workshop_id, name)
    someone.move(spot)
    someone.beat()
    if lead:
        someone.take_lead()
    return someone


async def until(pilot, check, what: str, people=()) -> None:
    def alive_and(check=check):
        for someone in people:
            someone.beat()
        return check()

    await pilot_wait_until(pilot, alive_and, what, timeout=30.0, interval=0.1)


def section_of(app) -> str:
    return app.screen.section.id


async def test_a_participant_picks_a_group_and_the_header_shows_it(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="kari")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query(LiveLink), "no workshop screen")
        await pilot.press("ctrl+u")
        await until(pilot, lambda: "Velg gruppen du jobber i" in screen_text(app), "no group dialog")
        text = screen_text(app)
        assert "Gruppe 1 – Renhold · 1.1 · 0 med" in text and "Gruppe 2 – Bygg · 1.2 · 0 med" in text
        assert "Ingen gruppe (plenum)" in text
        await pilot.press("down", "enter")
        await until(pilot, lambda: "Gruppe 2 – Bygg ·" in screen_text(app).splitlines()[1], "no group in the header")
        assert "Du er med i Gruppe 2 – Bygg." in screen_text(app)
        assert by_id(fresh_store(data_dir).load(workshop_id), "g2").members == ("kari",)
        await pilot.press("ctrl+u")
        await until(pilot, lambda: "◆ Gruppe 2 – Bygg" in screen_text(app), "the dialog does not mark kari's group")
        await pilot.press("down", "enter")  # from Gruppe 2 to "Ingen gruppe"
        await until(pilot, lambda: "Du er ikke med i noen gruppe." in screen_text(app), "kari did not leave")
        assert "Gruppe 2" not in screen_text(app)


async def test_a_group_on_a_draft_is_offered_by_its_section_not_its_internal_key(data_dir, store, workshop_id):
    """The pick list says "utkast av 1.3", as F10 does: "1.3~g3" is a key of the file, not a word for the room."""
    group_store.make(store, workshop_id, "Gruppe 3", section="1.3", draft=True)
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="kari")
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.screen.query(LiveLink), "no workshop screen")
        await pilot.press("ctrl+u")
        await until(pilot, lambda: "Velg gruppen du jobber i" in screen_text(app), "no group dialog")
        text = screen_text(app)
        assert "Gruppe 3 · utkast av 1.3 · 0 med" in text, text
        assert "~" not in text


async def test_members_follow_their_groups_lead_when_split_and_the_facilitator_in_plenum(data_dir, store,
                                                                                          workshop_id):
    anne = person(data_dir, workshop_id, "anne", Spot("1.3"), lead=True)  # the facilitator
    kari = person(data_dir, workshop_id, "kari", Spot("1.3"))  # joined first: leads Gruppe 1
    group_store.join(store, workshop_id, "g1", "kari")
    group_store.join(store, workshop_id, "g1", "ola")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.4", user="ola", room_role="follow")
    people = (anne, kari)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "Gruppe 1 – Renhold · Følger anne" in screen_text(app)
                        and section_of(app) == "1.3", "ola does not follow anne in plenum", people)
            group_store.split(store, workshop_id, True)
            kari.move(Spot("1.1"))
            await until(pilot, lambda: "Gruppe 1 – Renhold · Følger kari" in screen_text(app)
                        and section_of(app) == "1.1", "ola does not follow kari when split", people)
            anne.move(Spot("4.1"))  # the facilitator moves: the group stays
            kari.move(Spot("1.2"))
            await until(pilot, lambda: section_of(app) == "1.2", "ola does not follow kari's move", people)
            group_store.split(store, workshop_id, False)
            await until(pilot, lambda: "Følger anne" in screen_text(app) and section_of(app) == "4.1",
                        "ola is not back with anne in plenum", people)
    finally:
        anne.leave()
        kari.leave()


async def test_the_first_member_leads_the_group_at_its_place_and_the_next_when_the_lead_leaves(data_dir, store,
                                                                                              workshop_id):
    anne = person(data_dir, workshop_id, "anne", Spot("1.3"), lead=True)
    group_store.join(store, workshop_id, "g1", "ola")
    group_store.join(store, workshop_id, "g1", "per")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.4", user="ola", room_role="follow")
    people = [anne]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: section_of(app) == "1.3", "ola does not follow anne", people)
            group_store.split(store, workshop_id, True)
            await until(pilot, lambda: "Gruppe 1 – Renhold · du leder gruppen" in screen_text(app)
                        and section_of(app) == "1.1", "ola, alone in Gruppe 1, does not lead it at 1.1", people)
            per = person(data_dir, workshop_id, "per", Spot("1.1"))  # joins later: follows ola
            people.append(per)
            per.room.refresh(full=True)
            lead = per.room.lead("g1")
            assert lead is not None and lead.name == "ola" and lead.live
            group_store.split(store, workshop_id, False)
            await until(pilot, lambda: "Følger anne" in screen_text(app) and section_of(app) == "1.3",
                        "ola does not follow anne again in plenum", people)
            assert not (per.folder / "lead-g1.json").exists()
    finally:
        anne.leave()
        for someone in people:
            someone.leave()


async def test_a_group_lead_leaving_hands_the_group_to_the_next_present_member(data_dir, store, workshop_id):
    anne = person(data_dir, workshop_id, "anne", Spot("1.3"), lead=True)
    kari = person(data_dir, workshop_id, "kari", Spot("1.1"))
    group_store.join(store, workshop_id, "g1", "kari")
    group_store.join(store, workshop_id, "g1", "ola")
    group_store.split(store, workshop_id, True)
    app = make_app(data_dir, workshop_id=workshop_id, section="1.4", user="ola", room_role="follow")
    people = (anne, kari)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "Følger kari" in screen_text(app) and section_of(app) == "1.1",
                        "ola does not follow kari", people)
            kari.move(Spot("1.2"))
            await until(pilot, lambda: section_of(app) == "1.2", "ola does not follow kari", people)
            kari.leave()
            await until(pilot, lambda: "Gruppe 1 – Renhold · du leder gruppen" in screen_text(app),
                        "ola does not take over Gruppe 1", (anne,))
            assert section_of(app) == "1.2"  # the new lead stays where the group was
            link = app.screen.query_one(LiveLink)
            assert link.following, "following was given up without ola's own key"
            group_store.split(store, workshop_id, False)
            await until(pilot, lambda: "Følger anne" in screen_text(app) and section_of(app) == "1.3",
                        "ola does not follow anne in plenum", (anne,))
    finally:
        anne.leave()
        kari.leave()


async def test_the_facilitators_overview_splits_shows_members_and_looks_into_a_group(data_dir, store, workshop_id):
    kari = person(data_dir, workshop_id, "kari", Spot("1.1"))
    group_store.join(store, workshop_id, "g1", "kari")
    group_store.join(store, workshop_id, "g2", "per")
    store.add_row(workshop_id, "1.1", store.catalog.templates["arbeidsrettet-lop"].section("1.1").blocks[0].id)
    store.set_cell(workshop_id, "1.1", *first_cell(store, workshop_id, "1.1"), "Renhold")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="anne", room_role="lead")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "Du leder" in screen_text(app), "anne does not lead", (kari,))
            await pilot.press("f12")
            await until(pilot, lambda: "Rommet er i plenum · d: del i grupper" in screen_text(app),
                        "no overview", (kari,))
            text = screen_text(app)
            assert "Gruppe 1 – Renhold · 1.1 · 1 av" in text and "kari: 1.1" in text
            assert "Gruppe 2 – Bygg · 1.2 · 0 av" in text and "per: borte" in text
            await pilot.press("d")
            await until(pilot, lambda: "Rommet er delt i grupper · p: tilbake i plenum" in screen_text(app),
                        "the overview did not split the room", (kari,))
            assert fresh_store(data_dir).load(workshop_id).split
            kari.move(Spot("1.1", "x", "r2", 1, editing=True))
            await until(pilot, lambda: "✎ 1.1" in screen_text(app), "kari's editing does not show", (kari,))
            await pilot.press("down", "enter")  # look into Gruppe 2's work
            await until(pilot, lambda: section_of(app) == "1.2", "anne does not see Gruppe 2's place", (kari,))
            await pilot.press("f12")
            await until(pilot, lambda: "Rommet er delt" in screen_text(app), "no overview", (kari,))
            await pilot.press("p")
            await until(pilot, lambda: "Rommet er i plenum" in screen_text(app), "not back in plenum", (kari,))
            assert not fresh_store(data_dir).load(workshop_id).split
    finally:
        kari.leave()


def first_cell(store: WorkshopStore, workshop_id: str, section_id: str) -> tuple[str, str, str]:
    """(block, row, column) of the first answerable text cell of a section."""
    from intro_tui.core.model.layout import section_rows
    from intro_tui.core.model.template import LABEL

    workshop = store.load(workshop_id)
    section = store.template_of(workshop).section(section_id)
    for view in section_rows(section, workshop):
        for column in view.block.columns:
            if column.type != LABEL and not view.group:
                return view.block.id, view.key, column.id
    raise AssertionError("no cell")


async def test_next_item_splits_the_room_on_a_group_item_and_gathers_it_on_a_plenum_item(data_dir, store,
                                                                                        workshop_id):
    from datetime import datetime

    from intro_tui.core.model import agenda

    for texts in (["5 min", "Velkommen", "1.3", "Plenum", "anne"], ["20 min", "Gruppearbeid", "1.3", "Grupper", ""],
                  ["5 min", "Oppsummering", "1.3", "Plenum", "anne"]):
        store.add_row(workshop_id, "2.5", agenda.BLOCK, dict(zip(agenda.COLUMNS, texts)))
    group_store.join(store, workshop_id, "g1", "ola")
    app = make_app(data_dir, workshop_id=workshop_id, section="2.5", user="anne", room_role="lead")
    app.clock = lambda: datetime(2026, 11, 26, 9, 0)
    follower = make_app(data_dir, workshop_id=workshop_id, section="1.4", user="ola", room_role="follow")
    follower.clock = app.clock

    def split() -> bool:
        return fresh_store(data_dir).load(workshop_id).split

    async with app.run_test(size=SIZE) as pilot, follower.run_test(size=SIZE) as follow:
        await pilot_wait_until(pilot, lambda: "Du leder" in screen_text(app), "anne does not lead")
        await pilot_wait_until(follow, lambda: "Følger anne" in screen_text(follower), "ola does not follow")
        await pilot.press("f9")  # item 1, plenum: nothing to gather
        await pilot_wait_until(pilot, lambda: "▶ Velkommen" in screen_text(app), "the meeting did not start")
        assert not split()
        await pilot.press("f9")  # item 2: groups
        await pilot_wait_until(pilot, lambda: "Rommet er delt i grupper" in screen_text(app), "F9 did not split")
        assert split()
        await pilot_wait_until(follow, lambda: "Gruppe 1 – Renhold · du leder gruppen" in screen_text(follower)
                               and follower.screen.section.id == "1.1", "ola does not lead Gruppe 1 at its place")
        await pilot.press("f9")  # item 3: plenum
        await pilot_wait_until(pilot, lambda: "Alle er tilbake i plenum" in screen_text(app), "F9 did not gather")
        assert not split()
        await pilot_wait_until(follow, lambda: "Følger anne" in screen_text(follower)
                               and follower.screen.section.id == "1.3", "ola does not follow anne again")


async def test_a_member_opening_the_workshop_mid_group_work_as_its_lead_goes_to_the_groups_place(data_dir, store,
                                                                                                 workshop_id):
    anne = person(data_dir, workshop_id, "anne", Spot("1.3"), lead=True)
    group_store.join(store, workshop_id, "g2", "ola")
    group_store.split(store, workshop_id, True)
    app = make_app(data_dir, workshop_id=workshop_id, section="1.4", user="ola", room_role="follow")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "Gruppe 2 – Bygg · du leder gruppen" in screen_text(app)
                        and section_of(app) == "1.2", "ola, opened with --follow, is not at Gruppe 2's place",
                        (anne,))
    finally:
        anne.leave()
