"""How much is filled in: the totals against a count of our own, and the navigator's ● on screen.

The totals are checked against an independent count read straight from the
template JSON with the rules docs/templates.md states (a ``label`` column and a
group row hold no answer; ``fields`` default to label + ``verdi``, ``list`` to one
``tekst`` column), not against :func:`section_fill` itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import arrow_to, screen_text
from intro_tui.core.model.layout import fill_count, section_fill
from intro_tui.core.model.workshop import UserRow, Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.navigator import Navigator

TEMPLATES = Path(__file__).resolve().parents[1] / "intro_tui" / "templates"

#: The answerable columns of a kind whose JSON names none (docs/templates.md, "Block types").
DEFAULT_ANSWER_COLUMNS = {"fields": 1, "list": 1, "goal-plan": 3}
#: Kinds that hold no answers (docs/templates.md: a kjøreplan's agenda does not count either).
NO_ANSWERS = {"link", "text", "instructions", "agenda"}  # the agenda: a plan, not an answer


def answerable_in_json(section: dict, added_rows: dict[str, int]) -> int:
    """Answer cells of one section of the template JSON, with ``added_rows[block id]`` rows of the user's."""
    total = 0
    for block in section.get("content", []):
        kind = block.get("type")
        if kind in NO_ANSWERS:
            continue
        if "columns" in block:
            columns = sum(1 for column in block["columns"] if column.get("type") != "label")
        else:
            columns = DEFAULT_ANSWER_COLUMNS[kind]
        rows = [row for row in block.get("rows", []) if not (isinstance(row, dict) and row.get("group"))]
        total += (len(rows) + added_rows.get(block["id"], 0)) * columns
    return total


def json_sections(template_id: str) -> list[dict]:
    raw = json.loads((TEMPLATES / f"{template_id}.json").read_text(encoding="utf-8"))
    return [section for part in raw["parts"] for section in part.get("sections", [])]


def test_every_sections_fill_total_matches_a_count_from_the_template_json(store: WorkshopStore):
    template = store.catalog.templates["arbeidsrettet-lop"]
    workshop = Workshop(id="x", title="Telling", template="arbeidsrettet-lop", units=["NAV", "Voksenopplæringen"])
    # rows of the user's in a table that has none of its own (2.3) and in one that has (1.3)
    workshop.user_rows[("2.3", "plan")] = [UserRow("u1", 1.0), UserRow("u2", 2.0)]
    workshop.user_rows[("1.3", "roller")] = [UserRow("u3", 9.0)]
    added = {"2.3": {"plan": 2}, "1.3": {"roller": 1}}
    expected = {s["id"]: answerable_in_json(s, added.get(s["id"], {})) for s in json_sections("arbeidsrettet-lop")}
    assert expected["1.3"] == 6 * 4 and expected["2.3"] == 2 + 2 * 2  # the rule itself, by hand
    got = {section.id: section_fill(section, workshop)[1] for section in template.sections}
    assert got == expected
    assert fill_count(template, workshop) == (0, sum(expected.values()))


async def test_the_navigator_shows_a_full_mark_when_the_last_cell_of_a_section_is_filled(store: WorkshopStore,
                                                                                         data_dir: Path):
    workshop = store.create(Workshop(id="", title="Fullt", template="arbeidsrettet-lop",
                                     units=["NAV", "Voksenopplæringen"]))
    columns = ("hovedansvarlig", "utforer", "involveres", "nar")
    edits = [("1.3", "roller", f"r{row}", column, "NAV" if column != "nar" else "hver uke")
             for row in range(1, 6) for column in columns]
    store.set_cells(workshop.id, edits[:-1])  # every answer but the last row's Når/hvor ofte
    app = make_app(data_dir, workshop_id=workshop.id, section="1.3")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        navigator = app.screen.query_one(Navigator)

        def line_of_1_3() -> str:
            width = navigator.size.width
            lines = [line[:width] for line in screen_text(app).splitlines() if "1.3" in line[:width]]
            assert lines, screen_text(app)
            return lines[0]

        assert "◐" in line_of_1_3() and "●" not in line_of_1_3()
        await arrow_to(pilot, 4, 4)
        await pilot.press(*"snart")
        await pilot.press("enter")
        await pilot.pause()
        assert "●" in line_of_1_3(), line_of_1_3()


@pytest.mark.parametrize("filled,total,mark", [(0, 0, "○"), (0, 5, "○"), (1, 5, "◐"), (4, 5, "◐"), (5, 5, "●")])
def test_fill_mark(filled, total, mark):
    from intro_tui.tui.widgets.navigator import fill_mark

    assert fill_mark(filled, total) == mark
