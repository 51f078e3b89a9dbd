"""Benchmark: the Word export of filled indicator workshops with the chart against without it, same run.

Run by hand (not a test)::

    .venv/bin/python bench/bench_indicator_chart.py [--runs 15]

Builds, through the real store, a three-year chain of ``virksomhetsplan``
workshops (the example, then two copies with results and NIR counts) and a
filled ``malindikatorer`` (goals, limits, results on every share and count
row).  Times ``render_docx`` of the newest year and of malindikatorer with the
chart (the ``indicators`` kind as shipped) and without it (its ``chart`` flag off),
interleaved, and prints the medians and the ratio.  The chart is drawn with
shaded table cells, so it adds no dependency and nothing to the install.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intro_tui.core.model import kinds  # noqa: E402
from intro_tui.core.model.catalog import load_catalog  # noqa: E402
from intro_tui.core.store.workshops import WorkshopStore  # noqa: E402
from intro_tui.core.store.years import copy_for_next_year  # noqa: E402
from intro_tui.examples import example_workshop  # noqa: E402
from intro_tui.export.docx import render_docx  # noqa: E402


def build(data_dir: Path) -> tuple[WorkshopStore, list[str]]:
    catalog = load_catalog(data_dir)
    store = WorkshopStore(data_dir, catalog, user="bench")
    plan = store.create(example_workshop(catalog.get("virksomhetsplan"), catalog))
    ids = [plan.id]
    for year in (1, 2):
        copy = copy_for_next_year(store, ids[-1])
        for n, key in enumerate(("avsluttet-arbeid-over-29", "avsluttet-arbeid-under-30", "avsluttet-vgs",
                                 "avsluttet-annet")):
            store.set_cell(copy.id, "nir", "koder", key, "antall", str(10 + 5 * year + n))
        store.set_cell(copy.id, "indikatorer", "indikatorer", "r1", "resultat", str(55 + year))
        ids.append(copy.id)
    indicators = store.create(example_workshop(catalog.get("malindikatorer"), catalog))
    template = catalog.get("malindikatorer")
    edits = []
    for section in template.sections:
        for block in section.blocks:
            if block.kind != "indicators":
                continue
            for i, row in enumerate(block.rows):
                if row.group or row.value_kind == "text":
                    continue
                high = row.direction == "higher"
                goal, limit, result = (60, 50, 40 + i * 3) if high else (15, 18, 12 + i)
                edits += [(section.id, block.id, row.key, "mal", str(goal)),
                          (section.id, block.id, row.key, "nedre", str(limit)),
                          (section.id, block.id, row.key, "resultat", str(min(result, 100)))]
    store.set_cells(indicators.id, edits)
    return store, [ids[-1], indicators.id]


def time_export(store: WorkshopStore, workshop_id: str) -> float:
    workshop = store.load(workshop_id)
    template = store.template_of(workshop)
    started = time.perf_counter()
    render_docx(template, workshop)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store, ids = build(Path(folder))
        shipped = kinds.KINDS["indicators"]
        for workshop_id in ids:
            time_export(store, workshop_id)  # warm-up: imports, styles
            with_chart, without = [], []
            for run in range(args.runs):
                for series, on in ((with_chart, True), (without, False))[:: 1 if run % 2 == 0 else -1]:
                    kinds.KINDS["indicators"] = shipped if on else replace(shipped, chart=False)
                    series.append(time_export(store, workshop_id))
            kinds.KINDS["indicators"] = shipped
            a, b = statistics.median(with_chart), statistics.median(without)
            print(f"{workshop_id}: with chart {a * 1000:.1f} ms, without {b * 1000:.1f} ms, "
                  f"ratio {a / b:.2f}x (median of {args.runs})")


if __name__ == "__main__":
    main()
