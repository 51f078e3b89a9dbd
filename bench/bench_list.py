"""Whole-process time of ``intro-tui list`` with 100 workshops stored.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/bench_list.py [--runs 15] [--workshops 100]

Compared with the floor a CLI over TinyDB and tabulate cannot beat:
``python -c "import tinydb, tabulate"`` with the same interpreter.  The
commands are run alternately, ``--runs`` times each, and the medians compared.
Each workshop is ~70 KB (220 filled cells), copies of one real store file,
dated a minute back (files saved in the last 2 s are never cached, see
``intro_tui.core.store.index.RACY_NS``).

``list`` is timed three ways: with the list index (``data/.index.json``) up to
date - the usual case -, with one workshop changed since the last listing (it
alone is read again), and with no index at all (every file read, the index
written): the first listing, or after the templates changed.

Target (issue #2): ``list`` <= 1.5x the floor.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_save import build  # noqa: E402 - same realistic workshops as the save bench


def console_script() -> list[str]:
    """The installed ``intro-tui`` beside this interpreter, else ``python -m intro_tui``."""
    script = Path(sys.executable).parent / "intro-tui"
    return [str(script)] if script.exists() else [sys.executable, "-m", "intro_tui"]


def timed(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr}")
    return elapsed


def age(paths, seconds: float = 60) -> None:
    then = time.time_ns() - int(seconds * 1e9)
    for path in paths:
        os.utime(path, ns=(then, then))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    parser.add_argument("--workshops", type=int, default=100, help="workshops stored (default 100)")
    parser.add_argument("--cells", type=int, default=220, help="filled cells per workshop (default 220, ~70 KB)")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="intro-tui-bench-list-"))
    data = root / "data"
    store, first = build(data, args.workshops, args.cells)
    size_kb = store.path(first).stat().st_size / 1024
    files = sorted(data.glob("*.json"))
    age(files)
    index = data / ".index.json"
    # PYTHONDONTWRITEBYTECODE would make intro_tui's modules compile on every start: an install has its bytecode
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTRO_TUI_") and k != "PYTHONDONTWRITEBYTECODE"}
    env["INTRO_TUI_DATA"] = str(data)
    listing = console_script() + ["list"]
    floor = [sys.executable, "-c", "import tinydb, tabulate"]
    bare = [sys.executable, "-c", "pass"]
    check = subprocess.run(listing, env=env, capture_output=True, text=True)
    shown = len(check.stdout.splitlines()) - 2
    if not index.is_file():
        raise SystemExit("list wrote no index")

    def no_index() -> None:
        index.unlink(missing_ok=True)

    changed = files[len(files) // 2]
    stamp = [time.time_ns() - 30 * 10**9]

    def one_changed() -> None:  # a new, cacheable mtime: as if saved 30 s ago, different each run
        stamp[0] += 1000
        os.utime(changed, ns=(stamp[0], stamp[0]))

    series = [("list", listing, None), ("list_changed", listing, one_changed), ("list_cold", listing, no_index),
              ("floor", floor, None), ("bare", bare, None)]
    times: dict[str, list[float]] = {name: [] for name, _, _ in series}
    for _name, command, _ in series:
        timed(command, env)  # warm the page cache
    for i in range(args.runs):
        order = series[i % len(series):] + series[: i % len(series)]
        for name, command, prepare in order:
            if prepare is not None:
                prepare()
            times[name].append(timed(command, env))
    shutil.rmtree(root, ignore_errors=True)

    med = {name: statistics.median(values) * 1000 for name, values in times.items()}
    spread = {name: (min(values) * 1000, max(values) * 1000) for name, values in times.items()}
    print("intro-tui list benchmark (whole process, wall clock)")
    print(f"  stored                {args.workshops} workshops of {size_kb:.0f} KB; {shown} listed")
    print(f"  runs                  {args.runs} of each, interleaved; python {sys.version.split()[0]}")
    print("                        median    (min – max)   / floor")
    for label, name in (("python -c pass", "bare"), ("import tinydb,tabulate", "floor"),
                        ("list, index current", "list"), ("list, 1 file changed", "list_changed"),
                        ("list, no index", "list_cold")):
        print(f"  {label:<22}{med[name]:6.1f} ms  ({spread[name][0]:3.0f} – {spread[name][1]:3.0f})"
              f"   {med[name] / med['floor']:4.2f}x")
    ratio = med["list"] / med["floor"]
    print(f"  list / floor          {ratio:5.2f}x   (target <= 1.5x: {'met' if ratio <= 1.5 else 'MISSED'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
