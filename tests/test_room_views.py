"""A section shown before is kept built: going back is cheap, and still shows what changed meanwhile."""

from __future__ import annotations


from conftest import fresh_store, screen_text
from conftest import pilot_wait_until as wait_for  # the one wait: polls, shows the screen on failure

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

SIZE = (80, 24)


async def test_a_section_shown_again_is_the_same_view_with_the_others_saves(data_dir, store):
    workshop_id = store.create(Workshop(id="", title="Igjen", template="arbeidsrettet-lop", units=["NAV"])).id
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        first = app.screen.section_view
        await pilot.press("f6")
        await wait_for(pilot, lambda: app.screen.section.id == "1.4", "F6 did not move on")
        # another session writes in 1.3 while this one shows 1.4
        fresh_store(data_dir).set_cell(workshop_id, "1.3", "roller", "r1", "nar", "ukentlig")
        await wait_for(pilot, lambda: ("1.3", "roller", "r1", "nar") in app.screen.session.workshop.cells,
                       "the other session's save was never read")
        await pilot.press("f5")
        await wait_for(pilot, lambda: app.screen.section.id == "1.3", "F5 did not go back")
        assert app.screen.section_view is first, "1.3 was built again"
        await wait_for(pilot, lambda: "ukentlig" in screen_text(app), "the kept view does not show the save:\n" + screen_text(app))
        # a section never shown is built; the hidden ones stay out of the screen's tables
        assert all(table.section.id == "1.3" for table in app.screen.tables())


async def test_a_follower_paging_with_the_leader_reads_no_file_and_builds_each_section_once(data_dir, store, monkeypatch):
    """Issue 17 point 2: a section move of the leader costs a follower a switch, not a read or a rebuild.

    Counted, not timed: ``store.load`` (read and decode the workshop file) and ``SectionView.compose``
    (build a section's tables) while the leader pages 1.3 → 1.4 → 1.3 → 1.4 and nobody saves.
    """
    from intro_tui.core.store.presence import Presence, Spot
    from intro_tui.tui.widgets.section_view import SectionView
    from conftest import pilot_wait_until

    workshop_id = store.create(Workshop(id="", title="Sider", template="arbeidsrettet-lop", units=["NAV"])).id
    built: list[str] = []
    compose = SectionView.compose

    def counted_compose(view):
        built.append(view.section.id)
        return compose(view)

    monkeypatch.setattr(SectionView, "compose", counted_compose)
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar", room_role="follow")
    leader = Presence(data_dir, workshop_id, "anne")
    try:
        async with app.run_test(size=SIZE) as pilot:
            leader.move(Spot("1.3"))
            leader.beat()
            leader.take_lead()
            screen = app.screen
            await pilot_wait_until(pilot, lambda: "Følger anne" in screen_text(app), "the follower never followed")
            loads: list[str] = []
            load = screen.session.store.load

            def counted_load(wid, *args, **kwargs):
                loads.append(wid)
                return load(wid, *args, **kwargs)

            monkeypatch.setattr(screen.session.store, "load", counted_load)
            views = {}
            for target in ("1.4", "1.3", "1.4", "1.3"):
                leader.move(Spot(target))
                await pilot_wait_until(pilot, lambda t=target: screen.section.id == t and
                                       screen.focused in screen.tables() and f"{t} " in screen_text(app),
                                       f"the follower did not show {target} with the focus in its table")
                views.setdefault(target, screen.section_view)
                assert screen.section_view is views[target], f"{target} was built again"
            assert built == ["1.3", "1.4"], f"sections built: {built}"
            assert loads == [], f"the workshop file was read {len(loads)} times though nobody saved"
    finally:
        leader.leave()


async def test_another_sessions_save_is_read_off_the_event_loop(data_dir, store, monkeypatch):
    """Issue 22 point 7: the file another session saved is read and decoded in a worker thread, and shown."""
    import threading

    from conftest import pilot_wait_until

    workshop_id = store.create(Workshop(id="", title="Tråd", template="arbeidsrettet-lop", units=["NAV"])).id
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot_wait_until(pilot, lambda: screen.focused in screen.tables(), "no table has the focus")
        on_loop: list[bool] = []
        load = screen.session.store.load

        def watched_load(wid, *args, **kwargs):
            on_loop.append(threading.current_thread() is threading.main_thread())
            return load(wid, *args, **kwargs)

        monkeypatch.setattr(screen.session.store, "load", watched_load)
        fresh_store(data_dir).set_cell(workshop_id, "1.3", "roller", "r1", "nar", "kvartal")
        await pilot_wait_until(pilot, lambda: "kvartal" in screen_text(app), "the other session's save never showed")
        assert on_loop and not any(on_loop), f"reads on the event loop: {on_loop.count(True)} of {len(on_loop)}"
        assert ("1.3", "roller", "r1", "nar") in screen.session.workshop.cells
