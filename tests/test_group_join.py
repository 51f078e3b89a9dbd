"""The group choice on ``intro-tui serve``'s join page, carried to the participant's app (issue 21 point 1)."""

from __future__ import annotations

from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model.groups import by_id
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import groups as group_store
from intro_tui.tui.app import make_app
from intro_tui.tui.group_follow import GROUP_ENV
from intro_tui.web import group_choice, pages
from intro_tui.web.gate import Gate
from intro_tui.web.processes import ParticipantService


def test_the_join_page_offers_the_workshops_groups_literally(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop", units=["NAV"])).id
    assert group_choice.choices(data_dir, workshop_id) == []
    assert 'name="group"' not in pages.join_page().text  # no groups: no field
    group_store.make(store, workshop_id, "Gruppe 1 – <b>Renhold</b>", section="1.1", draft=False)
    group_store.make(store, workshop_id, "Gruppe 2 – Bygg", section="1.2", draft=False)
    offered = group_choice.choices(data_dir, workshop_id)
    assert [gid for gid, _ in offered] == ["g1", "g2"]
    page = pages.join_page(groups=offered, group="g2").text
    assert '<select id="group" name="group">' in page
    assert "Gruppe 1 – &lt;b&gt;Renhold&lt;/b&gt;" in page and "<b>" not in page
    assert '<option value="g2" selected>Gruppe 2 – Bygg</option>' in page
    assert group_choice.chosen("g2", offered) == "g2"
    assert group_choice.chosen("g9", offered) == "" and group_choice.chosen(["g1"], offered) == ""
    assert group_choice.choices(data_dir, "finnes-ikke") == []


def test_the_ticket_carries_the_group_to_the_apps_environment():
    gate = Gate()
    token = gate.give_ticket("Kari", "10.0.0.1", "g2")
    assert gate.name_for(token) == "Kari" and gate.group_for(token) == "g2"
    assert gate.group_for(gate.give_ticket("Ola", "10.0.0.2")) == "" and gate.group_for("nope") == ""
    service = ParticipantService(["intro-tui"], participant="Kari", group="g2", write_bytes=None, write_str=None,
                                 close=None, download_manager=None)
    assert service._build_environment()[GROUP_ENV] == "g2"  # noqa: SLF001
    plain = ParticipantService(["intro-tui"], participant="Ola", write_bytes=None, write_str=None, close=None,
                               download_manager=None)
    assert GROUP_ENV not in plain._build_environment()  # noqa: SLF001


async def test_an_app_opened_with_a_picked_group_joins_it_and_shows_it(data_dir, store, monkeypatch):
    workshop_id = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop", units=["NAV"])).id
    group_store.make(store, workshop_id, "Gruppe 1 – Renhold", section="1.1", draft=False)
    monkeypatch.setenv(GROUP_ENV, "g1")
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="Kari", guest=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot_wait_until(pilot, lambda: "Gruppe 1 – Renhold" in screen_text(app), "no group in the header")
    assert by_id(fresh_store(data_dir).load(workshop_id), "g1").members == ("Kari",)
