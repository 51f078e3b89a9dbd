"""A full room: N real app sessions on one workshop, before and after presence/following.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/bench_room.py [--sizes 10,30,60] [--before 347f483] [--idle 10]

For each N, and for two copies of the code - this working tree ("after") and
the commit given by ``--before`` unpacked into a temp folder (``git
archive``) - it starts N ``intro-tui open ID --section 1.3`` processes, each in
its own tmux terminal of 80x24 (after: session 0 with ``--lead``, the others
with ``--follow``), waits until every screen shows the workshop, and measures:

* **idle CPU**: the CPU time (utime + stime from /proc) all N processes use
  together over ``--idle`` seconds of nobody typing, as % of one core;
* **memory**: each process's resident set (VmRSS), mean and max, in MiB;
* **edit**: ``intro-tui set`` writes a cell; the time from the command
  returning until the value is on every one of the N screens (median/max of
  ``--rounds``);
* **leader's move** (after only): the leader presses Down; the time until
  every follower's screen shows the leader's new row.

Screens are read with one tmux command per sweep (``capture-pane`` of the
panes not yet showing the change, chained), every 50 ms; a sweep of 60
screens takes tens of ms, so the timings' resolution is ~0.1 s, and the
sweeps' own CPU (tmux rendering every pane) competes with the apps.  Finally, with ``intro-tui serve``, the bytes per
second one idle browser participant receives over its websocket.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READY = re.compile(r"1\.3 rad \d")
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Panes:
    """N terminals on a private tmux server."""

    def __init__(self) -> None:
        self.socket = f"bench-room-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.names: list[str] = []

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
                              text=True, errors="replace", timeout=60).stdout

    def new(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        command = "exec " + " ".join(shlex.quote(a) for a in ["env", *(f"{k}={v}" for k, v in env.items()), *argv])
        self.tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)
        self.names.append(name)

    def pids(self) -> list[int]:
        out = self.tmux("list-panes", "-a", "-F", "#{pane_pid}")
        return [int(p) for p in out.split()]

    def screens(self, names: list[str] | None = None) -> dict[str, str]:
        """Every pane's screen (or those named), in one tmux call."""
        args: list[str] = []
        for name in names or self.names:
            args += ["display-message", "-p", "-t", name, f"@@{name}@@", ";", "capture-pane", "-p", "-t", name, ";"]
        out = self.tmux(*args[:-1])
        found: dict[str, str] = {}
        chunks = re.split(r"^@@(\S+?)@@$", out, flags=re.M)
        for i in range(1, len(chunks) - 1, 2):
            found[chunks[i]] = chunks[i + 1]
        return found

    def keys(self, name: str, *keys: str) -> None:
        self.tmux("send-keys", "-t", name, *keys)

    def wait_all(self, test, timeout: float, names: list[str] | None = None) -> float | None:
        """Seconds until ``test(screen)`` holds on every pane (None on timeout)."""
        waiting = list(names or self.names)
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            screens = self.screens(waiting)
            waiting = [n for n in waiting if not test(screens.get(n, ""))]
            if not waiting:
                return time.monotonic() - started
            time.sleep(0.05)  # the sweep itself costs CPU (tmux renders every pane): leave the apps room
        return None

    def kill(self) -> None:
        self.tmux("kill-server")


def cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return total


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def unpack(rev: str, into: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run_room(code: Path, n: int, *, after: bool, idle: float, rounds: int) -> dict:
    data = Path(tempfile.mkdtemp(prefix="bench-room-data-"))
    env = {"PYTHONPATH": str(code), "TERM": "xterm-256color", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    cli = [sys.executable, "-m", "intro_tui", "--data-dir", str(data)]
    made = subprocess.run([*cli, "new", "arbeidsrettet-lop", "--title", "Rom", "--unit", "NAV"], capture_output=True,
                          text=True, env={**os.environ, **env}, check=True)
    workshop = made.stdout.split()[-1]
    panes = Panes()
    try:
        for i in range(n):
            role = ([] if not after else ["--lead"] if i == 0 else ["--follow"])
            panes.new(f"p{i}", [*cli, "open", workshop, "--section", "1.3", *role], {**env, "INTRO_TUI_USER": f"p{i}"})
            time.sleep(0.15)  # stagger start-up a little: 2 cores
        if panes.wait_all(lambda s: READY.search(s), 60 + 2 * n) is None:
            raise SystemExit(f"not all {n} sessions came up")
        time.sleep(3.0)  # first heartbeat, everyone sees everyone
        pids = panes.pids()
        before = cpu_ticks(pids)
        time.sleep(idle)
        cpu = (cpu_ticks(pids) - before) / CLK_TCK / idle * 100
        rss = [rss_mib(p) for p in pids]
        edits, moves = [], []
        move_cpu = 0.0
        for r in range(rounds):
            token = f"v{r}x{uuid.uuid4().hex[:4]}"
            subprocess.run([*cli, "set", workshop, "1.3", "1", "Utfører", token], env={**os.environ, **env},
                           check=True, capture_output=True)
            edits.append(panes.wait_all(lambda s, t=token: t in s, 10))
            if after:
                time.sleep(1.0)
                ticks, started = cpu_ticks(pids), time.monotonic()
                panes.keys("p0", "Down" if r % 2 == 0 else "Up")
                row = 2 if r % 2 == 0 else 1
                moves.append(panes.wait_all(lambda s, row=row: f"1.3 rad {row} " in s, 10))
                time.sleep(1.0)  # let every follower finish (and its heartbeat write) before counting
                spent = (cpu_ticks(pids) - ticks) / CLK_TCK - cpu / 100 * (time.monotonic() - started)
                move_cpu += spent / rounds
            time.sleep(0.3)
        return {"n": n, "cpu": cpu, "rss_mean": statistics.mean(rss), "rss_max": max(rss), "edits": edits,
                "moves": moves, "move_cpu": move_cpu}
    finally:
        panes.kill()
        shutil.rmtree(data, ignore_errors=True)


def web_idle_bytes(seconds: float) -> float:
    """Bytes per second one idle browser participant receives (after the first paint settles)."""
    import aiohttp

    data = Path(tempfile.mkdtemp(prefix="bench-room-web-"))
    cli = [sys.executable, "-m", "intro_tui", "--data-dir", str(data)]
    workshop = subprocess.run([*cli, "new", "arbeidsrettet-lop", "--title", "Web"], capture_output=True, text=True,
                              check=True).stdout.split()[-1]
    port = 18000 + os.getpid() % 1000
    serve = subprocess.Popen([*cli, "serve", "--port", str(port), "--workshop", workshop], stdout=subprocess.PIPE,
                             text=True)
    try:
        serve.stdout.readline()
        code = serve.stdout.readline().split()[-1]
        time.sleep(1.5)

        async def measure() -> float:
            async with aiohttp.ClientSession() as client:
                async with client.post(f"http://127.0.0.1:{port}/join", data={"code": code, "name": "Bench"},
                                       allow_redirects=False) as response:
                    ticket = response.cookies["intro_tui_ticket"].value
                async with client.ws_connect(f"ws://127.0.0.1:{port}/ws?width=80&height=24",
                                             headers={"Cookie": f"intro_tui_ticket={ticket}"}) as ws:
                    await ws.send_str('["resize", {"width": 80, "height": 24}]')
                    counted = {"bytes": 0}

                    async def read() -> None:
                        async for message in ws:
                            counted["bytes"] += len(message.data) if message.data else 0

                    reader = asyncio.ensure_future(read())
                    await asyncio.sleep(6)  # start-up and first paint
                    print(f"  (first paint over the websocket: {counted['bytes']} bytes)")
                    counted["bytes"] = 0
                    await asyncio.sleep(seconds)
                    reader.cancel()
                    return counted["bytes"] / seconds

        return asyncio.run(measure())
    finally:
        serve.terminate()
        serve.wait()
        shutil.rmtree(data, ignore_errors=True)


def fmt(values: list[float | None]) -> str:
    got = [v for v in values if v is not None]
    if not values:
        return "n/a"
    missing = len(values) - len(got)
    text = f"median {statistics.median(got):.2f} s, max {max(got):.2f} s" if got else "never"
    return text + (f" ({missing} timed out)" if missing else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,30,60")
    parser.add_argument("--before", default="347f483", help="the commit to compare with")
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-before", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[tuple[str, int], dict] = {}
    with tempfile.TemporaryDirectory(prefix="bench-room-code-") as tmp:
        old = unpack(args.before, Path(tmp)) if not args.skip_before else None
        for n in sizes:
            for label, code, after in (("before", old, False), ("after", ROOT, True)):
                if code is None:
                    continue
                result = run_room(code, n, after=after, idle=args.idle, rounds=args.rounds)
                results[(label, n)] = result
                print(f"{label:6} n={n:3}: idle CPU {result['cpu']:5.1f} % of a core, RSS mean "
                      f"{result['rss_mean']:.1f} MiB max {result['rss_max']:.1f}; edit everywhere "
                      f"{fmt(result['edits'])}; leader's move everywhere {fmt(result['moves'])}"
                      + (f" (CPU of all N for one move: {result['move_cpu'] * 1000:.0f} ms, "
                         f"{result['move_cpu'] * 1000 / max(n - 1, 1):.1f} ms a follower)" if after else ""),
                      flush=True)
    print("\nratios after / before:")
    for n in sizes:
        a, b = results.get(("after", n)), results.get(("before", n))
        if a and b:
            print(f"  n={n:3}: idle CPU {a['cpu'] / max(b['cpu'], 0.01):.2f}x (target <= 1.5x), "
                  f"RSS {a['rss_mean'] / b['rss_mean']:.2f}x (target <= 45 MiB: {a['rss_max']:.1f})")
    print(f"\nidle browser participant: {web_idle_bytes(10):.0f} bytes/s over the websocket")


if __name__ == "__main__":
    main()
