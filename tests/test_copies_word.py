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


@pytest.fixture(scope="module")
def filled_folder(tmp_path_factory, cli_runner):
    """The workshop filled through the command line once per module (fourteen CLI runs, a second of CPU
    each); every test gets its own copy of the folder (``filled``)."""
    cwd = tmp_path_factory.mktemp("filled")
    data = cwd / "data"

    def run_cli(*args: str):
        return cli_runner(data, cwd, *args)

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
    return data, wid


@pytest.fixture
def filled(filled_folder, data_dir, run_cli) -> str:
    """The filled workshop's id, in this test's own data folder (a copy of the one filled once)."""
    folder, wid = filled_folder
    shutil.copytree(folder, data_dir, symlinks=True, dirs_exist_ok=True)
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
    imported = ok(run_cli("import", str(path)))
    assert " 0 uten plass" in imported, imported  # the Verktøy lines of the copies are the template's own text
    new_id = imported.strip().splitlines()[-1]
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


def _section_of_each_paragraph(document) -> list[tuple[str, int]]:
    """(paragraph text, index of the Word section it is in), in body order: a paragraph holding a sectPr ends one."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    out, index = [], 0
    for element in document.element.body:
        if element.tag != qn("w:p"):
            continue
        out.append((Paragraph(element, document).text, index))
        p_pr = element.find(qn("w:pPr"))
        if p_pr is not None and p_pr.find(qn("w:sectPr")) is not None:
            index += 1
    return out


def _header(document, index: int) -> str:
    return " ".join(p.text for p in document.sections[index].header.paragraphs)


def test_each_copys_pages_carry_its_name_in_the_page_header(run_cli, filled, tmp_path):
    path = tmp_path / "tre.docx"
    ok(run_cli("export", filled, "-o", str(path)))
    document = Document(str(path))
    placed = _section_of_each_paragraph(document)
    for trade in TRADES:
        index = next(i for text, i in placed if text == f"{HEADING_22} – {trade}")
        assert f"2.2 – {trade}" in _header(document, index), trade
        assert "Tre bransjer" in _header(document, index)  # the workshop still named on the right
    index = next(i for text, i in placed if text.startswith("2.3 Planlegging") and text.endswith("Helsefagkurs"))
    assert "2.3 – Helsefagkurs" in _header(document, index)
    for heading in ("2.1 ", "2.4 ", "3.1 "):  # a section filled once, before, between and after the copies
        index = next(i for text, i in placed if text.startswith(heading) and "\t" not in text)
        assert " – " not in _header(document, index), heading
        assert "Tre bransjer" in _header(document, index)


def test_a_blank_handouts_copies_carry_their_number_in_the_header(run_cli, filled, tmp_path):
    path = tmp_path / "blank.docx"
    ok(run_cli("export", filled, "--blank", "--copies", "2", "-o", str(path)))
    document = Document(str(path))
    placed = _section_of_each_paragraph(document)
    for n in (1, 2):
        index = next(i for text, i in placed if text == f"{HEADING_22} – kopi {n}")
        assert f"2.2 – kopi {n}" in _header(document, index)


def _pdf_pages(docx, tmp_path) -> list[str]:
    """The document as LibreOffice prints it: each page's text (pdftotext -layout), the header on top."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext not installed")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(docx)], capture_output=True, timeout=600, check=True)
    pdf = tmp_path / (docx.stem + ".pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _header_line(page: str) -> str:
    return next((line for line in page.splitlines() if line.strip()), "")


def _pages_by_section(pages: list[str], first_body: int, names: list[str]) -> list[tuple[int, str, str]]:
    """(page number, section id or "STEG", copy name or "") of every page after ``first_body``.

    A page that starts with a section's heading (its body's first words, the header line left out) starts that
    section; a copy's heading ends "– Renhold" (perhaps wrapped); a page without a heading continues the one before.
    """
    out, current = [], ("", "")
    for number, page in enumerate(pages, start=1):
        body = " ".join(page.split("\n", 1)[-1].split())
        heading = re.match(r"(\d\.\d+|STEG) ", body)
        if heading:
            current = (heading[1], "" if heading[1] == "STEG" else next((n for n in names if f" – {n} " in body[:300]), ""))
        if number > first_body:
            out.append((number, *current))
    return out


@pytest.mark.slow
def test_libreoffice_prints_each_copys_name_in_its_pages_headers(run_cli, filled, tmp_path):
    path = tmp_path / "tre.docx"
    ok(run_cli("export", filled, "-o", str(path)))
    pages = _pdf_pages(path, tmp_path)
    contents = next(i for i, page in enumerate(pages, start=1) if "INNHOLDSFORTEGNELSE" in page)
    seen = set()
    for number, section, name in _pages_by_section(pages, contents, [*TRADES, "Renholdskurs", "Helsefagkurs"]):
        header = _header_line(pages[number - 1])
        assert "Tre bransjer" in header, (number, header)
        if section in ("2.2", "2.3") and name:
            assert re.search(rf"^\s*{re.escape(section)} – {re.escape(name)}\s{{2,}}Tre bransjer", header), (
                number, section, name, header)
            seen.add((section, name))
        elif section:
            assert " – " not in header, (number, section, header)  # a section filled once: the workshop only
    assert seen == {("2.2", t) for t in TRADES} | {("2.3", "Renholdskurs"), ("2.3", "Helsefagkurs")}
    assert not any(not page.split("\n", 1)[-1].strip() for page in pages), "an empty page"
    # the printed document reads back into the same copies
    new_id = ok(run_cli("import", str(path))).strip().splitlines()[-1]
    assert ok(run_cli("copies", new_id, "2.2")).splitlines() == ["2.2\tRenhold", "2.2#2\tHelse og omsorg",
                                                                  "2.2#3\tBygg og anlegg"]


@pytest.mark.slow
def test_libreoffice_prints_a_blank_handouts_copy_numbers_in_the_headers(run_cli, filled, tmp_path):
    path = tmp_path / "blank.docx"
    ok(run_cli("export", filled, "--blank", "--copies", "3", "-o", str(path)))
    pages = _pdf_pages(path, tmp_path)
    contents = next(i for i, page in enumerate(pages, start=1) if "INNHOLDSFORTEGNELSE" in page)
    seen = set()
    for number, section, name in _pages_by_section(pages, contents, ["kopi 1", "kopi 2", "kopi 3"]):
        header = _header_line(pages[number - 1])
        if name:
            assert re.search(rf"^\s*{re.escape(section)} – {name}\s{{2,}}Tre bransjer", header), (number, header)
            seen.add((section, name))
        else:
            assert " – " not in header, (number, section, header)
    # every per-choice section printed three times (2.2, 2.3, 3.1, 3.2, 5.2, 6.2), each copy's pages named
    assert {(s, n) for s, n in seen if s == "2.2"} == {("2.2", f"kopi {n}") for n in (1, 2, 3)}
    assert {s for s, _ in seen} == {"2.2", "2.3", "3.1", "3.2", "5.2", "6.2"}
    assert not any(not page.split("\n", 1)[-1].strip() for page in pages), "an empty page"


def test_a_blank_handout_with_three_copies_filled_by_hand_imports_into_three_copies(run_cli, data_dir, tmp_path):
    """The handout as printed with ``--copies 3`` (each copy its own Word section and header), filled in Word."""
    from docx_filling import section_tables

    ok(run_cli("new", ARB, "--title", "Tom"))
    path = tmp_path / "blank.docx"
    ok(run_cli("export", "tom", "--blank", "--copies", "3", "-o", str(path)))
    document = Document(str(path))
    for n, trade in enumerate(TRADES, start=1):
        naming, assessment = section_tables(document, f"{HEADING_22} – kopi {n}")[:2]
        type_into(naming.rows[0].cells[1], trade)
        type_into(row_with(assessment, "Aktuelle arbeidsgivere").cells[1], f"Arbeidsgiver {n}")
    filled_path = tmp_path / "fylt for hånd.docx"
    document.save(filled_path)
    new_id = ok(run_cli("import", str(filled_path))).strip().splitlines()[-1]
    store = fresh_store(data_dir)
    workshop = store.load(new_id)
    template = store.template_of(workshop)
    keys = copies.keys_of(workshop, "2.2")
    assert [copies.name_of(template.section("2.2"), workshop, k) for k in keys] == list(TRADES)
    assert [workshop.value(k, "vurdering", "r1", "situasjon") for k in keys] == [f"Arbeidsgiver {n}" for n in (1, 2, 3)]
    assert copies.keys_of(workshop, "2.3") == ["2.3"]  # copies left empty in the handout make no copies
