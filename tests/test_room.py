"""Running the room in real terminals: following the leader, and seeing where the others are.

Every participant is a real ``intro-tui open`` process in its own tmux
terminal of 80x24 (and once over the real sshd of the SSH tests); what is
asserted is what each screen shows.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore

from sshd import SshdFailed, SshServer, Tmux, intro_tui_command, require_tools

pytestmark = pytest.mark.slow  # processes, terminals, a browser or LibreOffice

#: How long a follower may take to show the leader's move before the test fails: generous, as the machine
#: may be loaded; the latency itself (within a second, 0.5 s aimed for) is measured in bench/, not asserted here.
FOLLOW_TIMEOUT = 15.0


@pytest.fixture
def room(tmp_path: Path):
    require_tools("tmux")
    data_dir = tmp_path / "data"
    store = WorkshopStore(data_dir, load_catalog(data_dir), user="test")
    workshop = store.create(Workshop(id="", title="Rommet", template="arbeidsrettet-lop",
                                     units=["NAV", "Flyktningtjenesten"]))
    tmux = Tmux()
    try:
        yield tmux, data_dir, workshop.id
    finally:
        tmux.kill_server()


def start(tmux: Tmux, data_dir: Path, workshop_id: str, name: str, *extra: str) -> None:
    tmux.new(name, [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id, "--section", "1.3",
                    *extra], env={"INTRO_TUI_USER": name, "TERM": "xterm-256color", "LANG": "C.UTF-8"})
    tmux.wait_for(name, lambda s: "1.3 Roller" in s and at("1.3", 1)(s), 30, f"{name}'s workshop screen")


def until_both(tmux: Tmux, leader: str, follower: str, text, timeout: float = 15) -> float:
    """Wait for ``text`` on the leader's screen, then time how long the follower takes to show it."""
    tmux.wait_for(leader, text, timeout, f"{text!r} on the leader's screen")
    started = time.monotonic()
    tmux.wait_for(follower, text, FOLLOW_TIMEOUT, f"{text!r} on the follower's screen")
    return time.monotonic() - started


#: The editor line's "4.1 › Interne forberedelser · rad 5 · Ja/Nei · …": section, table, row, column or label.
_CELL_LINE = re.compile(r"(\d\.\d)(?: › [^·\n]+)? · rad (\d+)(?: · [^·\n]+?)?(?= ·|\s*$)", re.M)


def where(screen: str) -> str | None:
    """The cell the cursor is on, as the editor line names it (section, table, row, column)."""
    match = _CELL_LINE.search(screen)
    return match.group(0).strip() if match else None


class at:
    """A screen test: the editor line names this section and row (and column, if given)."""

    def __init__(self, section: str, row: int, column: str | None = None):
        tail = rf" · {re.escape(column)}(?= ·|\s*$)" if column else r"(?= ·|\s*$)"
        self.pattern = re.compile(rf"{re.escape(section)}(?: › [^·\n]+)? · rad {row}{tail}", re.M)
        self.text = f"{section} rad {row}" + (f" · {column}" if column else "")

    def __call__(self, screen: str) -> bool:
        return self.pattern.search(screen) is not None

    def __repr__(self) -> str:
        return repr(self.text)


def go_to_section(tmux: Tmux, name: str, target: str) -> None:
    """Ctrl+Down / Ctrl+Up one section at a time, each move seen on screen, until ``target``."""
    order = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "3.1", "3.2", "3.3", "3.4", "4.1"]
    for _ in range(30):
        here = tmux.wait_for(name, lambda s: re.search(r"› (\d\.\d) ", s), 5, "a section heading")
        here = re.search(r"› (\d\.\d) ", here).group(1)
        if here == target:
            return
        tmux.keys(name, "C-Down" if order.index(here) < order.index(target) else "C-Up")
        tmux.wait_for(name, lambda s, here=here: re.search(r"› (\d\.\d) ", s) and f"› {here} " not in s, 5)
    raise AssertionError(f"{name} did not reach {target}:\n{tmux.screen(name)}")


