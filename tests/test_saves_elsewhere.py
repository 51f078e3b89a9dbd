"""Issue 21's bench: another session's save into a section not on screen redraws nothing here.

In a room of sixty split into six groups every session reads every save, and
each group shows only its own draft: a save into group 1's draft must not make
group 2's sessions rebuild their tables or recount every navigator mark (on two
cores, 60 sessions doing so on every save kept an edit from reaching its own
group's screens within a second).  Counted, never timed.  What a save elsewhere
*does* change must still show: the section on screen, the indicators fed by the
NIR table, a navigator mark.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import arrow_to, fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model.changes import changed_sections, sections_read
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import groups as group_store
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app
from intro_tui.tui.live import LiveLink
from intro_tui.tui.widgets.block_table import BlockTable
from intro_tui.tui.widgets.navigator import Navigator

SIZE = (80, 24)


@pytest.fixture
def drafts(store: WorkshopStore) -> str:
    workshop_id = store.create(Workshop(id="", title="Grupper", template="arbeidsrettet-lop", units=["NAV"])).id
    for name in ("Gruppe 1", "Gruppe 2"):
        group_store.make(store, workshop_id, name, section="1.3", draft=True)
    return workshop_id


def first_text_cell(store: WorkshopStore, workshop_id: str, section: str) -> tuple[str, str, str]:
    """(block, row, column) of the first plain text cell in ``section``."""
    template = store.template_of(store.load(workshop_id))
    for block in template.section(section.split("~")[0]).blocks:
        for column in block.columns:
            if column.type == "text" and block.rows:
                return block.id, block.rows[0].key, column.id
    raise AssertionError(f"no text cell in {section}")


async def test_a_save_into_another_groups_draft_redraws_no_table_and_recounts_no_mark(data_dir, drafts, monkeypatch):
    refreshed: list[str] = []
    prompts: list[str] = []
    refresh_rows, replace_prompt = BlockTable.refresh_rows, Navigator.replace_option_prompt

    def counted_refresh(self, workshop):
        refreshed.append(self.section.id)
        return refresh_rows(self, workshop)

    def counted_prompt(self, option_id, prompt):
        prompts.append(option_id)
        return replace_prompt(self, option_id, prompt)

    monkeypatch.setattr(BlockTable, "refresh_rows", counted_refresh)
    monkeypatch.setattr(Navigator, "replace_option_prompt", counted_prompt)
    other = fresh_store(data_dir)
    block, row, column = first_text_cell(other, drafts, "1.3")
    app = make_app(data_dir, workshop_id=drafts, section="1.3~g2", user="kari")
    async with app.run_test(size=SIZE) as pilot:
        screen: Any = app.screen
        await pilot_wait_until(pilot, lambda: screen.query(LiveLink) and screen.tables(), "no workshop screen")
        await pilot_wait_until(pilot, lambda: "Gruppe 2" in screen_text(app), "not in group 2's draft")
        refreshed.clear()
        prompts.clear()
        other.set_cell(drafts, "1.3~g1", block, row, column, "gruppe-en-tekst")
        stamp = other.stamp(drafts)
        await pilot_wait_until(pilot, lambda: screen.session.stamp == stamp, "the save was never read")
        await pilot.pause(0.3)  # the change message handled
        assert screen.session.workshop.value("1.3~g1", block, row, column) == "gruppe-en-tekst"
        assert refreshed == [] and prompts == [], (refreshed, prompts)
        assert "gruppe-en-tekst" not in screen_text(app)

        other.set_cell(drafts, "1.3~g2", block, row, column, "gruppe-to-tekst")  # into the draft on screen
        await pilot_wait_until(pilot, lambda: "gruppe-to-tekst" in screen_text(app), "the own draft's save not shown")
        assert refreshed, "the section on screen was not redrawn"


async def test_nir_counts_saved_by_another_session_show_as_shares_on_the_indicators(data_dir, store):
    plan_id = store.create(Workshop(id="", title="Plan", template="virksomhetsplan", year=2026)).id
    app = make_app(data_dir, workshop_id=plan_id, section="indikatorer", user="kari")
    async with app.run_test(size=SIZE) as pilot:
        screen: Any = app.screen
        await pilot_wait_until(pilot, lambda: screen.query(LiveLink) and screen.tables(), "no workshop screen")
        await arrow_to(pilot, 7, 1)  # "% i arbeid, > 29 t/uke": its Resultat from NIR when none is typed
        assert "25 %" not in screen_text(app)
        other = fresh_store(data_dir)
        for key, count in (("avsluttet-arbeid-over-29", "5"), ("avsluttet-annet", "15")):
            other.set_cell(plan_id, "nir", "koder", key, "antall", count)
        await pilot_wait_until(pilot, lambda: "25 %" in screen_text(app), "the NIR share never showed")


async def test_a_section_filled_by_another_session_gets_its_mark_in_the_navigator(data_dir, drafts):
    other = fresh_store(data_dir)
    app = make_app(data_dir, workshop_id=drafts, section="1.3", user="kari")
    async with app.run_test(size=(120, 30)) as pilot:  # wide enough for the navigator beside the table
        screen: Any = app.screen
        await pilot_wait_until(pilot, lambda: screen.query(LiveLink) and screen.tables(), "no workshop screen")
        navigator = screen.query_one(Navigator)
        target = "3.1"
        assert "○" in str(navigator.get_option(target).prompt), str(navigator.get_option(target).prompt)
        block, row, column = first_text_cell(other, drafts, target)
        other.set_cell(drafts, target, block, row, column, "noe")
        await pilot_wait_until(pilot, lambda: "◐" in str(navigator.get_option(target).prompt) and
                               f"◐ {target}" in screen_text(app), f"{target} never got its half mark")


def test_changed_sections_names_the_sections_whose_cells_or_rows_differ(store: WorkshopStore, drafts):
    before = store.load(drafts)
    block, row, column = first_text_cell(store, drafts, "1.3")
    store.set_cell(drafts, "1.3~g1", block, row, column, "x")
    after = store.load(drafts)
    assert changed_sections(before, after) == {"1.3~g1"}
    assert changed_sections(after, after) == frozenset()
    store.add_row(drafts, "1.3~g2", block)  # an added row in group 2's draft
    grown = store.load(drafts)
    assert changed_sections(after, grown) == {"1.3~g2"}
    group_store.split(store, drafts, True)
    assert changed_sections(grown, store.load(drafts)) is None  # the room split: anything may look different


def test_a_value_of_another_type_is_a_change(store: WorkshopStore, drafts):
    before = store.load(drafts)
    after = store.load(drafts)
    after.cells[("1.1", "b", "r", "c")] = 1
    before.cells[("1.1", "b", "r", "c")] = True  # True == 1 in Python, not on screen
    assert changed_sections(before, after) == {"1.1"}


def test_an_indicator_section_reads_the_nir_table(store: WorkshopStore):
    plan_id = store.create(Workshop(id="", title="Plan", template="virksomhetsplan", year=2026)).id
    template = store.template_of(store.load(plan_id))
    assert sections_read(template.section("indikatorer")) == {"indikatorer", "nir"}
    assert sections_read(template.section("nir")) == {"nir"}


async def settled(pilot, table: BlockTable) -> None:
    """The table focused, and nothing that redraws all of it (a focus change, a resize) for 0.6 s."""
    def state() -> tuple:
        return table.has_focus, table._update_count, table._pseudo_class_state, table.size  # noqa: SLF001

    seen: list[tuple] = []

    def quiet() -> bool:
        seen.append(state())
        return len(seen) >= 4 and seen[-1][0] and len(set(seen[-4:])) == 1

    await pilot_wait_until(pilot, quiet, "the table never settled", interval=0.2)


async def test_a_save_into_the_section_on_screen_draws_only_its_row_again(data_dir, drafts):
    """DataTable draws every cell again after any ``update_cell``: a save of one cell must cost one row."""
    other = fresh_store(data_dir)
    template = other.template_of(other.load(drafts))
    block = template.section("1.3").blocks[0]
    row = block.rows[2].key
    app = make_app(data_dir, workshop_id=drafts, section="1.3~g2", user="kari")
    async with app.run_test(size=SIZE) as pilot:
        screen: Any = app.screen
        await pilot_wait_until(pilot, lambda: screen.query(LiveLink) and screen.tables(), "no workshop screen")
        table = screen.tables()[0]
        other.set_cell(drafts, "1.3~g2", block.id, row, "nar", "Ukentlig")  # the column takes its width
        await pilot_wait_until(pilot, lambda: "Ukentlig" in screen_text(app), "the first save never showed")
        again: set = set()
        for value in ("Månedlig", "Ukentlig", "Månedlig", "Ukentlig"):  # as wide: the same column widths
            # Another redraw of the whole table (a late focus or resize on a loaded machine) may fall in the
            # same moment; the old code drew every row on every save, so one clean save of four is the proof.
            await settled(pilot, table)
            cache = table._cell_render_cache  # noqa: SLF001 - what DataTable has drawn, cell by cell
            drawn = {key: cache.get(key) for key in cache.keys()}  # held: a render drawn again is a new object
            other.set_cell(drafts, "1.3~g2", block.id, row, "nar", value)
            await pilot_wait_until(pilot, lambda value=value: value in screen_text(app), "the save never showed")
            await pilot.pause(0.3)
            again = {key[0].value for key in cache.keys() if drawn.get(key) is not cache.get(key)}
            if again == {row}:
                break
        assert again == {row}, f"drawn again: {sorted(again, key=str)}"
