"""A full room: a leader and N followers on one workshop, against the code before following.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/bench_room.py [--sizes 10,30,60] [--before 347f483] [--idle 10] [--rounds 3]

For each N, and for two copies of the code - this working tree ("after") and
the commit given by ``--before`` checked out in a ``git worktree`` under /tmp -
it starts N + 1 ``intro-tui open ID --section 1.3`` processes 0.25 s apart
(everyone opening the workshop at once), each in its own tmux terminal of
80x24 (after: session 0 with ``--lead``, the others with ``--follow``), and
measures:

* **idle CPU**: the CPU time (utime + stime from /proc) all processes use
  together over ``--idle`` seconds of nobody typing, as % of one core;
* **memory**: each process's resident set (VmRSS), mean and max, in MiB;
* (after) per round, the slowest follower for: a **section move** of the
  leader (F6, then F5 back), a **row move** (Down, then Up) and an **edit**
  the leader types into a cell and commits; (before) an edit by ``intro-tui set``;
* (after) the **followers that stopped following by themselves** (their line
  says "Følger ikke …" though nobody touched them): must be 0.

Screens are read with one tmux command per sweep (``capture-pane`` of the
panes not yet showing the change, chained), every 50 ms: the timings'
resolution is ~0.1 s, and the sweeps' own CPU competes with the apps.  The
load average is printed with each line: on a shared machine it says how much
the figures can be trusted.  ``--web`` adds the bytes per second one idle
browser participant receives over its websocket.
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
READY = re.compile(r"1\.3(?: › [^·\n]+)? · rad \d")
CLK_TCK = os.sysconf("SC_CLK_TCK")


class Panes:
    """N terminals on a private tmux server."""

    def __init__(self) -> None:
        self.socket = f"bench-room-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.names: list[str] = []

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
                              text=True, errors="replace", timeout=60, check=False).stdout

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
        chunks = re.split(r"^@@(\S+?)@@$", out, flags=re.MULTILINE)
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


def checkout(rev: str, into: Path) -> Path:
    """The code of ``rev`` in a ``git worktree`` under ``into`` (removed again by :func:`drop_checkout`)."""
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(into), rev], check=True)
    return into


def drop_checkout(path: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=False)


SECTION = re.compile(r"› (\d\.\d) ")


def section_on(screen: str) -> str | None:
    match = SECTION.search(screen)
    return match.group(1) if match else None


def stopped(screens: dict[str, str]) -> list[str]:
    """Followers whose line says they stopped following (nobody touched them)."""
    return [name for name, screen in screens.items() if "Følger ikke" in screen]


def run_room(code: Path, n: int, *, after: bool, idle: float, rounds: int) -> dict:
    """A leader and ``n`` followers (after) or ``n + 1`` plain sessions (before), started 0.25 s apart."""
    data = Path(tempfile.mkdtemp(prefix="bench-room-data-"))
    env = {"PYTHONPATH": str(code), "TERM": "xterm-256color", "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"}
    cli = [sys.executable, "-m", "intro_tui", "--data-dir", str(data)]
    made = subprocess.run([*cli, "new", "arbeidsrettet-lop", "--title", "Rom", "--unit", "NAV"], capture_output=True,
                          text=True, env={**os.environ, **env}, check=True)
    workshop = made.stdout.split()[-1]
    panes = Panes()
    followers = [f"p{i}" for i in range(1, n + 1)]
    result: dict = {"n": n, "sections": [], "rows": [], "edits": [], "stopped": set()}
    try:
        for i in range(n + 1):
            role = ([] if not after else ["--lead"] if i == 0 else ["--follow"])
            panes.new(f"p{i}", [*cli, "open", workshop, "--section", "1.3", *role], {**env, "INTRO_TUI_USER": f"p{i}"})
            time.sleep(0.25)  # everyone opening the workshop at once
        if panes.wait_all(lambda s: READY.search(s), 60 + 2 * n) is None:
            raise SystemExit(f"not all {n + 1} sessions came up")
        if after and panes.wait_all(lambda s: "Følger p0" in s or "Følger ikke" in s, 60, followers) is None:
            raise SystemExit("not every follower says it follows")
        time.sleep(3.0)  # first heartbeat, everyone sees everyone
        pids = panes.pids()
        before = cpu_ticks(pids)
        time.sleep(idle)
        result["cpu"] = (cpu_ticks(pids) - before) / CLK_TCK / idle * 100
        rss = [rss_mib(p) for p in pids]
        result["rss_mean"], result["rss_max"] = statistics.mean(rss), max(rss)
        if not after:
            for _ in range(rounds):  # an edit from the command line, as before following existed
                token = uuid.uuid4().hex[:4]  # short: the narrow "Når/hvor ofte" column must show it unwrapped
                subprocess.run([*cli, "set", workshop, "1.3", "1", "Når/hvor ofte", token],
                               env={**os.environ, **env}, check=True, capture_output=True)
                result["edits"].append(panes.wait_all(lambda s, t=token: t in s, 15))
            return result
        panes.keys("p0", "Right", "Right", "Right", "Right")  # the leader on "Når/hvor ofte": a text cell
        panes.wait_all(lambda s: "Når/hvor ofte" in s.split("────")[-1], 15, ["p0"])
        for r in range(rounds):
            # a section move and back: every follower must show the leader's section
            for key, target in (("F6", "1.4"), ("F5", "1.3")):
                panes.keys("p0", key)
                result["sections"].append(panes.wait_all(lambda s, t=target: section_on(s) == t, 20, followers))
                time.sleep(0.5)
            # a row move down and up
            for key, row in (("Down", 2), ("Up", 1)):
                panes.keys("p0", key)
                at_row = re.compile(rf"1\.3(?: › [^·\n]+)? · rad {row} ")
                result["rows"].append(panes.wait_all(lambda s, at_row=at_row: at_row.search(s), 15, followers))
                time.sleep(0.5)
            # the leader writes in the cell: every follower shows the text
            token = f"v{r}x{uuid.uuid4().hex[:4]}"
            panes.tmux("send-keys", "-t", "p0", "-l", token)
            panes.keys("p0", "Enter")
            result["edits"].append(panes.wait_all(lambda s, t=token: t in s, 15, followers))
            time.sleep(0.5)
        time.sleep(2.0)
        result["stopped"] = stopped(panes.screens(followers))
        return result
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
        assert serve.stdout is not None
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
    text = f"median {statistics.median(got):.2f} s, slowest {max(got):.2f} s" if got else "never"
    return text + (f" ({missing} timed out)" if missing else "")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,30,60", help="followers (plus one leader)")
    parser.add_argument("--before", default="347f483", help="the commit before following and cursor presence")
    parser.add_argument("--idle", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-before", action="store_true")
    parser.add_argument("--web", action="store_true", help="also the bytes an idle browser participant receives")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[tuple[str, int], dict] = {}
    tmp = Path(tempfile.mkdtemp(prefix="bench-room-code-"))
    old = checkout(args.before, tmp / "before") if not args.skip_before else None
    try:
        for n in sizes:
            for label, code, after in (("before", old, False), ("after", ROOT, True)):
                if code is None:
                    continue
                started_load = load()
                result = run_room(code, n, after=after, idle=args.idle, rounds=args.rounds)
                results[(label, n)] = result
                line = (f"{label:6} n={n:3}: idle CPU {result['cpu']:5.1f} % of a core, RSS mean "
                        f"{result['rss_mean']:.1f} MiB max {result['rss_max']:.1f}; edit on every screen "
                        f"{fmt(result['edits'])}")
                if after:
                    line += (f"; section move {fmt(result['sections'])}; row move {fmt(result['rows'])}; "
                             f"followers that stopped by themselves: {len(result['stopped'])}")
                print(line + f"  [load before {started_load}, after {load()}]", flush=True)
    finally:
        if old is not None:
            drop_checkout(old)
        shutil.rmtree(tmp, ignore_errors=True)
    print("\nratios after / before (same run):")
    for n in sizes:
        a, b = results.get(("after", n)), results.get(("before", n))
        if a and b:
            print(f"  n={n:3}: idle CPU {a['cpu'] / max(b['cpu'], 0.01):.2f}x (target < 1.2x), "
                  f"RSS {a['rss_mean'] / b['rss_mean']:.2f}x ({a['rss_mean']:.1f} vs {b['rss_mean']:.1f} MiB)")
    if args.web:
        print(f"\nidle browser participant: {web_idle_bytes(10):.0f} bytes/s over the websocket")


if __name__ == "__main__":
    main()
