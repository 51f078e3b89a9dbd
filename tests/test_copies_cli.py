"""Copies from the command line (issue 20): add-copy prints the address; set/show/export take a copy by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import fails, ok

from intro_tui.core.model import copies
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import copies as store_copies

ARB = "arbeidsrettet-lop"
FIXTURE = Path(__file__).parent / "fixtures" / "workshop-schema1.json"


@pytest.fixture(scope="module")
def three_folder(tmp_path_factory, cli_runner) -> Path:
    """A workshop with 2.2 for three trades and 2.3 for two tiltak, made through the CLI once per module
    (eleven CLI runs, a second of CPU each); each test gets its own copy of the folder (``three``)."""
    cwd = tmp_path_factory.mktemp("three")
    data = cwd / "data"

    def run_cli(*args: str):
        return cli_runner(data, cwd, *args)

    ok(run_cli("new", ARB, "--title", "Tre bransjer"))
    ok(run_cli("set", "tre-bransjer", "2.2", "1", "2", "Renhold"))
    assert ok(run_cli("add-copy", "tre-bransjer", "2.2", "Helse og omsorg")).strip() == "2.2#2"
    assert ok(run_cli("ny-kopi", "tre-bransjer", "2.2", "Bygg og anlegg")).strip() == "2.2#3"
    ok(run_cli("set", "tre-bransjer", "2.3", "Navn på tiltak", "2", "Renholdskurs"))
    assert ok(run_cli("add-copy", "tre-bransjer", "2.3", "Helsefagkurs")).strip() == "2.3#2"
    for spec, value in (("2.2 renhold", "ISS"), ("2.2 Helse", "Sykehjem"), ("2.2 bygg og", "Veidekke")):
        ok(run_cli("set", "tre-bransjer", spec, "Aktuelle arbeidsgivere", "2", value))
    ok(run_cli("set", "tre-bransjer", "2.3 Helsefagkurs", "Yrke/bransje", "2", "Helse og omsorg"))
    return data


@pytest.fixture
def three(three_folder, data_dir, run_cli) -> str:
    """The workshop's id, in this test's own data folder (a copy of the one made once)."""
    shutil.copytree(three_folder, data_dir, symlinks=True, dirs_exist_ok=True)
    return "tre-bransjer"


def test_set_show_and_export_reach_each_copy(run_cli, three, tmp_path):
    shown = ok(run_cli("show", three, "2.2 Helse"))
    assert "– Helse og omsorg ==" in shown and "Sykehjem" in shown and "ISS" not in shown
    every = ok(run_cli("show", three, "2.2"))
    assert [line.rsplit("– ", 1)[1] for line in every.splitlines() if line.startswith("== ")] == [
        "Renhold ==", "Helse og omsorg ==", "Bygg og anlegg =="]
    whole = ok(run_cli("export", three, "--format", "md", "-o", "-"))
    tool = next(line for line in whole.splitlines() if line.startswith("- 2.2 Mal for vurdering"))
    assert tool.endswith("(Renhold, Helse og omsorg, Bygg og anlegg)")  # the Verktøy line names the copies
    md = ok(run_cli("export", three, "--section", "2.2 bygg", "--format", "md", "-o", "-"))
    assert "– Bygg og anlegg" in md and "Veidekke" in md and "Sykehjem" not in md
    path = Path(ok(run_cli("export", three, "--format", "json")).strip().splitlines()[-1])
    document = json.loads((tmp_path / path if not path.is_absolute() else path).read_text())
    names = [(s["id"], s.get("name")) for s in document["sections"] if s.get("copy_of") in ("2.2", "2.3")]
    assert names == [("2.2", "Renhold"), ("2.2#2", "Helse og omsorg"), ("2.2#3", "Bygg og anlegg"),
                     ("2.3", "Renholdskurs"), ("2.3#2", "Helsefagkurs")]
    listing = ok(run_cli("copies", three, "2.2"))
    assert listing.splitlines() == ["2.2\tRenhold", "2.2#2\tHelse og omsorg", "2.2#3\tBygg og anlegg"]


def test_unknown_and_ambiguous_copies_are_refused_with_the_list(run_cli, three):
    fails(run_cli("set", three, "2.2 Snekker", "1", "2", "x"), "ingen kopi", "«Helse og omsorg» (2.2#2)")
    ok(run_cli("add-copy", three, "2.2", "Helse privat"))
    fails(run_cli("show", three, "2.2 helse"), "passer flere kopier", "«Helse privat»")
    fails(run_cli("export", three, "--section", "2.2#9"), "ingen kopi")


@pytest.mark.parametrize("name, words", [
    ("", "tomt"), ("x" * 10_000, "for langt"), ("Bygg\x1b[31m", "kontrolltegn"), ("RENHOLD", "har allerede"),
])
def test_bad_copy_names_get_one_line(run_cli, three, data_dir, name, words):
    before = (data_dir / f"{three}.json").read_bytes()
    fails(run_cli("add-copy", three, "2.2", name), words)
    assert (data_dir / f"{three}.json").read_bytes() == before


def test_rename_and_remove_copies(run_cli, three):
    assert ok(run_cli("rename-copy", three, "2.2 bygg", "Bygg")).strip() == "2.2#3"
    assert "– Bygg ==" in ok(run_cli("show", three, "2.2#3"))
    fails(run_cli("nytt-navn", three, "2.2 bygg", "Renhold"), "har allerede")
    assert ok(run_cli("remove-copy", three, "2.2 Helse")).strip() == "2.2#2"
    assert ok(run_cli("copies", three, "2.2")).splitlines() == ["2.2\tRenhold", "2.2#3\tBygg"]
    fails(run_cli("fjern-kopi", three, "2.2"), "første kopien")


def test_a_thousand_copies_stop_at_the_limit(run_cli, store):
    workshop = store.create(Workshop(id="mange", title="Mange", template=ARB))
    for n in range(copies.MAX_COPIES - 1):
        store_copies.add_copy(store, workshop.id, "2.2", f"Bransje {n}")
    fails(run_cli("add-copy", workshop.id, "2.2", "Bransje 1000"), f"høyst {copies.MAX_COPIES}")
    assert "Bransje 7" in ok(run_cli("show", workshop.id, "2.2 Bransje 7"))


def test_blank_handout_prints_n_copies(run_cli, three):
    md = ok(run_cli("export", three, "--blank", "--copies", "3", "--format", "md", "-o", "-"))
    assert sum(1 for line in md.splitlines() if line.startswith("### 2.2 ")) == 3
    assert "Renhold" not in md and "– kopi 3" in md
    one = ok(run_cli("export", three, "--blank", "--format", "md", "-o", "-"))
    assert sum(1 for line in one.splitlines() if line.startswith("### 2.2 ")) == 1
    fails(run_cli("export", three, "--blank", "--copies", "1000", "--format", "md", "-o", "-"), "--copies")


def test_a_file_from_main_loads_shows_exports_and_edits(run_cli, data_dir):
    shutil.copy(FIXTURE, data_dir / "arbeidsmote-gammel-fil.json")
    wid = "arbeidsmote-gammel-fil"
    shown = ok(run_cli("show", wid, "2.2"))
    assert "== 2.2 Vurdering av tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen ==" in shown
    assert "ISS, Coor" in shown
    assert "Renholdskurs" in ok(run_cli("export", wid, "--format", "md", "-o", "-"))
    ok(run_cli("set", wid, "2.2 Renhold", "Krav fra arbeidsgivere", "2", "Norsk B1"))
    assert "Norsk B1" in ok(run_cli("show", wid, "2.2"))
    assert json.loads((data_dir / f"{wid}.json").read_text())["workshop"]["1"]["schema"] == 1
