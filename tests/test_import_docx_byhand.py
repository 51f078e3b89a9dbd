"""The original templates typed from the seeds and filled by hand: every typed value in its cell, or listed.

Value by value: the import's landings must be exactly the values typed (none
missing, none anywhere else), and every text that has no place in the
template must be listed by its text under "uten plass".
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import docx_byhand as byhand
import pytest

from intro_tui.core.model.catalog import load_catalog
from intro_tui.export.docx_reader import describe, plan_docx
from intro_tui.export.docx_reader.keys import key


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return load_catalog(tmp_path_factory.mktemp("data"))


def _row_key(block, label) -> str:
    if isinstance(label, tuple):  # (status, code): the code under its status
        status, code = label
        under = False
        for row in block.rows:
            if row.group:
                under = key(row.label) == key(status)
            elif under and key(row.label) == key(code):
                return row.key
        raise AssertionError(f"no code {label!r}")
    wanted = key(label)
    for row in block.rows:
        have = key(row.label)
        if have and (have.startswith(wanted) or wanted.startswith(have)):
            return row.key
    raise AssertionError(f"no row {label!r} in {block.id}")


def expected(template, filled: byhand.Filled) -> dict:
    out = {}
    for (section, block, label, column), value in filled.values.items():
        block_ = template.section(section).block(block)
        out[(section, block, _row_key(block_, label), column)] = value
    return out


def check(plan, filled: byhand.Filled) -> None:
    """Every typed value in its cell, nothing elsewhere, every leftover listed by its text."""
    lines = "\n".join(describe(plan))
    got = {x.address: x.new for x in list(plan.lands) + list(plan.conflicts)}
    want = expected(plan.template, filled)
    missing = {a: v for a, v in want.items() if got.get(a) != v}
    elsewhere = {a: v for a, v in got.items() if a not in want}
    assert not missing and not elsewhere, f"missing {missing}\nelsewhere {elsewhere}\n{lines}"
    assert not plan.new_rows, lines
    listed = " ".join(f"{u.text} {u.where} {u.reason}" for u in plan.unplaced)
    for text in filled.leftovers:
        assert text in listed, f"{text!r} not listed\n{lines}"
    for name, value in filled.cover.items():
        assert plan.cover.get(name) == value, (plan.cover, lines)


def _plan(catalog, filled: byhand.Filled, data: bytes | None = None):
    plan, _ = plan_docx(data or filled.data(), "byhand.docx", catalog)
    return plan


@pytest.mark.parametrize("header_again", [True, False])
@pytest.mark.parametrize("cut,breaker", [(2, "page"), (1, "empty"), (3, "none"), (4, "page")])
def test_a_table_cut_at_a_page_break_is_one_table(catalog, header_again, cut, breaker):
    filled = byhand.ramboll_split(header_again=header_again, cut=cut, breaker=breaker)
    plan = _plan(catalog, filled)
    assert plan.template.id == "arbeidsrettet-lop"
    check(plan, filled)


@pytest.mark.parametrize("year_line", ["År: 2026", "År 2026", "År: (sett inn) 2026", "År:\t2026"])
def test_the_imdi_form_as_one_table_reads_each_block(catalog, year_line):
    filled = byhand.imdi_one_table(year_line)
    plan = _plan(catalog, filled)
    assert plan.template.id == "malindikatorer"
    check(plan, filled)
    assert not plan.unplaced, "\n".join(describe(plan))  # no header word, no hint is a value


@pytest.mark.parametrize("spelling", [0, 1, 2])
def test_fields_typed_the_ordinary_ways(catalog, spelling):
    filled = byhand.ramboll_fields(spelling)
    check(_plan(catalog, filled), filled)


@pytest.mark.parametrize("note", ["Notat fra møtet: NAV sjekker med arbeidsgiverne innen fredag.",
                                  "Kommentar: Voksenopplæringen vil delta neste gang."])
def test_a_merged_cell_fills_every_row_and_a_note_is_listed(catalog, note):
    filled = byhand.ramboll_merged_and_notes(note)
    check(_plan(catalog, filled), filled)


LONG_NOTE = ("Notat fra møtet: " + " ".join(f"Punkt {n}: NAV sjekker med arbeidsgiverne i bransjen innen fredag og "
                                            f"melder tilbake til Voksenopplæringen." for n in range(1, 7)))


@pytest.mark.parametrize("note", [LONG_NOTE, "Kommentar:\nNAV kaller inn til nytt møte.\nVO sender referat."])
def test_a_long_or_broken_note_is_listed_whole(catalog, note):
    """No text disappears between the document and the list: a 500-character note, or one over several lines, whole."""
    filled = byhand.ramboll_merged_and_notes(note)
    filled.leftovers[:] = [" ".join(text.split()) for text in filled.leftovers]  # listed on one line
    plan = _plan(catalog, filled)
    check(plan, filled)
    listed = " ".join(u.text for u in plan.unplaced)
    assert " ".join(note.split(":", 1)[1].split()) in " ".join(listed.split()), listed


def test_long_texts_in_a_box_or_a_table_of_ones_own_are_listed_whole(catalog):
    filled = byhand.ramboll_long_leftovers()
    plan = _plan(catalog, filled)
    check(plan, filled)
    lines = "\n".join(describe(plan))  # the dry run's list says it whole too
    for text in filled.leftovers:
        assert text in lines, lines


@pytest.mark.parametrize("spelling", [0, 1, 2])
def test_the_booklet_questions_nir_counts_and_shares(catalog, spelling):
    filled = byhand.booklet(spelling)
    plan = _plan(catalog, filled)
    assert plan.template.id == "virksomhetsplan"
    check(plan, filled)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_the_same_documents_saved_again_by_libreoffice(catalog, tmp_path: Path):
    for n, filled in enumerate([byhand.ramboll_split(header_again=True, cut=2), byhand.imdi_one_table("År: 2026"),
                                byhand.booklet(0), byhand.ramboll_merged_and_notes("Kommentar: Ring NAV.")]):
        folder = tmp_path / str(n)
        folder.mkdir()
        check(_plan(catalog, filled, byhand.libreoffice_copy(filled.data(), folder)), filled)


def test_the_dry_run_lists_every_leftover_the_uncertain_table_and_each_section(catalog, run_cli, tmp_path):
    """The dry run prints what the summary counts: placed, conflicts, and each text without a place, by its text."""
    filled = byhand.ramboll_merged_and_notes("Notat fra møtet: NAV sjekker med arbeidsgiverne innen fredag.")
    document: Any = filled.document
    document.add_paragraph(byhand.H13.replace("1.3", "1.3"))  # the 2.4 table typed under 1.3's heading again
    byhand.add_table(document, byhand.ramboll_table(byhand.H24))
    path = tmp_path / "notat.docx"
    document.save(path)  # type: ignore[attr-defined]
    result = run_cli("import", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "NAV sjekker med arbeidsgiverne innen fredag." in out and "notat" in out
    assert "usikker" in out and "2.4" in out, out
    assert "· 1.3: lest 4 verdier" in out, out
    applied = run_cli("import", str(path))
    assert "uten plass (listet ovenfor)" in applied.stdout, applied.stdout
