"""App benchmarks: start-up, section moves, typing, memory.

Run:  .venv/bin/python bench/bench_app.py             (everything)
      .venv/bin/python bench/bench_app.py --startup   (start-up ratio only)

* start-up: a whole process from launch to an interactive home screen with 100
  workshops stored, against a bare Textual app (Header, DataTable, Footer)
  measured in the same run (a floor of ~0.37 s when this was written) — target ≤ 1.5×;
* 50 moves between sections (Ctrl+PgDn) and 200 characters typed into a cell,
  driven with Pilot at 80×24 (wall time, including Pilot's own overhead);
* peak memory (max RSS) of one session that opens a workshop and visits
  every section — one SSH user is one such process; target ≤ 80 MiB.

Figures are medians of several runs; the machine is shared, so compare the
ratio, not the absolute times, between runs.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 5
WORKSHOPS = 100

BARE_APP = """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()
    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("a", "b", "c")
        for i in range(100):
            table.add_row(str(i), "x", "y")
        self.call_after_refresh(self.exit)

Bare().run(headless=True, size=(80, 24))
"""

OUR_APP = """
import sys
from pathlib import Path
from intro_tui.tui.app import make_app
from intro_tui.tui.screens.home import HomeScreen

app = make_app(Path(sys.argv[1]))

async def ready(pilot):
    while not isinstance(app.screen, HomeScreen) or not app.screen.query_one("#workshops").row_count:
        await pilot.pause(0.005)
    app.exit()

app.run(headless=True, size=(80, 24), auto_pilot=ready)
"""

ONE_SESSION = """
import sys
from pathlib import Path
from intro_tui.tui.app import make_app

app = make_app(Path(sys.argv[1]), workshop_id=sys.argv[2])

async def visit(pilot):
    await pilot.pause(0.2)
    for _ in range(40):
        await pilot.press("ctrl+pagedown")
        await pilot.pause(0.01)
    app.exit()

app.run(headless=True, size=(80, 24), auto_pilot=visit)
import resource
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def make_data(folder: Path) -> str:
    """100 workshops, realistically filled: examples of every template, copied."""
    from intro_tui.examples import example_workshop
    from intro_tui.core.model.catalog import load_catalog
    from intro_tui.core.store.workshops import WorkshopStore

    catalog = load_catalog(folder)
    store = WorkshopStore(folder, catalog, user="bench")
    first = None
    templates = list(catalog.templates.values())
    for i in range(WORKSHOPS):
        workshop = example_workshop(templates[i % len(templates)], catalog)
        workshop.title = f"Verksted {i:03d} – {workshop.title}"
        created = store.create(workshop)
        first = first or created.id
    return first


def timed_process(code: str, *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


async def pilot_floor() -> tuple[float, float]:
    """The same key presses in a bare app: Pilot's own cost per key is large.

    Typing goes into a plain Input; a "move" swaps a container holding a
    10×5 DataTable - the least a section switch can cost.
    """
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.widgets import DataTable, Input

    class Bare(App):
        BINDINGS = [("ctrl+pagedown", "swap", "swap")]

        def compose(self):
            yield VerticalScroll(id="pane")
            yield Input(id="input")

        def make_table(self):
            table = DataTable()
            table.add_columns(*"abcde")
            for i in range(10):
                table.add_row(*(f"{i}{c}" for c in "abcde"))
            return table

        def action_swap(self):
            pane = self.query_one("#pane")
            pane.remove_children()
            pane.mount(self.make_table())

    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        started = time.perf_counter()
        for _ in range(50):
            await pilot.press("ctrl+pagedown")
        await pilot.pause()
        moves = time.perf_counter() - started
        app.query_one("#input").focus()
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press(*["a"] * 200)
        await pilot.pause()
        typing = time.perf_counter() - started
    return moves, typing


async def interaction(folder: Path, workshop_id: str) -> tuple[float, float]:
    from intro_tui.tui.app import make_app

    app = make_app(folder, workshop_id=workshop_id, section="1.1")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.2)
        started = time.perf_counter()
        for _ in range(50):
            await pilot.press("ctrl+pagedown" if app.screen.section.id != "7.3" else "ctrl+pageup")
        await pilot.pause()
        moves = time.perf_counter() - started
        await pilot.press("escape")  # to the navigator
        app.screen.show_section("1.3", focus=True)
        await pilot.pause(0.2)
        app.focused.move_cursor(row=0, column=4)
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press(*["a"] * 200)
        await pilot.pause()
        typing = time.perf_counter() - started
        await pilot.press("enter")
        await pilot.pause()
    return moves, typing


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        workshop_id = make_data(folder)
        sizes = [p.stat().st_size for p in folder.glob("*.json")]
        print(f"{WORKSHOPS} workshops stored, median file {statistics.median(sizes) / 1024:.0f} KB")

        timed_process(BARE_APP)  # warm the page cache for both
        timed_process(OUR_APP, str(folder))
        bare = [timed_process(BARE_APP) for _ in range(RUNS)]
        ours = [timed_process(OUR_APP, str(folder)) for _ in range(RUNS)]
        floor, app = statistics.median(bare), statistics.median(ours)
        if "--startup" in sys.argv:  # start-up only: the figure issue 18 asks for, in a few seconds
            print(f"start-up: bare {floor * 1000:.0f} ms, intro-tui {app * 1000:.0f} ms, "
                  f"ratio {app / floor:.2f}x (target <= 1.5x)")
            return

        moves, typing = asyncio.run(interaction(folder, workshop_id))
        moves_floor, typing_floor = asyncio.run(pilot_floor())

        out = subprocess.run([sys.executable, "-c", ONE_SESSION, str(folder), workshop_id],
                             check=True, capture_output=True, text=True)
        peak_mib = int(out.stdout.strip().splitlines()[-1]) / 1024

    print()
    print("start-up to interactive home screen (whole process, median of %d)" % RUNS)
    print(f"  bare Textual app (Header, DataTable, Footer)  {floor * 1000:7.0f} ms   (floor)")
    print(f"  intro-tui, {WORKSHOPS} workshops stored             {app * 1000:7.0f} ms   "
          f"ratio {app / floor:.2f}x  (target <= 1.5x)")
    print(f"50 moves between sections (Pilot, 80x24)        {moves * 1000:7.0f} ms   ({moves / 50 * 1000:.1f} ms per move)"
          f"   floor {moves_floor * 1000:.0f} ms, ratio {moves / moves_floor:.2f}x")
    print(f"200 characters typed into a cell (Pilot)        {typing * 1000:7.0f} ms   ({typing / 200 * 1000:.2f} ms per key)"
          f"   floor {typing_floor * 1000:.0f} ms, ratio {typing / typing_floor:.2f}x")
    print(f"peak memory of one session (max RSS)            {peak_mib:7.1f} MiB  (target <= 80 MiB)")
    print(json.dumps({"startup_floor_s": round(floor, 3), "startup_s": round(app, 3), "ratio": round(app / floor, 2),
                      "moves_50_s": round(moves, 3), "moves_floor_s": round(moves_floor, 3),
                      "typing_200_s": round(typing, 3), "typing_floor_s": round(typing_floor, 3), "peak_mib": round(peak_mib, 1)}))


if __name__ == "__main__":
    os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
    main()
