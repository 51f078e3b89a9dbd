"""The kjøreplan's agenda in the app (issue 21, points 5-6): filled by keys, an example, run by the leader.

The meeting's clock is the app's ``clock`` (injectable): a test moves it on
minutes at a time instead of waiting them out.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model import agenda
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog
from intro_tui.tui.agenda_line import AgendaLine
from intro_tui.tui.app import make_app

SIZE = (80, 24)


def new_workshop(store) -> str:
    return store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop")).id


async def type_text(pilot, text: str) -> None:
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def agenda_line(app) -> str:
    return str(app.screen.query_one(AgendaLine).render()) if app.screen.query_one(AgendaLine).display else ""


async def test_an_agenda_is_filled_by_keys_and_read_on_screen(data_dir, store):
    workshop_id = new_workshop(store)
    app = make_app(data_dir, workshop_id=workshop_id, section="1.4", user="anne")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "Agenda" in screen_text(app), "no agenda under the kjøreplan")
        assert "Her finner du kjøreplan for arbeidsmøte 1." in screen_text(app)  # the seed's text stays
        assert "Insert legger til, Ctrl+A gir et eksempel, F9 starter møtet" in " ".join(screen_text(app).split())
        await pilot.press("insert")  # on the link, which takes no rows: the agenda's first row
        await pilot_wait_until(pilot, lambda: "1.4 › Agenda · rad 1 · Tid" in screen_text(app),
                               "the agenda's first cell is not open for typing")
        await type_text(pilot, "09.30")
        await pilot.press("tab")
        await type_text(pilot, "Gruppearbeid 1.3")
        await pilot.press("tab")
        await type_text(pilot, "1.3")
        await pilot.press("tab")
        await type_text(pilot, "Grupper")
        await pilot.press("tab")
        await type_text(pilot, "Kari")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: "Kari" in screen_text(app) and "Lagret" in app.screen.sub_title,
                               "the leader's name is not on screen")
        shown = screen_text(app)
        for word in ("09.30", "Gruppearbeid 1.3", "Grupper", "Kari", "Plenum/grupper", "Faktisk tid"):
            assert word in shown, word
        assert "F9 Start møtet" in shown  # the key bar offers the meeting
    (item,) = agenda.items(fresh_store(data_dir).load(workshop_id), "1.4")
    assert (item.planned, item.activity, item.target, item.form, item.leader) == (
        "09.30", "Gruppearbeid 1.3", "1.3", "Grupper", "Kari")


async def test_f9_on_an_empty_agenda_names_the_keys_that_fill_it(data_dir, store):
    """The refusal names this app's keys (Insert, Ctrl+A): F4 is the instructions reader since the merge."""
    workshop_id = new_workshop(store)
    app = make_app(data_dir, workshop_id=workshop_id, section="2.5", user="anne")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "^A Eksempel" in screen_text(app), "the key bar does not offer ^A")
        await pilot.press("f9")
        await pilot_wait_until(pilot, lambda: "Ikke startet" in screen_text(app), "F9 on an empty agenda said nothing")
        shown = " ".join(screen_text(app).split())
        assert "Ikke startet: kjøreplanen i 2.5 har ingen punkter ennå – Insert legger til et, Ctrl+A gir et eksempel" \
            in shown, shown
        assert "F4 gir" not in shown


async def test_f4_offers_the_steps_example_agenda(data_dir, store):
    workshop_id = new_workshop(store)
    app = make_app(data_dir, workshop_id=workshop_id, section="2.5", user="anne")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "^A Eksempel" in screen_text(app), "the key bar does not offer ^A")
        await pilot.press("ctrl+a")
        await pilot_wait_until(pilot, lambda: "Gruppearbeid 2.2" in screen_text(app), "no example on screen")
        shown = screen_text(app)
        assert "Velkommen og mål for" in shown and "Gjennomgang 2.1" in shown
        assert "La inn et eksempel med 8 punkter" in shown
        await pilot.press("ctrl+a")  # never over what is there
        await pilot_wait_until(pilot, lambda: "har punkter fra før" in screen_text(app), "a second example was not refused")
    items = agenda.items(fresh_store(data_dir).load(workshop_id), "2.5")
    assert [i.target for i in items] == ["", "2.1", "2.2", "2.2", "2.3", "2.3", "2.4", "2.5"]
    assert items[2].form == "Grupper" and items[2].planned == "30 min"


