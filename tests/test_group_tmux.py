"""The room in groups in real terminals (issue 21's done-when): a facilitator and four participants at 80×24.

Every session is a real ``intro-tui open`` process in its own tmux terminal;
what is asserted is what each screen shows at each step.  Then the room's
faults: a member killed with SIGKILL, a group's lead leaving, the facilitator
leaving mid-group-work - the room keeps working and nothing typed is lost.
"""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest
from conftest import fresh_store
from sshd import Tmux, intro_tui_command, require_tools

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import copies as copy_store
from intro_tui.core.store import groups as group_store
from intro_tui.core.store.workshops import WorkshopStore

pytestmark = pytest.mark.slow  # processes, terminals

WAIT = 30.0  # generous: the machine may be loaded; latency is measured in bench/, not asserted here
MEMBERS = {"kari": "g1", "ola": "g1", "per": "g2", "lise": "g2"}
SITUATION = ("vurdering", "r1", "situasjon")  # 2.2's "Hva er situasjonen?" of its first row


@pytest.fixture
def room(tmp_path: Path):
    """Two groups on two copies of 2.2 (Renhold, Bygg), two members each: (tmux, data folder, workshop id)."""
    require_tools("tmux")
    data_dir = tmp_path / "data"
    store = WorkshopStore(data_dir, load_catalog(data_dir), user="test")
    workshop_id = store.create(Workshop(id="", title="Møtet", template="arbeidsrettet-lop", units=["NAV"])).id
    store.set_cell(workshop_id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    bygg = copy_store.add_copy(store, workshop_id, "2.2", "Bygg")
    group_store.make(store, workshop_id, "Gruppe 1 – Renhold", section="2.2", draft=False)
    group_store.make(store, workshop_id, "Gruppe 2 – Bygg", section=bygg, draft=False)
    for name, group in MEMBERS.items():
        group_store.join(store, workshop_id, group, name)
    tmux = Tmux(prefix="intro-tui-groups")
    try:
        yield tmux, data_dir, workshop_id
    finally:
        tmux.kill_server()


def start(tmux: Tmux, data_dir: Path, workshop_id: str, name: str, role: str) -> None:
    tmux.new(name, [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", "1.3",
                    role], env={"INTRO_TUI_USER": name, "TERM": "xterm-256color", "LANG": "C.UTF-8"})
    tmux.wait_for(name, "1.3 Roller", WAIT, f"{name}'s workshop screen")


def room_line(screen: str) -> str:
    """The line under the header (the room's): the group, whom one follows."""
    lines = screen.splitlines()
    return next((line for line in lines[1:4] if "Følger" in line or "leder" in line or "Gruppe" in line), "")


def heading(screen: str) -> str:
    """The section's heading (its two lines from "STEG")."""
    lines = screen.splitlines()
    first = next((i for i, line in enumerate(lines) if "STEG" in line), None)
    return " ".join(lines[first:first + 2]) if first is not None else ""


def all_follow_anne(tmux: Tmux) -> None:
    for name, group in MEMBERS.items():
        label = "Gruppe 1 – Renhold" if group == "g1" else "Gruppe 2 – Bygg"
        tmux.wait_for(name, lambda s, label=label: f"{label} · Følger anne" in room_line(s) and "1.3 Roller" in s,
                      WAIT, f"{name} follows anne at 1.3, in {label}")


def overview(tmux: Tmux, key: str, state: str) -> str:
    """The facilitator opens F12, presses ``key`` (d: split, p: plenum), sees ``state`` and closes it."""
    tmux.keys("anne", "F12")
    tmux.wait_for("anne", "⏎ ser inn i gruppen", WAIT, "anne's overview")
    tmux.keys("anne", key)
    screen = tmux.wait_for("anne", state, WAIT, f"anne's overview says {state!r}")
    tmux.keys("anne", "Escape")
    tmux.wait_for("anne", lambda s: "⏎ ser inn i gruppen" not in s, WAIT, "the overview closed")
    return screen


def split_and_arrive(tmux: Tmux, terminals: tuple[str, ...] = tuple(MEMBERS)) -> None:
    """The facilitator splits the room; each lead is at its copy, each follower there with it (in ``terminals``)."""
    overview(tmux, "d", "Rommet er delt i grupper")
    for lead, follower, copy in (("kari", "ola", "Renhold"), ("per", "lise", "Bygg")):
        tmux.wait_for(lead, lambda s: "du leder gruppen" in room_line(s) and f"målgruppen – {copy}" in heading(s),
                      WAIT, f"{lead} leads its group at 2.2 – {copy}")
        if follower not in terminals:
            continue
        tmux.wait_for(follower, lambda s, lead=lead, copy=copy: f"Følger {lead}" in room_line(s)
                      and f"målgruppen – {copy}" in heading(s), WAIT, f"{follower} follows {lead} to 2.2 – {copy}")


def write(tmux: Tmux, name: str, text: str) -> None:
    """``name`` goes to "Hva er situasjonen?" of 2.2's first row and writes ``text`` there."""
    tmux.keys(name, "Down")
    tmux.wait_for(name, "› Vurderingskriterier · rad 1", WAIT, f"{name} in the criteria table")
    tmux.keys(name, "Right")
    tmux.wait_for(name, "rad 1 · Hva er situasjonen?", WAIT, f"{name} on the situation column")
    time.sleep(0.3)
    tmux.type(name, text)
    tmux.wait_for(name, text, WAIT, f"{name}'s typing")
    tmux.keys(name, "Enter")
    tmux.wait_for(name, lambda s: "Lagret" in s and text in s, WAIT, f"{name}'s save")


def test_two_groups_fill_two_copies_following_their_own_leads_and_come_back_to_plenum(room):
    tmux, data_dir, workshop_id = room
    start(tmux, data_dir, workshop_id, "anne", "--lead")
    for name in MEMBERS:  # kari and per join their groups first: they lead them
        start(tmux, data_dir, workshop_id, name, "--follow")
    all_follow_anne(tmux)

    split_and_arrive(tmux)
    write(tmux, "kari", "Mangler folk")
    write(tmux, "per", "Trenger sertifikat")
    tmux.wait_for("ola", "Mangler folk", WAIT, "ola sees what its lead wrote")
    tmux.wait_for("lise", "Trenger sertifikat", WAIT, "lise sees what its lead wrote")
    assert "Trenger sertifikat" not in tmux.screen("ola") and "Mangler folk" not in tmux.screen("lise")
    assert "Følger kari" in room_line(tmux.screen("ola")) and "Følger per" in room_line(tmux.screen("lise"))

    tmux.keys("anne", "F12")
    tmux.wait_for("anne", lambda s: re.search(r"Gruppe 1 – Renhold · 2\.2 · 2 av \d+ fylt", s)
                  and re.search(r"Gruppe 2 – Bygg · 2\.2#2 · 2 av \d+ fylt", s)
                  and "kari (leder): 2.2 r1 · ola: følger" in s and "per (leder): 2.2#2 r1 · lise: følger" in s,
                  WAIT, "the overview: what each group filled, its members and where they are")
    tmux.keys("anne", "Escape")
    # closed before F12 again: else the next wait for the overview is met by this one, still closing, and p is lost
    tmux.wait_for("anne", lambda s: "⏎ ser inn i gruppen" not in s, WAIT, "the overview closed")

    overview(tmux, "p", "Rommet er i plenum")
    all_follow_anne(tmux)
    for name in MEMBERS:
        assert "du leder gruppen" not in tmux.screen(name)
    cells = fresh_store(data_dir).load(workshop_id).cells
    assert cells[("2.2", *SITUATION)] == "Mangler folk"
    assert cells[("2.2#2", *SITUATION)] == "Trenger sertifikat"


def test_a_killed_member_a_leaving_lead_and_a_leaving_facilitator_leave_the_groups_working(room):
    tmux, data_dir, workshop_id = room
    start(tmux, data_dir, workshop_id, "anne", "--lead")
    for name in MEMBERS:
        start(tmux, data_dir, workshop_id, name, "--follow")
    all_follow_anne(tmux)
    split_and_arrive(tmux)

    # a member crashes (SIGKILL) right after saving: what it saved stays, its group goes on
    write(tmux, "lise", "Lise lagret")
    os.kill(tmux.pane_pid("lise"), signal.SIGKILL)
    tmux.wait_for("per", "Lise lagret", WAIT, "per sees what lise saved before she crashed")

    # the group's lead leaves: the next member leads, where the group was, and goes on writing
    write(tmux, "kari", "Kari først")
    tmux.wait_for("ola", "Kari først", WAIT, "ola sees kari's text")
    tmux.kill_session("kari")
    tmux.wait_for("ola", lambda s: "Gruppe 1 – Renhold · du leder gruppen" in room_line(s), WAIT,
                  "ola takes over Gruppe 1")
    assert "målgruppen – Renhold" in heading(tmux.screen("ola"))
    tmux.keys("ola", "Right")
    tmux.wait_for("ola", "rad 1 · Hva kan bedres", WAIT, "ola moves on its own in the group")
    tmux.type("ola", "Ola etter")
    tmux.keys("ola", "Enter")
    tmux.wait_for("ola", "Ola etter", WAIT)

    # the facilitator leaves mid-group-work: the groups keep working
    tmux.kill_session("anne")
    time.sleep(1.0)
    tmux.keys("per", "Down")
    tmux.wait_for("per", "› Vurderingskriterier · rad 1", WAIT, "per still works")
    tmux.keys("per", "Right", "Right")
    tmux.wait_for("per", "rad 1 · Hva kan bedres", WAIT, "per on the next column")
    tmux.type("per", "Per alene")
    tmux.keys("per", "Enter")
    tmux.wait_for("per", lambda s: "Lagret" in s and "Per alene" in s, WAIT)
    assert "du leder gruppen" in room_line(tmux.screen("per"))

    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        cells = fresh_store(data_dir).load(workshop_id).cells
        if cells.get(("2.2#2", "vurdering", "r1", "bedres")) == "Per alene":
            break
        time.sleep(0.2)
    assert cells[("2.2#2", *SITUATION)] == "Lise lagret"
    assert cells[("2.2", *SITUATION)] == "Kari først"
    assert cells[("2.2", "vurdering", "r1", "bedres")] == "Ola etter"
    assert cells[("2.2#2", "vurdering", "r1", "bedres")] == "Per alene"


def test_a_browser_member_picks_its_group_on_the_join_page_and_follows_its_lead(room):
    """lise joins ``intro-tui serve`` in Chromium, picks Gruppe 2 beside her name, follows (F3); split, she is
    where per (her group's lead) is: what she types lands in per's cell of 2.2#2; in plenum, in anne's."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        from conftest import skip_or_fail

        skip_or_fail(f"playwright is not installed: {exc}")
    from test_web import CATCH_TERMINAL, Served, launch_chromium, wait_for_page

    tmux, data_dir, workshop_id = room
    store = WorkshopStore(data_dir, load_catalog(data_dir), user="test")
    group_store.leave(store, workshop_id, "lise")  # she picks her group herself
    served = Served(data_dir, "--workshop", workshop_id)
    try:
        served.wait_listening()
        start(tmux, data_dir, workshop_id, "anne", "--lead")
        for name in ("kari", "ola", "per"):
            start(tmux, data_dir, workshop_id, name, "--follow")
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            page.add_init_script(CATCH_TERMINAL)  # lise's own screen is read at each step below
            page.goto(served.address)
            assert [o.strip() for o in page.locator("#group option").all_inner_texts()] == [
                "Ingen ennå (velg i appen)", "Gruppe 1 – Renhold", "Gruppe 2 – Bygg"]
            page.fill("#code", served.code)
            page.fill("#name", "lise")
            page.select_option("#group", "g2")
            page.click("#join")
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            tmux.wait_for("anne", "lise", WAIT, "the browser member in the facilitator's header")
            deadline = time.monotonic() + WAIT
            while fresh_store(data_dir).load(workshop_id).groups[1].members != ("per", "lise"):
                assert time.monotonic() < deadline, "lise did not join Gruppe 2 from the join page"
                time.sleep(0.1)
            page.focus(".xterm-helper-textarea")
            time.sleep(1.0)
            page.keyboard.press("F3")  # follow
            tmux.wait_for("anne", lambda s: "Du leder · 4 andre her" in s, WAIT, "all four in the room")
            wait_for_page(page, lambda s: "Gruppe 2 – Bygg" in room_line(s) and "Følger anne" in room_line(s)
                          and "1.3 Roller" in s, "lise's screen: in Gruppe 2, following anne at 1.3")

            split_and_arrive(tmux, ("kari", "ola", "per"))
            wait_for_page(page, lambda s: "Følger per" in room_line(s) and "målgruppen – Bygg" in heading(s),
                          "lise's screen: following per, her group's lead, to 2.2 – Bygg")
            tmux.keys("per", "Down")
            tmux.wait_for("per", "› Vurderingskriterier · rad 1", WAIT)
            tmux.keys("per", "Right")
            tmux.wait_for("per", "rad 1 · Hva er situasjonen?", WAIT)
            wait_for_page(page, lambda s: "rad 1 · Hva er situasjonen?" in s, "lise's cursor where per's is")
            page.keyboard.type("Nettleser")
            page.keyboard.press("Enter")
            tmux.wait_for("per", "Nettleser", WAIT, "what lise typed in per's cell, on per's screen")
            wait_for_page(page, lambda s: "Nettleser" in s.split("────")[0], "lise's own edit in her table")
            assert "Nettleser" not in tmux.screen("ola")  # Gruppe 1 works on the other copy
            assert fresh_store(data_dir).load(workshop_id).cells[("2.2#2", *SITUATION)] == "Nettleser"

            overview(tmux, "p", "Rommet er i plenum")
            all_follow_anne_but_lise = [n for n in MEMBERS if n != "lise"]
            for name in all_follow_anne_but_lise:
                tmux.wait_for(name, lambda s: "Følger anne" in room_line(s) and "1.3 Roller" in s, WAIT,
                              f"{name} follows anne again")
            wait_for_page(page, lambda s: "Følger anne" in room_line(s) and "1.3 Roller" in s,
                          "lise's screen: back in plenum, following anne at 1.3")
            tmux.keys("anne", "Right", "Right", "Right", "Right")
            tmux.wait_for("anne", "rad 1 · Når/hvor ofte", WAIT)
            wait_for_page(page, lambda s: "rad 1 · Når/hvor ofte" in s, "lise's cursor where anne's is")
            page.keyboard.type("Ukentlig")
            page.keyboard.press("Enter")
            tmux.wait_for("anne", "Ukentlig", WAIT, "what lise typed in anne's cell, back in plenum")
            browser.close()
    finally:
        served.stop()
    cells = fresh_store(data_dir).load(workshop_id).cells
    assert "Ukentlig" in [v for (s, *_), v in cells.items() if s == "1.3"]
