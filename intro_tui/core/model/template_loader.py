"""Read and validate template data files.

A municipality may drop its own template into ``data/templates/``; a typo there
must give a message that names the file and the place in it ("parts[0] >
sections[2] > rows[4]: ukjent felt 'lable'"), never a traceback.  So the loader
checks every key it reads and rejects keys it does not know.

The file format is documented in ``docs/templates.md``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, cast

from ..limits import MAX_TEMPLATE_ROWS
from ..safe_fs import BadFile, read_json
from ..shorten import one_line, visible
from .column_types import column_type, type_ids
from .kinds import KINDS, OWN_COLUMN_TYPES
from .nir_links import NirLinkError, link_nir
from .per_choice_loader import check_within, read_per_choice
from .template import (
    DIRECTIONS,
    LABEL,
    VALUE_KINDS,
    Block,
    Column,
    Content,
    Instruction,
    Instructions,
    NirLink,
    Part,
    Row,
    Section,
    Template,
    Text,
    ValueKind,
)

FORMAT = "intro-tui-template"
SCHEMA = 1
_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")  # used with fullmatch: "$" would let "id\n" through
#: Largest template file read (the biggest built-in one is ~200 KB).
MAX_TEMPLATE_BYTES = 4 * 1024 * 1024


class TemplateError(ValueError):
    """A template file that cannot be used; the message names file and place."""


class _Reader:
    """Walks a parsed JSON document, keeping the path for error messages."""

    def __init__(self, source: str):
        self.source = one_line(source, 80)

    def fail(self, where: str, message: str) -> TemplateError:
        place = f": {where}" if where else ""
        return TemplateError(one_line(f"{self.source}{place}: {message}", 300))

    def obj(self, value: Any, where: str, allowed: set[str], required: set[str] | frozenset[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, "skal være et objekt ({...})")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(where, f"ukjent felt '{unknown[0]}'")
        missing = sorted(required - set(value))
        if missing:
            raise self.fail(where, f"mangler feltet '{missing[0]}'")
        return value

    def text(self, value: Any, where: str, *, empty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "skal være tekst")
        if not empty and not value.strip():
            raise self.fail(where, "kan ikke være tom")
        return visible(value)  # a template from the data folder is anyone's text: no escapes reach a screen

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(where, "skal være en liste med tekster")
        return tuple(self.text(item, f"{where}[{i}]") for i, item in enumerate(value))

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, "skal være true eller false")
        return value

    def count(self, value: Any, where: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(where, "skal være et heltall ≥ 0")
        return value

    def ident(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "skal være tekst")
        if not _ID_RE.fullmatch(value):
            raise self.fail(where, f"'{one_line(value, 40)}' er ikke en gyldig id (små bokstaver, tall, . _ -)")
        return value

    def items(self, value: Any, where: str) -> list:
        if not isinstance(value, list):
            raise self.fail(where, "skal være en liste ([...])")
        return value


def load_template_file(path: Path) -> Template:
    """Read one template file; raise :class:`TemplateError` naming the file."""
    source = one_line(path.name, 80)
    try:  # bounded, regular files only: a FIFO, /dev/zero or 4,301 digits is one error, not a hang
        data = read_json(path, MAX_TEMPLATE_BYTES)
    except FileNotFoundError:
        raise TemplateError(f"{source}: finnes ikke lenger") from None
    except BadFile as exc:
        raise TemplateError(f"{source}: {exc}") from None
    try:
        return parse_template(data, source=source)
    except RecursionError:
        raise TemplateError(f"{source}: for dypt nøstet") from None
    except (TypeError, KeyError, AttributeError) as exc:  # a shape no check above foresaw: still one line, by name
        raise TemplateError(f"{source}: ugyldig mal ({exc.__class__.__name__})") from None


def parse_template(data: Any, source: str = "<mal>") -> Template:
    r = _Reader(source)
    top = r.obj(
        data,
        "",
        {"format", "schema", "id", "title", "full_title", "publisher", "colophon", "layout", "description", "parts"},
        {"format", "schema", "id", "title", "parts"},
    )
    if top["format"] != FORMAT:
        raise r.fail("format", f"skal være '{FORMAT}'")
    if top["schema"] != SCHEMA or isinstance(top["schema"], bool):
        raise r.fail("schema", f"versjon {top['schema']!r} støttes ikke (denne versjonen leser {SCHEMA})")
    layout = top.get("layout", "steps")
    if layout not in ("steps", "form"):
        raise r.fail("layout", "skal være 'steps' eller 'form'")
    parts = tuple(_part(r, p, f"parts[{i}]") for i, p in enumerate(r.items(top["parts"], "parts")))
    if not parts:
        raise r.fail("parts", "malen har ingen deler")
    seen: set[str] = set()
    for part in parts:
        for section in part.sections:
            if section.id in seen:
                raise r.fail("parts", f"seksjonen '{section.id}' finnes to ganger")
            seen.add(section.id)
    check_within(r, parts)
    try:
        parts = link_nir(parts)
    except NirLinkError as exc:
        raise r.fail("parts", str(exc)) from None
    return Template(
        id=r.ident(top["id"], "id"),
        title=r.text(top["title"], "title", empty=False),
        full_title=r.text(top.get("full_title", top["title"]), "full_title"),
        publisher=r.text(top.get("publisher", ""), "publisher"),
        layout=layout,
        parts=parts,
        description=r.text(top.get("description", ""), "description"),
        source=source, colophon=r.texts(top.get("colophon", []), "colophon"),
    )


def _part(r: _Reader, data: Any, where: str) -> Part:
    d = r.obj(data, where, {"id", "label", "title", "tools_title", "tools", "sections"}, {"id", "sections"})
    sections = tuple(
        _section(r, s, f"{where} > sections[{i}]") for i, s in enumerate(r.items(d["sections"], f"{where} > sections"))
    )
    return Part(
        id=r.ident(d["id"], f"{where} > id"),
        label=r.text(d.get("label", ""), f"{where} > label"),
        title=r.text(d.get("title", ""), f"{where} > title"),
        sections=sections,
        tools_title=r.text(d.get("tools_title", ""), f"{where} > tools_title"),
        tools=r.texts(d.get("tools", []), f"{where} > tools"),
    )


def _section(r: _Reader, data: Any, where: str) -> Section:
    d = r.obj(data, where, {"id", "title", "content", "per_choice"}, {"id", "title", "content"})
    sid = r.ident(d["id"], f"{where} > id")
    where = f"{where} ({sid})"
    content = tuple(
        _content(r, c, f"{where} > content[{i}]") for i, c in enumerate(r.items(d["content"], f"{where} > content"))
    )
    block_id = _first_twice(item.id for item in content if isinstance(item, Block))
    if block_id is not None:
        raise r.fail(where, f"blokken '{block_id}' finnes to ganger")
    per_choice = read_per_choice(r, d["per_choice"], content, f"{where} > per_choice") if "per_choice" in d else None
    return Section(id=sid, title=r.text(d["title"], f"{where} > title", empty=False), content=content,
                   per_choice=per_choice)


def _content(r: _Reader, data: Any, where: str) -> Content:
    if not isinstance(data, dict) or "type" not in data:
        raise r.fail(where, "skal være et objekt med feltet 'type'")
    kind = data["type"]
    if not isinstance(kind, str):
        raise r.fail(f"{where} > type", "skal være tekst")
    if kind == "text":
        d = r.obj(data, where, {"type", "text", "style"}, {"text"})
        style = d.get("style", "normal")
        if style not in ("normal", "italic", "bold", "heading"):
            raise r.fail(f"{where} > style", "skal være normal, italic, bold eller heading")
        return Text(r.text(d["text"], f"{where} > text"), style)
    if kind == "instructions":
        d = r.obj(data, where, {"type", "items", "numbered", "start"}, {"items"})
        items = []
        for i, item in enumerate(r.items(d["items"], f"{where} > items")):
            at = f"{where} > items[{i}]"
            if isinstance(item, str):
                items.append(Instruction(item))
            else:
                it = r.obj(item, at, {"text", "items"}, {"text"})
                items.append(Instruction(r.text(it["text"], f"{at} > text"), r.texts(it.get("items", []), f"{at} > items")))
        return Instructions(
            tuple(items),
            numbered=r.flag(d.get("numbered", True), f"{where} > numbered"),
            start=r.count(d.get("start", 1), f"{where} > start"),
        )
    if kind in KINDS:
        return _block(r, data, where)
    raise r.fail(f"{where} > type", f"ukjent type '{kind}'")


def _block(r: _Reader, data: dict, where: str) -> Block:
    d = r.obj(
        data,
        where,
        {"type", "id", "title", "title_prompt", "columns", "rows", "add_rows", "blank_rows", "url", "text", "url_intro"},
        {"id"},
    )
    kind = d["type"]
    bid = r.ident(d["id"], f"{where} > id")
    where = f"{where} ({bid})"
    raw_columns = d.get("columns", list(KINDS[kind].default_columns) or None)
    if raw_columns is None:
        raise r.fail(where, "mangler feltet 'columns'")
    columns = tuple(_column(r, c, f"{where} > columns[{i}]") for i, c in enumerate(r.items(raw_columns, f"{where} > columns")))
    _check_columns(r, kind, columns, where)
    url = r.text(d.get("url", ""), f"{where} > url")
    link_text = r.text(d.get("text", ""), f"{where} > text")
    if kind == "link":
        if not url:
            raise r.fail(where, "en lenke trenger 'url'")
        rows: tuple[Row, ...] = (Row("lenke", link_text or url, defaults=((columns[1].id, url),)),)
    else:
        raw_rows = r.items(d.get("rows", []), f"{where} > rows")
        if len(raw_rows) > MAX_TEMPLATE_ROWS:
            raise r.fail(where, f"{len(raw_rows)} rader; en tabell i en mal kan ha høyst {MAX_TEMPLATE_ROWS}")
        rows = tuple(_row(r, row, f"{where} > rows[{i}]", kind, columns, i) for i, row in enumerate(raw_rows))
    key = _first_twice(row.key for row in rows)  # linear: keys.count() made a 30,000-row template take 12 s
    if key is not None:
        raise r.fail(where, f"radnøkkelen '{key}' finnes to ganger")
    columns = _with_extra_columns(r, kind, columns, rows, where)
    return Block(
        id=bid,
        kind=kind,
        columns=columns,
        rows=rows,
        title=r.text(d.get("title", ""), f"{where} > title"),
        title_prompt=r.text(d.get("title_prompt", ""), f"{where} > title_prompt"),
        add_rows=r.flag(d.get("add_rows", False), f"{where} > add_rows"),
        blank_rows=r.count(d.get("blank_rows", 0), f"{where} > blank_rows"),
        url=url,
        link_text=link_text,
        url_intro=r.text(d.get("url_intro", ""), f"{where} > url_intro"),
    )


def _with_extra_columns(r: _Reader, kind: str, columns: tuple[Column, ...], rows: tuple[Row, ...],
                        where: str) -> tuple[Column, ...]:
    """Add the kind's extra columns the template leaves out (Nedre grense, after Mål; titled by the rows' direction)."""
    from .indicators import LIMIT, limit_title

    result = list(columns)
    for extra in KINDS[kind].extra_columns:
        if any(c.id == extra["id"] for c in result):
            continue
        title = limit_title(rows) if extra["id"] == LIMIT else extra["title"]
        spec = {k: v for k, v in extra.items() if k != "after"} | {"title": title}
        column = _column(r, spec, f"{where} > {extra['id']}")
        ids = [c.id for c in result]
        at = ids.index(extra["after"]) + 1 if extra.get("after") in ids else len(result)
        result.insert(at, column)
    return tuple(result)


def _column(r: _Reader, data: Any, where: str) -> Column:
    d = r.obj(data, where, {"id", "title", "type", "group", "split", "multiline", "title_italic", "optional", "aliases"},
              {"id", "title"})
    ctype = d.get("type", "text")
    if not isinstance(ctype, str) or ctype not in type_ids():
        raise r.fail(f"{where} > type", f"ukjent kolonnetype '{ctype}'")
    split = r.texts(d.get("split", []), f"{where} > split")
    if split and (not column_type(ctype).toggle or len(split) != 2):
        raise r.fail(f"{where} > split", "brukes bare på en ja/nei-kolonne, med to titler")
    title = r.text(d["title"], f"{where} > title")
    title_italic = r.text(d.get("title_italic", ""), f"{where} > title_italic")
    if title_italic and title_italic not in title:
        raise r.fail(f"{where} > title_italic", "skal være en del av tittelen")
    return Column(
        id=r.ident(d["id"], f"{where} > id"),
        title=title,
        title_italic=title_italic,
        type=ctype,
        group=r.text(d.get("group", ""), f"{where} > group"),
        split=split,
        multiline=r.flag(d.get("multiline", False), f"{where} > multiline"),
        optional=r.flag(d.get("optional", False), f"{where} > optional"),
        aliases=r.texts(d.get("aliases", []), f"{where} > aliases"),
    )


def _check_columns(r: _Reader, kind: str, columns: tuple[Column, ...], where: str) -> None:
    if not columns:
        raise r.fail(where, "blokken har ingen kolonner")
    cid = _first_twice(c.id for c in columns)
    if cid is not None:
        raise r.fail(where, f"kolonnen '{cid}' finnes to ganger")
    labels = [i for i, c in enumerate(columns) if c.type == LABEL]
    if labels and (labels != [0] or columns[0].id != LABEL):
        raise r.fail(where, f"bare første kolonne kan være av typen label, og den skal ha id '{LABEL}'")
    for column in columns:
        owner = OWN_COLUMN_TYPES.get(column.type)
        if owner is not None and owner != kind:
            raise r.fail(where, f"kolonner av typen {column.type} hører bare hjemme i en {KINDS[owner].label}")
    problem = KINDS[kind].check(columns)
    if problem:
        raise r.fail(where, problem)


def _row(r: _Reader, data: Any, where: str, kind: str, columns: tuple[Column, ...], index: int) -> Row:
    if isinstance(data, str):
        data = {"label": data}
    d = r.obj(data, where, {"key", "label", "prompt", "group", "indent", "value", "hint", "defaults", "marker",
                            "direction", "nir", "national_goal"})
    value_kind = d.get("value", "text")
    if not isinstance(value_kind, str) or value_kind not in VALUE_KINDS:
        raise r.fail(f"{where} > value", "skal være percent, count eller text")
    defaults = r.obj(d.get("defaults", {}), f"{where} > defaults", {c.id for c in columns if c.type != LABEL})
    label = r.text(d.get("label", ""), f"{where} > label")
    prompt = r.text(d.get("prompt", ""), f"{where} > prompt")
    group = r.flag(d.get("group", False), f"{where} > group")
    if columns[0].type == LABEL and not (label or prompt):
        raise r.fail(where, "raden trenger 'label' eller 'prompt'")
    if group and prompt:
        raise r.fail(where, "en overskriftsrad kan ikke ha 'prompt'")
    direction = d.get("direction", "higher")
    if direction not in DIRECTIONS:
        raise r.fail(f"{where} > direction", "skal være higher (høyere er bedre) eller lower (lavere er bedre)")
    numeric = kind == "indicators" and value_kind in ("percent", "count") and not group
    codes = r.texts(d.get("nir", []), f"{where} > nir")
    goal = d.get("national_goal")
    if (codes or goal is not None or "direction" in d) and not numeric:
        raise r.fail(where, "direction, nir og national_goal gjelder bare indikatorrader med andel eller antall")
    if goal is not None and (isinstance(goal, bool) or not isinstance(goal, (int, float))):
        raise r.fail(f"{where} > national_goal", "skal være et tall")
    return Row(
        key=r.ident(d.get("key", f"r{index + 1}"), f"{where} > key"),
        label=label,
        prompt=prompt,
        group=group,
        indent=r.count(d.get("indent", 0), f"{where} > indent"),
        value_kind=cast(ValueKind, value_kind),
        hint=r.text(d.get("hint", ""), f"{where} > hint"),
        marker=r.text(d.get("marker", ""), f"{where} > marker"),
        defaults=tuple((cid, r.text(text, f"{where} > defaults > {cid}")) for cid, text in defaults.items()),
        direction=direction,
        nir=NirLink("", "", "", codes, (), "") if codes else None,  # resolved by link_nir
        national_goal=goal,
    )


def _first_twice(values) -> str | None:
    """The first value that occurs a second time, or None (one pass, one set)."""
    seen: set = set()
    for value in values:
        if value in seen:
            return value
        seen.add(value)
    return None
