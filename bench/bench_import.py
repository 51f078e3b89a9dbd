"""Benchmark: reading a filled Word document back (``intro-tui import FIL.docx``) against a python-docx floor.

Run by hand (not a test)::

    .venv/bin/python bench/bench_import.py [--runs 5]

1. Builds the fully filled ``arbeidsrettet-lop`` of ``bench_export.py`` (every
   answerable cell, three rows of one's own in every table that takes them)
   and writes it as Word with the real writer.
2. Floor: python-docx opening that file (``docx.Document(path)``), median of N.
3. Times the reader alone (container checks, walk, matching, plan against a
   new workshop) and the whole import into a fresh data folder (plan, create,
   one locked write of every cell, the rows of one's own), medians of N.
4. Runs ``intro-tui import`` in a subprocess: wall time, and whether Textual
   was imported (it must not be).
5. Share of cells placed: the imported workshop against the one exported
   (every stored value back in its cell or in a row of one's own), and the
   reader's own count on the test documents (tests/docx_filling.py): values
   it found a place for / all values it found.
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
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

import docx  # noqa: E402

from bench_export import TEMPLATE, filled_workshop  # noqa: E402
from intro_tui.core.model.catalog import load_catalog  # noqa: E402
from intro_tui.core.model.workshop import Workshop  # noqa: E402
from intro_tui.core.store.workshops import WorkshopStore  # noqa: E402
from intro_tui.examples import example_workshop  # noqa: E402
from intro_tui.export.docx import render_docx  # noqa: E402
from intro_tui.export.docx_reader import plan_docx, read_docx  # noqa: E402
from intro_tui.export.docx_reader.apply import apply_plan  # noqa: E402
from intro_tui.export.markdown import render_markdown  # noqa: E402


def median_time(func, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def naive_read(path: Path) -> int:
    """What a quick script would do: open, then every table's cells' text (no matching)."""
    document = docx.Document(str(path))
    return sum(len(cell.text) for table in document.tables for row in table.rows for cell in row.cells)


def full_import(path: Path, catalog) -> tuple[WorkshopStore, str]:
    data = Path(tempfile.mkdtemp(prefix="bench-import-"))
    store = WorkshopStore(data, catalog, user="benk")
    plan, title = read_docx(path, catalog)
    applied = apply_plan(store, plan, None, title=title)
    return store, applied.workshop_id


def same_content(template, original: Workshop, imported: Workshop) -> bool:
    """Equal as a reader sees them: the markdown of both, meta made equal."""
    imported.title, imported.kommune, imported.year = original.title, original.kommune, original.year
    return render_markdown(template, imported) == render_markdown(template, original)


def cells_back(original: Workshop, imported: Workshop) -> tuple[int, int]:
    """(values of template rows found again in their cells, all values of template rows) - rows of one's own apart."""
    own = {(s, b, r.key) for (s, b), rows in original.user_rows.items() for r in rows}
    wanted = {k: v for k, v in original.cells.items() if (k[0], k[1], k[2]) not in own}
    return sum(1 for k, v in wanted.items() if imported.cells.get(k) == v), len(wanted)


def test_document_shares(catalog) -> list[tuple[str, float, int, int]]:
    from docx_filling import imdi_form_like, original_like

    out = []
    for name, document in (("Rambøll-lignende original (1.2, 1.3, 2.4, 4.1)", original_like(
            ["1.2 Vurdering av mulighetsrommet i arbeidsmarkedet", "1.3 Roller og ansvarsfordeling av oppgaver – steg 1",
             "2.4 Roller og ansvarsfordeling av oppgaver – steg 2",
             "4.1 Sjekkliste – Forberedelse til å inngå avtale med arbeidsgiver"])),
            ("IMDi-skjemaet (malindikatorer)", imdi_form_like())):
        _fill_every_empty_cell(document)
        buffer = io.BytesIO()
        document.save(buffer)
        plan, _ = plan_docx(buffer.getvalue(), "test.docx", catalog)
        out.append((name, plan.placed_share, plan.values_found, len(plan.unplaced)))
    return out


def _fill_every_empty_cell(document) -> None:
    """Every empty answer cell gets a value a person could write: X in Ja, 50 in a number, text elsewhere."""
    for table in document.tables:
        header = [c.text.strip() for c in table.rows[0].cells]
        for row in table.rows[1:]:
            cells = row.cells
            if len({id(c._tc) for c in cells}) == 1:
                continue
            for i, cell in enumerate(cells[1:], start=1):
                if cell.text.strip() and cell.text.strip() != "Ja/Nei":
                    continue
                title = header[i] if i < len(header) else ""
                text = {"Ja": "X", "Nei": "", "Mål": "50", "Resultat": "45"}.get(title, "NAV")
                if "ja eller nei" in title:
                    text = "Ja"
                cell.text = text


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    catalog = load_catalog()
    template = catalog.get(TEMPLATE)
    workshop = filled_workshop(template)
    folder = Path(tempfile.mkdtemp(prefix="bench-import-"))
    path = folder / "fullt-utfylt.docx"
    path.write_bytes(render_docx(template, workshop))

    floor, _ = median_time(lambda: docx.Document(str(path)), args.runs)
    naive, _ = median_time(lambda: naive_read(path), args.runs)
    reader, (plan, _) = median_time(lambda: read_docx(path, catalog), args.runs)
    whole, (store, workshop_id) = median_time(lambda: full_import(path, catalog), args.runs)
    imported = store.load(workshop_id)
    start = time.perf_counter()
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "intro_tui", "--data-dir", str(folder / "cli"),
                          "import", str(path)], capture_output=True, text=True)
    cli = time.perf_counter() - start
    textual = "textual" in run.stderr

    back, wanted = cells_back(workshop, imported)
    print(f"Word import of a fully filled {TEMPLATE}: {path.stat().st_size // 1024} KB, {plan.tables} tables, "
          f"{plan.values_found} values ({len(plan.lands)} cells, {len(plan.new_rows)} rows of one's own)")
    print(f"  floor: python-docx opening the file          {floor * 1000:7.1f} ms")
    print(f"  context: python-docx opening + every cell's text (row.cells) {naive * 1000:6.1f} ms")
    print(f"  reader (checks, walk, match, plan)           {reader * 1000:7.1f} ms  {reader / floor:4.2f}x")
    print(f"  whole import (plan + create + write + rows)  {whole * 1000:7.1f} ms  {whole / floor:4.2f}x")
    print(f"  intro-tui import (process, -X importtime)    {cli * 1000:7.1f} ms  textual imported: {textual}")
    print(f"  placed: {back}/{wanted} template-row values back in their cells; "
          f"whole workshop equal (markdown): {same_content(template, workshop, imported)}")
    for template_id in ("arbeidsrettet-lop", "malindikatorer", "virksomhetsplan"):
        t = catalog.get(template_id)
        example = example_workshop(t, catalog)
        example_path = folder / f"{template_id}.docx"
        example_path.write_bytes(render_docx(t, example))
        s, wid = full_import(example_path, catalog)
        print(f"  example {template_id:18} round trip equal: {same_content(t, example, s.load(wid))}")
    for name, share, found, unplaced in test_document_shares(catalog):
        print(f"  {name}: {share * 100:.1f} % of {found + unplaced} values placed ({unplaced} without a place)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