async def test_the_leader_runs_a_three_item_agenda_and_the_follower_sees_it(data_dir, store):
    workshop_id = new_workshop(store)
    for texts in (["2 min", "Velkommen", "2.1", "Plenum", "Anne"],
                  ["12 min", "Gruppearbeid 2.2", "2.2", "Grupper", "Kari"],
                  ["5 min", "Oppsummering", "2.5", "Plenum", "Anne"]):
        store.add_row(workshop_id, "2.5", agenda.BLOCK, dict(zip(agenda.COLUMNS, texts)))
    clock = [datetime(2026, 11, 26, 9, 0)]
    leader = make_app(data_dir, workshop_id=workshop_id, section="2.5", user="anne", room_role="lead")
    follower = make_app(data_dir, workshop_id=workshop_id, section="1.1", user="roar", room_role="follow")
    for app in (leader, follower):
        app.clock = lambda: clock[0]
    both = (leader, follower)
    async with leader.run_test(size=SIZE) as lead, follower.run_test(size=SIZE) as follow:

        async def both_show(words: str, section: str, what: str) -> None:
            for app, pilot in ((leader, lead), (follower, follow)):
                await pilot_wait_until(pilot, lambda: words in agenda_line(app) and words in screen_text(app)
                                       and app.screen.section.id == section, f"{app.store.user}: {what}")

        await pilot_wait_until(lead, lambda: "Du leder" in screen_text(leader), "the leader does not lead")
        await pilot_wait_until(follow, lambda: "Følger anne" in screen_text(follower), "the follower does not follow")
        assert not any(app.screen.query_one(AgendaLine).display for app in both)  # no meeting yet: no line
        await lead.press("f9")  # start the meeting: item 1, its section
        await both_show("▶ Velkommen · 2 min igjen · punkt 1 av 3", "2.1", "item 1 not shown")
        clock[0] += timedelta(minutes=1)
        await both_show("Velkommen · 1 min igjen", "2.1", "the countdown did not move")
        clock[0] += timedelta(minutes=2)  # over time
        await both_show("⚠ Velkommen · 1 min over tiden", "2.1", "the overrun is not shown")
        assert all(app.screen.query_one(AgendaLine).has_class("-over") for app in both)
        await lead.press("f9")  # Neste punkt
        await both_show("▶ Gruppearbeid 2.2 · 12 min igjen · punkt 2 av 3", "2.2", "item 2 not shown")
        assert not any(app.screen.query_one(AgendaLine).has_class("-over") for app in both)
        assert "F9 neste punkt" in agenda_line(leader) and "F9" not in agenda_line(follower)
        await pilot_wait_until(lead, lambda: "F9 Neste punkt" in screen_text(leader).splitlines()[-1],
                               "the leader's key bar offers the next item")
        assert "F9" not in screen_text(follower).splitlines()[-1]  # a follower does not run the meeting
        clock[0] += timedelta(minutes=5)
        await both_show("Gruppearbeid 2.2 · 7 min igjen", "2.2", "item 2's countdown did not move")
        await lead.press("f9")
        await both_show("▶ Oppsummering · 5 min igjen · punkt 3 av 3", "2.5", "item 3 not shown")
        clock[0] += timedelta(minutes=4)
        await lead.press("f9")  # the last item ends the meeting
        for app, pilot in ((leader, lead), (follower, follow)):
            await pilot_wait_until(pilot, lambda: not app.screen.query_one(AgendaLine).display,
                                   f"{app.store.user}: the line stayed after the meeting")
        await pilot_wait_until(lead, lambda: "Møtet er slutt 09:12" in screen_text(leader), "no word of the end")
    workshop = fresh_store(data_dir).load(workshop_id)
    assert [i.actual for i in agenda.items(workshop, "2.5")] == ["09:00–09:03", "09:03–09:08", "09:08–09:12"]
    logged = [e for e in changelog.read(store.changes_path(workshop_id))
              if e.get("op") == "set" and e.get("c") == agenda.ACTUAL]
    assert [e["new"] for e in logged][-2:] == ["09:08–", "09:08–09:12"] and all(e["by"] == "anne" for e in logged)


async def test_the_line_shows_an_activity_literally_and_only_the_leader_moves_the_meeting(data_dir, store):
    from intro_tui.core.store import meeting
    from intro_tui.core.store.presence import Presence
    from intro_tui.tui import room_view

    workshop_id = new_workshop(store)
    store.add_row(workshop_id, "1.4", agenda.BLOCK, {"tid": "15 min", "aktivitet": "[@click=app.quit]Pause[/]"})
    store.add_row(workshop_id, "1.4", agenda.BLOCK, {"tid": "15 min", "aktivitet": "Etterpå"})
    clock = [datetime(2026, 11, 26, 13, 0)]
    meeting.start(store, workshop_id, "1.4", clock[0])
    leader = Presence(data_dir, workshop_id, "anne")  # another process leads
    app = make_app(data_dir, workshop_id=workshop_id, section="1.4", user="roar")
    app.clock = lambda: clock[0]
    try:
        async with app.run_test(size=SIZE) as pilot:
            leader.beat()
            leader.take_lead()
            leader.move(room_view.Spot("1.4", "agenda", "", 0))
            leader.beat()
            await pilot_wait_until(pilot, lambda: "▶ [@click=app.quit]Pause[/] · 15 min igjen" in screen_text(app),
                                   "the activity is not shown as typed")
            await pilot_wait_until(pilot, lambda: "anne leder" in screen_text(app), "the leader is not seen")
            await pilot.press("f9")
            await pilot_wait_until(pilot, lambda: "anne leder rommet og styrer møtet" in screen_text(app),
                                   "a participant's F9 was not refused")
            assert "Pause" in agenda_line(app) and app.is_running
    finally:
        leader.leave()
    assert agenda.items(fresh_store(data_dir).load(workshop_id), "1.4")[1].actual == ""  # nothing moved on
