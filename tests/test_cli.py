"""The command line as a user (or a script) calls it: real subprocesses, real files.

The contract under test: ``new`` prints the id last, ``add-row`` prints the row
number, ``export`` prints the path last, ``import`` prints the new ids and never
overwrites; every error is one ``intro-tui: feil: …`` line on stderr with exit
code 2, no traceback, and no file in the data folder changed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli_env, fails, ok

ARB = "arbeidsrettet-lop"
IND = "malindikatorer"


# -- helpers ---------------------------------------------------------------------


def last_line(result) -> str:
    return ok(result).strip().splitlines()[-1]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` (lock files aside) with its bytes and mtime."""
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file() and ".locks" not in p.parts
    }


def block_rows(document: dict, section_id: str, block_id: str) -> list[dict]:
    section = next(s for s in document["sections"] if s["id"] == section_id)
    return next(b for b in section["blocks"] if b["id"] == block_id)["rows"]


def export_json(run, workshop_id: str, cwd: Path) -> dict:
    path = cwd / last_line(run("export", workshop_id, "--format", "json"))
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def new(run_cli):
    def make(template: str, title: str, *extra: str) -> str:
        return last_line(run_cli("new", template, "--title", title, *extra))

    return make


# -- the round trip ----------------------------------------------------------------


def test_round_trip_new_set_export_import_show(run_cli, new, tmp_path):
    wid = new(ARB, "Bærum 2026", "--kommune", "Bærum", "--year", "2026", "--unit", "NAV", "--unit", "Voksenopplæring")
    assert wid == "baerum-2026"

    # checklist Ja/Nei: "x" in the Ja column, "nei" in the Nei column by its number (3)
    assert "ja" in ok(run_cli("set", wid, "4.1", "1", "Ja", "x"))
    assert "nei" in ok(run_cli("set", wid, "4.1", "2", "3", "nei"))
    # row by label, column by number
    ok(run_cli("set", wid, "4.1", "Vi har god bransjekunnskap", "4", "Mer kontakt med NHO"))
    # row by number, column by header text; the writable label of a "skriv inn" row
    ok(run_cli("set", wid, "4.1", "2", "Forslag til endring/forbedring/ny praksis", "Spør oftere"))
    ok(run_cli("set", wid, "4.1", "6", "1", "Språkkurs på arbeidsplassen"))
    # role table: row by label, header written without its hyphen
    ok(run_cli("set", wid, "1.3", "Vurdere muligheter i arbeidsmarkedet for deltakerne", "Hovedansvarlig", "NAV"))

    mid = new(IND, "Mål 2026")
    ok(run_cli("set", mid, "underveis", "1", "Mål", "65 %"))
    ok(run_cli("set", mid, "underveis", "1", "Resultat", "65,5"))
    ok(run_cli("set", mid, "underveis", "15", "Mål", "12"))  # an "Antall" row

    document = export_json(run_cli, wid, tmp_path)
    interne = block_rows(document, "4.1", "interne")
    assert interne[0]["cells"] == {"svar": "ja", "forslag": "Mer kontakt med NHO"}
    assert interne[1]["cells"] == {"svar": "nei", "forslag": "Spør oftere"}
    assert interne[5]["cells"]["label"] == "Språkkurs på arbeidsplassen"
    assert block_rows(document, "1.3", "roller")[1]["cells"]["hovedansvarlig"] == "NAV"

    indicators = export_json(run_cli, mid, tmp_path)
    rows = block_rows(indicators, "underveis", "indikatorer")
    first, count = rows[0], rows[14]
    assert first["cells"] == {"mal": 65, "nedre": None, "resultat": 65.5}  # nedre: the optional limit
    assert count["cells"] == {"mal": 12, "nedre": None, "resultat": None}

    # import: the ids clash with the stored ones, so each gets a new one; both listed
    exports = tmp_path / "exports"
    imported = ok(run_cli("import", str(exports / f"{wid}.json"), str(exports / f"{mid}.json"))).split()
    assert len(imported) == 2 and wid not in imported and mid not in imported
    listing = ok(run_cli("list"))
    for workshop_id in (wid, mid, *imported):
        assert workshop_id in listing

    # the imported copies hold exactly what was exported
    again = export_json(run_cli, imported[0], tmp_path)
    assert again["sections"] == document["sections"]
    assert again["title"] == "Bærum 2026" and again["kommune"] == "Bærum" and again["year"] == 2026
    assert again["units"] == ["NAV", "Voksenopplæring"]
    assert export_json(run_cli, imported[1], tmp_path)["sections"] == indicators["sections"]

    shown = ok(run_cli("show", imported[0], "4.1"))
    for text in ("☒", "Mer kontakt med NHO", "Spør oftere", "Språkkurs på arbeidsplassen"):
        assert text in shown
    shown = ok(run_cli("show", imported[1], "underveis"))
    for text in ("65 %", "65,5 %", "+0,5 pp", "12"):
        assert text in shown


