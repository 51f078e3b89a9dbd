"""Export and Word import run off the event loop (issue 22 point 7), by key presses at 80×24.

The slow step (the Word writer, the Word reader, the import's commit) is made
to block on a ``threading.Event``: while it blocks, the screen says what is
going on and a key still moves the cursor; when it is released, the result is
on screen.  On the event loop the blocked step would freeze the keys, so each
fake refuses to block there (it runs at once) and the "while it runs" checks fail.
"""

from __future__ import annotations

import threading
from pathlib import Path

from conftest import pilot_wait_until, screen_text

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.examples import example_workshop
from intro_tui.export.docx import render_docx
from intro_tui.tui.app import make_app
from intro_tui.tui.screens.home import HomeScreen
from intro_tui.tui.screens.import_word import ImportWordDialog
from intro_tui.tui.screens.workshop import WorkshopScreen

SIZE = (80, 24)


class Gate:
    """Wraps a slow step: in a worker thread it waits for :meth:`open`; on the event loop it runs at once."""

    def __init__(self, real):
        self.real = real
        self.entered = threading.Event()
        self.released = threading.Event()
        self.on_loop = 0

    def __call__(self, *args, **kwargs):
        if threading.current_thread() is threading.main_thread():
            self.on_loop += 1  # blocking here would freeze the test itself
        else:
            self.entered.set()
            self.released.wait(60)
        return self.real(*args, **kwargs)

    def open(self) -> None:
        self.released.set()


def message_line(app) -> str:
    return str(app.screen.query_one("#message").render())


async def test_an_export_runs_in_a_worker_while_the_keys_keep_working(store: WorkshopStore, data_dir: Path,
                                                                      tmp_path: Path, monkeypatch):
    import intro_tui.export.docx as docx_package

    gate = Gate(docx_package.render_docx)
    monkeypatch.setattr(docx_package, "render_docx", gate)
    wid = store.create(Workshop(id="", title="Treg eksport", template="arbeidsrettet-lop", units=["NAV"])).id
    exports = tmp_path / "exports"
    written = exports / f"{wid}.docx"
    app = make_app(data_dir, workshop_id=wid, section="1.3", exports_dir=exports)
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, WorkshopScreen) and app.focused is not None,
                               "the workshop's table focused")
        await pilot.press("ctrl+e")
        await pilot_wait_until(pilot, lambda: "Eksporter" in screen_text(app) and app.screen.focused is not None,
                               "the export dialog")
        await pilot.press("enter")  # Word, whole workshop
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, WorkshopScreen) and "Eksporterer" in message_line(app),
                               "«Eksporterer …» on the message line")
        await pilot_wait_until(pilot, gate.entered.is_set, "the writer running in the worker")
        table = app.focused
        row = table.cursor_coordinate.row
        await pilot.press("down")
        await pilot_wait_until(pilot, lambda: table.cursor_coordinate.row == row + 1,
                               "the cursor moved while the export runs")
        # a second export while the first runs is refused with a line, not started
        await pilot.press("ctrl+e")
        await pilot_wait_until(pilot, lambda: "Eksporter" in screen_text(app) and app.screen.focused is not None,
                               "the export dialog again")
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, WorkshopScreen)
                               and "En eksport pågår allerede" in message_line(app), "the second export refused")
        assert not written.exists()
        gate.open()
        await pilot_wait_until(pilot, lambda: str(written) in message_line(app), "the path when the export is done")
    assert gate.on_loop == 0
    assert written.read_bytes().startswith(b"PK")


def example_docx(folder: Path) -> Path:
    catalog = load_catalog()
    template = catalog.get("arbeidsrettet-lop")
    path = folder / "eks.docx"
    path.write_bytes(render_docx(template, example_workshop(template, catalog)))
    return path


async def test_a_word_import_reads_and_writes_in_a_worker_while_the_keys_keep_working(data_dir: Path, tmp_path: Path,
                                                                                   monkeypatch):
    import intro_tui.export.docx_reader as reader
    import intro_tui.export.docx_reader.apply as applying

    path = example_docx(tmp_path)
    reading = Gate(reader.read_docx)
    monkeypatch.setattr(reader, "read_docx", reading)
    writing = Gate(applying.apply_plan)
    monkeypatch.setattr(applying, "apply_plan", writing)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "the home screen")
        await pilot.press("ctrl+o")
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, ImportWordDialog), "the import dialog")
        await pilot.press(*[("space" if ch == " " else ch) for ch in str(path)])
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: "Leser" in screen_text(app), "«Leser …» while the document is read")
        await pilot_wait_until(pilot, reading.entered.is_set, "the reader running in the worker")
        field = app.screen.query_one("#path")
        await pilot.press("home")
        await pilot_wait_until(pilot, lambda: field.cursor_position == 0, "the path field's cursor moved while reading")
        reading.open()
        await pilot_wait_until(pilot, lambda: "tabeller kjent igjen" in screen_text(app),
                               "the dry-run report posted back")
        assert [p.name for p in data_dir.glob("*.json") if not p.name.startswith(".")] == []
        await pilot_wait_until(pilot, lambda: app.focused is app.screen.query_one("#apply"), "«Les inn» focused")
        await pilot.press("enter")  # «Les inn»
        await pilot_wait_until(pilot, lambda: "Leser inn" in screen_text(app), "«Leser inn …» while it is written")
        await pilot_wait_until(pilot, writing.entered.is_set, "the commit running in the worker")
        before = app.focused
        await pilot.press("shift+tab")  # the focus moves on while the commit runs
        await pilot_wait_until(pilot, lambda: app.focused is not before, "the focus moved while writing")
        assert not writing.released.is_set()
        writing.open()
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, HomeScreen)
                               and app.screen.query_one("#workshops").row_count == 1, "the new workshop listed")
    assert reading.on_loop == 0 and writing.on_loop == 0
    (workshop,), _ = WorkshopStore(data_dir, load_catalog(data_dir)).list()
    assert workshop.cells[("1.3", "roller", "r1", "hovedansvarlig")] == "NAV"
