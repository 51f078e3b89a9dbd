"""Filled export -> import -> export gives the same JSON content, cover included, for all three templates.

The cover (or a form's head) carries the workshop's kommune, year, title
and units; a multi-line cell (the virksomhetsplan's Tiltak) stays one cell.
Only what the store makes anew differs: the id, the timestamps and the keys
of rows of one's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.document import to_document
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.examples import example_workshop
from intro_tui.export.docx import render_docx
from intro_tui.export.docx_reader import describe, plan_docx
from intro_tui.export.docx_reader.apply import apply_plan

TEMPLATES = ("arbeidsrettet-lop", "malindikatorer", "virksomhetsplan")


@pytest.fixture
def store(data_dir: Path) -> WorkshopStore:
    return WorkshopStore(data_dir, load_catalog(data_dir), user="test")


def content(template, workshop) -> dict:
    """The JSON export without what the store makes anew (id, times, the keys of rows of one's own)."""
    document = to_document(template, workshop)
    for name in ("id", "created", "updated"):
        document.pop(name, None)
    for section in document["sections"]:
        for block in section["blocks"]:
            for n, row in enumerate(block["rows"]):
                if row.get("user"):
                    row["key"] = f"own-{n}"
    return document


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_export_import_export_keeps_everything(store, template_id):
    template = store.catalog.get(template_id)
    original = example_workshop(template, store.catalog)
    if not original.units:
        original.units = ["Flyktningtjenesten", "NAV", "Voksenopplæringen"]
    plan, title = plan_docx(render_docx(template, original), "rundtur.docx", store.catalog)
    lines = "\n".join(describe(plan))
    assert not plan.unplaced and not plan.conflicts and not plan.uncertain, lines
    back = store.load(apply_plan(store, plan, None, title=title).workshop_id)
    assert (back.title, back.kommune, back.year, back.units) == (
        original.title, original.kommune, original.year, original.units), lines
    assert content(template, back) == content(template, original), lines
    again, _ = plan_docx(render_docx(template, back), "rundtur-2.docx", store.catalog)
    assert content(template, back) == content(template, original) and again.cover == plan.cover


def test_grouped_thousands_read_back(store):
    """Issue 19 point 13: "12 500" (a no-break space) in the export reads back as 12500, not as text or a conflict."""
    template = store.catalog.get("malindikatorer")
    original = example_workshop(template, store.catalog)
    counts = [(s.id, b.id, r.key) for s in template.sections for b in s.blocks if b.kind == "indicators"
              for r in b.rows if not r.group and r.value_kind == "count"]
    nir = [(s.id, b.id, r.key, c.id) for s in template.sections for b in s.blocks if b.kind == "nir"
           for r in b.rows if not r.group for c in b.columns if c.type == "count"]
    original.cells[counts[0] + ("mal",)] = 12500
    original.cells[nir[0]] = 10250
    plan, title = plan_docx(render_docx(template, original), "tusen.docx", store.catalog)
    assert not plan.unplaced and not plan.conflicts and not plan.uncertain, "\n".join(describe(plan))
    back = store.load(apply_plan(store, plan, None, title=title).workshop_id)
    assert back.cells[counts[0] + ("mal",)] == 12500 and back.cells[nir[0]] == 10250
