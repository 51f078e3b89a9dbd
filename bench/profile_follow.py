"""What ONE follower spends on a section move: CPU milliseconds per move, and where they go.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/profile_follow.py [--moves 20] [--followers 1] [--py-spy out.txt]

Starts a leader and ``--followers`` followers (``intro-tui open ID --section 1.3``,
each in its own tmux terminal of 80x24, as ``bench_room.py`` does), then:

* **floor**: the followers' CPU time (utime + stime from /proc) over as many
  seconds of nobody typing as the moves take - the idle ticks, the heartbeat;
* **moves**: the leader presses F6 and F5 in turn (1.3 → 1.4 → 1.3 …), each time
  waiting until every follower shows the section, then 0.8 s more (the follower
  finishes drawing and goes idle);
* prints (moves CPU − floor CPU) / moves / followers in ms: what one process
  spends on one section move.  The first F6 and F5 (building 1.4 the first time)
  are counted apart from the rest (switching between built sections).

On 2 cores, 60 followers must each spend well under ~30 ms CPU for a section
move to reach everyone in 1 s.  ``--py-spy FILE`` records the first follower
during the moves with py-spy (``pip install py-spy``) and writes the functions
with the most samples (own and total) to FILE.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_room import CLK_TCK, READY, ROOT, Panes, cpu_ticks, load, section_on  # noqa: E402


def summarize(raw: Path, out: Path) -> None:
    """py-spy's collapsed stacks -> the top functions by own and by total samples."""
    own: collections.Counter[str] = collections.Counter()
    total: collections.Counter[str] = collections.Counter()
    samples = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack:
            continue
        n = int(count)
        samples += n
        frames = stack.split(";")
        own[frames[-1]] += n
        for frame in set(frames):
            total[frame] += n
    lines = [f"{samples} samples", "", "own:"]
    lines += [f"{n:6d} {n / samples:6.1%}  {f}" for f, n in own.most_common(40)]
    lines += ["", "total:"]
    lines += [f"{n:6d} {n / samples:6.1%}  {f}" for f, n in total.most_common(80)]
    out.write_text("\n".join(lines) + "\n")


