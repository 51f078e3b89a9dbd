"""Word handouts as printed: LibreOffice turns the exports into a PDF and the pages are read back.

Page numbers, full pages, broken words and right-to-left lines only exist
after layout, so they are checked on the PDF that LibreOffice makes (with
Carlito, metric-compatible with Calibri).  All documents are converted in one
``soffice`` run per module.  Without LibreOffice the tests skip, saying so -
except under CI (``CI=true``), where ``.ci/run`` installs it and a missing
``soffice`` is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from intro_tui.export.docx import render_docx
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import UserRow, Workshop

# slow: LibreOffice.  One xdist group: the module-scoped `pdfs` (one LibreOffice run over five documents)
# is built once, on the worker that runs this whole file (`--dist loadgroup` in pyproject.toml).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("export_pdf")]

TITLE = "Arbeidsmøte 3 – nye tiltak"
UNITS = ["NAV", "Voksenopplæringen", "Flyktningtjenesten", "Kvalifiseringsenheten"]
ARABIC = "مرحبا بكم في البرنامج"
PLAN_AREAS = 14


def _need_soffice() -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI: soffice is missing - .ci/run installs libreoffice-writer for these tests")
        pytest.skip("LibreOffice (soffice) not installed: the PDF checks of the Word export are skipped")
    if shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI: pdftotext/pdftoppm missing - .ci/run installs poppler-utils for these tests")
        pytest.skip("poppler-utils (pdftotext, pdftoppm) not installed: the PDF checks are skipped")
    return soffice


@dataclass
class Pdf:
    path: Path
    pages: list[str]  # pdftotext -layout, one string per page

    def page_of(self, text: str, start: int = 0) -> int:
        """1-based number of the first page from ``start`` (0-based) with a line that begins ``text`` (may wrap)."""
        pattern = re.compile(r"(?m)^\s*" + r"\s+".join(map(re.escape, text.split())) + r"\s*$")
        for i, page in enumerate(self.pages[start:], start=start):
            if pattern.search(page):
                return i + 1
        raise AssertionError(f"{text!r} on no page")

    def raw(self) -> str:
        return subprocess.run(["pdftotext", "-raw", str(self.path), "-"], capture_output=True, text=True,
                              check=True).stdout

    def ink_bottom(self, page: int) -> float:
        """How far down the page (0 … 1) the lowest mark above the footer lies (a ruled line counts)."""
        out = subprocess.run(["pdftoppm", "-gray", "-r", "20", "-f", str(page), "-l", str(page), str(self.path)],
                             capture_output=True, check=True).stdout
        width, height, pixels = _pgm(out)
        footer = int(height * (1 - 2.6 / 29.7))  # the footer ("Side N") sits in the bottom margin
        for y in range(footer, 0, -1):
            if min(pixels[y * width:(y + 1) * width]) < 160:
                return y / height
        return 0.0


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    fields, i = [], 0
    while len(fields) < 4:
        while data[i:i + 1].isspace():
            i += 1
        j = i
        while not data[j:j + 1].isspace():
            j += 1
        fields.append(data[i:j])
        i = j
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[i + 1:i + 1 + width * height]


def _workshop(template: str, *, kommune: str = "", year=None, cells=None, rows=None) -> Workshop:
    ws = Workshop(id="w", title=TITLE, template=template, kommune=kommune, year=year, units=list(UNITS),
                  cells=dict(cells or {}))
    for (section, block), added in (rows or {}).items():
        ws.user_rows[(section, block)] = [UserRow(f"u{i}", float(i)) for i in range(len(added))]
        for i, texts in enumerate(added):
            for column, text in texts.items():
                ws.cells[(section, block, f"u{i}", column)] = text
    return ws


def _filled_roles(template) -> dict:
    """Every role cell of every role table holds unit names, as a busy workshop would."""
    cells = {}
    for section in template.sections:
        for block in section.blocks:
            if block.kind != "roles":
                continue
            for row in block.rows:
                if row.group:
                    continue
                for column in block.columns:
                    if column.type == "roles":
                        cells[(section.id, block.id, row.key, column.id)] = "Kvalifiseringsenheten, Voksenopplæringen, Flyktningtjenesten"
                    elif column.type == "text":
                        cells[(section.id, block.id, row.key, column.id)] = "Annenhver uke (oktober–desember)"
    return cells


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Pdf]:
    soffice = _need_soffice()
    folder = tmp_path_factory.mktemp("pdf")
    catalog = load_catalog(None)
    arbeid = catalog.get("arbeidsrettet-lop")
    indicators = catalog.get("malindikatorer")
    filled_indicators = {}
    for section in indicators.sections:
        for block in section.blocks:
            for row in block.rows:
                if not row.group:
                    filled_indicators[(section.id, block.id, row.key, "mal")] = 65 if row.value_kind != "text" else ""
                    filled_indicators[(section.id, block.id, row.key, "resultat")] = 44 if row.value_kind != "text" else ""
    documents = {
        "blank": (arbeid, _workshop(arbeid.id), True),
        "filled": (arbeid, _workshop(arbeid.id, kommune="Bærum", year=2026, cells=_filled_roles(arbeid),
                                     rows={("1.1", "behov"): [{"label": ARABIC + ".", "kilder": "NAV"}]}), False),
        "indicators": (indicators, _workshop(indicators.id, kommune="Bærum", year=2026,
                                             cells={k: v for k, v in filled_indicators.items() if v != ""}), False),
        "plan-blank": (catalog.get("virksomhetsplan"), _workshop("virksomhetsplan"), True),
        "plan": (catalog.get("virksomhetsplan"), _workshop("virksomhetsplan", rows={("plan", "delmal"): [
            {"omrade": f"Område {n}", "delmal": f"Delmål {n}: " + "Halvparten går over i lønnet arbeid. " * (n % 3),
             "tiltak": "\n".join(f"Tiltak {n}.{m}: " + "Det avholdes jobbsøkerkurs i enheten. " * (3 + n % 4)
                                 for m in range(1, 4))}
            for n in range(1, PLAN_AREAS + 1)]}), False),
    }
    sources = []
    for name, (template, ws, blank) in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render_docx(template, ws, blank=blank))
        sources.append(str(path))
    profile = folder / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), *sources], capture_output=True, timeout=600, check=True)
    out = {}
    for name in documents:
        pdf = folder / f"{name}.pdf"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        out[name] = Pdf(pdf, text.split("\f")[:-1])
    return out


# -- 1. page numbers that are right, or none ------------------------------------------------------------


@pytest.mark.parametrize("name", ["blank", "filled"])
def test_contents_and_tools_point_to_the_right_pages(pdfs, name):
    pdf = pdfs[name]
    template = load_catalog(None).get("arbeidsrettet-lop")
    contents = next(i for i, page in enumerate(pdf.pages) if "INNHOLDSFORTEGNELSE" in page)
    lines = [line.strip() for line in pdf.pages[contents].splitlines()]
    numbered = 0
    for section in template.sections:
        landing = pdf.page_of(section.heading, start=contents + 1)
        line = next(line for line in lines if line.startswith(section.heading))
        number = re.search(r"(\d+)$", line[len(section.heading):])
        if number:
            numbered += 1
            assert int(number[1]) == landing, (section.heading, line, landing)
    for number, part in enumerate(template.parts, start=1):
        step_page = pdf.page_of(f"{number}. {part.label}", start=contents + 1)  # "1. STEG 1", as the original
        page = pdf.pages[step_page - 1]
        for tool in part.tools:
            section = tool.split(" ")[0].rstrip(".")
            line = next(line for line in page.splitlines() if line.strip().lstrip("•").strip().startswith(tool[:12]))
            numbers = re.findall(r"(?:s\.\s*)?(\d+)\s*$", line)
            assert "s. " not in line, line  # the original's page, not ours
            if numbers:
                numbered += 1
                assert int(numbers[-1]) == pdf.page_of(template.section(section).heading, start=contents + 1), line
    assert numbered == len(template.sections) + sum(len(p.tools) for p in template.parts)  # LibreOffice fills them all


def test_word_lists_print_their_marks_and_numbers(pdfs):
    """Issue 19 point 13: Word's own lists, laid out by LibreOffice: "•" before each Verktøy line, and each
    numbered instruction list starting at the original's number (6.2 goes on at 3 after its tables)."""
    from intro_tui.core.model.template import Instructions

    text = "\n".join(pdfs["filled"].pages)
    template = load_catalog(None).get("arbeidsrettet-lop")
    for part in template.parts:
        for tool in part.tools[:1]:
            words = r"\s+".join(map(re.escape, tool.split()[:3]))
            assert re.search(r"(?m)^\s*•\s+" + words, text), tool
    lists = [c for s in template.sections for c in s.content if isinstance(c, Instructions) and c.numbered]
    assert any(c.start > 1 for c in lists)
    for instructions in lists:
        for n, instruction in enumerate(instructions.items, start=instructions.start):
            words = r"\s+".join(map(re.escape, instruction.text.split()[:4]))
            assert re.search(rf"(?m)^\s*{n}\.\s+" + words, text), (n, instruction.text[:60])


