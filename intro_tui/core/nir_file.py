"""Count NIR end codes in a municipality's list of participants who left the programme.

The list comes from the municipality's register, usually through Excel: one
line per participant, with the columns ``status`` ("Avsluttet introprogram")
and ``begrunnelse`` ("Arbeid > 29 t/uke") as IMDi's code table writes them.
Norwegian Excel saves ``;``-separated Windows-1252 (or UTF-8 with a BOM);
other tools write ``,`` and plain UTF-8.  All are read.

Only the counts leave this module: no line, name or number of a participant
is kept.  A file with one unknown status or reason is refused whole, naming
the line, so a half-counted table is never stored.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from .model.nir_links import status_groups
from .model.template import Block
from .shorten import ANY_CONTROL, cut
from .user_file import UserFileError, read_user_file

#: A register export of a municipality is a few thousand lines; anything near this is not one.
MAX_BYTES = 20 * 1024 * 1024
_DASHES = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\s*")
_NOT_CSV_SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods", ".docx", ".doc", ".pdf", ".json", ".zip")


class NirFileError(ValueError):
    """The file cannot be counted; one Norwegian line naming the file (and the line)."""


def normalise(text: str) -> str:
    """Case, dashes and spacing do not matter: 'ordinær utdanning - videregående skole' matches the booklet's '–'."""
    return " ".join(_DASHES.sub("-", text.strip()).casefold().split())


def read_text(path: Path) -> str:
    """The file's text: bounded, regular files only, UTF-8 (with or without BOM) or else Windows-1252."""
    name = path.name
    if path.suffix.lower() in _NOT_CSV_SUFFIXES:
        raise NirFileError(f"{name}: er ikke en CSV-fil (lagre listen som CSV fra Excel)")
    try:
        raw = read_user_file(path, MAX_BYTES)
    except UserFileError as exc:
        raise NirFileError(str(exc)) from None
    if b"\x00" in raw or raw.startswith(b"PK\x03\x04"):
        raise NirFileError(f"{name}: er ikke en CSV-fil (lagre listen som CSV fra Excel)")
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def count_codes(path: Path, codes: Block) -> tuple[dict[str, int], int]:
    """({code row key: participants}, participants) for every code of the table; refuses the whole file on one bad line."""
    name = path.name
    text = read_text(path)
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise NirFileError(f"{name}: filen er tom")
    header_line = lines[0]
    delimiter = ";" if header_line.count(";") >= header_line.count(",") and ";" in header_line else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise NirFileError(f"{name}: filen er tom") from None
    columns = [normalise(cell) for cell in header]
    missing = [wanted for wanted in ("status", "begrunnelse") if wanted not in columns]
    if missing:
        raise NirFileError(f"{name}: mangler kolonnen {' og '.join(missing)} i første linje "
                           "(trenger kolonnene status og begrunnelse)")
    at_status, at_reason = columns.index("status"), columns.index("begrunnelse")
    table = {normalise(group.label): (group.label, {normalise(code.label): code.key for code in rows})
             for group, rows in status_groups(codes)}
    counts = {code.key: 0 for _, rows in status_groups(codes) for code in rows}
    participants = 0
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            line = reader.line_num
            status = cells[at_status] if at_status < len(cells) else ""
            reason = cells[at_reason] if at_reason < len(cells) else ""
            found = table.get(normalise(status))
            if found is None:
                known = ", ".join(label for label, _ in table.values())
                raise NirFileError(f"{name}, linje {line}: ukjent status «{_short(status)}» (kjente: {known})")
            label, reasons = found
            key = reasons.get(normalise(reason))
            if key is None:
                raise NirFileError(f"{name}, linje {line}: ukjent begrunnelse «{_short(reason)}» for «{label}»")
            counts[key] += 1
            participants += 1
    except csv.Error as exc:
        raise NirFileError(f"{name}, linje {reader.line_num}: ikke gyldig CSV ({exc})") from None
    if not participants:
        raise NirFileError(f"{name}: filen har ingen deltakere (bare overskriftslinjen)")
    return counts, participants


def _short(text: str, limit: int = 50) -> str:
    return cut(ANY_CONTROL.sub("", text).strip(), limit)
