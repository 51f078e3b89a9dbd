"""A room in groups: a facilitator and N members in G groups, each group on its own draft of 1.3.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/bench_groups.py [--members 60] [--groups 6] [--idle 10] [--rounds 3]

The members are assigned to their groups before they start (member 1 of each
group starts first, so it leads its group); then a facilitator (``--lead``)
and the members (``--follow``) start 0.25 s apart, each ``intro-tui open`` in
its own tmux terminal of 80x24 (the panes of :mod:`bench_room`).  It measures,
in the same run:

* **plenum**: idle CPU of all processes over ``--idle`` seconds (% of one
  core, and per session) and the resident set per session - the floor;
* the **split** (``groups.split`` as F10 d writes it): seconds until every
  member's line names its group and its lead ("du leder gruppen" / "Følger …");
* **in groups**: the same idle CPU and memory, as ratios against the plenum
  floor (issue 21: within 1.2x);
* **in turn**: per round, each group's lead in turn types a token into its
  draft and presses Enter while the other groups sit in theirs: seconds until
  every member of that group shows it (issue 21: within 1 s);
* **together**: per round, all the leads type and press Enter at once (the
  worst case: every session of the room repaints at the same moment);
* for both, that no member of another group shows the token, and the CPU
  seconds each session spent per turn (a member redraws its group's edit; a
  session of another group only reads the save);
* followers that stopped following by themselves (must be 0).

The load average is printed with each figure: on a shared machine it says how
much they can be trusted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_room import CLK_TCK, ROOT, Panes, cpu_ticks, fmt, load, rss_mib  # noqa: E402

READY = re.compile(r"1\.3(?:~g\d+)?(?: › [^·\n]+)? · rad \d")


def idle(panes: Panes, seconds: float) -> dict:
    pids = panes.pids()
    before = cpu_ticks(pids)
    time.sleep(seconds)
    cpu = (cpu_ticks(pids) - before) / CLK_TCK / seconds * 100
    rss = [rss_mib(p) for p in pids]
    return {"cpu": cpu, "per_session": cpu / len(pids), "rss_mean": statistics.mean(rss), "rss_max": max(rss)}


def edit_round(panes: Panes, names: dict[str, list[str]], leads: dict[str, str], turn: list[str], tag: str) -> dict:
    """The leads of the groups in ``turn`` type a token into their drafts at once: seconds until each group's
    members show it (the slowest of each group), and how many screens of other groups show it (must be 0)."""
    tokens = {gid: f"{gid}{tag}{uuid.uuid4().hex[:3]}" for gid in turn}
    for gid in turn:
        panes.tmux("send-keys", "-t", leads[gid], "-l", tokens[gid])
    for gid in turn:
        panes.keys(leads[gid], "Enter")
    started, done = time.monotonic(), {}
    waiting = {gid: names[gid][1:] for gid in turn}
    while waiting and time.monotonic() - started < 15:  # every group against the same start
        screens = panes.screens([n for group in waiting.values() for n in group])
        for gid in [g for g, group in waiting.items() if all(tokens[g] in screens.get(n, "") for n in group)]:
            done[gid] = time.monotonic() - started
            del waiting[gid]
        time.sleep(0.05)
    edits = [done.get(gid) for gid in turn]
    screens = panes.screens([n for group in names.values() for n in group])
    leaks = sum(1 for gid in turn for other, group in names.items() if other != gid
                for name in group if tokens[gid] in screens.get(name, ""))
    return {"edits": edits, "leaks": leaks}


def run(members: int, groups: int, seconds: float, rounds: int, settle: float) -> dict:
    sys.path.insert(0, str(ROOT))
    from intro_tui.core.model.catalog import load_catalog
    from intro_tui.core.model.workshop import Workshop
    from intro_tui.core.store import groups as group_store
    from intro_tui.core.store.workshops import WorkshopStore

    data = Path(tempfile.mkdtemp(prefix="bench-groups-data-"))
    store = WorkshopStore(data, load_catalog(data), user="bench")
    workshop = store.create(Workshop(id="", title="Grupper", template="arbeidsrettet-lop", units=["NAV"])).id
    names: dict[str, list[str]] = {}
    for g in range(1, groups + 1):
        group = group_store.make(store, workshop, f"Gruppe {g}", section="1.3", draft=True)
        names[group.id] = [f"m{g}x{i}" for i in range(1, members // groups + 1)]
        for name in names[group.id]:
            group_store.join(store, workshop, group.id, name)
    env = {"PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    cli = [sys.executable, "-m", "intro_tui", "--data-dir", str(data)]
    panes = Panes()
    everyone = [n for group in names.values() for n in group]
    order = [group[i] for i in range(max(len(g) for g in names.values())) for group in names.values() if i < len(group)]
    result: dict = {"edits": {}, "leaks": 0, "cpu": {}}
    try:
        panes.new("lead", [*cli, "open", workshop, "--section", "1.3", "--lead"], {**env, "INTRO_TUI_USER": "lead"})
        for name in order:  # member 1 of every group first: they lead their groups
            panes.new(name, [*cli, "open", workshop, "--section", "1.3", "--follow"], {**env, "INTRO_TUI_USER": name})
            time.sleep(0.25)
        if panes.wait_all(lambda s: READY.search(s), 60 + 2 * members) is None:
            raise SystemExit("not every session came up")
        if panes.wait_all(lambda s: "Følger lead" in s, 60, everyone) is None:
            raise SystemExit("not every member follows the facilitator")
        time.sleep(settle)
        result["plenum"] = idle(panes, seconds)
        started = time.monotonic()
        group_store.split(store, workshop, True)
        leads = {gid: group[0] for gid, group in names.items()}
        waits = []
        for gid, group in names.items():
            label = f"Gruppe {gid[1:]} ·"
            waits.append(panes.wait_all(lambda s, lead=leads[gid], label=label: label in s and (
                "du leder gruppen" in s or f"Følger {lead}" in s), 60, group))
        result["split"] = time.monotonic() - started if all(w is not None for w in waits) else None
        time.sleep(settle)  # every follower's new section built and drawn: idle is idle
        result["groups"] = idle(panes, seconds)
        for lead in leads.values():  # every lead on a text cell ("Når/hvor ofte") of its draft
            panes.keys(lead, "Right", "Right", "Right", "Right")
        panes.wait_all(lambda s: "Når/hvor ofte" in s.split("────")[-1], 20, list(leads.values()))
        time.sleep(1.0)
        pids = panes.pids()
        for mode in ("in turn", "together"):
            for r in range(rounds):
                turns = [[gid] for gid in names] if mode == "in turn" else [list(names)]
                for turn in turns:
                    before = cpu_ticks(pids)
                    waited = edit_round(panes, names, leads, turn, f"{mode[0]}{r}")
                    result["edits"].setdefault(mode, []).extend(waited["edits"])
                    result["leaks"] += waited["leaks"]
                    time.sleep(1.0)  # the screens drawn and idle again: their CPU is this turn's
                    result["cpu"].setdefault(mode, []).append((cpu_ticks(pids) - before) / CLK_TCK / len(pids))
        screens = panes.screens(everyone)
        result["stopped"] = [n for n, s in screens.items() if "Følger ikke" in s]
        return result
    finally:
        panes.kill()
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=60)
    parser.add_argument("--groups", type=int, default=6)
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--settle", type=float, default=15.0, help="seconds after start and after the split")
    args = parser.parse_args()
    before = load()
    r = run(args.members, args.groups, args.idle, args.rounds, args.settle)
    p, g = r["plenum"], r["groups"]
    print(f"{args.members} members in {args.groups} groups + a facilitator  [load before {before}, after {load()}]")
    print(f"  plenum:    idle CPU {p['cpu']:5.1f} % of a core ({p['per_session']:.2f} % per session), "
          f"RSS mean {p['rss_mean']:.1f} MiB max {p['rss_max']:.1f}")
    print(f"  in groups: idle CPU {g['cpu']:5.1f} % of a core ({g['per_session']:.2f} % per session), "
          f"RSS mean {g['rss_mean']:.1f} MiB max {g['rss_max']:.1f}")
    print(f"  ratios in groups / plenum (same run): idle CPU {g['cpu'] / max(p['cpu'], 0.01):.2f}x, "
          f"RSS {g['rss_mean'] / p['rss_mean']:.2f}x (target < 1.2x)")
    split = f"{r['split']:.2f} s" if r["split"] is not None else "timed out"
    print(f"  split: every member in its group, following its lead, after {split}")
    for mode, what in (("in turn", "one group's lead at a time, the other groups in their drafts"),
                       ("together", "all six leads press Enter at once")):
        cpu = statistics.median(r["cpu"][mode]) * 1000
        print(f"  an edit on its group's screens, {what}: {fmt(r['edits'][mode])} (target <= 1 s); "
              f"CPU per session per turn: median {cpu:.0f} ms")
    print(f"  shown in another group: {r['leaks']}; stopped following by themselves: {len(r['stopped'])}")
    print(f"  [load {load()}, {os.cpu_count()} cores]")


if __name__ == "__main__":
    main()
