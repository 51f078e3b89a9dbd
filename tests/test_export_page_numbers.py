"""Page numbers in Word without F9: every PAGEREF field's cached number is the page its heading starts on.

The export lays the finished document out with LibreOffice and writes the
pages it computed as the fields' cached results.  Checked against
LibreOffice's PDF of the very file written: each contents line and each
Verktøy line (a PAGEREF to a section's bookmark) holds the page where that
section's heading starts.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from intro_tui.core.model.catalog import load_catalog
from intro_tui.examples import example_workshop
from intro_tui.export.docx.page_numbers import NO_LIBREOFFICE, W, page_refs
from intro_tui.export.run import export_workshop

pytestmark = pytest.mark.slow


def _bookmarked_texts(xml: bytes) -> dict[str, str]:
    """{bookmark: the text of the paragraph it marks} (a section heading)."""
    root = etree.fromstring(xml)
    out = {}
    for paragraph in root.iter(f"{{{W}}}p"):
        for mark in paragraph.iter(f"{{{W}}}bookmarkStart"):
            out[mark.get(f"{{{W}}}name")] = "".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t")).strip()
    return out


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice and pdftotext are needed to lay the document out")
@pytest.mark.parametrize("blank", [False, True])
def test_every_field_caches_the_page_its_heading_starts_on(tmp_path: Path, blank: bool, monkeypatch):
    monkeypatch.delenv("INTRO_TUI_NO_LIBREOFFICE", raising=False)
    catalog = load_catalog(tmp_path / "data")
    template = catalog.get("arbeidsrettet-lop")
    notes: list[str] = []
    path = export_workshop(template, example_workshop(template, catalog), "docx", blank=blank,
                           output=str(tmp_path / "handout.docx"), exports_dir=tmp_path, notes=notes)
    assert path is not None and notes == []
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
        xml = package.read("word/document.xml")
    cached = page_refs(xml)
    headings = _bookmarked_texts(xml)
    fields = len(re.findall(rb"PAGEREF ", xml))
    assert fields >= len(template.sections) and len(cached) == len(headings) >= len(template.sections)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo'}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "handout.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = text.split("\f")
    contents = next(i for i, page in enumerate(pages) if "INNHOLDSFORTEGNELSE" in page)
    for bookmark, number in cached.items():
        heading = headings[bookmark]
        pattern = re.compile(r"(?m)^\s*(?:\d+\.\s+)?" + r"\s+".join(map(re.escape, heading.split())) + r"\s*$")  # "1. STEG 1": Word numbers the step
        landing = next(i + 1 for i, page in enumerate(pages) if i > contents and pattern.search(page))
        assert int(number) == landing, (heading, number, landing)


def test_without_libreoffice_the_export_says_f9(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("INTRO_TUI_NO_LIBREOFFICE", "1")
    catalog = load_catalog(tmp_path / "data")
    template = catalog.get("malindikatorer")
    notes: list[str] = []
    export_workshop(template, example_workshop(template, catalog), "docx", output=str(tmp_path / "x.docx"),
                    exports_dir=tmp_path, notes=notes)
    assert notes == [NO_LIBREOFFICE]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is needed to lay the document out")
def test_the_command_line_export_caches_the_pages(tmp_path: Path, run_cli):
    """Through ``intro-tui export`` (LibreOffice allowed): the written file has the numbers, no note."""
    from conftest import cli_env, ok

    from intro_tui.core.model.workshop import Workshop
    from intro_tui.core.store.workshops import WorkshopStore

    data = tmp_path / "data"
    store = WorkshopStore(data, load_catalog(data), user="test")
    wid = store.create(Workshop(id="", title="Våren", template="arbeidsrettet-lop")).id
    env = {k: v for k, v in cli_env().items() if k != "INTRO_TUI_NO_LIBREOFFICE"}
    result = run_cli("export", wid, "--format", "docx", "-o", "h.docx", env=env, timeout=300)
    ok(result)
    assert "F9" not in result.stderr
    with zipfile.ZipFile(tmp_path / "h.docx") as package:
        assert len(page_refs(package.read("word/document.xml"))) >= len(load_catalog(data).get(
            "arbeidsrettet-lop").sections)
    ok(quiet := run_cli("export", wid, "--format", "docx", "-o", "g.docx"))  # the tests' own: no layout, it says so
    assert "F9" in quiet.stderr
