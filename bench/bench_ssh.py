"""What a slow link pays: bytes over the pty per key, and live-update latency.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/bench_ssh.py [--keys 50] [--rounds 20]

The real ``intro-tui open ID --section 1.3`` runs in a pseudo-terminal of
80x24 (``pty.fork``), exactly as sshd would run it; a reader thread counts
every byte the app writes to the terminal, with a timestamp.  Nothing is
rendered: what is measured is what would cross the SSH connection (before
ssh's own compression and packet overhead).

Per configuration - SSH default (``SSH_CONNECTION`` set, so mouse reporting
is off), the same with ``--mouse``, and mouse off with ``COLORTERM=truecolor``
(what ``AcceptEnv COLORTERM`` lets through) - it measures:

* the first paint of the workshop screen;
* bytes per typed character in the cell editor (``--keys`` characters at a
  steady 0.15 s, so the editor's cursor never blinks in between);
* bytes per cell move, Right/Left and Down/Up (``--keys`` moves each);
* with mouse reporting on: bytes a terminal sends per mouse move (any-event
  tracking reports every motion) and what the app writes back; with it off a
  terminal sends nothing;
* idle bytes per second with the cell editor open (the blinking cursor);
* the first paint, typing and moves also as ``ssh -C`` would send them: the
  whole output through one zlib stream, flushed after each key's output as
  ssh flushes each packet (encryption and packet headers not counted).

Then the time from a commit in one session to its appearance in another
session's output: two app processes on one data folder (Enter in A -> the
value's bytes in B's output), and ``intro-tui set`` as the writer (the
command returning -> the value in the app's output).  Lower is better
throughout; the app polls the workshop file every 0.4 s, so expect ~0.2 s on
average and < 0.5 s at worst, plus rendering.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
import zlib
from pathlib import Path

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore

COLS, ROWS = 80, 24
SECTION = "1.3"
READY = b"Innhente"
KEYS = {"right": b"\x1b[C", "left": b"\x1b[D", "down": b"\x1b[B", "up": b"\x1b[A", "enter": b"\r",
        "escape": b"\x1b"}


def intro_tui() -> list[str]:
    script = Path(sys.executable).parent / "intro-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "intro_tui"]


class PtyApp:
    """One intro-tui process on its own pty; every byte it writes is kept with its arrival time."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        pid, fd = pty.fork()
        if pid == 0:  # child: the pty is its controlling terminal, like an SSH session's
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(argv[0], argv, env)
        self.pid, self.fd = pid, fd
        self.chunks: list[tuple[float, bytes]] = []
        self.lock = threading.Lock()
        self.done = False
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        while not self.done:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                return
            if not data:
                return
            with self.lock:
                self.chunks.append((time.monotonic(), data))

    # -- what came out ---------------------------------------------------------------

    @property
    def total(self) -> int:
        with self.lock:
            return sum(len(c) for _, c in self.chunks)

    def output(self) -> bytes:
        with self.lock:
            return b"".join(c for _, c in self.chunks)

    def last_output_at(self) -> float:
        with self.lock:
            return self.chunks[-1][0] if self.chunks else 0.0

    def settle(self, quiet: float = 0.3, limit: float = 10.0) -> None:
        """Wait until nothing has been written for ``quiet`` seconds."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if time.monotonic() - max(self.last_output_at(), 0) >= quiet:
                return
            time.sleep(0.02)

    def settle_after(self, before: int, quiet: float = 0.3, first: float = 1.0) -> None:
        """Wait for the app to answer (more than ``before`` bytes, up to ``first`` s), then to go quiet."""
        deadline = time.monotonic() + first
        while self.total <= before and time.monotonic() < deadline:
            time.sleep(0.005)
        self.settle(quiet)

    def wait_for(self, needle: bytes, start: int = 0, timeout: float = 20.0) -> float | None:
        """Monotonic time of the chunk that completed ``needle`` (searching from byte ``start``)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                seen, buffer = 0, b""
                for at, chunk in self.chunks:
                    if seen + len(chunk) > start:
                        buffer += chunk[max(start - seen, 0):]
                        if needle in buffer:
                            return at
                    seen += len(chunk)
            time.sleep(0.002)
        return None

    # -- keys ------------------------------------------------------------------------

    def send(self, data: bytes) -> float:
        os.write(self.fd, data)
        return time.monotonic()

    def key(self, name: str, pause: float = 0.15) -> None:
        before = self.total
        self.send(KEYS[name])
        time.sleep(pause)
        self.settle_after(before, quiet=0.2)

    def stop(self) -> None:
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        for _ in range(100):
            if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                break
            time.sleep(0.05)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.done = True
        self.thread.join(timeout=1)
        os.close(self.fd)