def test_the_follower_goes_where_the_leader_goes_and_keeps_what_it_types(room):
    tmux, data_dir, workshop_id = room
    start(tmux, data_dir, workshop_id, "anne", "--lead")
    start(tmux, data_dir, workshop_id, "kari", "--follow")
    tmux.wait_for("kari", "Følger anne", 5)
    tmux.wait_for("anne", "Du leder", 5)

    # the leader goes to 4.1 and to its row 5
    go_to_section(tmux, "anne", "4.1")
    section_lag = until_both(tmux, "anne", "kari", at("4.1", 1))
    for _ in range(4):
        tmux.keys("anne", "Down")
        time.sleep(0.15)
    row_lag = until_both(tmux, "anne", "kari", at("4.1", 5))
    assert "STEG 4 › 4.1" in tmux.screen("kari")
    print(f"\nfollower lag: section {section_lag:.2f} s, row {row_lag:.2f} s")

    # back in 1.3 (Ctrl+Up), the follower starts typing in the cell the leader is on ...
    go_to_section(tmux, "anne", "1.3")
    until_both(tmux, "anne", "kari", at("1.3", 1))
    tmux.keys("anne", "Right")
    until_both(tmux, "anne", "kari", at("1.3", 1, "Hoved-ansvarlig"))
    time.sleep(0.3)
    tmux.type("kari", "NAV kari")
    tmux.wait_for("kari", "NAV kari", 5)
    # ... while the leader moves on: the follower's editor stays open, with its text
    go_to_section(tmux, "anne", "2.2")
    tmux.wait_for("anne", at("2.2", 1), 10)
    time.sleep(1.2)
    screen = tmux.screen("kari")
    assert "NAV kari" in screen and "1.3 Roller" in screen, screen
    assert "tar igjen når cellen er lagret" in screen, screen
    # committing catches up
    tmux.keys("kari", "Enter")
    tmux.wait_for("kari", at("2.2", 1), FOLLOW_TIMEOUT, "the follower catching up after the commit")
    store = WorkshopStore(data_dir, load_catalog(data_dir))
    assert store.load(workshop_id).cells[("1.3", "roller", "r1", "hovedansvarlig")] == "NAV kari"

    # moving on one's own stops following, and says how to follow again
    time.sleep(0.8)
    followed = where(tmux.screen("kari"))
    tmux.keys("kari", "Down")
    tmux.wait_for("kari", "Følger ikke anne lenger · F3 følger igjen", 5)
    mine = where(tmux.wait_for("kari", lambda s: where(s) not in (None, followed), 5, "the follower's own move"))
    # the leader moves on, row by row, until it stands where the follower does not (one Down can reach the
    # very row the follower's own Down did: then the check below could not tell following from staying)
    leader = before = where(tmux.screen("anne"))
    for _ in range(6):
        tmux.keys("anne", "Down")
        previous = leader
        leader = where(tmux.wait_for("anne", lambda s: where(s) not in (None, previous), 5, "the leader's move"))
        if leader != mine:
            break
    assert leader not in (before, mine)
    time.sleep(1.2)
    assert where(tmux.screen("kari")) == mine, "not following: stays where it moved"
    tmux.keys("kari", "F3")
    tmux.wait_for("kari", lambda s: where(s) == leader, 5, f"following again with F3: {leader}")

    # the leader goes away: the follower says so and stays
    tmux.kill_session("anne")
    tmux.wait_for("kari", "Lederen anne er borte", 15)
    assert where(tmux.screen("kari")) == leader