def test_yes_no_third_state_and_clearing(run_cli, new, tmp_path):
    wid = new(ARB, "Ja nei")
    ok(run_cli("set", wid, "4.1", "1", "Ja", "x"))
    ok(run_cli("set", wid, "4.1", "1", "Nei", "x"))
    assert block_rows(export_json(run_cli, wid, tmp_path), "4.1", "interne")[0]["cells"]["svar"] == "nei"
    ok(run_cli("set", wid, "4.1", "1", "Ja", ""))  # back to "not answered"
    assert block_rows(export_json(run_cli, wid, tmp_path), "4.1", "interne")[0]["cells"]["svar"] is None


def test_add_row_prints_its_number_and_show_lists_it(run_cli, new, tmp_path):
    wid = new(ARB, "Rader")
    assert last_line(run_cli("add-row", wid, "1.1", "Helse og omsorg", "NAV, kommunen")) == "1"
    assert last_line(run_cli("add-row", wid, "1.1", "Bygg og anlegg")) == "2"
    # 4.1 has two tables of 8 rows: a row added to the second one is number 17
    assert last_line(run_cli("add-row", wid, "4.1", "Vi avklarer arbeidstid", "--table", "samarbeid")) == "17"
    shown = ok(run_cli("show", wid, "1.1"))
    assert "Helse og omsorg" in shown and "NAV, kommunen" in shown and "Bygg og anlegg" in shown
    assert "Vi avklarer arbeidstid" in ok(run_cli("show", wid, "4.1"))
    # the added row is addressable by number and by its label
    ok(run_cli("set", wid, "1.1", "Bygg og anlegg", "2", "Byggmesterforbundet"))
    rows = block_rows(export_json(run_cli, wid, tmp_path), "1.1", "behov")
    assert [r["cells"] for r in rows] == [
        {"label": "Helse og omsorg", "kilder": "NAV, kommunen"},
        {"label": "Bygg og anlegg", "kilder": "Byggmesterforbundet"},
    ]


@pytest.mark.slow
def test_data_dir_from_environment(tmp_path, data_dir, new):
    wid = new(IND, "Fra miljøet")
    other = tmp_path / "elsewhere"
    other.mkdir()
    result = subprocess.run([sys.executable, "-m", "intro_tui", "list"], cwd=other, capture_output=True, text=True,
                            env=cli_env(INTRO_TUI_DATA=str(data_dir)), encoding="utf-8", timeout=60)
    assert wid in ok(result)
    assert not (other / "data").exists()


def test_delete(run_cli, new, data_dir):
    wid = new(IND, "Skal bort")
    keep = new(IND, "Blir")
    assert "Slettet" in ok(run_cli("delete", wid))
    assert not (data_dir / f"{wid}.json").exists()
    listing = ok(run_cli("list"))
    assert wid not in listing and keep in listing
    assert "fant ikke verkstedet" in fails(run_cli("show", wid))
    assert "fant ikke verkstedet" in fails(run_cli("delete", wid))


# -- errors: one line, exit 2, nothing changed --------------------------------------------


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, cli_runner):
    """One data folder with a Rambøll workshop and an indicator workshop, for the error cases."""
    cwd = tmp_path_factory.mktemp("errors")
    data = cwd / "data"

    def run(*args):
        return cli_runner(data, cwd, *args)

    wid = last_line(run("new", ARB, "--title", "Feil"))
    mid = last_line(run("new", IND, "--title", "Indikatorer"))
    ok(run("set", wid, "4.1", "1", "Ja", "x"))
    ok(run("set", mid, "underveis", "1", "Mål", "50"))
    export = cwd / last_line(run("export", mid, "--format", "json"))
    files = cwd / "files"
    files.mkdir()
    (files / "broken.json").write_bytes(export.read_bytes()[:200])
    (files / "foreign.json").write_text('{"name": "noe annet", "items": [1, 2]}', encoding="utf-8")
    (files / "newer.json").write_text(export.read_text(encoding="utf-8").replace('"schema": 1', '"schema": 99', 1),
                                      encoding="utf-8")
    (files / "handout.md").write_text("# Ikke JSON\n", encoding="utf-8")
    (files / "good.json").write_bytes(export.read_bytes())
    (files / "database.json").write_bytes((data / f"{mid}.json").read_bytes())  # our db file, not an export
    return {"run": run, "data": data, "files": files, "W": wid, "M": mid}