def environment(*, ssh: bool, truecolor: bool = False, user: str = "bench") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("INTRO_TUI_", "SSH_", "TEXTUAL", "COLORTERM", "TMUX", "STY"))}
    env.update(TERM="xterm-256color", LANG="C.UTF-8", INTRO_TUI_USER=user)
    if ssh:
        env["SSH_CONNECTION"] = "127.0.0.1 50000 127.0.0.1 22"  # what sshd sets: the app turns the mouse off
    if truecolor:
        env["COLORTERM"] = "truecolor"
    return env


def open_app(data_dir: Path, workshop_id: str, env: dict[str, str], mouse: bool = False) -> tuple[PtyApp, int]:
    argv = [*intro_tui(), "--data-dir", str(data_dir), *(["--mouse"] if mouse else []), "open", workshop_id,
            "--section", SECTION]
    app = PtyApp(argv, env)
    if app.wait_for(READY) is None:
        app.stop()
        raise SystemExit(f"the app did not show section {SECTION}:\n{app.output()[-2000:]!r}")
    app.settle(0.5)
    return app, app.total


class Compressed:
    """What ``ssh -C`` would send for the app's output: one zlib stream, flushed per packet.

    Every byte the app wrote is fed in order (the first paint too: it primes
    the dictionary as it would on a real connection); :meth:`size` answers for
    one slice of the output, flushed as ssh flushes each packet.
    """

    def __init__(self, app: PtyApp):
        self.app = app
        self.zlib = zlib.compressobj(6)
        self.fed = 0

    def size(self, start: int, end: int) -> int:
        data = self.app.output()
        if start > self.fed:
            self.zlib.compress(data[self.fed:start])
            self.zlib.flush(zlib.Z_PARTIAL_FLUSH)
        out = self.zlib.compress(data[start:end]) + self.zlib.flush(zlib.Z_PARTIAL_FLUSH)
        self.fed = end
        return len(out)


def per_key(app: PtyApp, keys: list[bytes], z: Compressed, cadence: float = 0.15) -> tuple[float, float]:
    """Bytes written by the app per key, raw and as ``ssh -C`` would send them, keys at a steady cadence."""
    app.settle(0.3)
    before = app.total
    marks = []
    for data in keys:
        marks.append(app.total)
        app.send(data)
        time.sleep(cadence)
    app.settle_after(before)
    marks.append(app.total)
    compressed = sum(z.size(a, b) for a, b in zip(marks, marks[1:]))
    return (app.total - before) / len(keys), compressed / len(keys)


