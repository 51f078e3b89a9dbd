"""Filling a Word document the way a person does in Word, for the import tests.

Works on python-docx documents: type into a cell (replacing what the run
held, as overtyping in Word keeps the run), tick with a checkbox content
control, add a row at the end of a table.  And a document built to look like
Rambøll's original (plain headings, the seed's headers and labels, no ids).
"""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml

SEED_RAMBOLL = Path("/work/shared/seeds/002_a1880bb30efc19a7.txt")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"


def section_tables(document, heading: str) -> list:
    """The tables after the paragraph that reads ``heading`` and before the next numbered heading."""
    found, tables = False, []
    for item in document.iter_inner_content():
        if hasattr(item, "rows"):
            if found:
                tables.append(item)
            continue
        text = " ".join(item.text.split())
        if text == heading:
            found, tables = True, []
        elif found and re.match(r"^\d+\.\d+ \S", text):
            if tables:
                break
            found = False  # a line of the table of contents
    return tables


def row_with(table, label: str):
    for row in table.rows:
        if label in row.cells[0].text:
            return row
    raise AssertionError(f"no row {label!r}")


def type_into(cell, text: str) -> None:
    """Overtype a cell: the first run gets the text, the rest of the cell's text goes."""
    paragraph = cell.paragraphs[0]
    runs = paragraph.runs
    if runs:
        runs[0].text = text
        for run in runs[1:]:
            run._r.getparent().remove(run._r)
    else:
        paragraph.add_run(text)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)


def checkbox_control(cell, checked: bool, glyph: str = "\u2610") -> None:
    """A Word checkbox content control (Developer > Check Box) whose shown glyph may lag its state."""
    paragraph = cell.paragraphs[0]
    for run in list(paragraph.runs):
        run._r.getparent().remove(run._r)
    paragraph._p.append(parse_xml(
        f'<w:sdt xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"><w:sdtPr><w14:checkbox>'
        f'<w14:checked w14:val="{1 if checked else 0}"/></w14:checkbox></w:sdtPr>'
        f'<w:sdtContent><w:r><w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>'))


def add_row(table, texts: list[str]) -> None:
    cells = table.add_row().cells
    for cell, text in zip(cells, texts):
        type_into(cell, text)


# -- a document like Rambøll's original ----------------------------------------------------


def seed_tables(sections: list[str]) -> dict[str, list[list[list[str]]]]:
    """{heading: [table rows, …]} for these sections of the seed, as its tab-separated lines.

    A table the original breaks over a page ("2.2": a blank line, then rows
    without a header) stays two tables, as in the original.
    """
    lines = SEED_RAMBOLL.read_text(encoding="utf-8").splitlines()
    tables: dict[str, list[list[list[str]]]] = {}
    for heading in sections:
        start = max(i for i, line in enumerate(lines) if line.strip() == heading)
        parts: list[list[list[str]]] = [[]]
        for line in lines[start + 1:]:
            if "\t" in line and not line.startswith(" -"):
                parts[-1].append(line.split("\t"))
            elif parts[-1] and not line.strip():
                parts.append([])
            elif line.strip() and any(parts):
                break
        tables[heading] = [p for p in parts if p]
    return tables


def original_like(sections: list[str], *, word_numbered: tuple[str, ...] = ()) -> Document:
    """Plain Normal paragraphs for headings, the seed's tables with <i>…</i> as italic runs, no ids anywhere.

    A heading in ``word_numbered`` is written as Word numbers headings: style
    Heading 2, the title only ("1.3" comes from the list numbering).
    """
    document = Document()
    document.add_paragraph("OPPGAVEMALER")
    for heading, parts in seed_tables(sections).items():
        if heading in word_numbered:
            document.add_paragraph(heading.split(" ", 1)[1], style="Heading 2")
        else:
            document.add_paragraph(heading)
        document.add_paragraph("1. Ta stilling til påstanden som er listet opp. Kryss av for ja eller nei.")
        for rows in parts:
            width = max(len(r) for r in rows)
            table = document.add_table(rows=0, cols=width)
            for cells in rows:
                row = table.add_row().cells
                for cell, text in zip(row, cells + [""] * (width - len(cells))):
                    _italic_runs(cell.paragraphs[0], text)
            document.add_paragraph("")
    return document


def _italic_runs(paragraph, text: str) -> None:
    for i, part in enumerate(re.split(r"</?i>", text)):
        if part:
            paragraph.add_run(part).italic = i % 2 == 1


def imdi_form_like() -> Document:
    """IMDi's indicator form as its text shows it: a title, "År: (sett inn)", three tables of label | Mål | Resultat."""
    from docx_byhand import imdi_rows, seed_lines  # the seed read in one place (../shared/seeds beside the checkout)

    document = Document()
    document.add_paragraph(seed_lines("000")[0].strip())
    document.add_paragraph("År: (sett inn)")
    rows = imdi_rows()
    tables: list[list[list[str]]] = []
    for row in rows:
        if len(row) > 1 and row[1].strip().startswith("Mål"):
            tables.append([])
        tables[-1].append(row)
    for table_rows in tables:
        table = document.add_table(rows=0, cols=3)
        for texts in table_rows:
            cells_out = table.add_row().cells
            if len(texts) == 1:  # "Det kan være nyttig å differensiere …": a heading across the table
                cells_out[0].merge(cells_out[2]).paragraphs[0].add_run(texts[0])
                continue
            for cell, text in zip(cells_out, texts):
                if text:
                    cell.paragraphs[0].add_run(text)
        document.add_paragraph("")
    return document
