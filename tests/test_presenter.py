"""Issue 22 point 3: one presenter for screen and paper.

The table editor (Pilot at 80×24), ``show`` and the Word grid draw the cells
one function makes (``core.model.presenter``): the same label with its
sub-item indent, the same answers, values, computed verdicts.  Each medium
only adds its own decoration (a word for a Ja answer on screen, the column's
symbol before a verdict, capitals for a ``show`` heading), taken off here
before the texts are compared.
"""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from conftest import arrow_to, fresh_store, pilot_wait_until, screen_text

from intro_tui.core.model import indicators as ind
from intro_tui.core.model.workshop import Workshop
from intro_tui.export.docx import render_docx
from intro_tui.export.show import render_show
from intro_tui.export.tables import block_grid
from intro_tui.tui.app import make_app
from intro_tui.tui.widgets.block_table import BlockTable

SIZE = (80, 24)
SUB_ITEM = "Vi kan stille med kontaktperson"  # 4.1, under the heading row "3. Vi har avklart internt …"
ANCHOR = "1. Vi har god"  # a plain row of the same table: where its label column starts


def _checklist(data_dir) -> str:
    """4.1 with every kind of checklist cell: answers both ways, a text, a written and an unwritten prompt label."""
    cells = {("4.1", "interne", "r1", "svar"): "ja", ("4.1", "interne", "r1", "forslag"): "Kurs i bransjen",
             ("4.1", "interne", "r2", "svar"): "nei", ("4.1", "interne", "r4", "svar"): "ja",
             ("4.1", "interne", "r6", "label"): "Jobbintervju", ("4.1", "interne", "r6", "forslag"): "Neste år"}
    return fresh_store(data_dir).create(Workshop(id="", title="Møte", template="arbeidsrettet-lop", cells=cells)).id


def _indicators(data_dir) -> str:
    """Virksomhetsplan's indicators: values, a verdict (Avvik, Status), sub-items, a heading, NIR-derived results."""
    cells = {("indikatorer", "indikatorer", "r1", "mal"): 100, ("indikatorer", "indikatorer", "r1", "resultat"): 90,
             ("indikatorer", "indikatorer", "r4", "mal"): 80, ("indikatorer", "indikatorer", "r4", "resultat"): 85,
             ("indikatorer", "indikatorer", "r9", "resultat"): 10,
             ("nir", "koder", "avsluttet-arbeid-over-29", "antall"): 5,
             ("nir", "koder", "avsluttet-ikke-arbeidssoker", "antall"): 15}
    return fresh_store(data_dir).create(Workshop(id="", title="Plan", template="virksomhetsplan", year=2026,
                                                 cells=cells)).id


def _prefix_before(lines: list[str], anchor: str, item: str) -> str:
    """The text of ``item``'s label cell before ``item``, from where ``anchor``'s label cell starts."""
    start = next(line.index(anchor) for line in lines if anchor in line)
    line = next(line for line in lines if item in line)
    return line[start:line.index(item)]


async def test_a_sub_item_is_indented_alike_on_screen_and_in_show(data_dir):
    """The drift: the screen drew "  – Vi kan …", ``show`` "– Vi kan …"; one rule now ("– ", as the seeds)."""
    workshop_id = _checklist(data_dir)
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: isinstance(app.focused, BlockTable), what="the table focused")
        await arrow_to(pilot, 3, 0)  # the sub-item, in view
        await pilot_wait_until(pilot, lambda: SUB_ITEM in screen_text(app) and ANCHOR in screen_text(app),
                               what="the sub-item and the first row on screen")
        on_screen = _prefix_before(screen_text(app).splitlines(), ANCHOR, SUB_ITEM)
    store = fresh_store(data_dir)
    workshop = store.load(workshop_id)
    template = store.template_of(workshop)
    shown = render_show(template, workshop, [s for s in template.sections if s.id == "4.1"], width=200)
    in_show = _prefix_before(shown.splitlines(), ANCHOR, SUB_ITEM)
    assert on_screen == in_show == "– ", (on_screen, in_show)


# -- the same texts on screen, in show and in Word ------------------------------------------------------------

_MARKS = tuple(f"{mark} " for mark in ind.STATUS_MARKS.values())


