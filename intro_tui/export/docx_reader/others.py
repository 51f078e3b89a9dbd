"""The kinds that are not plain grids in Word: fields, lists and the virksomhetsplan's goal plan.

Fields are a two-column table in a handout ("BRANSJE/YRKE (skriv inn) | …")
and "Label: value" lines in a filled document or the originals
("BRANSJE/YRKE.....*skriv inn*").  A list is bullet lines.  The goal plan is
"Delmål:" / "Tiltak:" tables under an area heading (``docx.goalplan``).
"""

from __future__ import annotations

import re

from ...core.model.template import Block, Instructions, Section, Text
from .extract import Paragraph, Table
from .found import Found, FoundRow, Reading, short
from .keys import _after_prefix, _drop_prompt, key, strip_marks, tidy

_FILLER = re.compile(r"^[\s.:…_\t–-]+|[\s_\t]+$")
_NUMBERED = re.compile(r"^\s*\d+\s*[.)]\s")
_BULLET = re.compile(r"^\s*[•▪·◦\-–]\s*\t?\s*")


def field_value(text: str, label: str, prompt: str) -> str | None:
    """'BRANSJE/YRKE.....Helse' -> 'Helse'; None when ``text`` is not this field's line or holds no value."""
    rest = _after_prefix(text, label)
    if rest is None:
        return None
    if not rest.lstrip(" ")[:1] in (":", ".", "…", "\t", "_", "–", "-", "—", "("):  # 'Enhet for …' is a sentence
        return None
    value = tidy(_drop_prompt(_FILLER.sub("", rest), prompt))
    return value or None


def read_field_paragraph(reading: Reading, sections: list[Section], paragraph: Paragraph) -> bool:
    """A 'Label: value' line of a fields block in one of ``sections``; True if it was one."""
    for section in sections:
        for block in section.blocks:
            if block.kind != "fields":
                continue
            for row in block.rows:
                value = field_value(paragraph.text, row.label, row.prompt)
                if value is not None:
                    reading.cells.append(Found(section.id, block.id, row.key, _value_column(block), value,
                                               f"{section.id} «{short(row.label)}»"))
                    return True
    return False


def fields_block(table: Table, sections: list[Section]) -> tuple[Section, Block] | None:
    """The fields block whose labels are this table's first column (a handout's field table)."""
    if not table.rows or max(len(r) for r in table.rows) > 3:
        return None
    for section in sections:
        for block in section.blocks:
            if block.kind != "fields":
                continue
            hits = sum(1 for cells in table.rows if cells and any(
                _after_prefix(cells[0], row.label) is not None for row in block.rows))
            if hits and hits * 2 >= len(table.rows):
                return section, block
    return None


def read_fields_table(reading: Reading, section: Section, block: Block, table: Table) -> None:
    column = _value_column(block)
    for cells in table.rows:
        if len(cells) < 2:
            continue
        for row in block.rows:
            if _after_prefix(cells[0], row.label) is None:
                continue
            value = tidy(_drop_prompt(cells[-1].strip(), row.prompt))
            if value:
                reading.cells.append(Found(section.id, block.id, row.key, column, value,
                                           f"{section.id} «{short(row.label)}»"))
            break


def _value_column(block: Block) -> str:
    return next(c.id for c in block.columns if c.type != "label")


def list_item(section: Section, paragraph: Paragraph) -> str | None:
    """The text of a bullet line that is not one of the section's own instructions, or None."""
    text = paragraph.text
    bulleted = bool(_BULLET.match(text)) or paragraph.listed or paragraph.style.startswith(("list", "liste", "punkt"))
    if not bulleted or _NUMBERED.match(text):
        return None
    value = strip_marks(_BULLET.sub("", text)).strip()
    if not value or key(value) in _template_texts(section):
        return None
    return value


def _template_texts(section: Section) -> set[str]:
    texts = set()
    for content in section.content:
        if isinstance(content, Text):
            texts.add(key(content.text))
        elif isinstance(content, Instructions):
            for item in content.items:
                texts.add(key(item.text))
                texts.update(key(sub) for sub in item.items)
    return texts


def read_list(reading: Reading, section: Section, block: Block, values: list[str]) -> None:
    column = block.columns[0].id
    for row, value in zip(block.rows, values):
        reading.cells.append(Found(section.id, block.id, row.key, column, value, f"{section.id} «{short(value)}»"))
    for value in values[len(block.rows):]:
        where = f"{section.id} «{short(value)}»"
        if block.add_rows:
            reading.rows.append(FoundRow(section.id, block.id, {column: value}, where))
        else:
            from .found import Unplaced

            reading.unplaced.append(Unplaced(where, "listen tar ikke flere linjer", short(value, None)))


def goal_plan_block(table: Table, sections: list[Section]) -> tuple[Section, Block] | None:
    """The goal plan whose "Delmål:" / "Tiltak:" lines this two-column table holds."""
    if not table.rows or max(len(r) for r in table.rows) != 2:
        return None
    for section in sections:
        for block in section.blocks:
            if block.kind != "goal-plan":
                continue
            titles = {key(c.title) for c in block.columns if c.id in ("delmal", "tiltak")}
            if all(key(cells[0]) in titles for cells in table.rows if cells):
                return section, block
    return None


def read_goal_plan(reading: Reading, section: Section, block: Block, table: Table) -> None:
    """One area's lines: a Delmål starts a row; its Tiltak lines are that row's Tiltak, one line each.

    The booklet (and intro-tui's handout) prints each measure on a "Tiltak:"
    line of its own: several lines under one Delmål are one multi-line cell,
    not rows of their own.  The area heading above the table is every row's Område.
    """
    titles = {key(c.title): c.id for c in block.columns}
    area_title = block.column("omrade").title
    area = ""
    if table.before:
        line = table.before[-1]
        rest = _after_prefix(line, area_title)
        area = _FILLER.sub("", rest) if rest is not None else line
    rows: list[dict] = []
    for label, text in (cells for cells in table.rows if len(cells) == 2):
        column = titles.get(key(label))
        text = text.strip()
        if column is None or not text:
            continue
        if column == "delmal" and rows and not rows[-1].get("delmal") and not rows[-1].get("tiltak"):
            pass  # an empty row to fill
        elif column == "delmal" or not rows or (column == "omrade" and rows[-1].get(column)):
            rows.append({})
        if column == "tiltak" and rows[-1].get("tiltak"):
            rows[-1]["tiltak"] += "\n" + text
        else:
            rows[-1][column] = text
    for texts in rows if area else ():
        texts.setdefault("omrade", area)
    for texts in rows:
        first = texts.get("delmal") or texts.get("tiltak") or ""
        reading.rows.append(FoundRow(section.id, block.id, texts, f"{section.id} «{short(area or first)}»"))
