"""Reading indicator documents back: limits, NIR counts, last year's columns and the chart under each table.

The documents are made by the real writer from a workshop copied from last
year's (so *I fjor*, *Trend* and a chart bar per year are printed), with a
limit on every numeric indicator and a count on every NIR code; they are read
back through the real command line into another copy of last year's workshop.
What intro-tui prints but does not store (Avvik, Status, I fjor, Trend, Fra NIR,
Nasjonalt mål, Andel av status, the chart) must be skipped without a word and
never reach the store.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.core.store.years import copy_for_next_year
from intro_tui.examples import example_workshop
from intro_tui.export.docx import render_docx
from intro_tui.export.markdown import render_markdown

from docx_filling import row_with, type_into

TEMPLATES = ("arbeidsrettet-lop", "malindikatorer", "virksomhetsplan")
CHART_MARK = "intro-tui: diagram"


@pytest.fixture
def store(data_dir: Path) -> WorkshopStore:
    return WorkshopStore(data_dir, load_catalog(data_dir), user="test")


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _this_year_cells(template, cells: dict) -> dict:
    """Last year's example, a year on: results one lower, a limit on every number, a count on every NIR code."""
    out = dict(cells)
    for section in template.sections:
        for block in section.blocks:
            for n, row in enumerate(r for r in block.rows if not r.group):
                at = (section.id, block.id, row.key)
                if block.kind == "nir":
                    out[at + ("antall",)] = (n * 7) % 11
                if block.kind != "indicators" or row.value_kind not in ("percent", "count"):
                    continue
                goal, result = out.get(at + ("mal",)), out.get(at + ("resultat",))
                if _number(result) and result >= 1:
                    out[at + ("resultat",)] = result - 1
                if _number(goal) and out.get(at + ("nedre",)) is None:  # last year's limit stays
                    limit = max(0, goal - 2) if row.direction == "higher" else goal + 2
                    out[at + ("nedre",)] = min(limit, 100) if row.value_kind == "percent" else limit
    return out


def _a_year_on(store, template_id: str):
    """(last year's workshop id, this year's - copied from it and filled -, an empty copy to import into)."""
    template = store.catalog.get(template_id)
    example = example_workshop(template, store.catalog)
    example.year = 2025
    last = store.create(example)
    this = copy_for_next_year(store, last.id, title="Dette året")
    filled = this.copy()
    filled.id, filled.title = "", "Utfylt"
    filled.cells = _this_year_cells(template, example.cells)
    filled = store.create(filled)
    target = copy_for_next_year(store, last.id, title="Lest inn")
    return template, store.load(filled.id), target


def _tables_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _indicator_cells(template, cells: dict) -> dict:
    """Cells of the template's own indicator and NIR rows (rows people added get new keys in a new workshop)."""
    keys = {(s.id, b.id, r.key) for s in template.sections for b in s.blocks for r in b.rows
            if b.kind in ("indicators", "nir")}
    return {address: value for address, value in cells.items() if address[:3] in keys}


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_a_year_with_limits_counts_and_last_year_reads_back_the_same(template_id, store, run_cli, tmp_path):
    """Into a new workshop: every stored value comes back; with last year's chain, it prints as the original."""
    template, filled, _ = _a_year_on(store, template_id)
    assert filled.history, "the filled workshop is copied from last year's"
    data = render_docx(template, filled)
    path = tmp_path / "utfylt.docx"
    path.write_bytes(data)

    result = run_cli("import", str(path))
    assert result.returncode == 0, result.stderr
    assert "0 konflikter" in result.stdout and " 0 uten plass" in result.stdout, result.stdout
    assert "kjennes ikke igjen" not in result.stdout

    read = store.load(result.stdout.strip().splitlines()[-1])
    assert _indicator_cells(template, read.cells) == _indicator_cells(template, filled.cells)
    read.title, read.kommune, read.year, read.history = filled.title, filled.kommune, filled.year, filled.history
    assert render_markdown(template, read) == render_markdown(template, filled)
    if template_id != "arbeidsrettet-lop":
        text = render_markdown(template, filled)
        assert "I fjor" in text and "Nedre grense" in text
        assert _tables_xml(data).count(f'w:val="{CHART_MARK}"') >= 2  # the charts, marked


