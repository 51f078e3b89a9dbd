"""The facilitator's flow (issue 9) in a real terminal: tmux ``send-keys`` in, ``capture-pane`` out.

Pilot did not show two of the problems (a refusal drawn under the key bar, a
row not growing after an edit), so the editing, checklist, role-column and
"where you are" points are driven here as a person would, at 80×24 (and
60×20, 120×40 where the point is about size), asserting on the captured
screen and on the workshop file.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore

from sshd import Tmux, intro_tui_command, require_tools, table_has_focus, wait_gone

from conftest import fresh_store

pytestmark = pytest.mark.slow  # processes, terminals, a browser or LibreOffice

UNITS = ["Flyktningtjenesten", "NAV", "Voksenopplæringen"]
KEY_PAUSE = 0.25


def cell(data_dir: Path, workshop_id: str, *address: str):
    return fresh_store(data_dir).load(workshop_id).cells.get(tuple(address))


def wait_cell(data_dir, workshop_id, address, value, timeout=10.0):
    deadline = time.monotonic() + timeout
    while True:
        held = cell(data_dir, workshop_id, *address)
        if held == value or time.monotonic() > deadline:
            return held
        time.sleep(0.05)


@pytest.fixture
def tmux():
    require_tools("tmux")
    server = Tmux(prefix="intro-tui-h9")
    yield server
    server.kill_server()


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    return store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop", kommune="Bærum", year=2026,
                                 units=list(UNITS))).id


def start(tmux: Tmux, name: str, data_dir: Path, workshop_id: str, section: str, ready: str,
          size: tuple[int, int] = (80, 24)) -> int:
    pid = tmux.new(name, [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", section],
                   env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "test",
                        # the terminal's size, not one inherited from the test runner's environment
                        "COLUMNS": str(size[0]), "LINES": str(size[1])},
                   width=size[0], height=size[1])
    tmux.wait_for(name, ready, 30, f"section {section}")
    tmux.wait_for(name, table_has_focus, 30, "the first table's focus")
    return pid


def press(tmux: Tmux, name: str, *keys: str) -> None:
    for key in keys:
        tmux.keys(name, key)
        time.sleep(KEY_PAUSE)


def type_text(tmux: Tmux, name: str, text: str) -> None:
    tmux.type(name, text)
    time.sleep(KEY_PAUSE)


def bottom(screen: str, count: int) -> list[str]:
    return [line for line in screen.splitlines()][-count:]


# -- points 1, 3, 4, 5: Tab, the row growing, a pasted block, Esc and Ctrl+Z --------------------

def test_editing_in_a_real_terminal(tmux, data_dir, workshop_id):
    start(tmux, "e", data_dir, workshop_id, "1.3", "Innhente")
    press(tmux, "e", "Right", "Right", "Right", "Right")  # Når/hvor ofte
    long_text = "hver uke gjennom hele programmet til avslutning"
    type_text(tmux, "e", long_text)
    tmux.wait_for("e", lambda s: long_text in s and "Tab Lagre" in s, 30, "the text in the open editor")
    press(tmux, "e", "Tab")
    assert wait_cell(data_dir, workshop_id, ("1.3", "roller", "r1", "nar"), long_text) == long_text, tmux.screen("e")
    screen = tmux.wait_for("e", "avslutning", 5, "the whole text in the grid")
    grid = "\n".join(screen.splitlines()[:-4])
    assert "programmet" in grid and "avslutning" in grid, screen  # point 3: the row grew at once
    assert "rad 2" in screen, screen  # point 1: Tab moved on
    # point 5: Esc drops a draft, Ctrl+Z brings it back
    press(tmux, "e", "Right", "Right", "Right", "Right")
    type_text(tmux, "e", "et utkast som ikke skal forsvinne")
    tmux.wait_for("e", "et utkast som ikke skal forsvinne", 30, "the draft in the open editor")
    press(tmux, "e", "Escape")
    tmux.wait_for("e", "Ctrl+Z henter", 5, "the way back")
    press(tmux, "e", "C-z")
    tmux.wait_for("e", "utkast som ikke skal forsvinne", 5, "the draft back in the editor")
    press(tmux, "e", "Enter")
    assert wait_cell(data_dir, workshop_id, ("1.3", "roller", "r2", "nar"),
                     "et utkast som ikke skal forsvinne") == "et utkast som ikke skal forsvinne"
    # point 4: a block of lines pasted (bracketed paste) into a one-line cell
    press(tmux, "e", "Down", "Enter")
    tmux.run("set-buffer", "-b", "h9", "mandag\ntirsdag\nonsdag")
    tmux.run("paste-buffer", "-p", "-b", "h9", "-t", "e")
    time.sleep(0.5)
    press(tmux, "e", "Enter")
    assert wait_cell(data_dir, workshop_id, ("1.3", "roller", "r3", "nar"), "mandag\ntirsdag\nonsdag") == \
        "mandag\ntirsdag\nonsdag", tmux.screen("e")


# -- point 2: the reason for a refusal, at 80×24 and 60×20 ----------------------------------------

@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_a_refusal_shows_its_reason_in_a_real_terminal(tmux, data_dir, store, size):
    indicators = store.create(Workshop(id="", title="Indikatorer", template="malindikatorer", year=2026)).id
    start(tmux, "r", data_dir, indicators, "avsluttet", "Andel deltakere", size)
    press(tmux, "r", "Right")
    type_text(tmux, "r", "120")
    press(tmux, "r", "Enter")
    screen = tmux.wait_for("r", "Ikke lagret", 5, "the reason")
    shown = screen.rstrip("\n").splitlines()
    reason = next(i for i, line in enumerate(shown) if "Ikke lagret" in line)
    assert reason < len(shown) - 1 and "F1" in shown[-1], screen  # above the key bar, not under it
    assert cell(data_dir, indicators, "avsluttet", "indikatorer", "r1", "mal") is None


# -- point 6: SIGTERM and Ctrl+Q while a cell is being edited -------------------------------------

def test_sigterm_commits_and_ctrl_q_stays_when_it_cannot(tmux, data_dir, workshop_id, store):
    pid = start(tmux, "t", data_dir, workshop_id, "1.3", "Innhente")
    press(tmux, "t", "Right", "Right", "Right", "Right")
    type_text(tmux, "t", "til slutt")
    tmux.wait_for("t", "til slutt", 5)
    os.kill(pid, signal.SIGTERM)
    assert wait_gone(pid, 15), tmux.screen("t")
    assert cell(data_dir, workshop_id, "1.3", "roller", "r1", "nar") == "til slutt"
    indicators = store.create(Workshop(id="", title="Indikatorer", template="malindikatorer", year=2026)).id
    pid = start(tmux, "q", data_dir, indicators, "avsluttet", "Andel deltakere")
    press(tmux, "q", "Right")
    type_text(tmux, "q", "120")
    press(tmux, "q", "C-q")
    tmux.wait_for("q", "Ikke avsluttet", 5, "why the app stays")
    assert not wait_gone(pid, 0.5)
    press(tmux, "q", "BSpace", "BSpace", "BSpace")
    type_text(tmux, "q", "65")
    press(tmux, "q", "C-q")
    assert wait_gone(pid, 15), tmux.screen("q")
    assert cell(data_dir, indicators, "avsluttet", "indikatorer", "r1", "mal") == 65


# -- point 7: one burst --------------------------------------------------------------------------

def test_a_burst_reaches_the_right_cells(tmux, data_dir, workshop_id):
    start(tmux, "b", data_dir, workshop_id, "1.1", "Kartlegging")
    tmux.keys("b", "C-n", "H", "e", "l", "s", "e", "Enter", "Tab", "N", "A", "V", "Enter")  # one write
    workshop = None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        workshop = fresh_store(data_dir).load(workshop_id)
        rows = workshop.rows_added("1.1", "behov")
        if rows and workshop.cells.get(("1.1", "behov", rows[0].key, "kilder")):
            break
        time.sleep(0.1)
    (row,) = workshop.rows_added("1.1", "behov")
    assert workshop.cells.get(("1.1", "behov", row.key, "label")) == "Helse", tmux.screen("b")
    assert workshop.cells.get(("1.1", "behov", row.key, "kilder")) == "NAV", tmux.screen("b")


# -- points 8, 9, 10: answers ---------------------------------------------------------------------

def test_answers_with_one_key_in_a_real_terminal(tmux, data_dir, workshop_id):
    start(tmux, "c", data_dir, workshop_id, "4.1", "Interne forberedelser")
    press(tmux, "c", "Right", "Right", "Right")  # on Forslag: j still answers
    press(tmux, "c", "j", "n", "j")
    screen = tmux.wait_for("c", lambda s: s.count("☒") >= 3, 5, "three answers")
    assert "☒ Ja" in screen and "☒ Nei" in screen, screen
    tmux.wait_for("c", "rad 5", 10, "one key per answer, past the group row")  # the status line follows the answer
    assert cell(data_dir, workshop_id, "4.1", "interne", "r2", "svar") == "nei"
    assert cell(data_dir, workshop_id, "4.1", "interne", "r4", "svar") == "ja"
    assert cell(data_dir, workshop_id, "4.1", "interne", "r1", "forslag") is None
    start(tmux, "d", data_dir, workshop_id, "1.2", "Bransjer")
    press(tmux, "d", "Insert")
    type_text(tmux, "d", "Renhold")
    press(tmux, "d", "Enter", "n")
    tmux.wait_for("d", "☒ Nei", 5, "1.2's answer")
    (row,) = fresh_store(data_dir).load(workshop_id).rows_added("1.2", "vurdering")
    assert cell(data_dir, workshop_id, "1.2", "vurdering", row.key, "ufaglaerte") == "nei"


# -- point 11: units ---------------------------------------------------------------------------------

def test_units_complete_in_a_real_terminal(tmux, data_dir, workshop_id):
    start(tmux, "u", data_dir, workshop_id, "1.3", "Innhente")
    press(tmux, "u", "Right", "n", "Enter")
    assert wait_cell(data_dir, workshop_id, ("1.3", "roller", "r1", "hovedansvarlig"), "NAV") == "NAV"
    press(tmux, "u", "Right")
    type_text(tmux, "u", "Fl, NA")
    press(tmux, "u", "Enter")
    assert wait_cell(data_dir, workshop_id, ("1.3", "roller", "r1", "utforer"), "Flyktningtjenesten, NAV") == \
        "Flyktningtjenesten, NAV"
    tmux.wait_for("u", "Flyktningtjenesten", 5, "the unit, whole, in the grid")


# -- points 12-15: where you are ------------------------------------------------------------------

def test_where_you_are_in_a_real_terminal(tmux, data_dir, workshop_id):
    start(tmux, "w", data_dir, workshop_id, "6.2", "Kompetansemål")
    press(tmux, "w", *["Down"] * 13)
    screen = tmux.wait_for("w", "Oppgaver · rad", 5, "the status line naming the table")
    assert "STEG 6 › 6.2" in screen, screen  # the breadcrumb stays
    grid = "\n".join(screen.splitlines()[:-4])
    assert "Norsk muntlig" in grid, screen  # the cursor row (row 3 of Oppgaver) is on screen
    assert "Opplæring" in screen and "Oppfølging av" in screen, screen  # header groups
    tmux.kill_session("w")
    start(tmux, "n", data_dir, workshop_id, "1.1", "Kartlegging", size=(120, 40))
    screen = tmux.wait_for("n", "▶○ 1.1 Kartlegging av arbeid", 10, "the navigator beside the table")
    assert "STEG 4 Samarbeide" in screen, screen
    press(tmux, "n", "Escape", "Up")
    time.sleep(0.5)
    assert "▶○ 1.1" in tmux.screen("n")  # ↑ on the first entry does not wrap round to 7.3


# -- point 18: keys that reach the app ------------------------------------------------------------

def test_f6_and_f5_change_section_in_a_real_terminal(tmux, data_dir, workshop_id):
    start(tmux, "f", data_dir, workshop_id, "1.3", "Innhente")
    press(tmux, "f", "F6")
    tmux.wait_for("f", "1.4 Kjøreplan", 5, "the next section")
    press(tmux, "f", "M-Down")
    tmux.wait_for("f", "2.1 Status", 5, "Alt+↓")
    press(tmux, "f", "F5")
    tmux.wait_for("f", "STEG 1 › 1.4", 5, "the previous section")


# -- the tmux trial: Ctrl+J in a burst, typing on a fixed label ------------------------------------

def test_ctrl_j_and_a_note_on_a_fixed_label_in_a_real_terminal(tmux, data_dir, workshop_id):
    start(tmux, "k", data_dir, workshop_id, "4.1", "Interne forberedelser")
    press(tmux, "k", "Right", "Right", "Right")  # on Forslag, row 1
    tmux.keys("k", "a", "b", "c", "C-j", "d", "e", "f", "Enter")  # one write
    assert wait_cell(data_dir, workshop_id, ("4.1", "interne", "r1", "forslag"), "abc\ndef") == "abc\ndef", \
        tmux.screen("k")
    press(tmux, "k", "Down", "Left", "Left", "Left")  # row 2's fixed label
    tmux.type("k", "Avklare med NAV")
    press(tmux, "k", "Enter")
    held = wait_cell(data_dir, workshop_id, ("4.1", "interne", "r2", "forslag"), "Avklare med NAV")
    assert held == "Avklare med NAV", tmux.screen("k")
    assert cell(data_dir, workshop_id, "4.1", "interne", "r2", "svar") is None
    assert "kommer fra malen" not in tmux.screen("k")
