"""``intro-tui serve`` under attack: 200 hostile connections and 20 participants at once.

Run by hand (not part of the test suite), loopback only::

    .venv/bin/python bench/bench_serve.py [--hostile 200] [--participants 20] [--hold 15]

A real ``intro-tui serve`` on 127.0.0.1 (``--max-participants`` = participants
+ 2).  First the floor, on a quiet server: one participant joins (code, name,
websocket) - the join time and the memory of serve plus one app process.
Then, all at once, each group from its own loopback address (Linux routes
all of 127/8 to lo):

* a quarter of the hostile connections open TCP and send nothing (127.0.0.2),
* a quarter send half a request and stop (127.0.0.3),
* a quarter post wrong codes in parallel (127.0.0.4),
* a quarter open websockets without a ticket or from another site's Origin (127.0.0.5);

and the participants join with the right code from 127.0.1.N, open their
websocket, and every fourth sends ``resize`` 20000×5000.  While they hold
for ``--hold`` seconds, the memory of serve and every process under it is
sampled.  Reported: how many participants got in (must be all), their join
time against the floor, the number of app processes (never above the
limit), peak memory in all and per app process against the floor, and the
lines serve wrote to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_bytes().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def app_pids(root: int) -> list[int]:
    found = []
    for pid in tree(root)[1:]:
        try:
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"intro_tui" in argv and b"serve" not in argv:
            found.append(pid)
    return found


class Bench:
    def __init__(self, args):
        self.args = args
        self.dir = Path(tempfile.mkdtemp(prefix="bench-serve-"))
        store = WorkshopStore(self.dir / "data", load_catalog(self.dir / "data"), user="bench")
        self.workshop = store.create(Workshop(id="", title="Bench", template="arbeidsrettet-lop", units=["NAV"])).id
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [str(Path(sys.executable).parent / "intro-tui"), "--data-dir", str(self.dir / "data"), "serve",
                   "--port", str(self.port), "--workshop", self.workshop,
                   "--max-participants", str(args.participants + 2)]
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     cwd=self.dir)
        self.proc.stdout.readline()
        self.code = self.proc.stdout.readline().split()[-1]
        self.peak_total = 0.0
        self.peak_apps = 0
        self.peak_per_app = 0.0

    async def join(self, local: str, name: str, resize: bool, hold: float) -> float | None:
        import aiohttp

        started = time.monotonic()
        connector = aiohttp.TCPConnector(local_addr=(local, 0))
        try:
            async with aiohttp.ClientSession(connector=connector,
                                             cookie_jar=aiohttp.CookieJar(unsafe=True)) as client:
                async with client.post(self.base + "/join", data={"code": self.code, "name": name},
                                       allow_redirects=False) as response:
                    if response.status != 303:
                        return None
                async with client.ws_connect(self.base.replace("http", "ws") + "/ws?width=80&height=24",
                                             headers={"Origin": self.base}) as ws:
                    async for message in ws:  # the app's first screen
                        if message.type == aiohttp.WSMsgType.BINARY and len(message.data) > 10:
                            break
                    joined = time.monotonic() - started
                    if resize:
                        await ws.send_json(["resize", {"width": 20000, "height": 5000}])
                    await asyncio.sleep(hold)
                    return joined
        except (TimeoutError, aiohttp.ClientError):
            return None

    async def hostile(self, n: int, hold: float) -> None:
        import aiohttp

        quarter = n // 4
        loop = asyncio.get_running_loop()
        sockets = []

        async def raw(local: str, payload: bytes) -> None:
            sock = socket.socket()
            sock.setblocking(False)
            sock.bind((local, 0))
            try:
                await loop.sock_connect(sock, ("127.0.0.1", self.port))
                if payload:
                    await loop.sock_sendall(sock, payload)
                sockets.append(sock)
            except OSError:
                sock.close()

        async def guess(client, i: int) -> None:
            try:
                async with client.post(self.base + "/join", data={"code": f"WRONG{i % 9}", "name": "x"}) as r:
                    await r.read()
            except aiohttp.ClientError:
                pass

        async def websocket(client, i: int) -> None:
            try:
                headers = {"Origin": "http://evil.example"} if i % 2 else {}
                async with client.ws_connect(self.base.replace("http", "ws") + "/ws", headers=headers):
                    pass
            except aiohttp.ClientError:
                pass

        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=("127.0.0.4", 0), limit=0)) as g, \
                aiohttp.ClientSession(connector=aiohttp.TCPConnector(local_addr=("127.0.0.5", 0), limit=0)) as w:
            await asyncio.gather(*(raw("127.0.0.2", b"") for _ in range(quarter)),
                                 *(raw("127.0.0.3", b"GET / HTTP/1.1\r\nHost: x\r\n") for _ in range(quarter)),
                                 *(guess(g, i) for i in range(quarter)),
                                 *(websocket(w, i) for i in range(n - 3 * quarter)))
        await asyncio.sleep(hold)
        for sock in sockets:
            sock.close()

    async def sample(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            pids = tree(self.proc.pid)
            apps = app_pids(self.proc.pid)
            self.peak_total = max(self.peak_total, sum(rss_mib(p) for p in pids))
            self.peak_apps = max(self.peak_apps, len(apps))
            self.peak_per_app = max([self.peak_per_app, *(rss_mib(p) for p in apps)])
            await asyncio.sleep(0.5)

    async def run(self) -> dict:
        await asyncio.sleep(2.0)
        floor_join = await self.join("127.0.0.1", "Floor", False, 3.0)
        await asyncio.sleep(0.5)
        floor_memory = sum(rss_mib(p) for p in tree(self.proc.pid))
        floor_apps = app_pids(self.proc.pid)
        floor_app = max((rss_mib(p) for p in floor_apps), default=0.0)
        await asyncio.sleep(3.0)  # the floor participant's process ends
        stop = asyncio.Event()
        sampler = asyncio.create_task(self.sample(stop))
        started = time.monotonic()
        joins = asyncio.gather(*(self.join(f"127.0.1.{i + 1}", f"Deltaker {i + 1}", i % 4 == 0, self.args.hold)
                                 for i in range(self.args.participants)))
        await asyncio.gather(self.hostile(self.args.hostile, self.args.hold), joins)
        wall = time.monotonic() - started
        stop.set()
        await sampler
        return {"floor_join": floor_join, "floor_memory": floor_memory, "floor_app": floor_app,
                "joins": joins.result(), "wall": wall}

    def finish(self) -> str:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        err = self.proc.stderr.read()
        shutil.rmtree(self.dir, ignore_errors=True)
        return err


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hostile", type=int, default=200)
    parser.add_argument("--participants", type=int, default=20)
    parser.add_argument("--hold", type=float, default=15.0)
    parser.add_argument("-v", action="store_true", help="show serve's stderr")
    args = parser.parse_args()
    args.hostile = max(4, min(args.hostile, 1000))
    args.participants = max(1, min(args.participants, 60))
    bench = Bench(args)
    try:
        result = asyncio.run(asyncio.wait_for(bench.run(), timeout=180))
    finally:
        err = bench.finish()
    joins = [t for t in result["joins"] if t is not None]
    floor = result["floor_join"] or float("nan")
    print(f"intro-tui serve: {args.hostile} hostile connections and {args.participants} participants at once "
          f"({result['wall']:.1f} s)")
    print(f"  participants in with the right code: {len(joins)} of {args.participants}")
    if joins:
        print(f"  join to first screen: median {statistics.median(joins):.2f} s, max {max(joins):.2f} s "
              f"(floor, quiet server: {floor:.2f} s; median {statistics.median(joins) / floor:.1f}x)")
    print(f"  app processes at most: {bench.peak_apps} (limit {args.participants + 2})")
    print(f"  memory, serve and its processes: peak {bench.peak_total:.0f} MiB "
          f"(floor with one participant: {result['floor_memory']:.0f} MiB)")
    print(f"  one app process: at most {bench.peak_per_app:.0f} MiB (floor: {result['floor_app']:.0f} MiB; "
          f"{bench.peak_per_app / max(result['floor_app'], 1):.2f}x; every 4th sent resize 20000x5000)")
    lines = err.splitlines()
    if args.v:
        print(err[-4000:])
    print(f"  serve's stderr: {len(lines)} lines, {len(err.encode())} bytes, tracebacks: {err.count('Traceback')}")


if __name__ == "__main__":
    main()