async def in_process(moves: int, profile_out: str) -> None:
    """One follower as a Pilot app (headless: Textual still lays out and renders, writes nothing) and a
    leader's :class:`Presence` in this process: CPU ms per section move, and cProfile's top entries."""
    import cProfile
    import pstats

    from intro_tui.core.model.catalog import load_catalog
    from intro_tui.core.model.workshop import Workshop
    from intro_tui.core.store.presence import Presence, Spot
    from intro_tui.core.store.workshops import WorkshopStore
    from intro_tui.tui.app import make_app

    data = Path(tempfile.mkdtemp(prefix="profile-follow-"))
    store = WorkshopStore(data, load_catalog(data), user="bench")
    workshop_id = store.create(Workshop(id="", title="Rom", template="arbeidsrettet-lop", units=["NAV"])).id
    app = make_app(data, workshop_id=workshop_id, section="1.3", user="p1", room_role="follow")
    leader = Presence(data, workshop_id, "p0")
    profiler = cProfile.Profile()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            template = app.screen.session.template

            def spot(section_id: str) -> Spot:  # the leader on the first row of the section's first table
                block = template.section(section_id).blocks[0]
                return Spot(section_id, block.id, block.rows[0].key if block.rows else None, 1)

            leader.move(spot("1.3"))
            leader.beat()
            leader.take_lead()
            await pilot.pause(2.0)

            async def cycle(count: int, move: bool) -> tuple[float, float]:
                cpu, wall = time.process_time(), time.monotonic()
                for m in range(count):
                    target = "1.4" if m % 2 == 0 else "1.3"
                    if move:
                        leader.move(spot(target))
                        started = time.monotonic()
                        while app.screen.section.id != target:
                            assert time.monotonic() - started < 20, "the follower never moved"
                            await asyncio.sleep(0.02)
                    await asyncio.sleep(0.8)  # drawn, settled, idle ticks again
                return time.process_time() - cpu, time.monotonic() - wall

            for phase, count in (("first", 2), ("again", moves)):
                if phase == "again":
                    profiler.enable()
                spent, _ = await cycle(count, True)
                profiler.disable()
                floor, _ = await cycle(count, False)
                print(f"{phase:5}: {count} section moves in one process: {(spent - floor) / count * 1000:.1f} ms CPU "
                      f"per move (moves {spent:.2f} s, idle floor {floor:.2f} s)  [load {load()}]", flush=True)
    finally:
        leader.leave()
        shutil.rmtree(data, ignore_errors=True)
    if profile_out:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(80)
        stats.sort_stats("tottime").print_stats(40)
        Path(profile_out).write_text(out.getvalue())  # noqa: ASYNC240 - after the app has stopped
        print(f"cProfile: {profile_out}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--followers", type=int, default=1)
    parser.add_argument("--py-spy", dest="py_spy", default="")
    parser.add_argument("--in-process", dest="in_process", action="store_true",
                        help="one Pilot follower in this process, with cProfile (--cprofile FILE)")
    parser.add_argument("--cprofile", default="")
    args = parser.parse_args()
    if args.in_process:

        asyncio.run(in_process(args.moves, args.cprofile))
        return
    data = Path(tempfile.mkdtemp(prefix="profile-follow-"))
    env = {"PYTHONPATH": str(ROOT), "TERM": "xterm-256color", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    cli = [sys.executable, "-m", "intro_tui", "--data-dir", str(data)]
    workshop = subprocess.run([*cli, "new", "arbeidsrettet-lop", "--title", "Rom", "--unit", "NAV"],
                              capture_output=True, text=True, env={**os.environ, **env}, check=True).stdout.split()[-1]
    panes = Panes()
    followers = [f"p{i}" for i in range(1, args.followers + 1)]
    try:
        for i in range(args.followers + 1):
            role = ["--lead"] if i == 0 else ["--follow"]
            panes.new(f"p{i}", [*cli, "open", workshop, "--section", "1.3", *role], {**env, "INTRO_TUI_USER": f"p{i}"})
            time.sleep(0.25)
        if panes.wait_all(lambda s: READY.search(s), 60) is None:
            raise SystemExit("not every session came up")
        if panes.wait_all(lambda s: "Følger p0" in s, 60, followers) is None:
            raise SystemExit("not every follower says it follows")
        time.sleep(3.0)
        pids = panes.pids()[1:]  # the leader is p0, made first
        spy = None
        if args.py_spy:
            raw = Path(args.py_spy).with_suffix(".raw")
            spy = subprocess.Popen(["py-spy", "record", "--pid", str(pids[0]), "--format", "raw", "--rate", "250",
                                    "--output", str(raw), "--nonblocking"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, env={**os.environ,
                                                                   "PATH": f"{Path(sys.executable).parent}:"
                                                                           f"{os.environ['PATH']}"})
            time.sleep(1.0)
        figures: dict[str, float] = {}
        for phase, moves in (("first", 2), ("again", args.moves)):
            started, ticks = time.monotonic(), cpu_ticks(pids)
            slowest = 0.0
            for m in range(moves):
                key, target = ("F6", "1.4") if m % 2 == 0 else ("F5", "1.3")
                panes.keys("p0", key)
                took = panes.wait_all(lambda s, t=target: section_on(s) == t, 30, followers)
                if took is None:
                    raise SystemExit(f"a follower never showed {target}")
                slowest = max(slowest, took)
                time.sleep(0.8)
            spent, busy = cpu_ticks(pids) - ticks, time.monotonic() - started
            idle_ticks = cpu_ticks(pids)
            time.sleep(busy)
            floor = cpu_ticks(pids) - idle_ticks
            per_move = (spent - floor) / CLK_TCK / moves / len(pids) * 1000
            figures[phase] = per_move
            print(f"{phase:5}: {moves} section moves, {len(pids)} follower(s): {per_move:.1f} ms CPU per move per "
                  f"process (moves {spent / CLK_TCK:.2f} s CPU, floor {floor / CLK_TCK:.2f} s over {busy:.1f} s); "
                  f"slowest follower {slowest:.2f} s  [load {load()}]", flush=True)
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            spy.wait(timeout=30)
            raw = Path(args.py_spy).with_suffix(".raw")
            if raw.exists():
                summarize(raw, Path(args.py_spy))
                print(f"py-spy summary: {args.py_spy}")
    finally:
        panes.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
