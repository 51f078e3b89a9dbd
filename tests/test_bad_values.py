"""Issue 16 point 8: a value read from disk that does not fit its column type is shown as bad, never fatal.

A Ja/Nei cell holding a JSON list (a hand-edited file) crashed the app for
everyone who opened that section.  Now every value read is checked against its
column type and a misfit reads "⚠ ugyldig verdi i filen" in the app, ``show``,
md and Word - and is written back unchanged until someone writes the cell.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import arrow_to, ok, screen_text

from intro_tui.core.model.values import BadValue
from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.app import make_app

SIZE = (80, 24)
POISON = {
    ("4.1", "interne", "r1", "svar"): ["ja", "nei"],
    ("4.1", "interne", "r2", "svar"): {"ja": True},
    ("4.1", "interne", "r3", "svar"): 7,
    ("4.1", "interne", "r1", "forslag"): ["en", "liste"],
}


def poisoned(store, data_dir: Path) -> str:
    wid = store.create(Workshop(id="", title="Håndredigert", template="arbeidsrettet-lop")).id
    store.set_cell(wid, "4.1", "interne", "r4", "svar", "ja")
    path = data_dir / f"{wid}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for n, ((s, b, r, c), v) in enumerate(POISON.items(), 100):
        data["cells"][str(n)] = {"s": s, "b": b, "r": r, "c": c, "v": v}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return wid


def test_the_store_wraps_misfits_and_writes_them_back_unchanged(store, data_dir):
    wid = poisoned(store, data_dir)
    workshop = store.load(wid)
    for address, raw in POISON.items():
        value = workshop.cells[address]
        assert isinstance(value, BadValue) and value.raw == raw and str(value).startswith("⚠ ugyldig verdi")
    assert workshop.cells[("4.1", "interne", "r4", "svar")] == "ja"
    store.set_cell(wid, "4.1", "interne", "r5", "svar", "nei")  # another cell: the bad ones stay as they were
    data = json.loads((data_dir / f"{wid}.json").read_text(encoding="utf-8"))
    stored = {(d["s"], d["b"], d["r"], d["c"]): d["v"] for d in data["cells"].values()}
    for address, raw in POISON.items():
        assert stored[address] == raw
    store.set_cell(wid, "4.1", "interne", "r1", "svar", "ja")  # written anew: fixed
    assert store.load(wid).cells[("4.1", "interne", "r1", "svar")] == "ja"


async def test_the_app_opens_the_section_and_shows_the_bad_cells(store, data_dir):
    wid = poisoned(store, data_dir)
    app = make_app(data_dir, workshop_id=wid, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = screen_text(app)
        assert "⚠" in screen and "ugyldig verdi" in screen, screen  # ⚠ in Ja/Nei; the text cell says it in full
        await arrow_to(pilot, 0, 1)  # row 1's Ja: the editor line says what the file holds
        assert "⚠ ugyldig verdi i filen: ['ja', 'nei']" in screen_text(app)
        await arrow_to(pilot, 3, 1)
        assert "☒ Ja" in screen_text(app)  # the good answer still shows
        for key in ("up", "up", "space", "down", "j"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running


@pytest.mark.slow  # runs the command line in a subprocess
def test_show_md_and_word_say_the_value_is_bad(store, data_dir, run_cli, tmp_path):
    wid = poisoned(store, data_dir)
    shown = ok(run_cli("show", wid, "4.1"))
    assert "ugyldig verdi" in shown
    markdown = ok(run_cli("export", wid, "--format", "md", "-o", "-"))
    assert "ugyldig verdi" in markdown
    out = tmp_path / "ut.docx"
    ok(run_cli("export", wid, "-o", str(out)))
    from docx import Document

    text = "\n".join(cell.text for table in Document(str(out)).tables for row in table.rows for cell in row.cells)
    assert "ugyldig verdi" in text
    listed = ok(run_cli("list"))
    assert wid in listed