# -- 4. a Delmål and its Tiltak on one page ----------------------------------------------------------------


def test_delmal_and_its_tiltak_share_a_page(pdfs):
    pdf = pdfs["plan"]
    assert len(pdf.pages) >= 3  # the plan is long enough to break somewhere

    def page(text: str) -> int:
        return next(i for i, p in enumerate(pdf.pages) if text in p)

    for n in range(1, PLAN_AREAS + 1):
        pages = {page(f"Delmål {n}:")} | {page(f"Tiltak {n}.{m}:") for m in range(1, 4)}
        assert len(pages) == 1, (n, pages)


# -- 7. right-to-left text starts at the right ---------------------------------------------------------------


def test_arabic_line_starts_at_the_right_of_its_cell(pdfs):
    pdf = pdfs["filled"]
    page = pdf.page_of("1.1 Kartlegging av arbeidskraftbehovet", start=3)
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf.path), "-"],
                         capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out)
    arabic = [(float(x0), float(x1)) for x0, x1, word in words if re.search("[\u0600-\u06ff]", word)]
    header = next(float(x0) for x0, _, word in words if word == "b.")  # the second column's header
    assert arabic, "the Arabic row is on the page"
    left, right = min(x0 for x0, _ in arabic), max(x1 for _, x1 in arabic)
    margin = 2.0 / 2.54 * 72  # points
    assert right > header - 20 and left > margin + 60, (left, right, header)  # flush right in the first column


