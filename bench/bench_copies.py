"""Copies at their limit do not slow the other commands (issue 20): a workshop whose 2.2 holds
``MAX_COPIES`` copies, each filled, against the same workshop with 2.2 once.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/bench_copies.py [--rounds 30]

Times, in-process and interleaved so drift hits both alike: ``load`` (read and check the file),
``set_cell`` on 1.1 (a section without copies), ``show`` of 1.1 and the whole markdown export.
Prints each median and the ratio full/floor.  The floor is a workshop with 2.2 once and as
much text in rows of 2.1: what copies add beyond the answers they hold is the ratio's excess over 1.  The 1,000th copy is refused at
``MAX_COPIES`` (50 with the first, ``core/model/copies.py``) before any of this, so 50 is the worst case.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from intro_tui.core.model import copies
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.values import ValueProblem
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import copies as store_copies
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.export.markdown import render_markdown
from intro_tui.export.show import render_show

TEMPLATE = "arbeidsrettet-lop"


def build(store: WorkshopStore, title: str, count: int, *, same_text: bool = False) -> str:
    """2.2 filled ``count`` times; ``same_text``: 2.2 once, and as much text again as rows of 2.1 (the floor)."""
    workshop = store.create(Workshop(id="", title=title, template=TEMPLATE))
    if same_text:
        for _ in range(5 * (copies.MAX_COPIES - 1)):  # two answers a row: five rows hold one copy's ten
            store.add_row(workshop.id, "2.1", "tiltak", {"label": "Tekst " * 30, "beskrivelse": "Tekst " * 30})
    store.set_cell(workshop.id, "2.2", "bransje", "bransje", "verdi", "Bransje 1")
    keys = ["2.2"] + [store_copies.add_copy(store, workshop.id, "2.2", f"Bransje {n}") for n in range(2, count + 1)]
    for key in keys:
        store.set_cells(workshop.id, [(key, "vurdering", f"r{n}", "situasjon", "Tekst " * 30) for n in range(1, 11)])
    store.add_row(workshop.id, "1.1", "behov", {"label": "Renhold"})
    try:
        store_copies.add_copy(store, workshop.id, "2.2", "Bransje 1000")
    except ValueProblem as exc:
        print(f"{title}: the copy after {count} refused: {exc}")
    return workshop.id


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = WorkshopStore(Path(folder), load_catalog())
        plain, full = build(store, "Like mye tekst", 1, same_text=True), build(store, "Fullt", copies.MAX_COPIES)
        template = store.catalog.get(TEMPLATE)
        one = [template.section("1.1")]
        rows = {wid: store.load(wid).rows_added("1.1", "behov")[0].key for wid in (plain, full)}
        actions = {
            "load": lambda wid: store.load(wid),
            "set 1.1": lambda wid: store.set_cell(wid, "1.1", "behov", rows[wid], "kilder", f"x{time.perf_counter()}"),
            "show 1.1": lambda wid: render_show(template, store.load(wid), one, width=100),
            "markdown": lambda wid: render_markdown(template, store.load(wid)),
        }
        times: dict[tuple[str, str], list[float]] = {(name, wid): [] for name in actions for wid in (plain, full)}
        for round_ in range(args.rounds):
            for name, action in actions.items():
                for wid in (plain, full) if round_ % 2 else (full, plain):
                    times[(name, wid)].append(timed(lambda: action(wid)))
        print(f"{'':10} {'2.2 once*':>10} {f'{copies.MAX_COPIES} copies':>10} {'ratio':>7}")
        for name in actions:
            a, b = statistics.median(times[(name, plain)]), statistics.median(times[(name, full)])
            print(f"{name:10} {a * 1000:8.1f}ms {b * 1000:8.1f}ms {b / a:6.2f}x")
        print("* the floor: 2.2 once and the same answers (as much text) as rows of 2.1")


if __name__ == "__main__":
    main()
