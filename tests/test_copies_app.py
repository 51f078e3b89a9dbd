"""Copies in the app at 80×24 (issue 20): F8 adds, renames and removes copies; the navigator lists them.

Real key presses, asserting on the screen; the store is read afterwards only to check it agrees.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model import copies
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app

SIZE = (80, 24)
ARB = "arbeidsrettet-lop"


def message(app) -> str:
    line = app.screen.query_one("#message")
    return str(line.render()) if line.display else ""


def keys_of(data_dir: Path, workshop_id: str, section: str) -> list[tuple[str, str]]:
    workshop = fresh_store(data_dir).load(workshop_id)
    template = fresh_store(data_dir).template_of(workshop)
    return [(k, copies.name_of(template.section(section), workshop, k)) for k in copies.keys_of(workshop, section)]


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    workshop = store.create(Workshop(id="", title="Bransjer", template=ARB))
    store.add_row(workshop.id, "1.2", "vurdering", {"label": "Helse og omsorg"})
    store.add_row(workshop.id, "1.2", "vurdering", {"label": "Bygg og anlegg"})
    return workshop.id



def navigator_lines(text: str, section: str, *, marks: bool = False) -> list[str]:
    """The navigator's lines of a section's copies (the drawer left of ▎), as read on the screen."""
    lines = [line.split("▎", 1)[0].strip("▊ ▁▂▃▄▅▆▇█") for line in text.splitlines() if "▎" in line]  # no scrollbar
    lines = [line for line in lines if line.lstrip("▶◐○● ").startswith(section + " ")]
    return lines if marks else [line.lstrip("▶◐○● ") for line in lines]

async def type_name(pilot, name: str) -> None:
    await pilot.press(*[{" ": "space"}.get(ch, ch) for ch in name])


async def test_f8_adds_copies_named_from_earlier_steps_and_the_navigator_lists_them(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "F8 Kopier" in screen_text(app).splitlines()[-1]
        await pilot.press("right", "enter")  # BRANSJE/YRKE of the first copy
        await type_name(pilot, "Renhold")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f8")
        await pilot.pause()
        assert "Kopier av 2.2: Renhold" in screen_text(app)
        await type_name(pilot, "Hel")
        await pilot.press("right")  # takes the suggestion from 1.2: "Helse og omsorg"
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "– Helse og omsorg" in text and "La til kopien «Helse og omsorg»" in message(app)
        await pilot.press("f8")
        await type_name(pilot, "Bygg og anlegg")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")  # to the navigator (the drawer at 80 columns)
        await pilot.pause()
        text = screen_text(app)
        listed = navigator_lines(text, "2.2")
        assert [line.rpartition(" – ")[2] for line in listed] == ["Renhold", "Helse og omsorg", "Bygg og anlegg"], text
        assert any(line.startswith("▶◐ 2.2 ") and line.endswith("– Bygg og anlegg")
                   for line in navigator_lines(text, "2.2", marks=True)), text  # the new copy, partly filled
    assert keys_of(data_dir, workshop_id, "2.2") == [("2.2", "Renhold"), ("2.2#2", "Helse og omsorg"),
                                                     ("2.2#3", "Bygg og anlegg")]


async def test_rename_remove_and_undo_in_the_app(data_dir, workshop_id, store):
    store.set_cell(workshop_id, "2.2", "bransje", "bransje", "verdi", "Renhold")
    from intro_tui.core.store import copies as store_copies

    key = store_copies.add_copy(store, workshop_id, "2.2", "Helse")
    store.set_cell(workshop_id, key, "vurdering", "r1", "situasjon", "Sykehjem")
    app = make_app(data_dir, workshop_id=workshop_id, section=key)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "– Helse" in screen_text(app) and "Sykehjem" in screen_text(app)
        await pilot.press("f8")
        await type_name(pilot, "Helse og omsorg")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Kopien heter nå «Helse og omsorg»" in message(app)
        assert "– Helse og omsorg" in screen_text(app)
        await pilot.press("f8")
        await type_name(pilot, "renhold")
        await pilot.press("ctrl+r")  # another copy's name: refused in one line
        await pilot.pause()
        assert "har allerede en kopi som heter" in message(app)
        await pilot.press("f8")
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert "Fjerne kopien «Helse og omsorg»" in screen_text(app)
        await pilot.press("j")
        await pilot.pause()
        assert "Fjernet kopien «Helse og omsorg»" in message(app)
        assert keys_of(data_dir, workshop_id, "2.2") == [("2.2", "Renhold")]
        assert "Sykehjem" not in screen_text(app)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "Angret" in message(app)
        assert "Sykehjem" in screen_text(app) and "– Helse og omsorg" in screen_text(app)
    assert keys_of(data_dir, workshop_id, "2.2") == [("2.2", "Renhold"), ("2.2#2", "Helse og omsorg")]


async def write_field(pilot, text: str) -> None:
    """On a fields table: → to the value, ⏎, type, ⏎ (as a person fills BRANSJE/YRKE)."""
    await pilot.press("right", "enter")
    await type_name(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def test_three_trades_and_two_tiltak_filled_in_the_app_reach_json_show_md_and_word(data_dir, workshop_id,
                                                                                          tmp_path):
    from intro_tui.core.model.document import to_document
    from intro_tui.export.markdown import render_markdown
    from intro_tui.export.show import render_show

    app = make_app(data_dir, workshop_id=workshop_id, section="2.2")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await write_field(pilot, "Renhold")
        for trade in ("Helse og omsorg", "Bygg og anlegg"):
            await pilot.press("f8")
            await type_name(pilot, trade)
            await pilot.press("enter")
            await pilot.pause()
            assert f"La til kopien «{trade}»" in message(app)
            await pilot.press("down", "right")  # from BRANSJE/YRKE down into the assessment table, «Hva er situasjonen?»
            await pilot.press("enter")
            await type_name(pilot, f"Arbeidsgivere {trade[:4]}")
            await pilot.press("enter")
            await pilot.pause()
            assert f"Arbeidsgivere {trade[:4]}" in screen_text(app)
        await pilot.press("f6")  # on to 2.3, after the last copy of 2.2
        await pilot.pause()
        assert "2.3 Planlegging" in screen_text(app)
        await pilot.press("down")  # Navn på tiltak
        await write_field(pilot, "Renholdskurs")
        await pilot.press("f8")
        await type_name(pilot, "Helsefagkurs")
        await pilot.press("enter")
        await pilot.pause()
        assert "– Helsefagkurs" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        listed = navigator_lines(screen_text(app), "2.3")
        assert [line.rpartition(" – ")[2] for line in listed] == ["Renholdskurs", "Helsefagkurs"], screen_text(app)
    store = fresh_store(data_dir)
    workshop = store.load(workshop_id)
    template = store.template_of(workshop)
    assert workshop.copies == {"2.2": [2, 3], "2.3": [2]}
    assert {a: v for a, v in workshop.cells.items() if a[0] == "2.2#3"} == {
        ("2.2#3", "bransje", "bransje", "verdi"): "Bygg og anlegg",
        ("2.2#3", "vurdering", "r1", "situasjon"): "Arbeidsgivere Bygg"}
    document = to_document(template, workshop)
    assert [(s["id"], s["name"]) for s in document["sections"] if s.get("copy_of") in ("2.2", "2.3")] == [
        ("2.2", "Renhold"), ("2.2#2", "Helse og omsorg"), ("2.2#3", "Bygg og anlegg"),
        ("2.3", "Renholdskurs"), ("2.3#2", "Helsefagkurs")]
    shown = render_show(template, workshop, copies.expand(template.sections, workshop), width=100)
    assert "== 2.2 Vurdering av tiltak innen gitt bransje/yrke som kan være aktuell for målgruppen – Bygg og anlegg ==" \
        in shown
    md = render_markdown(template, workshop)
    assert "### 2.3 Planlegging av justering av eksisterende tiltak – Helsefagkurs" in md
    assert md.index("– Helse og omsorg") < md.index("Arbeidsgivere Hels") < md.index("– Bygg og anlegg")
    # the Word export of what the app filled: each copy its heading and header, and it imports back into copies
    from docx import Document

    from intro_tui.export.docx import render_docx
    from intro_tui.export.docx_reader import read_docx
    from intro_tui.export.docx_reader.apply import apply_plan

    path = tmp_path / "fra-appen.docx"
    path.write_bytes(render_docx(template, workshop))
    document = Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert [h.rpartition(" – ")[2] for h in headings if h.startswith(("2.2 ", "2.3 "))] == [
        "Renhold", "Helse og omsorg", "Bygg og anlegg", "Renholdskurs", "Helsefagkurs"]
    assert {p.text.split("\t")[0] for s in document.sections for p in s.header.paragraphs} >= {
        "2.2 – Renhold", "2.2 – Bygg og anlegg", "2.3 – Helsefagkurs"}
    plan, _ = read_docx(path, store.catalog)
    assert not plan.unplaced and not plan.conflicts
    back = store.load(apply_plan(store, plan, None, title="Tilbake").workshop_id)
    assert back.copies == workshop.copies
    ours = {a: v for a, v in workshop.cells.items() if a[0].split("#")[0] in ("2.2", "2.3") and v not in (None, "")}
    assert {a: v for a, v in back.cells.items() if a[0].split("#")[0] in ("2.2", "2.3") and v not in (None, "")} == ours


async def test_the_export_dialog_asks_how_many_blank_copies(data_dir, workshop_id, tmp_path):
    exports = tmp_path / "exports"
    app = make_app(data_dir, workshop_id=workshop_id, section="2.2", exports_dir=exports)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert "Tomme kopier per bransje/tiltak/fag" in screen_text(app)
        # markdown, the whole workshop, blank, 3 copies: arrows pick, space chooses, Enter exports
        await pilot.press("down", "space", "tab", "tab", "space", "tab", "ctrl+u", "3", "enter")
        blank = exports / f"{workshop_id}-blank.md"  # written by a worker (tui/export_worker.py)
        await pilot_wait_until(pilot, lambda: blank.is_file() and "Eksportert" in str(app.screen.query_one("#message").render()),
                               "the export done")
    text = (exports / f"{workshop_id}-blank.md").read_text(encoding="utf-8")
    assert [line[-8:] for line in text.splitlines() if line.startswith("### 2.2 ")] == ["– kopi 1", "– kopi 2",
                                                                                       "– kopi 3"]
