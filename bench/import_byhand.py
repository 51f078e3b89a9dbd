"""Figures: the Word import on the original templates typed from the seeds and filled by hand.

Run by hand (not a test)::

    .venv/bin/python bench/import_byhand.py [--libreoffice]

Builds every document of ``tests/docx_byhand.py`` (split tables, the IMDi form
as one table, fields typed the ordinary ways, merged cells and notes, the
booklet's questions, NIR counts and shares; with ``--libreoffice`` also each
saved again by LibreOffice), reads each, and counts, over all of them:
values placed in the right cell, conflicts, texts listed "uten plass", texts
that should have been listed and were, and values *wrong* (landed in a cell
they were not typed for, or not landed at all) - the last must be 0.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import docx_byhand as byhand
from test_import_docx_byhand import expected

from intro_tui.core.model.catalog import load_catalog
from intro_tui.export.docx_reader import plan_docx


def documents():
    for header in (True, False):
        for cut, breaker in ((2, "page"), (1, "empty"), (3, "none"), (4, "page")):
            yield f"split {cut} {breaker} header={header}", byhand.ramboll_split(header_again=header, cut=cut,
                                                                                  breaker=breaker)
    for line in ("År: 2026", "År 2026", "År: (sett inn) 2026", "År:\t2026"):
        yield f"imdi one table «{line}»", byhand.imdi_one_table(line)
    for n in range(3):
        yield f"fields {n}", byhand.ramboll_fields(n)
        yield f"booklet {n}", byhand.booklet(n)
    for note in ("Notat fra møtet: NAV sjekker med arbeidsgiverne.", "Kommentar: Voksenopplæringen deltar."):
        yield f"merged + «{note[:12]}»", byhand.ramboll_merged_and_notes(note)
    long_note = "Notat fra møtet: " + " ".join(f"Punkt {n}: NAV sjekker med arbeidsgiverne." for n in range(1, 15))
    yield "merged + a 500-character note", byhand.ramboll_merged_and_notes(long_note)
    yield "long texts in a Ja box and a table of one's own", byhand.ramboll_long_leftovers()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--libreoffice", action="store_true")
    args = parser.parse_args()
    catalog = load_catalog(Path(tempfile.mkdtemp()))
    totals = {"documents": 0, "placed": 0, "conflicts": 0, "unplaced": 0, "leftovers_listed": 0, "leftovers": 0,
              "wrong": 0}
    for name, filled in documents():
        datas = [filled.data()]
        if args.libreoffice:
            datas.append(byhand.libreoffice_copy(datas[0], Path(tempfile.mkdtemp())))
        for data in datas:
            plan, _ = plan_docx(data, "byhand.docx", catalog)
            got = {x.address: x.new for x in list(plan.lands) + list(plan.conflicts)}
            want = expected(plan.template, filled)
            wrong = sum(1 for a, v in want.items() if got.get(a) != v) + sum(1 for a in got if a not in want)
            listed = " ".join(f"{u.text} {u.where} {u.reason}" for u in plan.unplaced)
            totals["documents"] += 1
            totals["placed"] += sum(1 for a, v in want.items() if got.get(a) == v)
            totals["conflicts"] += len(plan.conflicts)
            totals["unplaced"] += len(plan.unplaced)
            totals["leftovers"] += len(filled.leftovers)
            totals["leftovers_listed"] += sum(1 for t in filled.leftovers if t in listed)
            totals["wrong"] += wrong
            if wrong:
                print(f"  {name}: {wrong} wrong")
    print(" · ".join(f"{k} {v}" for k, v in totals.items()))


if __name__ == "__main__":
    main()
