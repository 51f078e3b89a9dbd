"""Issue 17 point 2: what a follower's screen does on the leader's section move, counted (never timed).

Moving between two sections built before (kept views), a follower must not restyle the tables from the
whole stylesheet on each focus change (5-8 ms each, a DataTable's component classes one by one) nor
rewrite the notes under them when they say the same (each rewrite is a layout of the
whole screen): in a room of 60 every session does it on every move of the leader, on two cores.
"""

from __future__ import annotations

from typing import Any

from conftest import pilot_wait_until, screen_text
from textual.css.stylesheet import Stylesheet
from textual.geometry import Region
from textual.widgets import DataTable, Static

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.presence import Presence, Spot
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.block_table import BlockTable
from intro_tui.tui.widgets.table_notes import TableNotes

SIZE = (80, 24)


def drawn(table: BlockTable) -> list[list[tuple[str, object]]]:
    """The table as it draws itself now: each line's text and styles."""
    lines = table.render_lines(Region(0, 0, table.size.width, table.size.height))
    return [[(segment.text, segment.style) for segment in line] for line in lines]


async def test_paging_between_kept_sections_restyles_no_table_and_rewrites_no_notes(data_dir, store, monkeypatch):
    workshop_id = store.create(Workshop(id="", title="Sider", template="arbeidsrettet-lop", units=["NAV"])).id
    restyled: list[str] = []
    rewritten: list[str] = []
    apply, update = Stylesheet.apply, Static.update

    def counted_apply(self, node, *args, **kwargs):
        if isinstance(node, BlockTable):
            restyled.append(node.section.id)
        return apply(self, node, *args, **kwargs)

    def counted_update(self, *args, **kwargs):
        if isinstance(self, TableNotes):  # (a RowDetail may rightly change: whether its row is on screen yet)
            rewritten.append(type(self).__name__)
        return update(self, *args, **kwargs)

    forgot: list[str] = []  # a DataTable's every row and cell drawn, forgotten
    notify = DataTable.notify_style_update

    def counted_notify(self):
        if isinstance(self, BlockTable):
            forgot.append(self.section.id)
        return notify(self)

    monkeypatch.setattr(Stylesheet, "apply", counted_apply)
    monkeypatch.setattr(Static, "update", counted_update)
    monkeypatch.setattr(DataTable, "notify_style_update", counted_notify)
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar", room_role="follow")
    leader = Presence(data_dir, workshop_id, "anne")
    try:
        async with app.run_test(size=SIZE) as pilot:
            leader.move(Spot("1.3"))
            leader.beat()
            leader.take_lead()
            screen: Any = app.screen  # the WorkshopScreen
            await pilot_wait_until(pilot, lambda: "Følger anne" in screen_text(app), "the follower never followed")

            template = screen.session.template

            async def follow(target: str) -> None:  # the leader on the first row of the section's first table
                block = template.section(target).blocks[0]
                leader.move(Spot(target, block.id, block.rows[0].key if block.rows else None, 1))
                leader.beat()  # still here, however slow the machine
                await pilot_wait_until(
                    pilot, lambda: screen.section.id == target and f"{target} " in screen_text(app)
                    and any(table.has_focus for table in screen.tables())  # its Focus event handled
                    and not any(table.has_focus for view in screen.built_views._views.values()  # noqa: SLF001
                                for table in view.query(BlockTable)),  # and the Blur of the table left
                    f"the follower did not show {target} with the focus in its table")

            # Both sections built, each table focused and left, given its badge gutter (the leader's badge on
            # the row reached) and drawn in both states: twice each.
            for target in ("1.4", "1.3", "1.4", "1.3"):
                await follow(target)
            restyled.clear()
            rewritten.clear()
            forgot.clear()
            for target in ("1.4", "1.3", "1.4", "1.3"):
                await follow(target)
            assert restyled == [], f"tables restyled from the stylesheet on focus changes: {restyled}"
            assert rewritten == [], f"notes rewritten with what they said: {rewritten}"
            assert forgot == [], f"tables that forgot what they drew: {forgot}"
            assert "Følger anne" in screen_text(app)

            # What the cheap path draws is what the whole stylesheet draws (1.3's table and 1.4's, focused again).
            for target in ("1.3", "1.4"):
                if screen.section.id != target:
                    await follow(target)
                table = next(t for t in screen.tables() if t.has_focus)
                cheap = drawn(table)
                app.update_styles(table)  # Textual's own restyle, which forgets the table's renders
                table._clear_caches()  # noqa: SLF001 - and what it drew, whatever the state
                assert drawn(table) == cheap, f"{target} is drawn otherwise by the whole stylesheet"
    finally:
        leader.leave()


async def test_a_late_event_of_the_section_left_does_not_scroll_the_one_being_built(data_dir, store):
    """The leader's move builds a section while a table of the one left still has the focus (its Blur not yet
    handled): a cursor event of that table asked the new view, not yet composed, to scroll - and the app died
    ('SectionView' object has no attribute 'detail'; seen in tmux with a leader paging through 13 sections)."""
    workshop_id = store.create(Workshop(id="", title="Sent", template="arbeidsrettet-lop", units=["NAV"])).id
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar")
    async with app.run_test(size=SIZE) as pilot:
        screen: Any = app.screen
        await pilot_wait_until(pilot, lambda: any(t.has_focus for t in screen.tables()), "no table has the focus")
        left = next(t for t in screen.tables() if t.has_focus)
        assert not screen.show_section("1.4"), "1.4 was built before"
        assert left.has_focus and screen.section_view is not left.parent
        screen.keep_cursor_visible(left)  # what its CellHighlighted or DescendantFocus does, late
        await pilot_wait_until(pilot, lambda: screen.section.id == "1.4" and "1.4 " in screen_text(app),
                               "1.4 was not shown")
        assert app.return_code is None, "the app stopped"
