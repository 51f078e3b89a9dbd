"""A new kind and a new column type are one entry each (issue 22 point 1).

A throw-away column type (a date: typed "26.11.2026", stored "2026-11-26") and
a throw-away kind that owns it are registered in a fixture, a municipality's
template uses them, and the app, the markdown export, the Word export and the
Word import all handle them without any other edit: the list of places a new
kind touches in docs/architecture.md is checked by building one.
"""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from conftest import arrow_to, pilot_wait_until, screen_text
from docx import Document

from intro_tui.core.model import column_types, kinds
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.kinds import KindSpec
from intro_tui.core.model.values import ValueProblem
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.export.docx import render_docx
from intro_tui.export.docx_reader import describe, plan_docx
from intro_tui.export.docx_reader.apply import apply_plan
from intro_tui.export.markdown import render_markdown
from intro_tui.tui.app import make_app

SIZE = (80, 24)
ADDRESS = ("1.1", "plan", "r1", "nar")


def _parse_date(row, text: str):
    text = text.strip()
    if not text:
        return None
    try:
        return datetime.strptime(text, "%d.%m.%Y").date().isoformat()
    except ValueError:
        raise ValueProblem(f"«{text}» er ikke en dato (skriv f.eks. 26.11.2026)") from None


def _format_date(row, value) -> str:
    try:
        return datetime.strptime(str(value), "%Y-%m-%d").strftime("%d.%m.%Y")
    except ValueError:
        return str(value)


TEMPLATE = {
    "format": "intro-tui-template", "schema": 1, "id": "milepaler", "title": "Milepæler",
    "parts": [{"id": "p", "sections": [{"id": "1.1", "title": "Milepæler", "content": [
        {"type": "tidslinje", "id": "plan", "columns": [
            {"id": "label", "title": "Milepæl", "type": "label"},
            {"id": "nar", "title": "Dato", "type": "dato"},
            {"id": "merknad", "title": "Merknad"}],
         "rows": [{"key": "r1", "label": "Oppstart"}, {"key": "r2", "label": "Evaluering"}]}]}]}]}


@pytest.fixture
def milestones(data_dir: Path):
    """The date type and the kind that owns it registered, a template using them, a store that knows it."""
    column_types.register(column_types.ColumnType(
        "dato", parse=_parse_date, format=_format_date, as_input=_format_date,
        fits=lambda value: isinstance(value, str), empty=None, screen_width=(10, 10), word_width=2.6))
    kinds.register(KindSpec("tidslinje", "tidslinje", own_column_types=("dato",)))
    try:
        folder = data_dir / "templates"
        folder.mkdir(exist_ok=True)
        (folder / "milepaler.json").write_text(json.dumps(TEMPLATE, ensure_ascii=False), encoding="utf-8")
        store = WorkshopStore(data_dir, load_catalog(data_dir), user="test")
        assert not store.catalog.errors, store.catalog.errors
        workshop = store.create(Workshop(id="", title="Planen", template="milepaler"))
        store.set_cell(workshop.id, *ADDRESS, "26.11.2026")
        yield store, workshop.id
    finally:
        kinds.unregister("tidslinje")
        column_types.unregister("dato")


def test_the_type_parses_and_stores_its_own_form(milestones):
    store, wid = milestones
    assert store.load(wid).cells[ADDRESS] == "2026-11-26"
    with pytest.raises(ValueProblem, match="ikke en dato"):
        store.set_cell(wid, *ADDRESS, "i morgen")


async def test_the_app_shows_and_edits_the_new_column(milestones, data_dir):
    store, wid = milestones
    app = make_app(data_dir, workshop_id=wid, section="1.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: "26.11.2026" in screen_text(app), "the stored date on screen")
        assert "Dato" in screen_text(app) and "Oppstart" in screen_text(app)
        await arrow_to(pilot, 1, 1)  # Evaluering's Dato
        await pilot.press(*"01.02.2027", "enter")
        await pilot_wait_until(pilot, lambda: store.load(wid).cells.get(("1.1", "plan", "r2", "nar")) == "2027-02-01",
                               "the typed date stored in the type's own form")
        await pilot_wait_until(pilot, lambda: "01.02.2027" in screen_text(app), "the typed date shown as typed")


def test_markdown_word_and_word_import_carry_the_new_column(milestones):
    store, wid = milestones
    template, workshop = store.catalog.get("milepaler"), store.load(wid)
    markdown = render_markdown(template, workshop)
    assert "Dato" in markdown and "26.11.2026" in markdown and "2026-11-26" not in markdown
    data = render_docx(template, workshop)
    cells = [cell.text for table in Document(io.BytesIO(data)).tables for row in table.rows for cell in row.cells]
    assert "Dato" in cells and "26.11.2026" in cells
    plan, title = plan_docx(data, "milepaler.docx", store.catalog)
    assert not plan.unplaced and not plan.conflicts and not plan.uncertain, "\n".join(describe(plan))
    back = store.load(apply_plan(store, plan, None, title=title).workshop_id)
    assert back.template == "milepaler" and back.cells[ADDRESS] == "2026-11-26"


def test_the_loader_knows_only_registered_kinds_and_types(data_dir):
    """The template loader's lists are the registries: without the entries the same file is refused."""
    folder = data_dir / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "milepaler.json").write_text(json.dumps(TEMPLATE, ensure_ascii=False), encoding="utf-8")
    assert any("ukjent type 'tidslinje'" in error for error in load_catalog(data_dir).errors)
    kinds.register(KindSpec("tidslinje", "tidslinje"))
    try:
        assert any("ukjent kolonnetype 'dato'" in error for error in load_catalog(data_dir).errors)
    finally:
        kinds.unregister("tidslinje")
