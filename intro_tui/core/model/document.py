"""The workshop as one JSON document: what ``export --format json`` writes and ``import`` reads.

The document is explicit and self-describing, so another tool (or a person
with a text editor) can read it without the template: every section, block
and row of the template is present, with every cell.  Free-text cells are
strings ("" when empty); yes/no cells are "ja", "nei" or null; indicator
cells are numbers, text or null.  Format described in ``docs/json-format.md``.
"""

from __future__ import annotations

from ..limits import MAX_CELLS, too_many_rows
from ..shorten import one_line, value_line
from . import copies
from .layout import block_rows
from .template import LABEL, Column, Template
from .column_types import empty_value, parse_cell
from .values import ValueProblem, clean_name, clean_text
from .workshop import ID_RE, UserRow, Workshop

FORMAT = "intro-tui-workshop"
#: 2 adds copies of per-choice sections (``"id": "2.2#2"``, ``"copy_of"``, ``"name"``); a workshop
#: without copies is still written as 1.
SCHEMA = 2


class DocumentError(ValueError):
    """An import document we cannot take; the message names the place."""


def to_document(template: Template, workshop: Workshop) -> dict:
    sections = []
    for section in copies.expand(template.sections, workshop):
        blocks = []
        for block in section.blocks:
            rows = []
            for view in block_rows(section, block, workshop):
                entry: dict = {"key": view.key}
                if view.user:
                    entry["user"] = True
                if view.row.label or view.row.prompt:
                    entry["label"] = view.label(workshop)
                if view.group:
                    entry["group"] = True
                else:
                    entry["cells"] = {c.id: _plain(view.value(workshop, c), c) for c in block.columns
                                      if c.type != LABEL or view.label_editable}
                rows.append(entry)
            blocks.append({"id": block.id, "kind": block.kind, "columns": [c.id for c in block.columns], "rows": rows})
        named = {"copy_of": section.base_id, "name": copies.name_of(section, workshop)} if section.per_choice else {}
        sections.append({"id": section.id, "title": section.title, **named, "blocks": blocks})
    # copies: the sections list them; groups and their drafts are the meeting's, not the document's
    meta = {k: v for k, v in workshop.meta().items() if k not in ("copies", "groups", "split", "drafts", "group_seq")}
    return {"format": FORMAT, "schema": copies.schema_for(workshop), **meta, "sections": sections}


def _plain(value, column: Column):
    """None as the column's empty value: "" for text, None (null) for an unanswered Ja/Nei or number."""
    return empty_value(column) if value is None else value


