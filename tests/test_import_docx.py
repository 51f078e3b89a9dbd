"""Reading filled Word documents back: round trips of every template, the original's look, conflicts, bad files.

Documents are made by the real writer (``render_docx``) or built with
python-docx the way Word leaves them, filled as a person does (X typed in a
Ja column, ☐ replaced by ☒, a checkbox content control, rows added at the
end), then imported through the real command line into a real data folder.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.examples import example_workshop
from intro_tui.export.docx import render_docx
from intro_tui.export.docx_reader import read_docx
from intro_tui.export.docx_reader.apply import apply_plan
from intro_tui.export.markdown import render_markdown

from docx_filling import add_row, checkbox_control, imdi_form_like, original_like, row_with, section_tables, type_into

TEMPLATES = ("arbeidsrettet-lop", "malindikatorer", "virksomhetsplan")


@pytest.fixture
def store(data_dir: Path) -> WorkshopStore:
    return WorkshopStore(data_dir, load_catalog(data_dir), user="test")


def imported_id(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(data_dir.glob("*")) if p.is_file()}


# -- round trips --------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_filled_export_reads_back_into_an_equal_workshop(template_id, store, run_cli, tmp_path):
    """Every value of the example - preset rows, own rows, labels written on prompt rows - comes back."""
    template = store.catalog.get(template_id)
    original = example_workshop(template, store.catalog)
    path = tmp_path / "utfylt.docx"
    path.write_bytes(render_docx(template, original))
    result = run_cli("import", str(path))
    assert " 0 uten plass" in result.stdout, result.stdout  # the charts and computed columns are skipped silently
    workshop = store.load(imported_id(result))
    assert workshop.template == template_id
    workshop.title, workshop.kommune, workshop.year = original.title, original.kommune, original.year
    assert render_markdown(template, workshop) == render_markdown(template, original)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
@pytest.mark.slow
def test_documents_saved_again_by_libreoffice_read_back_the_same(store, tmp_path):
    """Another word processor rewrites all the XML (styles, tables, runs): every value still comes back."""
    originals = {}
    for template_id in TEMPLATES:
        template = store.catalog.get(template_id)
        originals[template_id] = example_workshop(template, store.catalog)
        (tmp_path / f"{template_id}.docx").write_bytes(render_docx(template, originals[template_id]))
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
                    *(str(tmp_path / f"{t}.docx") for t in TEMPLATES)], check=True, capture_output=True, timeout=240)
    for template_id, original in originals.items():
        template = store.catalog.get(template_id)
        plan, _ = read_docx(out / f"{template_id}.docx", store.catalog)
        assert not plan.unplaced and not plan.conflicts
        applied = apply_plan(store, plan, None, title="lo")
        workshop = store.load(applied.workshop_id)
        workshop.title, workshop.kommune, workshop.year = original.title, original.kommune, original.year
        assert render_markdown(template, workshop) == render_markdown(template, original)


def _blank(store, template_id: str, tmp_path: Path):
    template = store.catalog.get(template_id)
    data = render_docx(template, Workshop(id="", title="Våren", template=template_id), blank=True)
    return docx.Document(io.BytesIO(data))


def test_blank_handout_filled_in_word_reads_every_mark(store, run_cli, tmp_path):
    document = _blank(store, "arbeidsrettet-lop", tmp_path)
    interne, samarbeid = section_tables(document, "4.1 Sjekkliste – Forberedelse til å inngå avtale med arbeidsgiver")
    row = row_with(interne, "Vi har god bransjekunnskap").cells
    type_into(row[1], "\u2612")  # ☐ replaced by ☒ in Ja
    type_into(row[3], "Markedskontakt på teammøtet")
    type_into(row_with(interne, "Vi vet når arbeidsgiver").cells[2], "X")  # X typed in Nei
    type_into(row_with(interne, "Vi kan stille med kontaktperson").cells[1], "✓")
    own = [r for r in interne.rows if "andre ting vi tilbyr" in r.cells[0].text][0].cells
    type_into(own[0], "Vi tilbyr mentor")  # the italic prompt written over
    type_into(own[1], "x")
    checkbox_control(row_with(samarbeid, "språkkrav").cells[2], checked=True)  # a content control, glyph not updated
    type_into(row_with(samarbeid, "personlige egenskaper").cells[1], "Ja")
    (roles,) = section_tables(document, "1.3 Roller og ansvarsfordeling av oppgaver – steg 1")
    type_into(row_with(roles, "Innhente informasjon").cells[1], "nav")
    type_into(row_with(roles, "Annet").cells[0], "Annet: Jobbmesse")
    type_into(row_with(roles, "Annet").cells[4], "mars")
    blank_rows = [r for r in roles.rows if not r.cells[0].text.strip()]
    type_into(blank_rows[0].cells[0], "Kartlegge sommerjobber")
    type_into(blank_rows[0].cells[2], "Flyktningtjenesten")
    new_tr = roles.rows[1]._tr.__copy__()  # Word's "Insert row below" on row 1: a task between the template's
    roles.rows[1]._tr.addnext(new_tr)
    middle = roles.rows[2].cells
    type_into(middle[0], "Ringe bedrifter i januar")
    for cell in middle[1:]:
        type_into(cell, "")
    (needs,) = section_tables(document, "1.1 Kartlegging av arbeidskraftbehovet")
    type_into(needs.rows[1].cells[0], "Renhold")
    type_into(needs.rows[1].cells[1], "NAV")
    add_row(needs, ["Helse", "Kommunen"])  # a row added at the end in Word
    (assessment,) = section_tables(document, "1.2 Vurdering av mulighetsrommet i arbeidsmarkedet")
    type_into(assessment.rows[1].cells[0], "Renhold")
    type_into(assessment.rows[1].cells[2], "\u2610 Ja   \u2612 Nei")
    field_table = section_tables(document, "3.1 Vurdering av nye tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen")[0]
    type_into(field_table.rows[0].cells[1], "Helse og omsorg")
    path = tmp_path / "fylt i word.docx"
    document.save(path)

    workshop = store.load(imported_id(run_cli("import", str(path))))
    cells = workshop.cells
    assert cells[("4.1", "interne", "r1", "svar")] == "ja"
    assert cells[("4.1", "interne", "r1", "forslag")] == "Markedskontakt på teammøtet"
    assert cells[("4.1", "interne", "r2", "svar")] == "nei"
    assert cells[("4.1", "interne", "r4", "svar")] == "ja"
    assert cells[("4.1", "interne", "r6", "label")] == "Vi tilbyr mentor"
    assert cells[("4.1", "interne", "r6", "svar")] == "ja"
    assert cells[("4.1", "samarbeid", "r2", "svar")] == "nei"
    assert cells[("4.1", "samarbeid", "r3", "svar")] == "ja"
    assert cells[("1.3", "roller", "r1", "hovedansvarlig")] == "nav"  # a new workshop: its units come from the document
    assert cells[("1.3", "roller", "r5", "label")] == "Jobbmesse"
    assert cells[("1.3", "roller", "r5", "nar")] == "mars"
    assert cells[("1.2", "vurdering", workshop.rows_added("1.2", "vurdering")[0].key, "ufaglaerte")] == "nei"
    assert cells[("3.1", "bransje", "bransje", "verdi")] == "Helse og omsorg"
    own_roles = [cells.get(("1.3", "roller", r.key, "label")) for r in workshop.rows_added("1.3", "roller")]
    assert own_roles == ["Ringe bedrifter i januar", "Kartlegge sommerjobber"]
    needs_rows = [(cells.get(("1.1", "behov", r.key, "label")), cells.get(("1.1", "behov", r.key, "kilder")))
                  for r in workshop.rows_added("1.1", "behov")]
    assert needs_rows == [("Renhold", "NAV"), ("Helse", "Kommunen")]
    assert "nav" in [u.casefold() for u in workshop.units]


def test_indicator_cells_parse_as_the_command_line_does(store, run_cli, tmp_path):
    document = _blank(store, "malindikatorer", tmp_path)
    table = document.tables[0]
    row = row_with(table, "Andel deltakere som har arbeid i introduksjonsprogrammet").cells
    type_into(row[1], "65 %")
    type_into(row[2], "65,5")
    hint_row = [t for t in document.tables if "Annet" in t.rows[0].cells[0].text][0]
    type_into(row_with(hint_row, "Samarbeidsavtaler med arbeidsgiver").cells[1], "Igangsette")
    type_into(row_with(table, "Andel deltakere i grunnskoleopplæring").cells[1], "mange")  # not a share
    path = tmp_path / "indikatorer.docx"
    document.save(path)
    result = run_cli("import", str(path))
    workshop = store.load(imported_id(result))
    assert workshop.cells[("underveis", "indikatorer", "r1", "mal")] == 65
    assert workshop.cells[("underveis", "indikatorer", "r1", "resultat")] == 65.5
    assert workshop.cells[("annet", "indikatorer", "r4", "mal")] == "Igangsette"
    assert ("underveis", "indikatorer", "r2", "mal") not in workshop.cells
    assert "«mange» er ikke et tall" in result.stdout


# -- the original's look -------------------------------------------------------------------------

ORIGINAL_SECTIONS = ["1.2 Vurdering av mulighetsrommet i arbeidsmarkedet",
                     "1.3 Roller og ansvarsfordeling av oppgaver – steg 1",
                     "2.4 Roller og ansvarsfordeling av oppgaver – steg 2",
                     "4.1 Sjekkliste – Forberedelse til å inngå avtale med arbeidsgiver"]


def test_a_document_like_rambolls_original_is_recognised_and_placed(store, run_cli, tmp_path):
    document = original_like(ORIGINAL_SECTIONS)
    tables = document.tables
    assessment, roles1, roles2, interne = tables[0], tables[1], tables[2], tables[3]
    type_into(assessment.rows[1].cells[0], "Renhold")
    type_into(assessment.rows[1].cells[2], "Ja")
    type_into(row_with(roles1, "Innhente informasjon").cells[1], "NAV")
    type_into(row_with(roles1, "Innhente informasjon").cells[4], "januar")
    type_into(row_with(roles2, "Sette i gang vurdering").cells[2], "Flyktningtjenesten")
    type_into(row_with(roles2, "Annet").cells[0], "Annet Felles fagdag")
    type_into(row_with(interne, "Vi har god bransjekunnskap").cells[1], "X")
    type_into(row_with(interne, "Vi vet når arbeidsgiver").cells[2], "x")
    prompts = [r for r in interne.rows if "andre ting vi tilbyr" in r.cells[0].text]
    type_into(prompts[1].cells[0], "- Vi tilbyr språkpraksis")
    type_into(prompts[1].cells[1], "X")
    path = tmp_path / "Oppgavemaler Bærum.docx"
    document.save(path)

    dry = run_cli("import", str(path), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Mal: arbeidsrettet-lop · 4 av 4 tabeller kjent igjen" in dry.stdout
    assert "uten plass" in dry.stdout and " 0 uten plass" in dry.stdout
    workshop = store.load(imported_id(run_cli("import", str(path))))
    cells = workshop.cells
    assert cells[("1.3", "roller", "r1", "hovedansvarlig")] == "NAV"
    assert cells[("1.3", "roller", "r1", "nar")] == "januar"
    assert cells[("2.4", "roller", "r1", "utforer")] == "Flyktningtjenesten"
    assert cells[("2.4", "roller", "r5", "label")] == "Felles fagdag"
    assert cells[("4.1", "interne", "r1", "svar")] == "ja"
    assert cells[("4.1", "interne", "r2", "svar")] == "nei"
    assert cells[("4.1", "interne", "r7", "label")] == "Vi tilbyr språkpraksis"
    assert cells[("4.1", "interne", "r7", "svar")] == "ja"
    assert ("4.1", "interne", "r6", "label") not in cells
    (own,) = workshop.rows_added("1.2", "vurdering")
    assert cells[("1.2", "vurdering", own.key, "label")] == "Renhold"
    assert cells[("1.2", "vurdering", own.key, "ufaglaerte")] == "ja"


def test_a_document_like_imdis_indicator_form_is_recognised_and_placed(store, run_cli, tmp_path):
    document = imdi_form_like()
    underveis, avsluttet, annet = document.tables
    row = row_with(underveis, "Andel deltakere som har arbeid i introduksjonsprogrammet").cells
    type_into(row[1], "60 %")
    type_into(row[2], "55")
    type_into(row_with(underveis, "Antall deltakere som får tilbud om språk").cells[1], "12")
    type_into(row_with(avsluttet, "Andel deltakere som har gått over i arbeid").cells[1], "65")
    type_into(row_with(avsluttet, "Andel deltakere som har gått over i arbeid").cells[2], "44,5 %")
    type_into(row_with(annet, "Samarbeidsavtaler med arbeidsgiver").cells[1], "Videreutvikle")
    path = tmp_path / "indikatorer kommune.docx"
    document.save(path)
    result = run_cli("import", str(path))
    assert "Mal: malindikatorer · 3 av 3 tabeller kjent igjen" in result.stdout
    assert " 0 uten plass" in result.stdout
    cells = store.load(imported_id(result)).cells
    assert cells[("underveis", "indikatorer", "r1", "mal")] == 60
    assert cells[("underveis", "indikatorer", "r1", "resultat")] == 55
    assert cells[("underveis", "indikatorer", "r15", "mal")] == 12
    assert cells[("avsluttet", "indikatorer", "r1", "mal")] == 65
    assert cells[("avsluttet", "indikatorer", "r1", "resultat")] == 44.5
    assert cells[("annet", "indikatorer", "r4", "mal")] == "Videreutvikle"
    assert ("annet", "indikatorer", "r3", "mal") not in cells  # the printed hint is not an answer
    assert len(cells) == 6


def test_a_table_broken_over_a_page_and_a_heading_numbered_by_word(store, run_cli, tmp_path):
    """2.2's table is two tables in the original (the second has no header); 3.2's number is Word's list numbering.

    3.2's plan has the same header as 2.3's and no preset rows: only the heading says which it is.
    """
    sections = ["2.2 Vurdering av tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen",
                "3.2 Planlegging av utvikling av nytt tiltak"]
    document = original_like(sections, word_numbered=(sections[1],))
    first, second, plan = document.tables
    type_into(row_with(first, "Aktuelle arbeidsgivere").cells[1], "Sykehjemmene")
    type_into(row_with(second, "Økonomiske rammer").cells[2], "Søke tilskudd")
    type_into(row_with(second, "Annet").cells[1], "Ingen")
    add_row(plan, ["Lage fagkurs", "Voksenopplæringen", "NAV"])
    path = tmp_path / "delt tabell.docx"
    document.save(path)
    result = run_cli("import", str(path))
    assert "3 av 3 tabeller kjent igjen" in result.stdout and " 0 uten plass" in result.stdout, result.stdout
    workshop = store.load(imported_id(result))
    cells = workshop.cells
    assert cells[("2.2", "vurdering", "r1", "situasjon")] == "Sykehjemmene"
    assert cells[("2.2", "vurdering", "r8", "bedres")] == "Søke tilskudd"
    assert cells[("2.2", "vurdering", "r10", "situasjon")] == "Ingen"
    (row,) = workshop.rows_added("3.2", "plan")
    assert cells[("3.2", "plan", row.key, "label")] == "Lage fagkurs"
    assert workshop.rows_added("2.3", "plan") == []


# -- into a workshop: conflicts, dry run, change log ---------------------------------------------


def _filled_roles(tmp_path: Path, store, value: str) -> Path:
    document = _blank(store, "arbeidsrettet-lop", tmp_path)
    (roles,) = section_tables(document, "1.3 Roller og ansvarsfordeling av oppgaver – steg 1")
    type_into(row_with(roles, "Innhente informasjon").cells[1], value)
    type_into(row_with(roles, "Innhente informasjon").cells[4], "januar")
    vurdering = section_tables(document, "2.2 Vurdering av tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen")[-1]
    add_row(vurdering, ["Noe som ikke finnes", "x", "y"])  # this table takes no rows
    path = tmp_path / "fil.docx"
    document.save(path)
    return path


def test_a_different_value_is_a_conflict_left_alone_unless_overwrite(store, run_cli, tmp_path):
    workshop = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop"))
    store.set_cell(workshop.id, "1.3", "roller", "r1", "hovedansvarlig", "Flyktningtjenesten")
    path = _filled_roles(tmp_path, store, "NAV")

    result = run_cli("import", str(path), "--into", workshop.id)
    assert result.returncode == 0, result.stderr
    assert "konflikt 1.3 «Innhente informasjon om arbeidskraftbeh…» · Hoved-ansvarlig: har «Flyktningtjenesten», " \
           "dokumentet sier «NAV»" in result.stdout
    assert "1 konflikt ikke overskrevet (bruk --overwrite)" in result.stdout
    after = store.load(workshop.id)
    assert after.cells[("1.3", "roller", "r1", "hovedansvarlig")] == "Flyktningtjenesten"
    assert after.cells[("1.3", "roller", "r1", "nar")] == "januar"
    entries = changelog.read(store.changes_path(workshop.id))
    imported = [e for e in entries if e.get("c") == "nar"]
    assert imported and imported[-1]["by"] == "import: fil.docx (test)"

    result = run_cli("import", str(path), "--into", workshop.id, "--overwrite")
    assert result.returncode == 0, result.stderr
    assert store.load(workshop.id).cells[("1.3", "roller", "r1", "hovedansvarlig")] == "NAV"


def test_dry_run_lists_what_lands_and_what_has_no_place_and_writes_nothing(store, run_cli, tmp_path, data_dir):
    workshop = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop"))
    path = _filled_roles(tmp_path, store, "NAV")
    before = snapshot(data_dir)
    result = run_cli("import", str(path), "--into", workshop.id, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "  + 1.3 «Innhente informasjon om arbeidskraftbeh…» · Hoved-ansvarlig: NAV" in result.stdout
    assert "  ? 2.2 «Noe som ikke finnes»: raden finnes ikke i malen" in result.stdout
    assert "Tørrkjøring: ingenting er skrevet" in result.stdout
    assert snapshot(data_dir) == before


def test_role_cells_take_the_workshops_spelling_of_its_units(store, run_cli, tmp_path):
    workshop = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop",
                                     units=["NAV", "Voksenopplæringen", "Flyktningtjenesten"]))
    path = _filled_roles(tmp_path, store, "nav, voksenopplæringen og Frivilligsentralen")
    assert run_cli("import", str(path), "--into", workshop.id).returncode == 0
    assert store.load(workshop.id).cells[("1.3", "roller", "r1", "hovedansvarlig")] == \
        "NAV, Voksenopplæringen og Frivilligsentralen"


def test_dry_run_names_a_table_it_does_not_recognise(store, run_cli, tmp_path, data_dir):
    document = original_like(ORIGINAL_SECTIONS[1:2])
    unknown = document.add_table(rows=2, cols=2)
    type_into(unknown.rows[0].cells[0], "Budsjettpost")
    type_into(unknown.rows[0].cells[1], "Beløp")
    type_into(unknown.rows[1].cells[0], "Kurs")
    path = tmp_path / "med ekstra tabell.docx"
    document.save(path)
    before = snapshot(data_dir)
    result = run_cli("import", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "  ? tabell 2 (Budsjettpost | Beløp): kjennes ikke igjen i malen arbeidsrettet-lop" in result.stdout
    assert snapshot(data_dir) == before


def test_importing_the_same_file_twice_changes_nothing_the_second_time(store, run_cli, tmp_path):
    template = store.catalog.get("arbeidsrettet-lop")
    path = tmp_path / "eks.docx"
    path.write_bytes(render_docx(template, example_workshop(template, store.catalog)))
    workshop_id = imported_id(run_cli("import", str(path)))
    again = run_cli("import", str(path), "--into", workshop_id, "--dry-run")
    assert " 0 nye verdier, 0 nye rader, 0 konflikter" in again.stdout


# -- bad input -----------------------------------------------------------------------------------


def _docx_with(tmp_path: Path, store, name: str, extra: dict[str, bytes], patch=None) -> Path:
    template = store.catalog.get("malindikatorer")
    data = render_docx(template, Workshop(id="", title="x", template="malindikatorer"), blank=True)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            raw = source.read(member)
            if patch is not None:
                raw = patch(member.filename, raw)
            target.writestr(member, raw)
        for member, raw in extra.items():
            target.writestr(member, raw)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def _external_template(name: str, raw: bytes) -> bytes:
    if name != "word/_rels/document.xml.rels":
        return raw
    rel = (b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           b'attachedTemplate" Target="file://server/share/mal.dotm" TargetMode="External"/>')
    return raw.replace(b"</Relationships>", rel + b"</Relationships>")


BAD = {
    "renamed pdf": (lambda tmp, store: _write(tmp / "rapport.docx", b"%PDF-1.7\n" + b"x" * 2000), "er en PDF"),
    "password": (lambda tmp, store: _write(tmp / "passord.docx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 4000),
                 "passordbeskyttet"),
    "zip bomb": (lambda tmp, store: _docx_with(tmp, store, "bombe.docx", {"word/media/x.bin": b"\0" * (30 << 20)}),
                 "zip-bombe"),
    "200 MB": (lambda tmp, store: _sparse(tmp / "stor.docx", 200 << 20), "for stor"),
    "macros": (lambda tmp, store: _docx_with(tmp, store, "makro.docx", {"word/vbaProject.bin": b"\0" * 100}),
               "makroer"),
    "external template": (lambda tmp, store: _docx_with(tmp, store, "ekstern.docx", {}, _external_template),
                          "peker til andre filer"),
    "many members": (lambda tmp, store: _docx_with(tmp, store, "deler.docx", {f"custom/d{i}.txt": b"" for i in range(2500)}),
                     "for mange deler"),
    "fifo": (lambda tmp, store: _fifo(tmp / "kanal.docx"), "ikke en vanlig fil"),
    "not a zip": (lambda tmp, store: _write(tmp / "tekst.docx", b"Hei " * 100), "ikke et Word-dokument"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)  # opening it to read would block for ever
    return path


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(size)
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_give_one_norwegian_line_and_change_nothing(case, store, run_cli, tmp_path, data_dir):
    make, words = BAD[case]
    path = make(tmp_path, store)
    workshop = store.create(Workshop(id="", title="Møte", template="malindikatorer"))
    before = snapshot(data_dir)
    for extra in ([], ["--into", workshop.id]):
        result = run_cli("import", str(path), *extra)
        assert result.returncode == 2
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("intro-tui: feil: ") and words in lines[0], result.stderr
        assert "Traceback" not in result.stderr
    assert snapshot(data_dir) == before


def test_a_document_of_another_template_is_refused_for_a_workshop(store, run_cli, tmp_path, data_dir):
    template = store.catalog.get("arbeidsrettet-lop")
    path = tmp_path / "steg.docx"
    path.write_bytes(render_docx(template, example_workshop(template, store.catalog)))
    workshop = store.create(Workshop(id="", title="Indikatorer", template="malindikatorer"))
    before = snapshot(data_dir)
    result = run_cli("import", str(path), "--into", workshop.id)
    assert result.returncode == 2
    assert "er utfylt etter malen arbeidsrettet-lop, men verkstedet indikatorer bruker malindikatorer" in result.stderr
    assert snapshot(data_dir) == before


def test_a_document_of_no_template_is_refused(store, run_cli, tmp_path):
    document = docx.Document()
    document.add_paragraph("Referat fra møtet")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "Navn"
    path = tmp_path / "referat.docx"
    document.save(path)
    result = run_cli("import", str(path))
    assert result.returncode == 2
    assert "ligner ikke på noen av malene" in result.stderr


def test_control_characters_in_the_document_never_reach_a_terminal(store, tmp_path):
    """XML allows C1 controls (\\x9b is a CSI): the preview lines and the stored values are clean of them."""
    from intro_tui.export.docx_reader import describe, plan_docx

    document = _blank(store, "arbeidsrettet-lop", tmp_path)
    (roles,) = section_tables(document, "1.3 Roller og ansvarsfordeling av oppgaver – steg 1")
    type_into(row_with(roles, "Innhente informasjon").cells[1], "NAV\x9b31m\x85")
    type_into(row_with(roles, "Annet").cells[0], "Annet: \x9b2J")
    buffer = io.BytesIO()
    document.save(buffer)
    plan, _ = plan_docx(buffer.getvalue(), "c1.docx", store.catalog)
    lines = describe(plan)
    assert not any(ch in line for line in lines for ch in "\x9b\x85\x1b")
    assert any("NAV 31m" in line or "NAV31m" in line for line in lines)
    assert all("\x9b" not in str(landing.new) for landing in plan.lands)


def test_a_partly_filled_handout_filled_further_in_word_adds_only_what_is_new(store, run_cli, tmp_path):
    """Exported half done, finished in Word, read back into the same workshop: the new values land, the old stay."""
    template = store.catalog.get("arbeidsrettet-lop")
    workshop = store.create(example_workshop(template, store.catalog))
    document = docx.Document(io.BytesIO(render_docx(template, store.load(workshop.id))))
    (plan_table,) = section_tables(document, "3.2 Planlegging av utvikling av nytt tiltak")
    type_into(plan_table.rows[1].cells[0], "Avtale hospitering på sykehjem")  # the empty row of an empty table
    type_into(plan_table.rows[1].cells[1], "Flyktningtjenesten")
    name_lines = [p for p in document.paragraphs if p.text.strip() == "Navn på tiltak:"]
    name_lines[0].add_run(" Helsefagkurs for deltakere")  # typed after the label
    interne = section_tables(document, "4.1 Sjekkliste – Forberedelse til å inngå avtale med arbeidsgiver")[0]
    row = row_with(interne, "Vi har god bransjekunnskap").cells
    type_into(row[1], "\u2612")  # the workshop says Nei: now ticked Ja as well
    path = tmp_path / "videre.docx"
    document.save(path)
    untouched = {k: v for k, v in store.load(workshop.id).cells.items() if k[:2] not in {("3.2", "plan"), ("3.2", "tiltak")}}

    result = run_cli("import", str(path), "--into", workshop.id)
    assert result.returncode == 0, result.stderr
    assert "både Ja og Nei er krysset av" in result.stdout
    after = store.load(workshop.id)
    (row_key,) = [r.key for r in after.rows_added("3.2", "plan")]
    assert after.cells[("3.2", "plan", row_key, "label")] == "Avtale hospitering på sykehjem"
    assert after.cells[("3.2", "tiltak", "navn", "verdi")] == "Helsefagkurs for deltakere"
    assert after.cells[("4.1", "interne", "r1", "svar")] == "nei"
    assert {k: v for k, v in after.cells.items() if k[:2] not in {("3.2", "plan"), ("3.2", "tiltak")}} == untouched
