"""One Word table read as one block of the template: its columns by header text, its rows by label.

Columns: a header cell names a displayed column (Ja and Nei are two); where a
header matches nothing but the table has exactly the block's columns, the
place decides.  Rows: each row's label is looked for among the template's rows
from where the last one matched on, so two rows with the same prompt ("Annet
*skriv inn*") are taken in order, a row someone deleted in Word is skipped
over, and a label someone wrote over a prompt lands on that prompt row.
Any other row becomes a row of one's own if the table takes them (at the end;
Word lets people insert one anywhere); anything else is reported, never guessed.

Columns intro-tui computes and prints after a block's own (Avvik, Status,
I fjor, Trend, Fra NIR, Nasjonalt mål, Andel av status: the kind registry's
computed columns) are known by their headers and never read.  A label that
stands under several group rows (the NIR codes' "Arbeid > 29 t/uke" under
stans and under avsluttet) is the one under the group row read last.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.model.column_types import column_type
from ...core.model.kinds import kind
from ...core.model.layout import DisplayColumn, display_columns
from ...core.model.template import LABEL, Block, Row, Section
from .extract import Table
from .found import Found, FoundRow, Reading, Unplaced, short
from .keys import box_state, key, label_key, one_box_answer, row_keys, title_matches, written_label


@dataclass
class Fit:
    """How a table fits a block: which displayed column each table column is, and where data starts."""

    columns: list[DisplayColumn | None]
    header_rows: int
    score: float  # share of the block's columns found in the header
    #: Table columns whose header names a column intro-tui computes (Avvik, I fjor): printed, never read.
    computed: frozenset = frozenset()


def fit(table: Table, block: Block) -> Fit:
    shown = display_columns(block)
    head = table.rows[:2]
    matched: dict[int, DisplayColumn] = {}
    computed: set[int] = set()
    header_rows = 0
    for r, row in enumerate(head):
        hits = 0
        for c, text in enumerate(row):
            for candidate in shown:
                named = _names(text, candidate)
                if named or (candidate.column.group and title_matches(text, candidate.column.group)):
                    hits += 1
                    if named and candidate not in matched.values():
                        matched.setdefault(c, candidate)
                    break
            else:
                if _computed_header(text, block):
                    hits += 1
                    computed.add(c)
        if hits and hits * 2 >= len([t for t in row if t.strip()]):
            header_rows = r + 1
        elif r == 0 and not hits:
            break
    width = max((len(r) for r in table.rows), default=0)
    columns: list[DisplayColumn | None] = [matched.get(c) for c in range(width)]
    if width in (len(shown), len(shown) + 1):  # same shape (+ a computed Avvik): the place decides the rest
        for c in range(len(shown)):
            if columns[c] is None and c not in computed and shown[c] not in columns:
                columns[c] = shown[c]
    score = len({id(c) for c in columns if c is not None and c in matched.values()}) / max(len(shown), 1)
    return Fit(columns, header_rows, score, frozenset(computed))


def _names(text: str, shown: DisplayColumn) -> bool:
    """Does this header cell name the column: its title, or (a whole column) one of its aliases ("Grense")?"""
    if title_matches(text, shown.title):
        return True
    return shown.variant is None and any(key(text) == key(alias) for alias in shown.column.aliases)


def _computed_header(text: str, block: Block) -> bool:
    """Does this header cell name one of the columns the block's kind computes ("Avvik", "I fjor")?"""
    wanted = key(text)
    return bool(wanted) and any(wanted == key(c.title) for c in kind(block).computed)


def label_hits(table: Table, block: Block, header_rows: int) -> int:
    """How many of the table's first-column texts are fixed labels of this block's rows."""
    wanted = frozenset().union(*(row_keys(r) for r in block.rows if r.label))
    return sum(1 for row in table.rows[header_rows:] if row and label_key(row[0]) in wanted) if wanted else 0


def read_grid(reading: Reading, section: Section, block: Block, table: Table, table_fit: Fit) -> None:
    """Every filled cell of ``table`` as a Found cell, a FoundRow, or an Unplaced line."""
    label_at = next((i for i, c in enumerate(table_fit.columns) if c is not None and c.column.type == LABEL), None)
    template_rows = list(block.rows)
    cursor = 0
    group: int | None = None  # the group row read last
    read = [c for c, shown in enumerate(table_fit.columns) if shown is not None or c in table_fit.computed]
    for r in range(table_fit.header_rows):
        for c in read:
            table.mark(r, c)
        cursor = _header_label(reading, section, block, table.rows[r], label_at, cursor)
    for number, cells in enumerate(table.rows[table_fit.header_rows:], start=table_fit.header_rows + 1):
        for c in read:
            table.mark(number - 1, c)
        label = cells[label_at] if label_at is not None and label_at < len(cells) else ""
        values = _values(cells, table_fit.columns, skip=label_at)
        index = _find_row(template_rows, cursor, label)
        where = f"{section.id} «{short(label) or f'rad {number}'}»"
        if index is not None and template_rows[index].group:
            group = index
        elif index is not None and group is not None:
            index = _under_group(template_rows, index, group, label)
            if index is None:
                reading.unplaced.append(Unplaced(where, f"raden står ikke under «{short(template_rows[group].label)}» "
                                                        "i malen"))
                continue
        if index is not None:
            cursor = index + 1
            _template_row(reading, section, block, template_rows[index], label, values, where)
            continue
        scratch = Reading(reading.template)
        if not label.strip() and not _answers(block, values, scratch, where) and not scratch.unplaced:
            continue  # an empty row: a handout's room to write, or a row nobody used
        if cursor < len(template_rows) and template_rows[cursor].writable_label and not template_rows[cursor].label:
            row = template_rows[cursor]  # a label written over a prompt with no fixed part ("– andre ting vi tilbyr")
            cursor += 1
            _template_row(reading, section, block, row, label, values, where)
            continue
        if block.add_rows:  # added at the end (or, in Word, between the template's rows): a row of one's own
            texts = dict(values)
            if label_at is not None and label.strip():
                texts[LABEL] = label.strip()
            reading.rows.append(FoundRow(section.id, block.id, _answers(block, texts, reading, where), where))
            continue
        typed = " | ".join(v.strip() for v in values.values() if v.strip())
        reading.unplaced.append(Unplaced(where, "raden finnes ikke i malen", short(typed, None)))