# -- 5. no word broken in a column it fits ---------------------------------------------------------------


def _docx_text(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                if cell._tc not in seen:  # a merged cell is listed once per column it spans
                    seen.add(cell._tc)  # (the element itself: holding it keeps its proxy, and identity, alive)
                    parts.append(cell.text)
    return "\n".join(parts)


_WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÜüÖöÄä]{5,}")


@pytest.mark.parametrize("name", ["filled", "indicators", "blank"])
def test_no_word_is_broken_across_lines(pdfs, name):
    """Every word of the document is whole in the PDF as often as it is written (more, with page headers)."""
    pdf = pdfs[name]
    written: dict[str, int] = {}
    for word in _WORD.findall(_docx_text(pdf.path.with_suffix(".docx"))):
        written[word] = written.get(word, 0) + 1
    printed: dict[str, int] = {}
    for word in _WORD.findall(pdf.raw()):
        printed[word] = printed.get(word, 0) + 1
    broken = sorted(word for word, count in written.items() if printed.get(word, 0) < count)
    assert not broken, broken


# -- 2. blank handouts: room to write, pages filled -------------------------------------------------------


@pytest.mark.parametrize("name", ["blank", "plan-blank"])
def test_blank_handout_pages_are_filled(pdfs, name):
    """Every page of a blank handout that has something to fill in is used to its foot (the last row near it).

    Pages that are short by design are left out: the cover, the contents, a
    step's page with its Verktøy list, a kjøreplan's link.
    """
    pdf = pdfs[name]
    template = load_catalog(None).get("arbeidsrettet-lop" if name == "blank" else "virksomhetsplan")
    short = [s.heading for s in template.sections if all(b.kind == "link" for b in s.blocks)]
    body_foot = 1 - 2.0 / 29.7  # the bottom margin
    nir = pdf.page_of("Kodeverk i NIR") if name == "plan-blank" else len(pdf.pages) + 1  # the last section
    thin = []
    for number, page in enumerate(pdf.pages, start=1):
        text = " ".join(page.split())
        if ("INNHOLDSFORTEGNELSE" in text or "VERKTØY FOR" in text or "OPPGAVEMALER" in text
                or number >= nir  # the NIR codes ask one line each (issue 19 point 12); its notes follow
                or any(heading in text for heading in short)):
            continue
        used = pdf.ink_bottom(number) / body_foot
        if used < 0.8:
            thin.append((number, round(used, 2), text[60:120]))
    assert not thin, thin


