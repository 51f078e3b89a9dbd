"""Paragraphs outside tables, read as people type them: fields, answers under questions, list lines, the cover.

* **fields**: "Yrke/bransje – Helse og omsorg", "År: 2026", "Kompetansemål fra
  (Renholdsoperatørfaget Vg3)" (the prompt in brackets typed over), or the
  label alone with the value in the next paragraph;
* **answers under questions**: the booklet's quarterly questions as a bullet
  list, each answered in the paragraphs under it, land in the question's row
  of the Spørsmål | Svar table, as when typed in that table;
* **the cover and a form's head**: "Kommune: …", "År: 2026", "Arbeidsmøte: …",
  "Enheter: NAV, Voksenopplæringen" before the first section (a new workshop's facts);
* **list lines** (bullets) of a section with a list block.

Whatever is taken is marked (``Paragraph.used``); the rest is listed by :mod:`.account`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core.model.template import LABEL, Block, Row, Section, Template
from .account import printed
from .extract import Paragraph
from .found import Found, Reading, short
from .keys import key, row_keys, strip_marks
from .others import field_value, list_item, read_field_paragraph, read_list

_COVER = re.compile(r"^\s*(År|Kommune|Arbeidsmøte|Enheter|Dato)\b\s*[:\t–-]?\s*(.*)\Z", re.IGNORECASE | re.DOTALL)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d|21\d\d)\b")
_BULLET = re.compile(r"^\s*[•▪·◦\-–]\s*\t?\s*")


@dataclass
class Pending:
    """A label read alone: the paragraphs under it are its value (a field: one; an answer: all until the next)."""

    section: Section
    block: Block
    row: Row
    column: str
    one: bool
    texts: list[str] = field(default_factory=list)


class Lines:
    def __init__(self, template: Template, reading: Reading) -> None:
        self.template = template
        self.reading = reading
        self.pending: Pending | None = None
        self.list_values: dict[tuple[str, str], list[str]] = {}

    def paragraph(self, paragraph: Paragraph, current: Section | None) -> None:
        text = paragraph.text.strip()
        if not text:
            return
        scope = [current] if current is not None else list(self.template.sections)
        if current is None and self._cover(text):
            paragraph.used = True
            return
        if read_field_paragraph(self.reading, scope, paragraph) or _spaced_field(self.reading, scope, paragraph):
            self.flush()
            paragraph.used = True
            return
        alone = self._label_alone(scope, paragraph)
        if alone is not None:
            self.flush()
            self.pending = alone if isinstance(alone, Pending) else None
            paragraph.used = True
            return
        if self.pending is not None and not printed(self.template, text):
            bulleted = paragraph.listed or bool(_BULLET.match(text))
            if not (self.pending.one and bulleted):
                self.pending.texts.append(text)
                paragraph.used = True
                if self.pending.one:
                    self.flush()
                return
        block = next((b for b in current.blocks if b.kind == "list"), None) if current is not None else None
        if block is not None and current is not None:
            value = list_item(current, paragraph)
            if value is not None:
                self.list_values.setdefault((current.id, block.id), []).append(value)
                paragraph.used = True

    def flush(self) -> None:
        """The label read alone got its value(s): one Found (answers joined by line breaks)."""
        pending, self.pending = self.pending, None
        if pending is None or not pending.texts:
            return
        where = f"{pending.section.id} «{short(pending.row.label)}»"
        self.reading.cells.append(Found(pending.section.id, pending.block.id, pending.row.key, pending.column,
                                        "\n".join(pending.texts), where))

    def finish(self) -> None:
        self.flush()
        for (section_id, block_id), values in self.list_values.items():
            section = self.template.section(section_id)
            read_list(self.reading, section, section.block(block_id), values)

    def _cover(self, text: str) -> bool:
        """'År: 2026', 'Kommune: Bærum', 'Arbeidsmøte: …', 'Enheter: …', 'Dato: …' before the first section."""
        match = _COVER.match(text)
        if match is None:
            return False
        name, rest = match.group(1).casefold(), match.group(2).strip()
        cover = self.reading.cover
        if name == "år":
            year = _YEAR.search(rest)
            if year is not None:
                cover["year"] = int(year.group(1))
            return year is not None or key(rest) in ("", "settinn")
        if name == "kommune" and rest:
            cover["kommune"] = rest
        elif name == "arbeidsmøte" and rest:
            cover["title"] = rest
        elif name == "enheter" and rest:
            cover["units"] = [u.strip() for u in re.split(r"[,;\n]", rest) if u.strip()]
        return True

    def _label_alone(self, scope: list[Section], paragraph: Paragraph) -> Pending | bool | None:
        """A field's label or a question of a Spørsmål | Svar table on its own line; True for a group row."""
        wanted = key(strip_marks(_BULLET.sub("", paragraph.text)))
        for section in scope:
            for block in section.blocks:
                if block.kind == "fields":
                    for row in block.rows:
                        if wanted in (key(row.label), key(row.label + row.prompt)):
                            return Pending(section, block, row, _value_column(block), one=True)
                elif block.kind == "table" and len(block.columns) == 2 and block.columns[0].type == LABEL:
                    for row in block.rows:
                        if wanted in row_keys(row):
                            return True if row.group else Pending(section, block, row, block.columns[1].id, one=False)
        return None


def _value_column(block: Block) -> str:
    return next(c.id for c in block.columns if c.type != LABEL)


def _spaced_field(reading: Reading, scope: list[Section], paragraph: Paragraph) -> bool:
    """'Kompetansemål fra Renholdsoperatørfaget Vg3' or 'Enhet med ansvar for introduksjonsprogram: X'.

    A label of several words followed by a value without a separator, or a
    longer label ("Enhet med ansvar for …") that ends in a colon or a dash: a
    short line, not a sentence (no full stop at the end).
    """
    text = paragraph.text.strip()
    if len(text) > 160 or "\n" in text:
        return False
    for section in scope:
        for block in section.blocks:
            if block.kind != "fields":
                continue
            for row in block.rows:
                value = _spaced_value(text, row)
                if value:
                    reading.cells.append(Found(section.id, block.id, row.key, _value_column(block), value,
                                               f"{section.id} «{short(row.label)}»"))
                    return True
    return False


def _spaced_value(text: str, row: Row) -> str | None:
    label = row.label.strip()
    if not label or not text.casefold().startswith(label.casefold()):
        return None
    rest = text[len(label):]
    if not rest[:1].isspace():
        return None
    head = re.match(r"^([^:–]{1,60})\s*[:–]\s*(\S.*)\Z", rest, re.DOTALL)
    if head is not None and len(head.group(1).split()) <= 6:
        return head.group(2).strip()
    if (" " in label or "/" in label) and not text.endswith((".", "?", "!")):
        value = field_value(label + ":" + rest, label, row.prompt)
        return value
    return None