def _norm(text: str) -> str:
    """A cell's words without the medium's decoration: list marks, verdict symbols, a Ja's word, capitals."""
    text = " ".join(text.replace("\u00a0", " ").split())
    text = text.lstrip("–▪ ")
    for mark in _MARKS:
        text = text.removeprefix(mark)
    if text in ("☒ Ja", "☒ Nei"):  # the screen's answer word in the chosen half; the paper ticks the box
        text = "☒"
    return text.casefold()


def _unbroken(text: str) -> str:
    """A cell's text with the narrow screen's hyphenation undone ("introduksjonspro-\ngram")."""
    return re.sub(r"(?<=\w)-\n(?=\w)", "", text)


def _screen_rows(table: BlockTable) -> list[dict[str, str]]:
    """Per row, {column title: text} of what the table draws, without the dimmed hints of empty cells."""
    dim = table.look("prompt")  # the tone of a template prompt, a hint, a derived value
    rows = []
    for view in table.views:
        drawn = table.render_row(view)
        rows.append({title: _norm(_unbroken(cell.plain)) for title, cell in zip(table.titles(), drawn)
                     if cell.plain.strip() and cell.style != dim})
    return rows


def _show_rows(text: str, headers: list[str]) -> list[dict[str, str]]:
    """Per row of the one tabulate grid whose headers are ``headers``, {title: text} (one line a row: wide)."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("│") and [c.strip() for c in line.strip("│").split("│")][1:] == headers)
    rows = []
    for line in lines[start + 1:]:
        if line.startswith("└"):
            break
        if line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")][1:]  # without the row number
            rows.append({title: _norm(c) for title, c in zip(headers, cells) if c})
    return rows


def _word_rows(docx: bytes, headers: list[str]) -> list[dict[str, str]]:
    """Per data row of the Word table whose header row is ``headers``, {title: text}; a merged heading row once."""
    document = Document(io.BytesIO(docx))
    table = next(t for t in document.tables if [c.text.strip() for c in t.rows[0].cells] == headers)
    rows = []
    for row in table.rows[1:]:
        texts = [c.text for c in row.cells]
        if len(set(texts)) == 1:  # a heading row, merged across the table
            texts = texts[:1] + [""] * (len(texts) - 1)
        rows.append({title: _norm(t) for title, t in zip(headers, texts) if t.strip()})
    return rows


@pytest.mark.parametrize("template, section, block", [("arbeidsrettet-lop", "4.1", "interne"),
                                                      ("virksomhetsplan", "indikatorer", "indikatorer")])
async def test_screen_show_and_word_present_the_same_texts(data_dir, template, section, block):
    workshop_id = (_checklist if template == "arbeidsrettet-lop" else _indicators)(data_dir)
    app = make_app(data_dir, workshop_id=workshop_id, section=section)
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait_until(pilot, lambda: isinstance(app.focused, BlockTable), what="the table focused")
        table = app.screen.table_for(block)
        screen = _screen_rows(table)
        visible = screen_text(app)
        hidden_titles = {c.title for c in table.hidden}
    store = fresh_store(data_dir)
    workshop = store.load(workshop_id)
    tmpl = store.template_of(workshop)
    sec = next(s for s in tmpl.sections if s.id == section)

    headers = block_grid(sec, next(b for b in sec.blocks if b.id == block), workshop).headers
    shown = _show_rows(render_show(tmpl, workshop, [sec], width=1000), headers)
    word = _word_rows(render_docx(tmpl, workshop), headers)
    assert len(screen) == len(shown) == len(word)
    common = [t for t in headers if t in table.titles()]
    assert len(common) >= 3, (headers, table.titles())
    for number, (on_screen, in_show, in_word) in enumerate(zip(screen, shown, word), start=1):
        keep = [t for t in common if t not in hidden_titles]
        want = {t: in_show.get(t, "") for t in keep}
        assert {t: on_screen.get(t, "") for t in keep} == want, f"row {number}: screen vs show"
        assert {t: in_word.get(t, "") for t in keep} == want, f"row {number}: Word vs show"
    # and what the table draws is what the terminal shows: the first row's label, read on screen
    first_label = next(v for v in screen if v)[headers[0]]
    assert first_label.split()[0] in visible.casefold()