def _header_label(reading: Reading, section: Section, block: Block, cells: list[str], label_at: int | None,
                  cursor: int) -> int:
    """A prompt row that is also a header row (6.2's "Fase 1 (fag) *skriv inn …* | hvor | hvordan"): its label."""
    if label_at is None or label_at >= len(cells):
        return cursor
    index = _find_row(list(block.rows), cursor, cells[label_at])
    if index is None or not block.rows[index].writable_label or block.rows[index].group:
        return cursor
    row = block.rows[index]
    written = written_label(row, cells[label_at])
    if not written:  # still the prompt (intro-tui's handout prints the row below the header): read it there
        return cursor
    reading.cells.append(Found(section.id, block.id, row.key, LABEL, written, f"{section.id} «{short(row.label)}»"))
    return index + 1


def _merged_across(cells: list[str]) -> bool:
    return len(cells) > 1 and all(c == cells[0] for c in cells)


def _values(cells: list[str], columns: list[DisplayColumn | None], skip: int | None) -> dict:
    """Displayed-column values of one row: {(column id, variant): text}."""
    values: dict = {}
    seen_merge = _merged_across(cells)
    for c, (text, shown) in enumerate(zip(cells, columns)):
        if c == skip or shown is None or seen_merge:
            continue
        values[(shown.column.id, shown.variant)] = text
    return values


def _find_row(rows: list[Row], start: int, label: str) -> int | None:
    """The first template row from ``start`` that this label names (fixed text, or a prompt row's fixed part)."""
    wanted = label_key(label)
    if not wanted:
        return None
    for i in range(start, len(rows)):
        row = rows[i]
        if wanted in row_keys(row):
            return i
        if row.writable_label and (key(row.label) and wanted.startswith(key(row.label)) or
                                   wanted == key(row.prompt) or wanted == key(row.label + row.prompt)):
            return i
    for i in range(0, min(start, len(rows))):  # a row moved up in Word: still its own
        if wanted in row_keys(rows[i]):
            return i
    return None


def _group_of(rows: list[Row], index: int) -> int | None:
    return next((i for i in range(index, -1, -1) if rows[i].group), None)


def _under_group(rows: list[Row], index: int, group: int, label: str) -> int | None:
    """The row for ``label`` under ``group`` when the label stands under several groups; else ``index``.

    None when the label belongs to other groups only: a count written under the
    wrong status is reported rather than moved to another status.
    """
    wanted = label_key(label)
    same = [i for i, row in enumerate(rows) if not row.group and wanted in row_keys(row)]
    if len({_group_of(rows, i) for i in same}) < 2:
        return index
    if _group_of(rows, index) == group:
        return index
    return next((i for i in same if _group_of(rows, i) == group), None)


def _template_row(reading: Reading, section: Section, block: Block, row: Row, label: str, values: dict,
                  where: str) -> None:
    if row.group:
        if any(v.strip() for v in values.values()):
            reading.unplaced.append(Unplaced(where, "en overskriftsrad har ingen felter å fylle"))
        return
    texts = dict(values)
    if row.writable_label and block.label_column is not None:
        written = written_label(row, label)
        if written:
            texts[LABEL] = written
    for column_id, text in _answers(block, texts, reading, where, row).items():
        reading.cells.append(Found(section.id, block.id, row.key, column_id, text, where))


def _answers(block: Block, texts: dict, reading: Reading, where: str, row: Row | None = None) -> dict[str, str]:
    """{column id: text to parse}: Ja and Nei cells folded into one answer, hints and empty boxes dropped."""
    answers: dict[str, str] = {}
    boxes: dict[str, dict[str, bool | None]] = {}
    for address, text in texts.items():
        column_id, variant = address if isinstance(address, tuple) else (address, None)
        column = block.column(column_id)
        if variant is not None:
            boxes.setdefault(column_id, {})[variant] = box_state(text, variant)
            continue
        if column_type(column).toggle:
            answer = one_box_answer(text)
            if answer is None:
                reading.unplaced.append(Unplaced(f"{where} · {column.title}", "verken Ja eller Nei",
                                                 short(text, None)))
            elif answer:
                answers[column_id] = answer
            continue
        text = text.strip()
        if row is not None and row.hint and key(text).startswith(key(row.hint)):
            text = text[len(row.hint):].strip() if text.startswith(row.hint) else ""
        if text:
            answers[column_id] = text
    for column_id, states in boxes.items():
        ticked = [variant for variant, state in states.items() if state]
        if None in states.values():
            odd = next(texts[(column_id, v)] for v, s in states.items() if s is None)
            reading.unplaced.append(Unplaced(where, "i Ja/Nei-kolonnen, verken et kryss eller tomt", short(odd, None)))
        elif len(ticked) > 1:
            reading.unplaced.append(Unplaced(where, "både Ja og Nei er krysset av"))
        elif ticked:
            answers[column_id] = ticked[0]
    return answers
