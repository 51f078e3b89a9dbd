"""The change log as CSV for a Norwegian Excel: ``;``, UTF-8 with BOM, words a reader knows.

One writer serves ``intro-tui log --format csv`` and E in the app's
Endringslogg; both are checked here on the bytes of the file.
"""

from __future__ import annotations

import pytest
import csv
import io
import re

from conftest import cli_env, last_line, run_intro_tui

from intro_tui.tui.app import make_app

HEADERS = ["Tidspunkt", "Hvem", "Handling", "Seksjon", "Tabell", "Rad", "Kolonne", "Før", "Etter"]
WHEN = re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d")


def read_csv(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:20]  # Excel reads UTF-8 only with a BOM
    text = raw[3:].decode("utf-8")
    assert text.splitlines()[0] == ";".join(HEADERS)
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def make_workshop(run) -> str:
    wid = last_line(run("new", "arbeidsrettet-lop", "--title", "Logg Bærum"))
    last_line(run("set", wid, "1.3", "1", "Når", '=HYPERLINK("x")'))
    last_line(run("set", wid, "1.3", "1", "Når", "januar, februar"))
    last_line(run("set", wid, "4.1", "1", "Ja", "x"))
    last_line(run("add-row", wid, "1.1", "Helse og omsorg", "NAV"))
    return wid


def test_cli_csv_is_for_a_norwegian_spreadsheet(run_cli, tmp_path):
    wid = make_workshop(run_cli)
    last_line(run_cli("log", wid, "--format", "csv", "-o", "logg.csv"))
    rows = read_csv((tmp_path / "logg.csv").read_bytes())
    body = rows[1:]
    assert all(WHEN.fullmatch(r[0]) for r in body), [r[0] for r in body]
    assert all(r[1] == "test" for r in body)
    assert [r[2] for r in body] == ["opprettet", "satt", "satt", "satt", "la til rad"]
    assert body[0][8] == "Logg Bærum"
    first, second, answer, added = body[1], body[2], body[3], body[4]
    assert first[3] == "1.3 Roller og ansvarsfordeling av oppgaver – steg 1"
    assert first[5] == "Innhente informasjon om arbeidskraftbehovet" and first[6] == "Når/hvor ofte"
    assert (first[7], first[8]) == ("", "'=HYPERLINK(\"x\")")  # no formula reaches a spreadsheet
    assert (second[7], second[8]) == ("'=HYPERLINK(\"x\")", "januar, februar")
    assert answer[3].startswith("4.1 ") and answer[4] == "Interne forberedelser"
    assert answer[5] == "1. Vi har god bransjekunnskap" and answer[8] == "Ja"
    assert added[3].startswith("1.1 ") and added[5] == "Helse og omsorg" and "NAV" in added[8]
    raw = (tmp_path / "logg.csv").read_text(encoding="utf-8-sig")
    assert "create" not in raw and ";set;" not in raw and not re.search(r"\d{4}-\d\d-\d\dT", raw)
    assert not any(cell in ("roller", "r1", "nar", "svar", "interne") for row in rows for cell in row)


def test_cli_csv_on_stdout_has_the_bom_too(run_cli):
    wid = make_workshop(run_cli)
    result = run_cli("log", wid, "--format", "csv")
    assert result.returncode == 0 and result.stdout.startswith("\ufeffTidspunkt;Hvem;")


def test_numbers_and_answers_read_as_in_the_app(run_cli, tmp_path):
    wid = last_line(run_cli("new", "malindikatorer", "--title", "Tall"))
    last_line(run_cli("set", wid, "underveis", "1", "Mål", "65,5"))
    last_line(run_cli("set", wid, "underveis", "1", "Mål", "70"))
    last_line(run_cli("log", wid, "-o", "tall.csv"))
    last = read_csv((tmp_path / "tall.csv").read_bytes())[-1]
    assert (last[2], last[6], last[7], last[8]) == ("satt", "Mål", "65,5 %", "70 %")


@pytest.mark.slow
async def test_e_in_the_change_log_screen_writes_the_same_file(data_dir, tmp_path):
    wid = make_workshop(lambda *a: run_intro_tui(data_dir, tmp_path, *a, env=cli_env(INTRO_TUI_USER="kari")))
    exports = tmp_path / "ut"
    app = make_app(data_dir, workshop_id=wid, section="1.3", exports_dir=exports)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+l")
        await pilot.pause()
        table = app.screen.query_one("#changes")
        when = table.get_cell_at((0, 0)).plain
        assert re.fullmatch(r"\d\d\.\d\d\.( \d\d:\d\d|\d{4} \d\d:\d\d)", when), when
        await pilot.press("e")
        await pilot.pause()
    from_app = (exports / f"{wid}-endringslogg.csv").read_bytes()
    last_line(run_intro_tui(data_dir, tmp_path, "log", wid, "-o", "cli.csv"))
    assert from_app == (tmp_path / "cli.csv").read_bytes()
    assert read_csv(from_app)[-1][1] == "kari"


def test_no_terminal_control_reaches_the_csv(run_cli):
    wid = last_line(run_cli("new", "arbeidsrettet-lop", "--title", "Kontroll"))
    last_line(run_cli("set", wid, "1.3", "1", "Når", "@SUM(1)", env=cli_env(INTRO_TUI_USER="ola\x1b]2;tittel\x07\x9b")))
    result = run_cli("log", wid, "--format", "csv")
    assert result.returncode == 0
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", result.stdout.replace("\r\n", "\n"))
    last = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))[-1]
    assert last[1] == "ola]2;tittel" and last[8] == "'@SUM(1)"
