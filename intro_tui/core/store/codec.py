"""The workshop file format: a workshop as TinyDB tables on disk, and back.

Kept apart from the store's API (:mod:`.workshops`) because the list index
reads files through it too, and because the format is a contract with every
file already on users' disks: change it only with a new ``SCHEMA``.

File layout (``<data>/<id>.json``, a TinyDB database)::

    workshop: {"1": {format, schema, id, title, template, kommune, year, units, created, updated}}
    cells:    {"n": {"s": section, "b": block, "r": row key, "c": column, "v": value}}
    rows:     {"n": {"s": section, "b": block, "r": row key, "o": order}}   # rows users added
"""

from __future__ import annotations

from pathlib import Path

from ..limits import check_size
from ..model import groups as model_groups
from ..model.copies import read_copies
from ..model.copies import schema_for as copies_schema
from ..model.document import FORMAT as DOC_FORMAT
from ..model.values import BadValue
from ..model.workshop import ID_RE, UserRow, Workshop
from ..safe_fs import BadFile as UnreadableFile
from ..safe_fs import read_json
from ..shorten import visible, visible_data
from .errors import UnreadableWorkshop

FILE_FORMAT = "intro-tui-workshop-db"
#: The newest schema read.  2 adds ``copies`` (per-choice sections filled several times); a file
#: without copies is still written as 1, so an older intro-tui keeps reading it.  3 adds groups and
#: group drafts (``groups``, ``split``, ``drafts``, ``group_seq``); only a file that has them is written as 3.
SCHEMA = 3


def read_workshop(path: Path) -> Workshop:
    """Read and check one workshop file; FileNotFoundError if there is none.

    No lock: writers replace the file whole (``os.replace``), so a reader sees
    the old state or the new one.
    """
    try:
        data = read_json(path)
    except UnreadableFile as exc:
        raise UnreadableWorkshop(path, str(exc)) from None
    if not isinstance(data, dict):
        raise UnreadableWorkshop(path, "filen er ikke en intro-tui-database")
    return decode_workshop(path, data)


def _table(data: dict, name: str):
    """A TinyDB table's raw documents, as TinyDB itself finds them (a missing table is empty)."""
    return data.get(name, {})


def decode_workshop(path: Path, data) -> Workshop:
    """Turn a workshop file's TinyDB tables (the parsed JSON) into a Workshop, refusing files that are not ours.

    Reads the ``workshop``/``cells``/``rows`` dicts directly instead of through
    TinyDB ``Table``s and ``Document``s (half the cost of a read); it accepts
    exactly what TinyDB would: numeric document ids, dict documents.
    """
    tables = data if isinstance(data, dict) else {}
    meta = _table(tables, "workshop")
    meta = meta.get("1") if isinstance(meta, dict) else None
    if not isinstance(meta, dict) or meta.get("format") != FILE_FORMAT:
        if tables.get("format") == DOC_FORMAT:
            raise UnreadableWorkshop(path, "dette er en eksportfil; les den inn med «intro-tui import»")
        raise UnreadableWorkshop(path, "ikke en intro-tui-fil")
    schema = meta.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool) or schema > SCHEMA:
        raise UnreadableWorkshop(path, f"laget av en nyere versjon av intro-tui (schema {_short(schema)})")
    if schema < 1:
        raise UnreadableWorkshop(path, f"ugyldig schema {_short(schema)}")
    # Every string is cleaned as it is read (a group member may have written the file by
    # hand): no terminal escape reaches a screen, a CSV or Word from here on.
    try:
        workshop = Workshop(
            id=visible(str(meta["id"])),
            title=visible(_text(meta.get("title", ""))),
            template=visible(_text(meta["template"])),
            kommune=visible(_text(meta.get("kommune") or "")),
            year=_year(meta.get("year")),
            units=[visible(_text(u)) for u in meta.get("units", [])],
            created=visible(_text(meta.get("created", ""))),
            updated=visible(_text(meta.get("updated", ""))),
            predecessor=_predecessor(meta.get("predecessor")),
            copies=read_copies(meta.get("copies")),
            groups=model_groups.read_groups(meta.get("groups")),
            split=meta.get("split") is True,
            drafts=model_groups.read_drafts(meta.get("drafts")),
            group_seq=model_groups.read_seq(meta.get("group_seq")),
        )
        cells = workshop.cells
        for doc_id, doc in _table(tables, "cells").items():
            int(doc_id)  # TinyDB's document ids: a file it could not open is refused here too
            cells[(_key(doc["s"]), _key(doc["b"]), _key(doc["r"]), _key(doc["c"]))] = visible_data(doc["v"])
        seen: set[tuple] = set()
        for doc_id, doc in _table(tables, "rows").items():
            int(doc_id)
            address, key = (_key(doc["s"]), _key(doc["b"])), doc["r"]
            if (address, key) in seen or not isinstance(key, str) or not ID_RE.fullmatch(key):
                raise UnreadableWorkshop(path, f"raden «{_short(key)}» i {_short(address[0])} finnes to ganger eller har et ugyldig navn")
            seen.add((address, key))
            workshop.user_rows.setdefault(address, []).append(UserRow(key, float(doc["o"])))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        raise UnreadableWorkshop(path, "filen er skadet (felter mangler eller har feil type)") from None
    if workshop.id != path.stem:
        raise UnreadableWorkshop(path, f"filen sier id «{_short(workshop.id)}», men heter {path.name}")
    problem = check_size(workshop)
    if problem:
        raise UnreadableWorkshop(path, problem)
    return workshop


def _key(value) -> str:
    """A section, block, row or column name: text (a hand-edited 4 or [] is a damaged file, not a crash later)."""
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _predecessor(value) -> str:
    """Last year's workshop id, if it is one (a hostile file cannot point outside the data folder)."""
    return value if isinstance(value, str) and ID_RE.fullmatch(value) else ""


def _text(value) -> str:
    """A text field of the file; numbers and lists there mean a damaged (or hostile) file."""
    if not isinstance(value, str):
        raise TypeError(value)
    return value


def _year(value) -> int | None:
    """The year as a number, or None: a hand-edited "2026a" or [] must not reach code that adds 1 to it."""
    if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2200:
        return value
    return None


def _short(value) -> str:
    from ..shorten import value_line

    return value_line(value)


def schema_for(workshop: Workshop) -> int:
    """The schema a workshop is written with: the lowest that holds what it has (older versions keep reading it)."""
    return max(copies_schema(workshop), model_groups.schema_for(workshop))


def encode(workshop: Workshop) -> dict:
    """The file's TinyDB tables for ``workshop`` (what :func:`decode_workshop` reads back).

    Built as plain dicts in TinyDB's own layout (string document ids from 1),
    so TinyDB still opens the file; the whole file is rewritten on every save
    anyway (:func:`.storage.atomic_write_json`).
    """
    cells = {str(n): {"s": s, "b": b, "r": r, "c": c, "v": v.raw if isinstance(v, BadValue) else v}
             for n, ((s, b, r, c), v) in enumerate(sorted(workshop.cells.items()), 1)}
    rows = {str(n): {"s": s, "b": b, "r": row.key, "o": row.order}
            for n, (s, b, row) in enumerate(((s, b, row) for (s, b), user_rows in sorted(workshop.user_rows.items())
                                              for row in user_rows), 1)}
    return {"workshop": {"1": {"format": FILE_FORMAT, "schema": schema_for(workshop), **workshop.meta()}}, "cells": cells, "rows": rows}
