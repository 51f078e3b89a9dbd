"""Issue 19 point 13: the handout as the original Word file makes it - numbered steps, Word's own lists.

The original numbers its steps with Word's heading numbering ("1. STEG 1" in
the headings and the contents) and sets the Verktøy lines, the instructions
and 6.2's Kompetansemål as Word lists.  Typed "•" characters do not follow a
change of indent, and a list typed by hand does not renumber in Word.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.export.docx import render_docx

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(None)


def _document(catalog, template: str, *, blank: bool = False, cells: dict | None = None, **kwargs):
    ws = Workshop(id="w", title="Arbeidsmøte 3", template=template, kommune="Bærum", year=2026,
                  units=["NAV", "Voksenopplæringen"], cells=dict(cells or {}))
    return docx.Document(io.BytesIO(render_docx(catalog.get(template), ws, blank=blank, **kwargs)))


def _num(paragraph) -> tuple[str, str] | None:
    """(numId, ilvl) of a paragraph in a Word list, or None."""
    props = paragraph._p.pPr
    numbering = props.find(qn("w:numPr")) if props is not None else None
    if numbering is None:
        return None
    return numbering.find(qn("w:numId")).get(qn("w:val")), numbering.find(qn("w:ilvl")).get(qn("w:val"))


def _level(document, num_id: str, ilvl: str) -> tuple[str, str, int]:
    """(numFmt, lvlText, start) that Word shows for this list and level, overrides included."""
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    level = next(lv for lv in abstract.findall(qn("w:lvl")) if lv.get(qn("w:ilvl")) == ilvl)
    start = int(level.find(qn("w:start")).get(qn("w:val")))
    for override in num.findall(qn("w:lvlOverride")):
        if override.get(qn("w:ilvl")) == ilvl and override.find(qn("w:startOverride")) is not None:
            start = int(override.find(qn("w:startOverride")).get(qn("w:val")))
    return (level.find(qn("w:numFmt")).get(qn("w:val")), level.find(qn("w:lvlText")).get(qn("w:val")), start)


@pytest.mark.parametrize("blank", [False, True])
def test_steps_are_numbered_headings_as_in_the_original(catalog, blank):
    document = _document(catalog, "arbeidsrettet-lop", blank=blank)
    steps = [p for p in document.paragraphs if p.style.name == "Heading 1" and p.text.startswith("STEG")]
    assert [p.text for p in steps] == [f"STEG {n}" for n in range(1, 8)]  # the number is Word's, not typed
    for n, paragraph in enumerate(steps, start=1):
        found = _num(paragraph)
        assert found is not None, paragraph.text
        assert _level(document, *found) == ("decimal", "%1.", n)
    contents = [p.text.split("\t")[0] for p in document.paragraphs if p.style.name == "toc 1"]
    assert contents == [f"{n}. STEG {n}" for n in range(1, 8)]


def test_one_step_alone_keeps_its_own_number(catalog):
    document = _document(catalog, "arbeidsrettet-lop", step="4")
    heading = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert heading.text == "STEG 4"
    assert _level(document, *_num(heading)) == ("decimal", "%1.", 4)


def test_tools_instructions_and_competence_goals_are_word_lists(catalog):
    template = catalog.get("arbeidsrettet-lop")
    block = template.section("6.2").block("kompetansemal")
    cells = {("6.2", "kompetansemal", row.key, block.columns[0].id): f"Lærer seg renhold {i}"
             for i, row in enumerate(block.rows[:2])}
    document = _document(catalog, "arbeidsrettet-lop", cells=cells)
    paragraphs = document.paragraphs
    typed = [p.text for p in paragraphs if p.text[:2] in ("•\t", "–\t") or p.text[:1].isdigit() and ".\t" in p.text[:4]]
    assert not typed, typed[:5]  # no list mark typed as a character
    tools = [p for p in paragraphs if p.text.startswith("1.1. Mal for kartlegging av arbeidskraftbehovet")]
    assert tools and _level(document, *_num(tools[0]))[:2] == ("bullet", "•")
    goals = [p for p in paragraphs if p.text.startswith("Lærer seg renhold ")]
    assert len(goals) == 2 and all(_num(p) is not None for p in goals)
    assert _level(document, *_num(goals[0]))[:2] == ("bullet", "•")
    numbered = [p for p in paragraphs if _num(p) is not None and _level(document, *_num(p))[0] == "decimal"
                and p.style.name != "Heading 1"]
    assert numbered, "the numbered instructions are a Word numbered list"
    starts = {_level(document, *_num(p))[2] for p in numbered}
    assert max(starts) > 1  # 6.2's instructions go on at 3 after a table, as in the original


# -- thousands grouped as a Norwegian writes them: "12 500" ------------------------------------------------------


def _count_cells(template):
    """The first count indicator's Mål cell, and the first NIR code's Antall cell."""
    indicator = next((s.id, b.id, r.key) for s in template.sections for b in s.blocks
                     if b.kind == "indicators" for r in b.rows if not r.group and r.value_kind == "count")
    nir = next((s.id, b.id, r.key, c.id) for s in template.sections for b in s.blocks if b.kind == "nir"
               for r in b.rows if not r.group for c in b.columns if c.type == "count")
    return indicator + ("mal",), nir


def _cell_texts(document) -> list[str]:
    return [c.text for t in document.tables for row in t.rows for c in row.cells]


def test_thousands_are_grouped_with_a_no_break_space(catalog):
    indicator, nir = _count_cells(catalog.get("malindikatorer"))
    document = _document(catalog, "malindikatorer", cells={indicator: 12500, nir: 10250})
    texts = _cell_texts(document)
    assert "12\u00a0500" in texts and "10\u00a0250" in texts  # a no-break space: never "12" and "500" on two lines
    assert "12500" not in texts and "10250" not in texts
    small = _document(catalog, "malindikatorer", cells={indicator: 2500, nir: 1250})
    assert "2500" in _cell_texts(small) and "1250" in _cell_texts(small)  # four digits stay whole (Språkrådet)


# -- the publisher's colophon, as on the original's title page -----------------------------------------------------

COLOPHON = ["Rambøll", "Hoffsveien 4", "Postboks 427 Skøyen", "0213 Oslo", "T +47 2252 5903", "https://no.ramboll.com"]


def test_the_ramboll_colophon_is_printed_as_in_the_original(catalog):
    seed = (SEEDS / "002_a1880bb30efc19a7.txt").read_text(encoding="utf-8")
    for line in COLOPHON:  # the lines are the seed's own
        assert line in seed, line
    assert catalog.get("arbeidsrettet-lop").colophon == tuple(COLOPHON)
    for blank in (False, True):
        texts = [p.text for p in _document(catalog, "arbeidsrettet-lop", blank=blank).paragraphs]
        contents = texts.index("INNHOLDSFORTEGNELSE")
        start = texts.index(COLOPHON[0])
        assert texts[start:start + len(COLOPHON)] == COLOPHON and start < contents  # before the contents
    assert catalog.get("malindikatorer").colophon == ()  # IMDi's form prints none


def test_every_numbered_list_restarts_at_its_own_number(catalog):
    """Lists sharing Word's definition would go on counting (1.2's "1." printed as "3."): each has its start."""
    document = _document(catalog, "arbeidsrettet-lop")
    firsts: dict[str, int] = {}
    for paragraph in document.paragraphs:
        found = _num(paragraph)
        if found is None or paragraph.style.name == "Heading 1" or found[1] != "0":
            continue
        fmt, _, start = _level(document, *found)
        if fmt == "decimal" and found[0] not in firsts:
            firsts[found[0]] = start
            num = next(n for n in document.part.numbering_part.element.findall(qn("w:num"))
                       if n.get(qn("w:numId")) == found[0])
            assert num.find(qn("w:lvlOverride")) is not None, paragraph.text  # the start is said, never inherited
    assert len(firsts) > 10 and 1 in firsts.values() and 3 in firsts.values()
