"""Groups in Word (issue 21 point 4): the drafts as the appendix "Gruppenes svar", a blank copy per group,
and a handout with the appendix read back (the appendix is listed, never read over the room's answers)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from conftest import fails, ok
from docx import Document

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import groups
from intro_tui.export.run import render

ARB = "arbeidsrettet-lop"


@pytest.fixture
def met(store) -> str:
    wid = store.create(Workshop(id="mote", title="Møte", template=ARB, units=["NAV", "Kommunen"])).id
    store.set_cell(wid, "1.3", "roller", "r2", "nar", "Hver uke")
    store.set_cell(wid, "2.2", "bransje", "bransje", "verdi", "Renhold")
    groups.make(store, wid, "Gruppe 1", section="1.3", draft=True)
    groups.make(store, wid, "Gruppe 2", section="1.3", draft=True)
    groups.make(store, wid, "Gruppe Renhold", section="2.2", draft=False)
    store.set_cell(wid, "1.3~g1", "roller", "r2", "nar", "Hver måned")
    store.set_cell(wid, "1.3~g2", "roller", "r2", "nar", "Hver fredag")
    return wid


def _texts(payload: bytes) -> tuple[list[str], list[str]]:
    document = Document(io.BytesIO(payload))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return headings, cells


def test_the_appendix_holds_every_draft_and_only_on_request(store, met):
    workshop = store.load(met)
    template = store.template_of(workshop)
    headings, cells = _texts(render(template, workshop, "docx"))
    assert "Gruppenes svar" not in headings and "Hver måned" not in cells
    headings, cells = _texts(render(template, workshop, "docx", groups=True))
    appendix = headings[headings.index("Gruppenes svar"):]
    assert [h for h in appendix if h.startswith("1.3 ")] == [
        f"1.3 {template.section('1.3').title} – utkast for Gruppe 1",
        f"1.3 {template.section('1.3').title} – utkast for Gruppe 2"]
    assert {"Hver uke", "Hver måned", "Hver fredag"} <= set(cells)
    # a removed group's draft is still printed, under the name it had
    groups.remove(store, met, "g2")
    headings, cells = _texts(render(template, store.load(met), "docx", groups=True))
    assert any(h.endswith("– utkast for Gruppe 2") for h in headings) and "Hver fredag" in cells
    # one section: only its drafts
    headings, _ = _texts(render(template, store.load(met), "docx", section="2.2", groups=True))
    assert "Gruppenes svar" not in headings  # 2.2's group works on the copy itself: no draft
    markdown = render(template, store.load(met), "md", groups=True).decode()
    assert "## Gruppenes svar" in markdown and "utkast for Gruppe 1" in markdown


def test_a_blank_handout_per_group_is_headed_with_each_groups_name(store, met):
    workshop = store.load(met)
    template = store.template_of(workshop)
    headings, cells = _texts(render(template, workshop, "docx", blank=True, groups=True))
    named = [h for h in headings if h[:1].isdigit()]
    assert named == [f"1.3 {template.section('1.3').title} – Gruppe 1",
                     f"1.3 {template.section('1.3').title} – Gruppe 2",
                     f"2.2 {template.section('2.2').title} – Gruppe Renhold"]
    assert "Hver uke" not in cells and "Hver måned" not in cells  # blank


def test_the_cli_flag_and_a_word_import_reports_the_appendix(run_cli, store, met, tmp_path):
    out = tmp_path / "med-grupper.docx"
    ok(run_cli("export", met, "--grupper", "-o", str(out)))
    assert "Gruppenes svar" in _texts(out.read_bytes())[0]
    fails(run_cli("export", "mote", "--blank", "--grupper", "--section", "4.1", "-o", str(tmp_path / "x.docx")),
          "ingen grupper")
    # reading it back into the workshop: the drafts are listed as not read, the plenary answer stays
    shown = ok(run_cli("import", str(out), "--into", met, "--dry-run"))
    assert "Gruppenes svar: 1.3 – utkast for Gruppe 1" in shown and "leses ikke inn" in shown
    assert "Hver måned" in shown  # the draft's text is in the list, not dropped
    ok(run_cli("import", str(out), "--into", met, "--overwrite"))
    assert store.load(met).value("1.3", "roller", "r2", "nar") == "Hver uke"


@pytest.mark.slow
def test_libreoffice_shows_the_appendix_as_a_person_reads_it(store, met, tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice or pdftotext is not installed")
    workshop = store.load(met)
    path = tmp_path / "moete.docx"
    path.write_bytes(render(store.template_of(workshop), workshop, "docx", step="1", groups=True))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "moete.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    appendix = text[text.index("Gruppenes svar", text.index("Hver uke")):]
    assert "utkast for Gruppe 1" in appendix and "Hver måned" in appendix
    assert "utkast for Gruppe 2" in appendix and "Hver fredag" in appendix
