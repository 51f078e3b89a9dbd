"""The indicator chart reads in black and white: its fills differ in grey, and a missed goal is striped."""

from __future__ import annotations

import io
import itertools

import docx
from docx.oxml.ns import qn

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.export.docx import render_docx, theme
from intro_tui.export.docx.chart import MARK_FILLS


def grey(fill: str) -> float:
    r, g, b = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_status_fills_and_marks_are_apart_in_grey():
    fills = {**{f"status {k}": v for k, v in theme.STATUS_FILLS.items()}, **MARK_FILLS, "track": theme.TRACK_FILL}
    for (a, x), (b, y) in itertools.combinations(fills.items(), 2):
        assert abs(grey(x) - grey(y)) >= 25, (a, x, b, y)


def test_a_missed_goal_is_striped_in_the_document(tmp_path):
    catalog = load_catalog(tmp_path)
    template = catalog.get("malindikatorer")
    rows = [r for r in template.section("underveis").block("indikatorer").rows if r.value_kind == "percent"]
    cells = {("underveis", "indikatorer", rows[0].key, "mal"): 60, ("underveis", "indikatorer", rows[0].key, "resultat"): 30,
             ("underveis", "indikatorer", rows[1].key, "mal"): 60, ("underveis", "indikatorer", rows[1].key, "resultat"): 70}
    document = docx.Document(io.BytesIO(render_docx(template, Workshop(id="x", title="M", template=template.id,
                                                                       cells=cells))))
    shades = [s for s in document.element.body.iter(qn("w:shd"))]
    striped = [s for s in shades if s.get(qn("w:val")) == "diagStripe"]
    assert striped and all(s.get(qn("w:fill")) == theme.STATUS_FILLS["ikke"] for s in striped)
    assert any(s.get(qn("w:fill")) == theme.STATUS_FILLS["nadd"] for s in shades)
