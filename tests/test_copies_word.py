"""Copies in Word (issue 20): each copy its own pages, headings, TOC and Verktøy lines; import puts every value back.

The workshop is filled through the command line (2.2 for three trades, 2.3 for two tiltak), exported to
Word and imported into a new workshop; a document built from the seed text with 2.2 copied three times by
hand (each with its own BRANSJE/YRKE line, no heading repeated) imports into three copies.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import fresh_store, ok
from docx import Document
from docx_filling import row_with, seed_tables, type_into

from intro_tui.core.model import copies

ARB = "arbeidsrettet-lop"
HEADING_22 = "2.2 Vurdering av tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen"
TRADES = ("Renhold", "Helse og omsorg", "Bygg og anlegg")


@pytest.fixture
def filled(run_cli) -> str:
    ok(run_cli("new", ARB, "--title", "Tre bransjer"))
    wid = "tre-bransjer"
    ok(run_cli("set", wid, "2.2", "BRANSJE/YRKE", "2", TRADES[0]))
    for trade in TRADES[1:]:
        ok(run_cli("add-copy", wid, "2.2", trade))
    for n, trade in enumerate(TRADES):
        ok(run_cli("set", wid, f"2.2 {trade}", "Aktuelle arbeidsgivere", "2", f"Arbeidsgiver {n}"))
        ok(run_cli("set", wid, f"2.2 {trade}", "Krav fra arbeidsgivere", "3", f"Bedre {n}"))
    ok(run_cli("set", wid, "2.3", "Navn på tiltak", "2", "Renholdskurs"))
    ok(run_cli("set", wid, "2.3", "Yrke/bransje", "2", "Renhold"))
    ok(run_cli("add-copy", wid, "2.3", "Helsefagkurs"))
    ok(run_cli("set", wid, "2.3 Helsefagkurs", "Yrke/bransje", "2", "Helse og omsorg"))
    ok(run_cli("add-row", wid, "2.3 Helsefagkurs", "Lage kursplan", "Voksenopplæringen"))
    return wid


def _copy_cells(workshop) -> dict:
    return {a: v for a, v in workshop.cells.items() if a[0].split("#")[0] in ("2.2", "2.3") and v not in (None, "")}


def test_word_export_has_each_copy_and_imports_back_into_its_copies(run_cli, filled, data_dir, tmp_path):
    path = tmp_path / "tre.docx"
    ok(run_cli("export", filled, "-o", str(path)))
    texts = [p.text for p in Document(str(path)).paragraphs]
    for trade in TRADES:
        headings = [t for t in texts if t.startswith("2.2 Vurdering") and t.rstrip("\t").endswith(f"– {trade}")]
        assert len(headings) >= 2, trade  # the contents line and the heading (and the Verktøy line, "Mal for …")
        assert len([t for t in texts if t.startswith("2.2 Mal for") and t.rstrip("\t").endswith(f"– {trade}")]) == 1, trade  # Verktøy
    new_id = ok(run_cli("import", str(path))).strip().splitlines()[-1]
    store = fresh_store(data_dir)
    before, after = store.load(filled), store.load(new_id)
    assert after.copies == {"2.2": [2, 3], "2.3": [2]}
    moved = {a: v for a, v in _copy_cells(after).items() if a[2].startswith("u")}  # the added row: a new key
    assert {a: v for a, v in _copy_cells(before).items() if not a[2].startswith("u")} == {
        a: v for a, v in _copy_cells(after).items() if a not in moved}
    assert sorted(moved.values()) == ["Lage kursplan", "Voksenopplæringen"]
    assert all(a[0] == "2.3#2" for a in moved)
    # imported again into the workshop it came from: every copy matched by name, nothing new
    again = ok(run_cli("import", str(path), "--into", filled, "--dry-run"))
    assert "0 nye verdier, 0 nye rader, 0 konflikter" in again, again


def test_a_seed_document_with_22_copied_three_times_imports_into_three_copies(run_cli, data_dir, tmp_path):
    document = Document()
    document.add_paragraph("OPPGAVEMALER")
    document.add_paragraph(HEADING_22)
    document.add_paragraph("1. Velg en bransje/et yrke som er aktuell for målgruppen.")
    parts = seed_tables([HEADING_22])[HEADING_22]
    for n, trade in enumerate(TRADES):  # the pages copied in Word, each with its own BRANSJE/YRKE line
        document.add_paragraph(f"BRANSJE/YRKE.....{trade}")
        tables = []
        for rows in parts:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=0, cols=width)
            for cells in rows:
                for cell, text in zip(table.add_row().cells, cells + [""] * (width - len(cells))):
                    cell.paragraphs[0].add_run(text)
            tables.append(table)
            document.add_paragraph("")
        type_into(row_with(tables[0], "Aktuelle arbeidsgivere").cells[1], f"Arbeidsgiver {n}")
    path = tmp_path / "kopiert.docx"
    document.save(path)
    new_id = ok(run_cli("import", str(path))).strip().splitlines()[-1]
    workshop = fresh_store(data_dir).load(new_id)
    template = fresh_store(data_dir).template_of(workshop)
    keys = copies.keys_of(workshop, "2.2")
    assert [copies.name_of(template.section("2.2"), workshop, k) for k in keys] == list(TRADES)
    assert [workshop.value(k, "vurdering", "r1", "situasjon") for k in keys] == [f"Arbeidsgiver {n}" for n in range(3)]


@pytest.mark.slow
def test_contents_numbers_of_the_copies_are_right_in_libreoffices_pdf(run_cli, filled, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext not installed")
    path = tmp_path / "tre.docx"
    ok(run_cli("export", filled, "-o", str(path)))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], capture_output=True, timeout=600, check=True)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "tre.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    contents = next(i for i, page in enumerate(pages) if "INNHOLDSFORTEGNELSE" in page)
    for trade in TRADES:
        listed = re.search(rf"–\s+{re.escape(trade)}[\s.]*?(\d+)\s*$", pages[contents], re.MULTILINE)
        assert listed, (trade, pages[contents])
        landing = next(i + 1 for i, page in enumerate(pages) if i > contents and re.search(
            rf"målgruppen\s+–\s+{re.escape(trade)}\s*$", page, re.MULTILINE) and "Velg en bransje" in page)
        assert int(listed[1]) == landing, trade
