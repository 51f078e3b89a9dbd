"""Who is who: two "Kari Nordmann" and a "Knut Nilsen" in one room are told apart everywhere."""

from __future__ import annotations


from conftest import arrow_to, screen_text
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import pilot_wait_until as until  # the one wait: polls, shows the screen on failure

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog
from intro_tui.core.store.presence import Presence, Spot
from intro_tui.tui.app import make_app

SIZE = (80, 24)


async def test_same_names_and_initials_are_told_apart(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Navn", template="arbeidsrettet-lop", units=["NAV"])).id
    kari = Presence(data_dir, workshop_id, "Kari Nordmann")
    knut = Presence(data_dir, workshop_id, "Knut Nilsen")
    kari.move(Spot("1.3", "roller", "r2", 1))
    knut.move(Spot("1.3", "roller", "r3", 1))
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="Kari Nordmann")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: "du vises som «Kari Nordmann (2)»" in screen_text(app),
                        "the second Kari was not told her room name")
            await pilot.press("ctrl+t")  # fold the instructions: the rows with the badges on screen
            await until(pilot, lambda: "KaN" in screen_text(app) and "KnN" in screen_text(app),
                        "Kari's and Knut's badges are not told apart")
            kari.room.refresh(full=True)
            assert "Kari Nordmann (2)" in [p.name for p in kari.room.participants()]
            # and the change log says which Kari wrote
            await arrow_to(pilot, app.focused.cursor_coordinate.row, 4)
            await pilot.press(*"mandag", "enter")
            await until(pilot, lambda: "mandag" in screen_text(app), "not saved")
            entries = changelog.read(store.changes_path(workshop_id))
            assert entries[-1].get("by") == "Kari Nordmann (2)", entries[-1]
    finally:
        kari.leave()
        knut.leave()


def _initials_by_search(people):
    """The rule as first written (a search per person): the reference the counted version must match."""
    from intro_tui.tui.room_view import initials

    plain = {p.session: initials(p.name) for p in people}
    clash = {p.session for p in people if list(plain.values()).count(plain[p.session]) > 1}
    longer = dict(plain)
    for person in people:
        words = [w for w in person.name.replace("-", " ").split() if w[:1].isalnum()]
        if person.session in clash and len(words) >= 2 and len(words[0]) >= 2:
            longer[person.session] = words[0][0].upper() + words[0][1].lower() + words[-1][0].upper()
    found = dict(longer)
    ordered = sorted(people, key=lambda p: (p.since, p.session))
    for person in ordered:
        if list(longer.values()).count(longer[person.session]) > 1:
            same = [p for p in ordered if longer[p.session] == longer[person.session]]
            found[person.session] = plain[person.session] + str(same.index(person) + 1)
    return found


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["Kari Nordmann", "Knut Nilsen", "Kari N", "kari", "Karl", "Anne Berg",
                                           "Ali", "Åse Ås", "m1x1", "m1x2", "-", "K N", "Kari-Anne Nes"]),
                          st.integers(0, 5)), max_size=12))
def test_room_initials_tell_everyone_apart_as_the_rule_says(names):
    from intro_tui.core.store.presence import Participant, Spot
    from intro_tui.tui.room_view import room_initials

    people = [Participant(session=f"s{i:02d}", name=name, spot=Spot(), since=float(since))
              for i, (name, since) in enumerate(names)]
    found = room_initials(people)
    assert found == _initials_by_search(people)