def test_a_second_leader_is_told_who_leads_and_can_take_over(room):
    tmux, data_dir, workshop_id = room
    start(tmux, data_dir, workshop_id, "anne", "--lead")
    start(tmux, data_dir, workshop_id, "kari")
    tmux.wait_for("kari", "anne leder · F3 følger", 5)
    tmux.keys("kari", "F2")
    tmux.wait_for("kari", "anne leder nå. Vil du ta over ledelsen?", 5)
    tmux.keys("kari", "Enter")  # the focus starts on "Nei": Enter keeps anne as leader
    tmux.wait_for("kari", lambda s: "Vil du ta over" not in s and "anne leder · F3 følger" in s, 5)
    tmux.keys("kari", "F2")
    tmux.wait_for("kari", "Vil du ta over ledelsen?", 5)
    tmux.keys("kari", "j")
    tmux.wait_for("kari", "Du leder", 5)
    tmux.wait_for("anne", "kari har tatt over ledelsen", 5)


def badge_rows(screen: str) -> dict[str, str]:
    """Row text -> the badge in front of it, for the role table's rows on screen."""
    found = {}
    for line in screen.splitlines():
        match = re.match(r"^\s{1,2}([A-Z]{2}(?:✎)?(?:\+\d)?)\s+(\S.*)$", line)
        if match:
            found[match.group(2).split("  ")[0].strip()] = match.group(1)
    return found


def badge_on(marks: dict[str, str], label: str) -> str:
    """The badge on the row whose text starts with ``label`` ("" if none)."""
    return next((badge for text, badge in marks.items() if text.startswith(label)), "")


def test_each_screen_shows_the_others_on_their_rows(room):
    tmux, data_dir, workshop_id = room
    rows = {"anne": 0, "kari": 1, "ola": 2}
    labels = ("Innhente", "Vurdere", "Formidle/dele")
    for name in rows:
        start(tmux, data_dir, workshop_id, name)
        tmux.keys(name, "C-t")  # fold the instructions: three rows fit on 24 lines
    for name, row in rows.items():
        for _ in range(row):
            tmux.keys(name, "Down")
            time.sleep(0.15)
    for name, row in rows.items():
        others = [(other, labels[r]) for other, r in rows.items() if other != name]

        def shows_both(screen: str, others=others) -> bool:
            marks = badge_rows(screen)
            return all(badge_on(marks, label).startswith(other[:2].upper()) for other, label in others)

        screen = tmux.wait_for(name, shows_both, 10, f"the other two on their rows in {name}'s screen")
        assert not badge_on(badge_rows(screen), labels[row]), f"{name} sees no badge on its own row:\n{screen}"
        assert all(other in screen for other, _ in others)  # names in full in the header


def test_a_follower_over_ssh_goes_where_the_leader_goes(tmp_path):
    """One follower over the real sshd (ForceCommand intro-tui), the leader in a local terminal."""
    require_tools("sshd", "ssh", "ssh-keygen", "tmux")
    data_dir = tmp_path / "data"
    store = WorkshopStore(data_dir, load_catalog(data_dir), user="test")
    workshop = store.create(Workshop(id="", title="Over SSH", template="arbeidsrettet-lop", units=["NAV"]))
    server = SshServer(tmp_path / "sshd", ["env", "TERM=xterm-256color", "LANG=C.UTF-8", *intro_tui_command(),
                                           "--data-dir", str(data_dir), "open", workshop.id, "--section", "1.3"])
    tmux = Tmux()
    try:
        try:
            server.start()
        except SshdFailed as exc:
            pytest.fail(f"could not start sshd: {exc}", pytrace=False)
        start(tmux, data_dir, workshop.id, "anne", "--lead")
        tmux.new("bjorn", server.ssh_argv(), env={"INTRO_TUI_USER": "bjorn"}, keep_open=True)
        tmux.wait_for("bjorn", "anne leder · F3 følger", 30, "the SSH participant sees who leads")
        tmux.keys("bjorn", "F3")
        tmux.wait_for("bjorn", "Følger anne", 5)
        go_to_section(tmux, "anne", "4.1")
        until_both(tmux, "anne", "bjorn", at("4.1", 1))
        for _ in range(4):
            tmux.keys("anne", "Down")
            time.sleep(0.15)
        until_both(tmux, "anne", "bjorn", at("4.1", 5))
    finally:
        server.sessions()
        tmux.kill_server()
        server.stop()