@pytest.mark.parametrize("template_id", ["arbeidsrettet-lop", "malindikatorer"])
def test_a_year_reads_back_into_another_copy_of_last_year(template_id, store, run_cli, tmp_path):
    """Into a copy of last year's (goals and limits already there): results, limits and counts land, nothing else.

    (Not the virksomhetsplan: its goal plan, read into a workshop that already
    has it, comes back as new rows - a limit of the goal-plan reader, apart
    from indicators.)
    """
    template, filled, target = _a_year_on(store, template_id)
    path = tmp_path / "utfylt.docx"
    path.write_bytes(render_docx(template, filled))
    result = run_cli("import", str(path), "--into", target.id)
    assert result.returncode == 0, result.stderr
    assert "0 konflikter" in result.stdout and " 0 uten plass" in result.stdout, result.stdout
    read = store.load(target.id)
    assert read.cells == filled.cells  # nothing computed is stored, nothing is missing
    read.title = filled.title
    assert render_markdown(template, read) == render_markdown(template, filled)


def _without_chart_marks(data: bytes) -> bytes:
    """The document as another program might save it: the charts' caption and description dropped."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            raw = source.read(item)
            if item.filename == "word/document.xml":
                raw = re.sub(rb"<w:tbl(Caption|Description) [^>]*/>", b"", raw)
            copy.writestr(item, raw)
    return out.getvalue()


@pytest.mark.parametrize("template_id", ["malindikatorer", "virksomhetsplan"])
def test_a_chart_without_its_mark_is_still_skipped_by_its_shape(template_id, store, run_cli, tmp_path):
    template, filled, target = _a_year_on(store, template_id)
    data = _without_chart_marks(render_docx(template, filled))
    assert CHART_MARK not in _tables_xml(data)
    path = tmp_path / "uten merke.docx"
    path.write_bytes(data)
    result = run_cli("import", str(path), "--into", target.id, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert " 0 uten plass" in result.stdout and "kjennes ikke igjen" not in result.stdout, result.stdout


def _nir_document(store, tmp_path: Path, fill) -> Path:
    template = store.catalog.get("virksomhetsplan")
    example = example_workshop(template, store.catalog)
    document = docx.Document(io.BytesIO(render_docx(template, example)))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Status og begrunnelse")
    fill(table)
    path = tmp_path / "nir.docx"
    document.save(path)
    return path


def _code_row(table, group: str, label: str):
    """The row ``label`` under the group row ``group`` (the same label stands under several groups)."""
    rows = list(table.rows)
    start = next(i for i, r in enumerate(rows) if r.cells[0].text == group)
    return next(r for r in rows[start + 1:] if r.cells[0].text == label)


def test_nir_counts_land_on_their_code_under_their_status_and_conflict_like_any_cell(store, run_cli, tmp_path):
    template = store.catalog.get("virksomhetsplan")
    workshop = store.create(example_workshop(template, store.catalog))
    before = workshop.cells[("nir", "koder", "avsluttet-arbeid-over-29", "antall")]

    def fill(table):
        type_into(_code_row(table, "Avsluttet introprogram", "Arbeid > 29 t/uke").cells[1], "40")
        type_into(_code_row(table, "Vedtak om permanent stans", "Arbeid > 29 t/uke").cells[1], "1")
        type_into(_code_row(table, "Avbrutt introprogram", "Flyttet").cells[1], "")
        type_into(_code_row(table, "Avsluttet introprogram", "Annet").cells[1], "2,5")
        type_into(_code_row(table, "Avbrutt introprogram", "Død").cells[1], "-1")
        type_into(_code_row(table, "Avbrutt introprogram", "Ukjent/forsvunnet").cells[2], "99 %")

    path = _nir_document(store, tmp_path, fill)
    result = run_cli("import", str(path), "--into", workshop.id, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert f"konflikt nir «Arbeid > 29 t/uke» · Antall: har «{before}», dokumentet sier «40»" in result.stdout
    assert "et antall må være et helt tall" in result.stdout and "ikke 2,5" in result.stdout
    assert "et antall må være et helt tall ≥ 0, ikke −1" in result.stdout or \
        "et antall må være et helt tall ≥ 0, ikke -1" in result.stdout
    assert "Andel" not in result.stdout  # the computed share is never read
    assert store.load(workshop.id).cells[("nir", "koder", "avsluttet-arbeid-over-29", "antall")] == before

    result = run_cli("import", str(path), "--into", workshop.id, "--overwrite")
    assert result.returncode == 0, result.stderr
    cells = store.load(workshop.id).cells
    assert cells[("nir", "koder", "avsluttet-arbeid-over-29", "antall")] == 40
    assert cells[("nir", "koder", "stans-arbeid-over-29", "antall")] == 1
    assert not any(c[3] not in {col.id for col in template.section(c[0]).block(c[1]).columns} for c in cells)


def test_a_code_label_under_the_wrong_status_is_reported_not_moved(store, run_cli, tmp_path):
    """'Flyttet' exists only under Avbrutt; 'Arbeid > 29 t/uke' under a group that has no such code is not guessed."""
    template = store.catalog.get("virksomhetsplan")
    workshop = store.create(example_workshop(template, store.catalog))

    def fill(table):
        ukjent = _code_row(table, "Avbrutt introprogram", "Ukjent/forsvunnet")
        type_into(ukjent.cells[0], "Arbeid > 29 t/uke")  # a working code written under Avbrutt
        type_into(ukjent.cells[1], "5")

    path = _nir_document(store, tmp_path, fill)
    result = run_cli("import", str(path), "--into", workshop.id, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "? nir «Arbeid > 29 t/uke»" in result.stdout, result.stdout
    assert "«5»" not in result.stdout and ": 5\n" not in result.stdout


@pytest.mark.parametrize("header", ["Nedre grense", "Grense", "Nedre/øvre grense"])
def test_limit_column_reads_like_the_goal_and_a_filled_status_column_is_ignored(header, store, run_cli, tmp_path):
    template = store.catalog.get("virksomhetsplan")
    workshop = store.create(example_workshop(template, store.catalog))
    document = docx.Document(io.BytesIO(render_docx(template, workshop)))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Hovedindikator")
    row = row_with(table, "Andel som går over i arbeid")
    headers = [c.text for c in table.rows[0].cells]
    type_into(row.cells[headers.index("Nedre grense")], "68")
    type_into(table.rows[0].cells[headers.index("Nedre grense")], header)  # what a municipality calls it
    type_into(row.cells[headers.index("Status")], "nådd")
    type_into(row.cells[headers.index("Avvik")], "+100 pp")
    path = tmp_path / "grense.docx"
    document.save(path)
    result = run_cli("import", str(path), "--into", workshop.id)
    assert result.returncode == 0, result.stderr
    assert "Nedre grense" in result.stdout and "1 konflikt" in result.stdout, result.stdout
    assert "Status" not in result.stdout.split("\n", 1)[1] and "Avvik" not in result.stdout
    cells = store.load(workshop.id).cells
    assert not any(c[3] in ("status", "avvik", "i-fjor", "trend", "fra-nir", "nasjonalt-mal") for c in cells)


def test_a_limit_above_the_goal_is_reported_and_the_rest_of_the_row_lands(store, run_cli, tmp_path):
    """The same check as ``intro-tui set``: a lower limit above the goal is not stored; goal and result still are."""
    template = store.catalog.get("virksomhetsplan")
    document = docx.Document(io.BytesIO(render_docx(template, example_workshop(template, store.catalog))))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Hovedindikator")
    row = row_with(table, "Andel som går over i arbeid")
    headers = [c.text for c in table.rows[0].cells]
    type_into(row.cells[headers.index("Nedre grense")], "80")
    type_into(row.cells[headers.index("Resultat")], "72")
    path = tmp_path / "grense over mål.docx"
    document.save(path)
    result = run_cli("import", str(path))
    assert result.returncode == 0, result.stderr
    assert "nedre grense (80 %) kan ikke være over målet (75 %)" in result.stdout, result.stdout
    cells = store.load(result.stdout.strip().splitlines()[-1]).cells
    address = ("nir", "hovedindikator", next(r.key for r in template.section("nir").block("hovedindikator").rows
                                              if r.label.startswith("Andel som går over")))
    assert cells[address + ("mal",)] == 75 and cells[address + ("resultat",)] == 72
    assert cells.get(address + ("nedre",)) is None