ERRORS = [
    # (arguments with W = Rambøll workshop, M = indicator workshop, F/ = the files folder), expected words
    (["set", "ingen-slik", "4.1", "1", "Ja", "x"], "fant ikke verkstedet"),
    (["show", "ingen-slik"], "fant ikke verkstedet"),
    (["export", "ingen-slik"], "fant ikke verkstedet"),
    (["add-row", "ingen-slik", "1.1", "x"], "fant ikke verkstedet"),
    (["show", "../../etc/passwd"], "fant ikke verkstedet"),
    (["set", "W", "9.9", "1", "Ja", "x"], "ukjent seksjon"),
    (["show", "W", "9.9"], "ukjent seksjon"),
    (["set", "W", "4.1", "99", "Ja", "x"], "rad 99 finnes ikke"),
    (["set", "W", "4.1", "0", "Ja", "x"], "rad 0 finnes ikke"),
    (["set", "W", "4.1", "Ingen slik rad", "Ja", "x"], "ingen rad heter"),
    (["set", "W", "4.1", "andre ting vi tilbyr", "Ja", "x"], "flere rader heter"),
    (["set", "W", "4.1", "1", "Ingen kolonne", "x"], "ingen kolonne heter"),
    (["set", "W", "4.1", "1", "9", "x"], "kolonne 9 finnes ikke"),
    (["set", "W", "4.1", "1", "Ja", "kanskje"], "er ikke ja eller nei"),
    (["set", "W", "4.1", "1", "1", "Ny tekst"], "kommer fra malen"),
    (["set", "W", "4.1", "3", "Ja", "x"], "overskrift"),
    (["set", "M", "underveis", "1", "Mål", "120"], "mellom 0 og 100"),
    (["set", "M", "underveis", "1", "Mål", "-5 %"], "mellom 0 og 100"),
    (["set", "M", "underveis", "1", "Mål", "mye"], "ikke et tall"),
    (["set", "M", "underveis", "1", "Mål", "😀"], "ikke et tall"),
    (["set", "M", "underveis", "15", "Mål", "-1"], "helt tall"),
    (["set", "M", "underveis", "15", "Mål", "2.5"], "helt tall"),
    (["set", "M", "underveis", "15", "Mål", "2,5"], "helt tall"),
    (["set", "M", "underveis", "16", "Mål", "1"], "overskrift"),
    (["set", "W", "2.2", "2", "2", "x" * 100_001], "for lang"),
    (["add-row", "W", "2.2", "x"], "tar ikke flere rader"),
    (["add-row", "W", "3.1"], "tar ikke flere rader"),
    (["add-row", "W", "1.4", "1", "2", "3", "4", "5", "6", "7"], "for mange verdier"),  # the kjøreplan's agenda
    (["add-row", "W", "4.1", "x"], "velg med --table"),
    (["add-row", "W", "1.1", "a", "b", "c"], "for mange verdier"),
    (["new", "ingen-mal", "--title", "x"], "ukjent mal"),
    (["new", IND], "--title"),
    (["new", IND, "--title", "x", "--year", "neste år"], "årstall"),
    (["export", "W", "--section", "9.9"], "ukjent seksjon"),
    (["import", "F/broken.json"], "ugyldig JSON"),
    (["import", "F/foreign.json"], "ikke en intro-tui-eksport"),
    (["import", "F/database.json"], "ikke en intro-tui-eksport"),
    (["import", "F/newer.json"], "nyere versjon"),
    (["import", "F/handout.md"], "ugyldig JSON"),
    (["import", "F/finnes-ikke.json"], "finnes ikke"),
    (["import", "F/good.json", "F/broken.json"], "broken.json"),  # a bad file: nothing imported
    (["delete", "ingen-slik"], "fant ikke verkstedet"),
    (["ingen-kommando"], "intro-tui --help"),
    (["set", "W", "4.1"], "intro-tui --help"),
    # what the user typed is quoted, but stays one line without escapes
    (["set", "W", "ny\nlinje\x1b[31m", "1", "1", "x"], "ukjent seksjon"),
    (["set", "W", "4.1", "rad\tmed\ttab", "1", "x"], "ingen rad heter"),
]


@pytest.mark.parametrize("args, words", ERRORS, ids=[" ".join(a)[:40] for a, _ in ERRORS])
def test_error_is_one_line_exit_2_and_changes_nothing(seeded, args, words):
    args = [seeded[a] if a in ("W", "M") else a.replace("F/", f"{seeded['files']}/") for a in args]
    before = snapshot(seeded["data"])
    line = fails(seeded["run"](*args))
    assert words in line
    assert snapshot(seeded["data"]) == before


