"""The kjøreplan's agenda from the command line (issue 21, point 5): filled with add-row and set,
the STEG's example, the meeting started and moved on, refusals in one Norwegian line."""

from __future__ import annotations

import re

from conftest import fails, fresh_store, last_line, ok

from intro_tui.core.model import agenda


def test_the_agenda_is_filled_shown_and_run_from_the_command_line(run_cli, data_dir):
    workshop_id = last_line(run_cli("new", "arbeidsrettet-lop", "--title", "Møte"))
    assert "ingen punkter ennå" in ok(run_cli("agenda", workshop_id, "1.4"))
    first = last_line(run_cli("add-row", workshop_id, "1.4", "09.30", "Velkommen", "", "Plenum", "Anne"))
    second = last_line(run_cli("add-row", workshop_id, "1.4", "20 min", "Gruppearbeid 1.3", "1.3", "Grupper"))
    assert int(second) == int(first) + 1  # numbered through the section (the link is row 1)
    ok(run_cli("set", workshop_id, "1.4", second, "Leder", "Kari"))
    shown = ok(run_cli("agenda", workshop_id, "1.4"))
    assert "Kjøreplan 1.4: 2 punkter" in shown
    assert re.search(r"1\. 09\.30 +Velkommen +Plenum +Anne", shown), shown
    assert re.search(r"2\. 20 min +Gruppearbeid 1\.3 +1\.3 +Grupper +Kari", shown), shown

    started = ok(run_cli("agenda", workshop_id, "1.4", "--start"))
    assert re.search(r"Nå: Velkommen · .* · punkt 1 av 2", started), started
    moved = ok(run_cli("agenda", workshop_id, "1.4", "--neste"))
    assert re.search(r"Nå: Gruppearbeid 1\.3 · \d+ min igjen · punkt 2 av 2", moved), moved
    items = agenda.items(fresh_store(data_dir).load(workshop_id), "1.4")
    assert re.fullmatch(r"\d\d:\d\d–\d\d:\d\d", items[0].actual) and re.fullmatch(r"\d\d:\d\d–", items[1].actual)
    log = ok(run_cli("log", workshop_id))
    assert "Faktisk tid" in log or "faktisk" in log


def test_the_example_agenda_from_the_command_line(run_cli, data_dir):
    workshop_id = last_line(run_cli("new", "arbeidsrettet-lop", "--title", "Møte"))
    shown = ok(run_cli("agenda", workshop_id, "3.4", "--eksempel"))
    assert "Kjøreplan 3.4: " in shown and "Velkommen og mål for møtet" in shown
    assert re.search(r"Gruppearbeid 3\.1 +3\.1 +Grupper", shown), shown
    assert "Oppsummering og veien videre" in shown
    fails(run_cli("agenda", workshop_id, "3.4", "--eksempel"), "har punkter fra før")
    fails(run_cli("agenda", workshop_id, "3.1"), "3.1 er ingen kjøreplan", "3.4")
    fails(run_cli("agenda", workshop_id, "3.4", "--neste"), "intet møte er i gang")
    fails(run_cli("agenda", workshop_id, "1.4", "--start"), "ingen punkter ennå", "--eksempel", "add-row")