def from_document(data, templates: dict[str, Template]) -> Workshop:
    """Validate an import document and build the workshop it describes."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise DocumentError("ikke en intro-tui-eksport (feltet format mangler eller er feil)")
    schema = data.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema < 1:
        raise DocumentError(f"schema skal være et helt tall ≥ 1, ikke {_short(schema)}")
    if schema > SCHEMA:
        raise DocumentError(f"laget av en nyere versjon av intro-tui (schema {schema}); oppgrader for å lese den")
    template_id = data.get("template")
    template = templates.get(template_id) if isinstance(template_id, str) else None
    if template is None:
        raise DocumentError(f"ukjent mal {_short(template_id)}")
    raw_id = data.get("id", "")
    workshop = Workshop(
        id=raw_id if isinstance(raw_id, str) and ID_RE.fullmatch(raw_id) else "",
        title=_name(data.get("title", ""), "title") or "Uten tittel",
        template=template.id,
        kommune=_name(data.get("kommune", ""), "kommune"),
        year=_year(data.get("year")),
        units=[_name(u, "units") for u in _list(data.get("units", []), "units")],
        created=_text(data.get("created", ""), "created"),
        updated=_text(data.get("updated", ""), "updated"),
        predecessor=str(data.get("predecessor", "")) if ID_RE.fullmatch(str(data.get("predecessor", ""))) else "",
    )
    sections = {s.id: s for s in template.sections}
    for i, raw_section in enumerate(_list(data.get("sections", []), "sections")):
        where = f"sections[{i}]"
        if not isinstance(raw_section, dict) or not isinstance(raw_section.get("id"), str):
            raise DocumentError(f"{where}: ukjent seksjon {_id(raw_section)}")
        section = sections.get(raw_section["id"]) or _copy(template, workshop, raw_section["id"], where)
        for j, raw_block in enumerate(_list(raw_section.get("blocks", []), f"{where}.blocks")):
            at = f"seksjon {section.id}, blocks[{j}]"
            block_id = raw_block.get("id") if isinstance(raw_block, dict) else None
            try:
                if not isinstance(block_id, str):
                    raise KeyError(block_id)
                block = section.block(block_id)
            except KeyError:
                raise DocumentError(f"{at}: ukjent blokk {_id(raw_block)}") from None
            seen: set[str] = set()
            for k, raw_row in enumerate(_list(raw_block.get("rows", []), f"{at}.rows")):
                _read_row(workshop, section.id, block, raw_row, f"{at}, rows[{k}]", order=k, seen=seen)
            problem = too_many_rows(len(workshop.user_rows.get((section.id, block.id), [])))
            if problem:
                raise DocumentError(f"{at}: {problem}")
        if len(workshop.cells) > MAX_CELLS:
            raise DocumentError(f"for mange utfylte celler (høyst {MAX_CELLS})")
    return workshop


def _copy(template: Template, workshop: Workshop, key: str, where: str):
    """A further copy (``2.2#2``) the document holds, registered in the workshop; DocumentError if it cannot be."""
    try:
        section = template.section(key)
    except KeyError:
        raise DocumentError(f"{where}: ukjent seksjon {_short(key)}") from None
    numbers = workshop.copies.setdefault(section.base_id, [])
    number = copies.copy_number(section.id)
    if number in numbers:
        raise DocumentError(f"{where}: seksjonen {section.id} finnes to ganger")
    if len(numbers) + 1 >= copies.MAX_COPIES:
        raise DocumentError(f"{where}: for mange kopier av seksjon {section.base_id} (høyst {copies.MAX_COPIES})")
    numbers.append(number)
    return section


def _read_row(workshop: Workshop, section_id: str, block, raw_row, where: str, order: int, seen: set[str]) -> None:
    if not isinstance(raw_row, dict):
        raise DocumentError(f"{where}: skal være et objekt")
    key = raw_row.get("key", "")
    if not isinstance(key, str):
        raise DocumentError(f"{where}: key skal være tekst")
    if key in seen:  # two rows with one key: the app could not show the table (DuplicateKey)
        raise DocumentError(f"{where}: raden «{one_line(key, 40)}» finnes to ganger i tabellen")
    seen.add(key)
    user = raw_row.get("user") is True
    template_row = block.row(key)
    if user:
        if not (block.add_rows and ID_RE.fullmatch(key)) or template_row is not None:
            raise DocumentError(f"{where}: tabellen tar ikke egne rader, eller nøkkelen «{one_line(key, 40)}» er ugyldig")
        workshop.user_rows.setdefault((section_id, block.id), []).append(UserRow(key, float(order)))
    elif template_row is None:
        raise DocumentError(f"{where}: ukjent rad «{one_line(key, 40)}»")
    elif template_row.group:
        return
    cells = raw_row.get("cells", {})
    if not isinstance(cells, dict):
        raise DocumentError(f"{where}: cells skal være et objekt")
    for column_id, value in cells.items():
        try:
            column = block.column(column_id)
        except KeyError:
            raise DocumentError(f"{where}: ukjent kolonne «{one_line(column_id, 40)}»") from None
        if column.type == LABEL and not (user or (template_row and template_row.writable_label)):
            continue  # a fixed label is the template's, not data
        if value is None or value == "":
            continue
        text = value if isinstance(value, str) else _number_text(value, where)
        try:
            stored = parse_cell(column, template_row, text)
        except ValueProblem as exc:
            raise DocumentError(f"{where}, {column_id}: {exc}") from None
        if stored is not None:
            workshop.cells[(section_id, block.id, key, column_id)] = stored


def _number_text(value, where: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise DocumentError(f"{where}: en celle skal være tekst, tall eller null")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # 12.0 is the count 12; other floats go through the same strict parser as typing
    return str(value)


def _text(value, where: str) -> str:
    if not isinstance(value, str):
        raise DocumentError(f"{where}: skal være tekst")
    try:
        return clean_text(value)
    except ValueProblem as exc:
        raise DocumentError(f"{where}: {exc}") from None


def _name(value, where: str) -> str:
    """A title, kommune or unit: text, one line, not longer than Word's properties take."""
    try:
        return clean_name(_text(value, where), where)
    except ValueProblem as exc:
        raise DocumentError(str(exc)) from None


def _year(value) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return value
    raise DocumentError(f"year: {_short(value)} er ikke et årstall")


def _short(value) -> str:
    return f"«{value_line(value)}»"


def _list(value, where: str) -> list:
    if not isinstance(value, list):
        raise DocumentError(f"{where}: skal være en liste")
    return value


def _id(raw) -> str:
    return _short(raw.get("id")) if isinstance(raw, dict) else "(ikke et objekt)"
