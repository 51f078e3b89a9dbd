"""A commit recounts the fill mark of the section it changed, not all of them (issue 22 point 7).

Counted, not timed: the sections ``section_fill`` is asked about while one cell is typed and
committed with real keys at 80x24.  When another session saved meanwhile (its save read by the
commit itself), every section is counted again, so its mark is not left stale.
"""

from __future__ import annotations

from conftest import arrow_to, fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets import navigator
from intro_tui.tui.widgets.navigator import Navigator

SIZE = (80, 24)


def other_text_cell(template, not_section: str):
    """(section, block, row, column) of a free-text cell in another section."""
    for section in template.sections:
        if section.id == not_section or section.per_choice:
            continue
        for block in section.blocks:
            for column in block.columns:
                if column.type == "text" and block.rows and not block.rows[0].group:
                    return section.id, block.id, block.rows[0].key, column.id
    raise AssertionError("no text cell outside " + not_section)


async def test_a_commit_recounts_only_its_own_section(data_dir, store, monkeypatch):
    workshop_id = store.create(Workshop(id="", title="Merker", template="arbeidsrettet-lop", units=["NAV"])).id
    counted: list[str] = []
    fill = navigator.section_fill

    def counted_fill(section, workshop):
        counted.append(section.id)
        return fill(section, workshop)

    monkeypatch.setattr(navigator, "section_fill", counted_fill)
    app = make_app(data_dir, workshop_id=workshop_id, section="1.3", user="roar")
    async with app.run_test(size=SIZE) as pilot:
        nav = app.screen.query_one(Navigator)
        await pilot_wait_until(pilot, lambda: app.focused in app.screen.tables(), "no table has the focus")
        await arrow_to(pilot, 0, 4)  # "Når/hvor ofte": a text cell
        counted.clear()
        await pilot.press("u", "k", "e", "enter")
        await pilot_wait_until(pilot, lambda: "uke" in screen_text(app), "the value was not shown")
        assert set(counted) == {"1.3"}, f"sections recounted for one commit in 1.3: {sorted(set(counted))}"
        assert "◐" in str(nav.get_option("1.3").prompt), "1.3's mark did not change"


def test_a_commit_over_another_sessions_save_is_not_only_its_own(data_dir, store):
    """The navigator counts every mark again when the commit also read another session's save."""
    from intro_tui.core.session import EditSession

    workshop_id = store.create(Workshop(id="", title="Merker", template="arbeidsrettet-lop", units=["NAV"])).id
    session = EditSession(fresh_store(data_dir), workshop_id)
    session.set_cell("1.3", "roller", "r1", "nar", "uke")
    assert session.only_own_change
    where = other_text_cell(session.template, "1.3")
    fresh_store(data_dir).set_cell(workshop_id, *where, "annen")  # another session, not yet read by this one
    session.set_cell("1.3", "roller", "r2", "nar", "dag")
    assert not session.only_own_change
    assert session.workshop.cells[where] == "annen"
    session.set_cell("1.3", "roller", "r3", "nar", "natt")
    assert session.only_own_change
