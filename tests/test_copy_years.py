"""``intro-tui copy``: next year's workshop keeps goals and limits, clears results; I fjor and trend show."""

from __future__ import annotations

import json

import pytest
from docx import Document

from conftest import ok

ROW = "Andel deltakere som har gått over i arbeid"


def refused(result) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    return result.stderr


@pytest.fixture
def year_2026(run_cli) -> str:
    wid = ok(run_cli("new", "malindikatorer", "--title", "Indikatorer 2026", "--year", "2026",
                     "--kommune", "Bærum")).splitlines()[-1]
    ok(run_cli("set", wid, "avsluttet", ROW, "Mål", "65"))
    ok(run_cli("set", wid, "avsluttet", ROW, "Nedre grense", "50"))
    ok(run_cli("set", wid, "avsluttet", ROW, "Resultat", "44"))
    ok(run_cli("set", wid, "annet", "1", "Mål", "15"))
    ok(run_cli("set", wid, "annet", "1", "Resultat", "18"))
    ok(run_cli("set", wid, "nir", "10", "Antall", "4"))
    return wid


def cells(data_dir, wid) -> dict:
    data = json.loads((data_dir / f"{wid}.json").read_text(encoding="utf-8"))
    return {(d["s"], d["b"], d["r"], d["c"]): d["v"] for d in data["cells"].values()}, data["workshop"]["1"]


def test_copy_keeps_goals_clears_results_and_remembers(run_cli, data_dir, year_2026):
    out = ok(run_cli("copy", year_2026))
    new_id = out.splitlines()[-1]
    assert new_id == "indikatorer-2027"
    assert "Indikatorer 2027" in out
    stored, meta = cells(data_dir, new_id)
    assert meta["year"] == 2027 and meta["title"] == "Indikatorer 2027" and meta["predecessor"] == year_2026
    assert meta["kommune"] == "Bærum"
    assert stored[("avsluttet", "indikatorer", "r1", "mal")] == 65
    assert stored[("avsluttet", "indikatorer", "r1", "nedre")] == 50
    assert ("avsluttet", "indikatorer", "r1", "resultat") not in stored
    assert not any(k[0] == "nir" for k in stored)
    shown = ok(run_cli("show", new_id, "avsluttet"))
    assert "I fjor" in shown and "44 %" in shown
    assert "−21 pp" not in shown  # last year's deviation is not this year's


def test_trend_respects_direction_in_show_md_and_docx(run_cli, tmp_path, year_2026):
    new_id = ok(run_cli("copy", year_2026, "--year", "2027")).splitlines()[-1]
    ok(run_cli("set", new_id, "avsluttet", ROW, "Resultat", "53"))
    ok(run_cli("set", new_id, "annet", "1", "Resultat", "20"))  # more per adviser: worse
    shown = ok(run_cli("show", new_id))
    assert "↑ bedre" in shown and "↑ verre" in shown
    ok(run_cli("export", new_id, "--format", "md", "-o", "x.md"))
    md = (tmp_path / "x.md").read_text(encoding="utf-8")
    assert "| I fjor" in md and "↑ bedre" in md and "↑ verre" in md and "44 %" in md
    ok(run_cli("export", new_id, "--format", "docx", "-o", "x.docx"))
    document = Document(str(tmp_path / "x.docx"))
    texts = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    header = next(row for row in texts if "I fjor" in row)
    assert "Trend" in header
    row = next(r for r in texts if r and r[0] == ROW)
    assert "44 %" in row and "↑ bedre" in row and "53 %" in row


def test_a_chain_of_years(run_cli, year_2026):
    second = ok(run_cli("copy", year_2026)).splitlines()[-1]
    ok(run_cli("set", second, "avsluttet", ROW, "Resultat", "53"))
    third = ok(run_cli("copy", second)).splitlines()[-1]
    assert third == "indikatorer-2028"
    shown = ok(run_cli("show", third, "avsluttet"))
    assert "53 %" in shown and "44 %" not in shown  # I fjor is 2027's


def test_copy_refusals(run_cli, year_2026):
    assert "fant ikke verkstedet «nei»" in refused(run_cli("copy", "nei"))
    ok(run_cli("copy", year_2026))
    error = refused(run_cli("copy", year_2026))
    assert "finnes allerede" in error and "Indikatorer 2027" in error and "2027" in error
    ok(run_cli("copy", year_2026, "--title", "Indikatorer 2027 (gruppe B)"))
    assert "årstall" in refused(run_cli("copy", year_2026, "--year", "neste"))
