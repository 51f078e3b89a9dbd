"""Benchmark: Word export of a fully filled arbeidsrettet-lop workshop against a python-docx floor.

Run by hand (not a test)::

    .venv/bin/python bench/bench_export.py [--runs 5]

1. Builds a workshop in a temporary data folder through the real store: every
   answerable cell filled (Ja/Nei alternating, numbers in indicator cells,
   text elsewhere, labels on "skriv inn" rows) and a few rows of its own in
   every table that takes them.
2. Times ``render_docx`` on it (median of N runs).
3. Times a floor in the same process: bare python-docx writing the same tables
   (same number of tables, same rows x columns, the same cell text), row by row
   with ``table.add_row().cells``, saved to bytes - no styling, no headings.
4. Prints both and the ratio (target: export <= 1.5 x floor).
5. Runs ``intro-tui export ... --format docx`` in a subprocess with
   ``-X importtime`` and reports whether ``textual`` was imported (it must not be).
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from intro_tui.core.model.catalog import load_catalog  # noqa: E402
from intro_tui.core.model.layout import block_rows  # noqa: E402
from intro_tui.core.model.template import LABEL, Template  # noqa: E402
from intro_tui.core.model.column_types import parse_cell  # noqa: E402
from intro_tui.core.model.workshop import UserRow, Workshop  # noqa: E402
from intro_tui.core.store.workshops import WorkshopStore  # noqa: E402

TEMPLATE = "arbeidsrettet-lop"
USER_ROWS_PER_TABLE = 3
SENTENCE = "Avklart i arbeidsmøtet med NAV og voksenopplæringen; følges opp av programrådgiver hvert kvartal."


def _text_for(column_type: str, value_kind: str, n: int) -> str:
    if column_type == "yesno":
        return ("ja", "nei")[n % 2]
    if column_type == "indicator":
        return {"percent": str(40 + n % 50), "count": str(3 + n % 20)}.get(value_kind, f"Tiltak {n}: igangsette")
    if column_type == "roles":
        return ("NAV", "Voksenopplæringen", "Flyktningtjenesten")[n % 3]
    if n % 3 == 0:
        return f"Hvert kvartal ({n})"
    return f"{SENTENCE} ({n})"


def filled_workshop(template: Template) -> Workshop:
    """Every answerable cell filled, plus user rows where a table takes them."""
    workshop = Workshop(id="", title="Benk: fullt utfylt", template=template.id, kommune="Bærum", year=2026,
                        units=["NAV", "Voksenopplæringen", "Flyktningtjenesten"])
    n = 0
    for section in template.sections:
        for block in section.blocks:
            if block.add_rows:
                workshop.user_rows[(section.id, block.id)] = [
                    UserRow(f"u{section.id.replace('.', '')}{block.id[:4]}{i}", float(i))
                    for i in range(USER_ROWS_PER_TABLE)
                ]
            for view in block_rows(section, block, workshop):
                if view.group or block.kind == "link":
                    continue
                for column in block.columns:
                    if column.type == LABEL and not view.label_editable:
                        continue
                    n += 1
                    text = f"Egen oppgave {n}" if column.type == LABEL else _text_for(column.type, view.row.value_kind, n)
                    value = parse_cell(column, view.row, text)
                    if value not in (None, ""):
                        workshop.cells[(section.id, block.id, view.key, column.id)] = value
    return workshop


def floor_tables(template: Template, workshop: Workshop) -> list[tuple[list[str], list[list[str]]]]:
    """(headers, rows) of every block the Word export writes as a table, with the same text."""
    from intro_tui.export.tables import block_grid

    tables = []
    for section in template.sections:
        for block in section.blocks:
            if block.kind in ("link", "fields", "list"):
                continue
            grid = block_grid(section, block, workshop)
            tables.append((grid.headers, [row.cells for row in grid.rows]))
    return tables


def floor_render(tables) -> bytes:
    import docx

    document = docx.Document()
    for headers, rows in tables:
        table = document.add_table(rows=0, cols=len(headers))  # no style: the barest table python-docx makes
        for cell, text in zip(table.add_row().cells, headers):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row):
                cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def median_time(func, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def textual_imported_by_cli(data_dir: Path, workshop_id: str, out: Path) -> tuple[bool, float]:
    """Run the real CLI export with -X importtime; (was textual imported, wall seconds)."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "intro_tui", "--data-dir", str(data_dir), "export", workshop_id,
         "--format", "docx", "-o", str(out)],
        capture_output=True, text=True, cwd=data_dir.parent, check=True,
    )
    wall = time.perf_counter() - start
    imported = any(line.rsplit("|", 1)[-1].strip().split(".")[0] == "textual"
                   for line in proc.stderr.splitlines() if line.startswith("import time:"))
    return imported, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from intro_tui.export.docx import render_docx

    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        catalog = load_catalog(data_dir)
        template = catalog.get(TEMPLATE)
        store = WorkshopStore(data_dir, catalog, user="bench")
        created = store.create(filled_workshop(template))
        workshop = store.load(created.id)

        tables = floor_tables(template, workshop)
        cells = sum(len(h) * (1 + len(rows)) for h, rows in tables)
        chars = sum(len(t) for h, rows in tables for row in [h, *rows] for t in row)
        render_docx(template, workshop)  # warm-up: imports, lxml parser, default template
        floor_render(tables)

        export_s, payload = median_time(lambda: render_docx(template, workshop), args.runs)
        floor_s, floor_payload = median_time(lambda: floor_render(tables), args.runs)

        print(f"workshop: {len(workshop.cells)} filled cells, "
              f"{sum(len(r) for r in workshop.user_rows.values())} user rows")
        print(f"tables: {len(tables)}, {sum(len(r) + 1 for _, r in tables)} rows, {cells} cells, {chars} characters")
        print(f"floor  (python-docx, same tables, add_row().cells): {floor_s * 1000:7.1f} ms  "
              f"({len(floor_payload) // 1024} KiB)")
        print(f"export (render_docx, median of {args.runs}):            {export_s * 1000:7.1f} ms  "
              f"({len(payload) // 1024} KiB)")
        print(f"ratio: {export_s / floor_s:.2f}x (target <= 1.5x)")

        imported, wall = textual_imported_by_cli(data_dir, workshop.id, Path(tmp) / "bench.docx")
        print(f"CLI export in a subprocess: {wall:.2f} s wall; textual imported: {'YES (bad)' if imported else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
