"""The Word export of indicators, read back: status with colour and symbol, the chart, the NIR table."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from conftest import ok
from intro_tui.export.docx import theme


def fills(row) -> list[str]:
    found = []
    for cell in row.cells:
        shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
        found.append(shd.get(qn("w:fill")) if shd is not None else "")
    return found


@pytest.fixture
def example(run_cli, tmp_path) -> tuple[str, Path]:
    wid = ok(run_cli("new", "virksomhetsplan", "--example")).splitlines()[-1]
    ok(run_cli("export", wid, "--format", "docx", "-o", "filled.docx"))
    return wid, tmp_path / "filled.docx"


def chart_after(document, heading: str):
    """The chart table that follows the paragraph 'Resultat mot mål' after the table whose header has ``heading``."""
    body = document.element.body
    tables = {t._tbl: t for t in document.tables}
    seen_table = False
    expect_chart = False
    for element in body.iterchildren():
        if element.tag == qn("w:tbl"):
            table = tables[element]
            if expect_chart:
                return table
            seen_table = heading in table.rows[0].cells[0].text
        elif element.tag == qn("w:p") and seen_table and "Resultat mot mål" in "".join(element.itertext()):
            expect_chart = True
    raise AssertionError(f"no chart after {heading}")


def test_status_words_symbols_and_colours_in_the_table(example):
    _, path = example
    document = Document(str(path))
    headline = next(t for t in document.tables if t.rows[0].cells[0].text == "Hovedindikator")
    header = [c.text for c in headline.rows[0].cells]
    assert header[:4] == ["Hovedindikator", "Mål", "Nedre grense", "Resultat"]
    row = [c.text for c in headline.rows[1].cells]
    status = row[header.index("Status")]
    assert status == "≈ nær"
    run = headline.rows[1].cells[header.index("Status")].paragraphs[0].runs[0]
    assert run.font.color.rgb is not None and str(run.font.color.rgb) == "A65F00"
    assert row[header.index("Fra NIR, av dem som avsluttet")] == "71 % (71 av 100)"
    assert row[header.index("Nasjonalt mål")] == "65 % (+6 pp)"


def test_the_chart_reads_back(example):
    _, path = example
    document = Document(str(path))
    chart = chart_after(document, "Hovedindikator")
    (row,) = chart.rows
    texts = [c.text for c in row.cells]
    assert texts[0].startswith("Andel som går over i arbeid eller utdanning")
    assert texts[-1] == "71 % · mål 75 % · nedre grense 70 % · ≈ nær"  # black and white: the words
    bar = fills(row)[1:-1]  # python-docx repeats a spanned cell once per grid column it covers
    assert len(bar) == 20
    # 71 % of 20 grid columns in the colour of "nær" (the 70 % limit's cell, the 14th, is marked grey),
    # the 75 % goal's cell (the 15th) dark, the rest of the track light
    assert bar[:13] == [theme.STATUS_FILLS["naer"]] * 13 and bar[13] == "8C8C8C" and bar[14] == "262626"
    assert bar[15:] == ["EEEEEE"] * 5
    table = chart_after(document, "Sentrale mål- og resultatindikatorer")
    words = [r.cells[-1].text for r in table.rows]
    assert "58 · mål 60 · ✗ ikke nådd" in words


def test_no_chart_in_a_handout_and_the_form_stays_imdis(run_cli, tmp_path, example):
    wid, _ = example
    ok(run_cli("export", wid, "--format", "docx", "--blank", "-o", "blank.docx"))
    document = Document(str(tmp_path / "blank.docx"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Resultat mot mål" not in text
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Sentrale mål- og resultatindikatorer", "Mål", "Resultat"]


def test_the_nir_code_table_in_word(example):
    _, path = example
    document = Document(str(path))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Status og begrunnelse")
    rows = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert len(rows) == 3 + 19
    groups = [r[0] for r in rows if r[0] == r[1]]  # a group row is merged across the table
    assert groups == ["Vedtak om permanent stans", "Avsluttet introprogram", "Avbrutt introprogram"]
    arbeid = next(r for r in rows[9:] if r[0].endswith("Arbeid > 29 t/uke"))
    assert arbeid[1:] == ["32", "32 % (32 av 100)"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "regnes av dem som avsluttet med «Avsluttet introprogram»" in text
