"""The markdown export: same order as the Word file, user text never breaks a table or becomes markup."""

from __future__ import annotations

from intro_tui.core.model.workshop import Workshop
from intro_tui.export.markdown import md_escape, render_markdown


def new(store, template: str, **meta) -> Workshop:
    return store.create(Workshop(id="", title=meta.pop("title", "Møte"), template=template, **meta))


def test_a_pipe_in_a_cell_stays_inside_its_cell(store):
    workshop = new(store, "arbeidsrettet-lop")
    store.set_cell(workshop.id, "1.3", "roller", "r1", "hovedansvarlig", "NAV | Flyktningtjenesten")
    text = render_markdown(store.catalog.templates["arbeidsrettet-lop"], store.load(workshop.id), section="1.3")
    row = next(line for line in text.splitlines() if "NAV" in line)
    assert "NAV \\| Flyktningtjenesten" in row
    header = next(line for line in text.splitlines() if line.startswith("| ") and "Utfører" in line)
    assert row.count(" | ") == header.count(" | ")  # the same number of cells


def test_markup_and_newlines_in_user_text_are_literal():
    assert md_escape("**fet** [lenke](x) <b>") == "\\*\\*fet\\*\\* \\[lenke\\](x) \\<b\\>"
    assert md_escape("a\nb") == "a<br>b"


def test_sections_come_in_template_order_with_steps_and_tools(store):
    workshop = new(store, "arbeidsrettet-lop", kommune="Bærum", year=2026)
    text = render_markdown(store.catalog.templates["arbeidsrettet-lop"], store.load(workshop.id))
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings[0].startswith("### 1.1 ") and headings[-1].startswith("### 7.3 ")
    assert "## STEG 1 – " in text and "Kommune: Bærum" in text and "År: 2026" in text


def test_the_goal_plan_reads_as_the_booklet_and_as_the_word_file(store):
    """Område as a heading, then Delmål and Tiltak lines - not a three-column table."""
    workshop = new(store, "virksomhetsplan")
    store.add_row(workshop.id, "plan", "delmal", {"omrade": "Overgang til arbeid", "delmal": "50 % i arbeid",
                                                   "tiltak": "Jobbsøkerkurs"})
    text = render_markdown(store.catalog.templates["virksomhetsplan"], store.load(workshop.id), section="plan")
    lines = text.splitlines()
    area = lines.index("**Overgang til arbeid**")
    assert lines[area + 2:area + 4] == ["- **Delmål:** 50 % i arbeid", "- **Tiltak:** Jobbsøkerkurs"]
    assert "| Område" not in text


def test_a_blank_handout_has_no_answers_and_no_computed_columns(store):
    workshop = new(store, "malindikatorer", year=2026)
    store.set_cell(workshop.id, "avsluttet", "indikatorer", "r1", "mal", "67")
    template = store.catalog.templates["malindikatorer"]
    filled = render_markdown(template, store.load(workshop.id))
    blank = render_markdown(template, store.load(workshop.id), blank=True)
    assert "67 %" in filled and "Avvik" in filled
    assert "67 %" not in blank and "Avvik" not in blank
