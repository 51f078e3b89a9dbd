"""«Les inn fra Word» in the app, by key presses at 80×24: preview first, nothing written until asked."""

from __future__ import annotations

import re

import pytest
from pathlib import Path

from conftest import pilot_wait_until

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


def screen_lines(app) -> list[str]:
    """The screen as a person sees it: the compositor's lines, as plain text."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def example_docx(folder: Path) -> Path:
    catalog = load_catalog()
    template = catalog.get("arbeidsrettet-lop")
    path = folder / "eks.docx"
    path.write_bytes(render_docx(template, example_workshop(template, catalog)))
    return path


async def type_text(pilot, text: str) -> None:
    await pilot.press(*[("space" if ch == " " else ch) for ch in text])


async def test_home_imports_a_new_workshop_after_the_preview(data_dir, tmp_path):
    path = example_docx(tmp_path)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "^O Les inn" in screen_lines(app)[-1]
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ImportWordDialog)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: "kjent igjen" in screen_text(app), "the preview (read in a worker)")
        text = screen_text(app)
        found = re.search(r"Mal: arbeidsrettet-lop · (\d+) av (\d+) tabeller kjent igjen", text)
        assert found and found[1] == found[2], "every table of the example recognised"  # the count grows with the template
        assert "+ 1.3 «Innhente informasjon om arbeidskraftbeh…»" in text
        assert [p.name for p in data_dir.glob("*.json") if not p.name.startswith(".")] == []  # a preview writes nothing
        await pilot.press("enter")  # «Les inn» has the focus
        await pilot_wait_until(pilot, lambda: isinstance(app.screen, HomeScreen)
                               and app.screen.query_one("#workshops").row_count == 1, "the new workshop listed")
        table = app.screen.query_one("#workshops")
        assert table.row_count == 1
        assert str(table.get_row_at(0)[0]).startswith("Eksempel – arbeid")  # the document's own title
        # issue 18 point 15: what was read is said on the home screen's message line, not in a toast
        # that would follow into the workshop; the cursor is on the new workshop
        assert not app._notifications
        message = app.screen.query_one("#message")
        assert message.display and str(message.render()).strip() in screen_text(app)
        assert app.screen.selected_id() == table.coordinate_to_cell_key((0, 0)).row_key.value
    (workshop,), _ = WorkshopStore(data_dir, load_catalog(data_dir)).list()
    assert workshop.cells[("1.3", "roller", "r1", "hovedansvarlig")] == "NAV"


async def test_in_a_workshop_conflicts_are_shown_and_left_alone(data_dir, store, tmp_path):
    path = example_docx(tmp_path)
    workshop = store.create(Workshop(id="", title="Møte", template="arbeidsrettet-lop"))
    store.set_cell(workshop.id, "1.3", "roller", "r1", "hovedansvarlig", "Voksenopplæringen")
    app = make_app(data_dir, workshop_id=workshop.id, section="1.3")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WorkshopScreen)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert "Les inn fra Word (fyller «mote»)" in screen_text(app)
        await type_text(pilot, str(path))
        await pilot.press("enter")
        # the preview is drawn in parts (a worker reads the file): wait for all it is checked for
        await pilot_wait_until(pilot, lambda: all(part in screen_text(app) for part in
                                                  ("kjent igjen", "1 konflikt,", "! konflikt 1.3")),
                               "the preview (read in a worker) with its one conflict", timeout=120)
        await pilot.press("enter")

        def row_2_shown() -> list[str]:
            """1.3 row 2's cells as the table on screen draws them (unwrapped); empty while it is not there."""
            if not isinstance(app.screen, WorkshopScreen) or len(app.screen.tables()) != 1:
                return []
            (table,) = app.screen.tables()
            if table.row_count < 2:
                return []
            return [str(cell).replace("-\n", "").replace("\n", " ") for cell in table.get_row_at(1)]

        # 1.3 row 2's imported Hoved-ansvarlig, in the table on screen once back in the workshop
        await pilot_wait_until(pilot, lambda: "Flyktningtjenesten" in row_2_shown(), "back in the workshop, the import shown")
    cells = WorkshopStore(data_dir, load_catalog(data_dir)).load(workshop.id).cells
    assert cells[("1.3", "roller", "r1", "hovedansvarlig")] == "Voksenopplæringen"
    assert cells[("1.3", "roller", "r2", "hovedansvarlig")] == "Flyktningtjenesten"


async def test_a_bad_file_is_one_line_in_the_dialog_and_nothing_is_written(data_dir, tmp_path):
    bad = tmp_path / "rapport.docx"
    bad.write_bytes(b"%PDF-1.7 " + b"x" * 100)
    app = make_app(data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await type_text(pilot, str(bad))
        await pilot.press("enter")
        await pilot_wait_until(pilot, lambda: "er en PDF" in screen_text(app), "the refusal (read in a worker)")
        assert "rapport.docx: er en PDF, ikke et Word-dokument (.docx)" in screen_text(app)
        assert app.screen.query_one("#apply").disabled
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert [p.name for p in data_dir.glob("*.json") if not p.name.startswith(".")] == []


@pytest.mark.slow
def test_in_a_real_terminal_the_preview_comes_first_then_the_import(data_dir, tmp_path):
    """tmux, 80×24: Ctrl+O, the path typed, Enter shows the plan and writes nothing; Enter on «Les inn» imports."""
    import time

    from sshd import Tmux, intro_tui_command, require_tools

    require_tools("tmux")
    path = example_docx(tmp_path)
    tmux = Tmux()
    try:
        tmux.new("word", [*intro_tui_command(), "--data-dir", str(data_dir)],
                 env={"TERM": "xterm-256color", "LANG": "C.UTF-8", "INTRO_TUI_USER": "ola"})
        tmux.wait_for("word", "^O Les inn", 30, "the home screen")
        tmux.keys("word", "C-o")
        tmux.wait_for("word", "Word-fil (.docx)", 10, "the dialog")
        tmux.type("word", str(path))
        tmux.keys("word", "Enter")
        screen = tmux.wait_for("word", "kjent igjen", 20, "the preview")
        found = re.search(r"(\d+) av (\d+) tabeller", screen.replace("\n", " ").replace("│", " "))
        assert found and found[1] == found[2], "every table of the example recognised"
        time.sleep(0.3)
        assert [p.name for p in data_dir.glob("*.json") if not p.name.startswith(".")] == []
        tmux.keys("word", "Enter")
        tmux.wait_for("word", "Eksempel – arbeid", 20, "the new workshop in the list")
    finally:
        tmux.kill_server()
    (workshop,), _ = WorkshopStore(data_dir, load_catalog(data_dir)).list()
    assert workshop.cells[("4.1", "interne", "r1", "svar")] == "nei"
    log = (data_dir / f"{workshop.id}.changes.jsonl").read_text(encoding="utf-8")
    assert '"by": "import: eks.docx (ola)"' in log
