"""NIR end codes → counts → shares, through ``intro-tui nir`` (three encodings), ``set``, and what shows.

The issue's case: 20 participants ended with "Avsluttet introprogram": 5 in
work > 29 t/uke, 3 in work < 30 t/uke, 2 in upper secondary school and 10 with
other codes → 25 %, 15 %, 10 %, and 50 % in work or education.
"""

from __future__ import annotations

import json

import pytest

from conftest import ok

AVSLUTTET = "Avsluttet introprogram"
CASE = ([(AVSLUTTET, "Arbeid > 29 t/uke")] * 5 + [(AVSLUTTET, "Arbeid < 30 t/uke")] * 3
        + [(AVSLUTTET, "Ordinær utdanning – videregående skole")] * 2
        + [(AVSLUTTET, "Ikke arbeidssøker")] * 4 + [(AVSLUTTET, "Arbeidssøker på lønnstilskudd")] * 6
        # leavers who did not end with "Avsluttet introprogram" are counted but are not in the denominator
        + [("Avbrutt introprogram", "Flyttet")] * 2 + [("Vedtak om permanent stans", "Helsemessige årsaker")])


def refused(result) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    return result.stderr


def participants_csv(rows, *, delimiter=";", dash="–", case=str) -> str:
    lines = [delimiter.join(["Løpenr", "Navn", "Status", "Begrunnelse"])]
    for i, (status, reason) in enumerate(rows, 1):
        lines.append(delimiter.join([str(i), f"Deltaker Ø{i}", case(status), reason.replace("–", dash)]))
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def plan(run_cli) -> str:
    return ok(run_cli("new", "virksomhetsplan", "--title", "Virksomhetsplan 2026", "--year", "2026")).splitlines()[-1]


def stored_counts(data_dir, workshop_id) -> dict:
    data = json.loads((data_dir / f"{workshop_id}.json").read_text(encoding="utf-8"))
    return {doc["r"]: doc["v"] for doc in data["cells"].values() if doc["s"] == "nir" and doc["b"] == "koder"}


def assert_case_shares(text: str) -> None:
    assert "% i arbeid, > 29 t/uke: 25 % (5 av 20)" in text
    assert "% i arbeid, < 30 t/uke: 15 % (3 av 20)" in text
    assert "% i utdanning, videregående skole: 10 % (2 av 20)" in text
    assert "Andel som går over i arbeid eller utdanning (arbeid og ordinær utdanning): 50 % (10 av 20), nasjonalt mål 65 %" in text


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", ";")])
def test_csv_in_three_encodings_gives_the_shares(run_cli, plan, tmp_path, data_dir, encoding, delimiter):
    path = tmp_path / "sluttet.csv"
    # Windows-1252 has no U+2013 in the Excel export here: a plain hyphen, and upper case, must match too
    dash = "-" if encoding == "cp1252" else "–"
    path.write_bytes(participants_csv(CASE, delimiter=delimiter, dash=dash,
                                      case=str.upper if encoding == "cp1252" else str).encode(encoding))
    out = ok(run_cli("nir", plan, str(path)))
    assert "Talte 23 deltakere" in out
    assert "ingen personopplysninger" in out
    assert "«Avsluttet introprogram»" in out
    assert_case_shares(out)
    counts = stored_counts(data_dir, plan)
    assert counts["avsluttet-arbeid-over-29"] == 5 and counts["avbrutt-flyttet"] == 2
    assert sum(counts.values()) == 23
    raw = (data_dir / f"{plan}.json").read_text(encoding="utf-8")
    assert "Deltaker" not in raw and "Løpenr" not in raw  # only the counts are kept
    shown = ok(run_cli("show", plan, "indikatorer"))
    assert "25 % (5 av 20)" in shown and "15 % (3 av 20)" in shown and "10 % (2 av 20)" in shown
    nir = ok(run_cli("show", plan, "nir"))
    assert "50 % (10 av 20)" in nir and "65 %" in nir


def test_counts_through_set_give_the_same_shares(run_cli, plan):
    # rows of the nir section by number: 1 is the "Vedtak om permanent stans" heading
    section = ok(run_cli("show", plan, "nir"))
    assert "Arbeid > 29 t/uke" in section
    numbers = {"avsluttet-arbeid-over-29": 10, "avsluttet-arbeid-under-30": 11, "avsluttet-vgs": 12,
               "avsluttet-ikke-arbeidssoker": 17}
    for key, count in (("avsluttet-arbeid-over-29", 5), ("avsluttet-arbeid-under-30", 3), ("avsluttet-vgs", 2),
                       ("avsluttet-ikke-arbeidssoker", 10)):
        ok(run_cli("set", plan, "nir", str(numbers[key]), "Antall", str(count)))
    shown = ok(run_cli("show", plan, "indikatorer"))
    assert "25 % (5 av 20)" in shown and "15 % (3 av 20)" in shown and "10 % (2 av 20)" in shown
    assert "50 % (10 av 20)" in ok(run_cli("show", plan, "nir"))


