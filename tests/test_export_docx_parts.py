"""Small fidelity points of the Word handout: no leftover bibliography part, the blank handout titled by its meeting."""

from __future__ import annotations

import io
import zipfile

import docx

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.export.docx import render_docx


def test_no_empty_bibliography_part_from_python_docx_template(tmp_path):
    catalog = load_catalog(tmp_path)
    for template_id in ("arbeidsrettet-lop", "malindikatorer"):
        data = render_docx(catalog.get(template_id), Workshop(id="x", title="Møte", template=template_id))
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert not [n for n in names if n.startswith("customXml/")], names
        assert b"customXml" not in zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels")


def test_the_blank_handout_is_titled_by_its_meeting(tmp_path):
    catalog = load_catalog(tmp_path)
    template = catalog.get("arbeidsrettet-lop")
    blank = render_docx(template, Workshop(id="x", title="Arbeidsmøte 3 – nye tiltak", template=template.id), blank=True)
    assert docx.Document(io.BytesIO(blank)).core_properties.title == "Arbeidsmøte 3 – nye tiltak"
    untitled = render_docx(template, Workshop(id="x", title="", template=template.id), blank=True)
    assert docx.Document(io.BytesIO(untitled)).core_properties.title == template.title


def test_a_tool_line_keeps_no_dangling_reference_to_the_original():
    from intro_tui.export.docx.sections import tool_text

    assert tool_text('1.1. Mal for kartlegging av arbeidskraftbehovet, s. 3 i dokumentet "Oppgavemaler"') == (
        "1.1. Mal for kartlegging av arbeidskraftbehovet")
    assert tool_text("1.2. Mal for vurdering av mulighetsrommet i arbeidsmarkedet, s. 4") == (
        "1.2. Mal for vurdering av mulighetsrommet i arbeidsmarkedet")


def test_kvartal_stays_with_the_question_table(tmp_path):
    """'Oppfølging av resultater' / 'Kvartal' never end a page whose question table starts on the next."""
    catalog = load_catalog(tmp_path)
    template = catalog.get("virksomhetsplan")
    for blank in (False, True):
        document = docx.Document(io.BytesIO(render_docx(template, Workshop(id="x", title="M", template=template.id),
                                                        blank=blank)))
        body = list(document.element.body)
        at = next(i for i, e in enumerate(body) if "".join(t.text or "" for t in e.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")).startswith("Kvartal"))
        question = next(i for i, e in enumerate(body) if i > at and e.tag.endswith("}tbl") and "Spørsmål" in "".join(
            t.text or "" for t in e.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
        for element in body[at:question]:
            for p in ([element] if element.tag.endswith("}p") else list(element.iter(
                    "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"))):
                assert docx.text.paragraph.Paragraph(p, None).paragraph_format.keep_with_next, (blank, p.xml[:200])
