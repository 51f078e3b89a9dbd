"""``intro-tui gruppe``: the groups of a working meeting from the command line (issue 21)."""

from __future__ import annotations

import json

from conftest import fails, ok

from intro_tui.core.store import changelog

ARB = "arbeidsrettet-lop"


def test_make_join_split_and_take_from_the_command_line(run_cli, data_dir):
    ok(run_cli("new", ARB, "--title", "Møte"))
    ok(run_cli("set", "mote", "2.2", "1", "2", "Renhold"))
    assert ok(run_cli("gruppe", "mote", "ny", "Gruppe 1 – Renhold", "--seksjon", "2.2 renhold")).split() == ["g1", "2.2"]
    assert ok(run_cli("gruppe", "mote", "ny", "Gruppe 2", "--seksjon", "1.3", "--utkast")).split() == ["g2", "1.3~g2"]
    ok(run_cli("gruppe", "mote", "med", "1", "Kari"))
    ok(run_cli("gruppe", "mote", "med", "Gruppe 2", "Ola"))
    listing = ok(run_cli("gruppe", "mote", "med", "g2", "Kari"))  # moved
    assert "g1\tGruppe 1 – Renhold\t2.2\tleder: –\tdeltakere: ingen ennå" in listing
    assert "g2\tGruppe 2\tutkast av 1.3 (1.3~g2)\tleder: Ola\tdeltakere: Ola, Kari" in listing
    assert ok(run_cli("gruppe", "mote", "leder", "g2", "Kari")).count("leder: Kari") == 1
    assert "Rommet arbeider i grupper nå" in ok(run_cli("gruppe", "mote", "del"))
    # the draft is a section for set and show
    ok(run_cli("set", "mote", "1.3~g2", "1", "Når/hvor ofte", "Hver fredag"))
    ok(run_cli("set", "mote", "1.3~g2", "2", "Når/hvor ofte", "Hver dag"))
    shown = ok(run_cli("show", "mote", "1.3~g2"))
    assert "utkast for Gruppe 2" in shown and "Hver fredag" in shown
    assert "Hver fredag" not in ok(run_cli("show", "mote", "1.3"))
    assert ok(run_cli("gruppe", "mote", "ta", "g2", "1.3", "--rad", "1", "--kolonne", "Når/hvor ofte")).startswith(
        "1 svar tatt inn fra «Gruppe 2»")
    assert "Hver fredag" in ok(run_cli("show", "mote", "1.3"))
    assert "Hver dag" not in ok(run_cli("show", "mote", "1.3"))
    assert ok(run_cli("gruppe", "mote", "ta", "g2", "1.3")).startswith("1 svar")
    assert "Rommet er samlet i plenum" in ok(run_cli("gruppe", "mote", "plenum"))
    ok(run_cli("gruppe", "mote", "ut", "Kari"))
    listing = ok(run_cli("gruppe", "mote", "fjern", "g2"))
    assert "Utkast beholdt: 1.3~g2\tutkast for Gruppe 2 (gruppen er fjernet)" in listing
    assert "Hver fredag" in ok(run_cli("show", "mote", "1.3~g2"))  # still readable
    assert sum(e.get("from") == "Gruppe 2" for e in changelog.read(data_dir / "mote.changes.jsonl")) == 2
    assert "fra Gruppe 2" in ok(run_cli("log", "mote", "--format", "csv"))


def test_bad_input_is_one_line_and_exit_2(run_cli, data_dir):
    ok(run_cli("new", ARB, "--title", "Møte"))
    before = (data_dir / "mote.json").read_bytes()
    fails(run_cli("gruppe", "mote", "med", "g9", "Kari"), "ingen gruppe")
    fails(run_cli("gruppe", "mote", "ny", "G", "--seksjon", "9.9"), "ukjent seksjon")
    fails(run_cli("gruppe", "mote", "del"), "ingen grupper")
    fails(run_cli("gruppe", "mote", "ut", "Kari"), "ikke i noen gruppe")
    ok(run_cli("gruppe", "mote", "ny", "Gruppe 1", "--seksjon", "1.3"))
    fails(run_cli("gruppe", "mote", "ta", "g1", "1.3"), "intet utkast")
    fails(run_cli("gruppe", "mote", "ta", "g1", "1.3", "--kolonne", "2"), "--rad")
    fails(run_cli("gruppe", "mote", "ny", "gruppe 1", "--seksjon", "1.3"), "allerede")
    fails(run_cli("show", "mote", "1.3~g7"), "ingen gruppe har utkastet")
    assert json.loads((data_dir / "mote.json").read_text())["workshop"]["1"]["groups"][0]["id"] == "g1"
    assert before != (data_dir / "mote.json").read_bytes()
    assert "Ingen grupper" not in ok(run_cli("gruppe", "mote"))