@pytest.mark.parametrize("value", ["-1", "2,5", "mange", "1.5"])
def test_count_must_be_a_whole_number(run_cli, plan, value):
    error = refused(run_cli("set", plan, "nir", "10", "Antall", value))
    assert "helt tall" in error or "ikke et tall" in error


def test_typed_result_wins_and_both_show(run_cli, plan, tmp_path):
    path = tmp_path / "sluttet.csv"
    path.write_text(participants_csv(CASE), encoding="utf-8")
    ok(run_cli("nir", plan, str(path)))
    ok(run_cli("set", plan, "indikatorer", "% i arbeid, > 29 t/uke", "Mål", "30"))
    shown = ok(run_cli("show", plan, "indikatorer"))
    assert "−5 pp" in shown and "ikke nådd" in shown  # computed 25 % against 30 %
    ok(run_cli("set", plan, "indikatorer", "% i arbeid, > 29 t/uke", "Resultat", "32"))
    shown = ok(run_cli("show", plan, "indikatorer"))
    assert "32 %" in shown and "25 % (5 av 20)" in shown  # typed and computed side by side
    assert "+2 pp" in shown and "nådd" in shown


@pytest.mark.parametrize("name, content, why", [
    ("liste.xlsx", b"PK\x03\x04rest", "ikke en CSV-fil"),
    ("tom.csv", b"", "tom"),
    ("bare-overskrift.csv", b"status;begrunnelse\r\n", "ingen deltakere"),
    ("feil-kolonner.csv", "navn;sluttårsak\r\nA;Arbeid\r\n".encode(), "mangler kolonnen status og begrunnelse"),
    ("ukjent-kode.csv", f"status;begrunnelse\n{AVSLUTTET};Arbeid > 29 t/uke\n{AVSLUTTET};Pensjon\n".encode(),
     "linje 3: ukjent begrunnelse «Pensjon»"),
    ("ukjent-status.csv", "status;begrunnelse\nFerdig;Arbeid > 29 t/uke\n".encode(), "linje 2: ukjent status «Ferdig»"),
])
def test_bad_files_change_nothing(run_cli, plan, tmp_path, data_dir, name, content, why):
    ok(run_cli("set", plan, "nir", "10", "Antall", "7"))
    before = (data_dir / f"{plan}.json").read_bytes()
    path = tmp_path / name
    path.write_bytes(content)
    error = refused(run_cli("nir", plan, str(path)))
    assert why in error and name in error
    assert (data_dir / f"{plan}.json").read_bytes() == before


def test_nir_of_a_fifo_or_missing_file_is_refused(run_cli, plan, tmp_path):
    import os

    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    assert "ikke en vanlig fil" in refused(run_cli("nir", plan, str(fifo), timeout=20))
    assert "finnes ikke" in refused(run_cli("nir", plan, str(tmp_path / "nei.csv")))


def test_malindikatorer_rows_the_codes_determine(run_cli, tmp_path):
    wid = ok(run_cli("new", "malindikatorer", "--title", "Indikatorer 2026")).splitlines()[-1]
    path = tmp_path / "sluttet.csv"
    path.write_text(participants_csv(CASE), encoding="utf-8-sig")
    out = ok(run_cli("nir", wid, str(path)))
    assert "Andel deltakere som har gått over i arbeid: 40 % (8 av 20)" in out  # both kinds of work
    assert "Andel deltakere som har gått over i videregående opplæring: 10 % (2 av 20)" in out
    assert "Andel deltakere som har gått over i arbeid og videregående opplæring: 50 % (10 av 20)" in out
    assert "Andel deltakere som har gått over på lønnstilskudd: 30 % (6 av 20)" in out
    assert "spor 1" not in out and "grunnskoleopplæring" not in out  # not given by the codes


def test_nir_needs_a_template_with_the_code_table(run_cli, tmp_path):
    wid = ok(run_cli("new", "arbeidsrettet-lop", "--title", "Arbeidsmøte")).splitlines()[-1]
    path = tmp_path / "sluttet.csv"
    path.write_text(participants_csv(CASE), encoding="utf-8")
    assert "har ingen NIR-kodetabell" in refused(run_cli("nir", wid, str(path)))
