"""Save latency of one ``set_cell`` with 10 and with 1,000 workshops stored.

Run by hand (not part of the test suite)::

    .venv/bin/python bench/bench_save.py [--saves 200] [--cells 220]

Each workshop is realistically sized (~70 KB: ``--cells`` free-text cells of
about 220 characters).  The 1,000 workshops are copies of one real store file
with their ids changed, so setting up takes seconds, not minutes.

The floor is what a save cannot beat: an atomic JSON write of the same
workshop document (``json.dumps``, temp file in the same folder, ``fsync``,
``os.replace``), timed in the same run, interleaved with the saves so disk
and CPU drift hit all three series alike.

Targets (issue #2): flat (1,000 / 10 <= 1.2x) and <= 3x the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.layout import section_rows
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore

TEMPLATE = "arbeidsrettet-lop"


def text_cells(store: WorkshopStore) -> list[tuple[str, str, str, str]]:
    template = store.catalog.get(TEMPLATE)
    cells = []
    for section in template.sections:
        for view in section_rows(section, None):
            if not view.group:
                cells += [(section.id, view.block.id, view.key, c.id) for c in view.block.columns
                          if c.type in ("text", "roles")]
    return cells


def build(data_dir: Path, count: int, cells: int) -> tuple[WorkshopStore, str]:
    """A store of ``count`` filled workshops; returns it and the id of the one we edit."""
    data_dir.mkdir(parents=True)
    store = WorkshopStore(data_dir, load_catalog(data_dir), user="bench")
    workshop = Workshop(id="", title="Bench 0", template=TEMPLATE)
    for n, address in enumerate(text_cells(store)[:cells]):
        workshop.cells[address] = f"{n}: " + "Vi tilbyr språkpraksis, mentor og jobbsøkerkurs – æøå. " * 4
    first = store.create(workshop).id
    raw = json.loads(store.path(first).read_text(encoding="utf-8"))
    for i in range(1, count):
        raw["workshop"]["1"].update(id=f"bench-{i}", title=f"Bench {i}")
        (data_dir / f"bench-{i}.json").write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")
    return store, first


def floor_write(path: Path, data) -> None:
    """The atomic write a save cannot beat: temp file, fsync, replace."""
    payload = json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saves", type=int, default=200, help="timed saves per series (default 200)")
    parser.add_argument("--cells", type=int, default=220, help="filled cells per workshop (default 220, ~70 KB)")
    parser.add_argument("--dir", help="where to build the stores (default: a temp folder; mind tmpfs vs disk)")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="intro-tui-bench-", dir=args.dir))
    t0 = time.perf_counter()
    small, small_id = build(root / "n10", 10, args.cells)
    large, large_id = build(root / "n1000", 1000, args.cells)
    size = small.path(small_id).stat().st_size
    floor_path = root / "floor" / "floor.json"
    floor_path.parent.mkdir()
    document = json.loads(small.path(small_id).read_text(encoding="utf-8"))
    setup = time.perf_counter() - t0

    addresses = text_cells(small)
    series: dict[str, list[float]] = {"floor": [], "n10": [], "n1000": []}
    for i in range(args.saves + 10):  # the first 10 of each warm up and are not counted
        address = addresses[i % len(addresses)]
        value = f"verdi {i} – " + "x" * 200
        document["cells"]["1"]["v"] = value
        runs = [("floor", lambda: floor_write(floor_path, document)),
                ("n10", lambda: small.set_cell(small_id, *address, value)),
                ("n1000", lambda: large.set_cell(large_id, *address, value))]
        for name, run in runs[i % 3:] + runs[: i % 3]:  # rotate the order too
            start = time.perf_counter()
            run()
            if i >= 10:
                series[name].append(time.perf_counter() - start)

    floor, n10, n1000 = (ms(series[k]) for k in ("floor", "n10", "n1000"))
    fs = os.statvfs(root)
    print("intro-tui save benchmark (set_cell: lock, read, validate, atomic write, change log)")
    print(f"  workshop file       {size / 1024:.0f} KB, {args.cells} filled cells; {args.saves} saves per series")
    print(f"  folder              {root} (setup {setup:.1f} s, {fs.f_bsize} B blocks)")
    print(f"  python              {sys.version.split()[0]}")
    print("                      median      p95")
    print(f"  floor (json+fsync)  {floor[0]:6.2f} ms  {floor[1]:6.2f} ms")
    print(f"  10 workshops        {n10[0]:6.2f} ms  {n10[1]:6.2f} ms")
    print(f"  1,000 workshops     {n1000[0]:6.2f} ms  {n1000[1]:6.2f} ms")
    flat = n1000[0] / n10[0]
    vs_floor = max(n10[0], n1000[0]) / floor[0]
    print(f"  flatness 1000/10    {flat:5.2f}x   (target <= 1.2x: {'met' if flat <= 1.2 else 'MISSED'})")
    print(f"  vs floor            {vs_floor:5.2f}x   (target <= 3x:   {'met' if vs_floor <= 3 else 'MISSED'})")
    if not os.environ.get("KEEP_BENCH"):
        import shutil

        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
