"""Issue 19 point 10: no word broken mid-word in the Word export of the filled example (LibreOffice layout).

The example arbeidsrettet-lop (``intro-tui new --example``) has long unit names
in four role columns; where the full names cannot fit, the role cells use the
units' short names with a legend under the table, as on screen.
"""

from __future__ import annotations

import subprocess

import pytest

from intro_tui.core.model.catalog import load_catalog
from intro_tui.examples import example_workshop
from intro_tui.export.docx import render_docx

UNITS = ["Flyktningtjenesten", "NAV", "Voksenopplæringen", "Arbeidsmarkedsbedriften",
         "Kvalifiseringsprogramkontoret", "Introduksjonsprogramavdelingen"]

from test_export_pdf import _WORD, _docx_text, _need_soffice


def busy_example(template, catalog):
    """The example with long unit names, every role cell naming all of them, as a busy workshop does."""
    workshop = example_workshop(template, catalog)
    workshop.units = list(UNITS)
    for section in template.sections:
        for block in section.blocks:
            for column in block.columns:
                if column.type == "roles":
                    for row in block.rows:
                        if not row.group:
                            workshop.cells[(section.id, block.id, row.key, column.id)] = ", ".join(UNITS[::-1])
    return workshop


@pytest.mark.slow
@pytest.mark.parametrize("template_id", ["arbeidsrettet-lop", "malindikatorer", "virksomhetsplan"])
@pytest.mark.parametrize("blank", [False, True])
def test_the_filled_example_has_no_word_broken(tmp_path, template_id, blank):
    """Every template, filled and as a blank handout (its column titles and row labels must fit too)."""
    soffice = _need_soffice()
    catalog = load_catalog(None)
    template = catalog.get(template_id)
    workshop = busy_example(template, catalog)
    path = tmp_path / "example.docx"
    path.write_bytes(render_docx(template, workshop, blank=blank))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=600, check=True)
    raw = subprocess.run(["pdftotext", "-raw", str(tmp_path / "example.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    written: dict[str, int] = {}
    for word in _WORD.findall(_docx_text(path)):
        written[word] = written.get(word, 0) + 1
    printed: dict[str, int] = {}
    for word in _WORD.findall(raw):
        printed[word] = printed.get(word, 0) + 1
    broken = sorted(word for word, count in written.items() if printed.get(word, 0) < count)
    assert not broken, broken


def test_a_legend_follows_a_table_whose_role_cells_use_short_names():
    """The short names in Word are the screen's (core.text_fit), and the legend says what they stand for."""
    import io

    import docx

    catalog = load_catalog(None)
    template = catalog.get("arbeidsrettet-lop")
    workshop = busy_example(template, catalog)
    document = docx.Document(io.BytesIO(render_docx(template, workshop, blank=False)))
    paragraphs = [p.text for p in document.paragraphs]
    assert any("IPA = Introduksjonsprogramavdelingen" in p for p in paragraphs), [p for p in paragraphs if " = " in p]


@pytest.mark.slow
def test_long_words_typed_in_every_text_cell_stay_whole(tmp_path):
    """Issue 19 point 10: "Lønnstilskuddsordningen" typed in every text cell (6.2's narrow plan columns too) is never cut."""
    soffice = _need_soffice()
    catalog = load_catalog(None)
    template = catalog.get("arbeidsrettet-lop")
    workshop = busy_example(template, catalog)
    for section in template.sections:
        for block in section.blocks:
            if block.kind in ("fields", "list", "link"):
                continue
            for column in block.columns:
                if column.type == "text":
                    for row in block.rows:
                        if not row.group:
                            workshop.cells[(section.id, block.id, row.key, column.id)] = (
                                "Lønnstilskuddsordningen og Arbeidsmarkedsbedriften")
    path = tmp_path / "long.docx"
    path.write_bytes(render_docx(template, workshop, blank=False))
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   capture_output=True, timeout=600, check=True)
    raw = subprocess.run(["pdftotext", "-raw", str(tmp_path / "long.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    written = _WORD.findall(_docx_text(path)).count("Lønnstilskuddsordningen")
    assert written > 20
    assert _WORD.findall(raw).count("Lønnstilskuddsordningen") >= written