def test_blank_nir_table_fits_one_page(pdfs):
    """Issue 19 point 12: the 19 codes of the blank NIR table take one page, not three."""
    pdf = pdfs["plan-blank"]
    first = pdf.page_of("Kodeverk begrunnelse for avsluttet/avbrutt introduksjonsprogram")
    assert pdf.page_of("Ukjent/forsvunnet", first - 1) == first
    assert pdf.page_of("Arbeid > 29 t/uke", first - 1) == first


# -- 3. the meeting on a blank handout; 6. header and group rows on a greyscale print ----------------------


def test_blank_cover_names_the_meeting_and_leaves_lines(pdfs):
    pdf = pdfs["blank"]
    cover = [" ".join(line.split()) for line in pdf.pages[0].splitlines() if line.strip()]
    assert f"Arbeidsmøte: {TITLE}" in cover
    for label in ("Kommune:", "År:"):
        line = next(line for line in cover if line.startswith(label))
        assert re.fullmatch(re.escape(label) + r" ?[.…]{20,}", line.replace(" ", "").replace(label, label + " ", 1)), line
    assert all(TITLE in " ".join(page.split()[:12]) for page in pdf.pages[1:4])  # the page header


def test_header_and_group_rows_apart_in_grey(pdfs):
    """On a greyscale rendering the header row is dark behind its words, a group row light behind its own."""
    pdf = pdfs["blank"]
    page = pdf.page_of("4.1 Sjekkliste – Forberedelse til å inngå avtale med arbeidsgiver", start=3)
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf.path), "-"],
                         capture_output=True, text=True, check=True).stdout
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out)
    dpi = 50
    image = subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf.path)],
                           capture_output=True, check=True).stdout
    width, _, pixels = _pgm(image)

    def grey_at(word: str, x: float | None = None) -> int:
        """The grey (0 black … 255 white) half-way down ``word``'s line, just right of it or at ``x`` points."""
        _, y0, x1, y1, _ = next(w for w in words if w[4] == word)
        x = float(x1) + 4 if x is None else x
        return pixels[int((float(y0) + float(y1)) / 2 * dpi / 72) * width + int(x * dpi / 72)]

    right = (21.0 - 2.0) / 2.54 * 72 - 20  # inside the table, near its right edge
    header, group = grey_at("Hva"), grey_at("avklart", right)  # the group row spans the table
    assert header < 110 and group > 200, (header, group)