def test_error_names_the_file_that_cannot_be_read(seeded):
    line = fails(seeded["run"]("import", str(seeded["files"] / "good.json"), str(seeded["files"] / "newer.json")))
    assert "newer.json" in line


# -- odd characters ------------------------------------------------------------------


ODD = {
    "markup": "[@click=app.quit]x[/]",
    "open": "[/",
    "bold": "[bold red]rødt[/bold red] og [link=https://x]lenke[/link]",
    "emoji": "Bra 👍🏽 – «ærlig» 🇳🇴 ẞ",
    "lines": "linje 1\nlinje 2\tmed tab",
}


def test_odd_characters_are_kept_literally(run_cli, new, tmp_path):
    wid = new(ARB, "Rare tegn")
    for number, text in enumerate(ODD.values(), start=2):
        ok(run_cli("set", wid, "2.2", str(number), "Hva er situasjonen?", text))
    ok(run_cli("set", wid, "2.2", "1", "2", "a\x01b\x1b[31mc\x7fd\u0085e"))  # controls stripped, rest kept
    long_value = ("Tiltak æøå " * 1000)[:10_000]
    ok(run_cli("set", wid, "2.2", "7", "3", long_value))

    document = export_json(run_cli, wid, tmp_path)
    rows = block_rows(document, "2.2", "vurdering")
    assert [row["cells"]["situasjon"] for row in rows[:5]] == list(ODD.values())
    assert block_rows(document, "2.2", "bransje")[0]["cells"]["verdi"] == "ab[31mcde"
    assert len(long_value) == 10_000
    assert rows[5]["cells"]["bedres"] == long_value

    shown = ok(run_cli("show", wid, "2.2"))
    assert "\x1b" not in shown
    assert "[@click=app.quit]x[/]" in shown
    assert "👍🏽" in shown

    markdown = (tmp_path / last_line(run_cli("export", wid, "--format", "md"))).read_text(encoding="utf-8")
    assert "\x1b" not in markdown and "👍🏽" in markdown


def test_odd_title_gives_a_safe_id_and_export_path(run_cli, new, tmp_path, data_dir):
    wid = new(IND, "../../x")
    assert "/" not in wid and ".." not in wid
    assert (data_dir / f"{wid}.json").is_file()
    path = (tmp_path / last_line(run_cli("export", wid, "--format", "md"))).resolve()
    assert path.parent == (tmp_path / "exports").resolve()
    assert export_json(run_cli, wid, tmp_path)["title"] == "../../x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "exports"]

    # markup in a title stays text; an emoji-only title still gets an id
    wid2 = new(IND, "[b]🎉[/b]")
    assert wid2 and (data_dir / f"{wid2}.json").is_file()
    assert "[b]🎉[/b]" in ok(run_cli("list"))


@pytest.mark.parametrize("args, words", [
    (["set"], "mangler: ID, SEKSJON"),
    (["frobnicate"], "ugyldig valg"),
    (["list", "--bogus"], "ukjente argumenter"),
])
def test_usage_errors_are_one_norwegian_line(run_cli, args, words):
    result = run_cli(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("intro-tui: feil:") and words in lines[0]


def test_help_is_norwegian(run_cli):
    result = run_cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("bruk: intro-tui") and "vis denne hjelpen" in result.stdout


def test_change_log_exports_as_csv(run_cli, tmp_path):
    import csv

    wid = run_cli("new", "arbeidsrettet-lop", "--title", "Logg").stdout.strip().splitlines()[-1]
    assert run_cli("set", wid, "1.3", "1", "5", "=HYPERLINK(\"x\")").returncode == 0
    assert run_cli("set", wid, "1.3", "1", "5", "januar").returncode == 0
    result = run_cli("log", wid, "--format", "csv", "-o", "logg.csv")
    assert result.returncode == 0 and result.stdout.strip().endswith("logg.csv")
    rows = list(csv.reader((tmp_path / "logg.csv").open(encoding="utf-8-sig"), delimiter=";"))
    assert rows[0][:3] == ["Tidspunkt", "Hvem", "Handling"]
    sets = [r for r in rows[1:] if r[2] == "satt"]
    assert [(r[1], r[3][:4], r[6], r[7], r[8]) for r in sets] == [
        ("test", "1.3 ", "Når/hvor ofte", "", "'=HYPERLINK(\"x\")"),  # no formula reaches a spreadsheet
        ("test", "1.3 ", "Når/hvor ofte", "'=HYPERLINK(\"x\")", "januar"),
    ]
    jsonl = run_cli("log", wid)
    assert [json.loads(line)["op"] for line in jsonl.stdout.splitlines()] == ["create", "set", "set"]