def measure(data_dir: Path, workshop_id: str, label: str, env: dict[str, str], mouse: bool, n: int) -> dict:
    app, first_paint = open_app(data_dir, workshop_id, env, mouse)
    try:
        startup = app.output()
        z = Compressed(app)
        result = {"label": label, "first paint": first_paint, "first paint -C": z.size(0, first_paint),
                  "mouse reporting": b"\x1b[?1003h" in startup}
        # cell moves on the role table: Right/Left between Hoved-ansvarlig and Utfører, Down/Up between rows 1-2
        app.key("right")
        result["move right/left"], result["move right/left -C"] = per_key(app, [KEYS["right"], KEYS["left"]] * (n // 2), z)
        result["move down/up"], result["move down/up -C"] = per_key(app, [KEYS["down"], KEYS["up"]] * (n // 2), z)
        # typing: the first letter opens the editor (counted apart), then n letters
        app.key("right", 0.3)  # Utfører, a text column
        app.settle(0.3)
        before = app.total
        app.send(b"a")
        app.settle_after(before)
        result["open editor"] = app.total - before
        letters = [bytes([ord("a") + i % 26]) for i in range(n)]
        result["typed character"], result["typed character -C"] = per_key(app, letters, z)
        # idle with the editor open: the cursor blinks
        app.settle(0.3)
        before, started = app.total, time.monotonic()
        time.sleep(3.0)
        result["idle editor bytes/s"] = (app.total - before) / (time.monotonic() - started)
        app.key("escape", 0.5)  # cancel: nothing saved
        # mouse motion over the table (SGR 1006 reports, as a terminal sends them with any-event tracking on)
        if result["mouse reporting"]:
            app.settle(0.3)
            before, sent = app.total, 0
            for i in range(n):
                report = f"\x1b[<35;{30 + i % 40};{14 + (i // 40) % 3}M".encode()
                sent += len(report)
                app.send(report)
                time.sleep(0.02)
            app.settle(0.3)
            result["mouse move in"] = sent / n
            result["mouse move out"] = (app.total - before) / n
        else:
            result["mouse move in"] = result["mouse move out"] = 0.0
        return result
    finally:
        app.stop()


def propagation(data_dir: Path, workshop_id: str, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds from a commit in one session to the value in the other's output: app->app, CLI->app."""
    a, _ = open_app(data_dir, workshop_id, environment(ssh=True, user="anne"))
    b, _ = open_app(data_dir, workshop_id, environment(ssh=True, user="bjorn"))
    app_to_app, cli_to_app = [], []
    try:
        a.key("right")  # row 1, Hoved-ansvarlig: every round types a new value over it (rows below the
        a.settle(0.3)   # fold are not drawn in B, so the value must land where B can see it)
        for i in range(rounds):
            token = f"pa{i:02d}{os.getpid() % 1000:03d}".encode()
            for ch in token:
                a.send(bytes([ch]))
                time.sleep(0.03)
            a.settle(0.2)
            time.sleep(random.uniform(0, 0.4))  # a random phase against the 0.4 s poll
            start_b = b.total
            sent = a.send(KEYS["enter"])
            seen = b.wait_for(token, start_b, timeout=5)
            if seen is not None:
                app_to_app.append(seen - sent)
            time.sleep(0.3)
            a.settle(0.2)
        for i in range(rounds):
            token = f"pc{i:02d}{os.getpid() % 1000:03d}"
            time.sleep(random.uniform(0, 0.4))
            start_b = b.total
            subprocess.run([*intro_tui(), "--data-dir", str(data_dir), "set", workshop_id, SECTION, "1", "4", token],
                           check=True, capture_output=True, env=environment(ssh=False, user="cli"))
            done = time.monotonic()
            seen = b.wait_for(token.encode(), start_b, timeout=5)
            if seen is not None:
                cli_to_app.append(seen - done)
            time.sleep(0.25)
    finally:
        a.stop()
        b.stop()
    return app_to_app, cli_to_app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keys", type=int, default=50, help="keys per measurement (default 50)")
    parser.add_argument("--rounds", type=int, default=20, help="commits timed per writer (default 20)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-ssh-"))
    try:
        data_dir = folder / "data"
        store = WorkshopStore(data_dir, load_catalog(data_dir), user="bench")
        workshop_id = store.create(Workshop(id="", title="Arbeidsmøte over SSH", template="arbeidsrettet-lop",
                                            kommune="Bærum", year=2026, units=["Flyktningtjenesten", "NAV"])).id
        configs = [
            ("mouse off (SSH default)", environment(ssh=True), False),
            ("mouse on (--mouse)", environment(ssh=True), True),
            ("mouse off, truecolor", environment(ssh=True, truecolor=True), False),
        ]
        results = [measure(data_dir, workshop_id, label, env, mouse, args.keys) for label, env, mouse in configs]
        app_to_app, cli_to_app = propagation(data_dir, workshop_id, args.rounds)
    finally:
        if not os.environ.get("KEEP_BENCH"):
            shutil.rmtree(folder, ignore_errors=True)

    import textual

    print(f"intro-tui over a pty, {COLS}x{ROWS}, section {SECTION} (Python {sys.version.split()[0]}, "
          f"Textual {textual.__version__}); bytes the app writes to the terminal unless marked 'in'")
    width = 26
    print(f"{'':34}" + "".join(f"{r['label']:>{width}}" for r in results))
    rows = [
        ("mouse reporting enabled", lambda r: "yes" if r["mouse reporting"] else "no"),
        ("first paint (bytes)", lambda r: f"{r['first paint']:,}"),
        ("  the same, ssh -C (zlib)", lambda r: f"{r['first paint -C']:,}"),
        ("per typed character", lambda r: f"{r['typed character']:.0f}"),
        ("  the same, ssh -C (zlib)", lambda r: f"{r['typed character -C']:.0f}"),
        ("opening the editor (1st letter)", lambda r: f"{r['open editor']:,}"),
        ("per cell move, right/left", lambda r: f"{r['move right/left']:.0f}"),
        ("  the same, ssh -C (zlib)", lambda r: f"{r['move right/left -C']:.0f}"),
        ("per cell move, down/up", lambda r: f"{r['move down/up']:.0f}"),
        ("  the same, ssh -C (zlib)", lambda r: f"{r['move down/up -C']:.0f}"),
        ("per mouse move, in (terminal->app)", lambda r: f"{r['mouse move in']:.0f}"),
        ("per mouse move, out (app->terminal)", lambda r: f"{r['mouse move out']:.0f}"),
        ("idle, editor open (bytes/s)", lambda r: f"{r['idle editor bytes/s']:.0f}"),
    ]
    for name, cell in rows:
        print(f"{name:34}" + "".join(f"{cell(r):>{width}}" for r in results))

    def describe(times: list[float], rounds: int) -> str:
        if not times:
            return "never seen"
        ms = sorted(t * 1000 for t in times)
        missed = f", {rounds - len(times)} not seen within 5 s" if len(times) < rounds else ""
        return f"median {statistics.median(ms):.0f} ms, min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms (n={len(ms)}{missed})"

    print("commit -> another session's screen (poll every 0.4 s):")
    print(f"  app Enter -> other app's output     {describe(app_to_app, args.rounds)}")
    print(f"  'intro-tui set' done -> app output  {describe(cli_to_app, args.rounds)}")


if __name__ == "__main__":
    main()
