"""The booklet's NIR code table with a column added for the counts: Status | Begrunnelse | Antall.

The booklet prints the codes as two columns, the status (merged down over
its codes) and the reason; a municipality that counts adds an "Antall"
column.  The template's NIR block reads one column of labels - a status row,
then its codes - and a count, so the table is re-shaped: a status row
whenever the first column changes, then each code with its count.  The cells
of the re-shaped table point back at the document's, so what is read is marked there.
"""

from __future__ import annotations

from ...core.model.template import Block, Template
from .extract import Table
from .keys import key, label_key, title_matches


def _nir_blocks(template: Template) -> list[Block]:
    return [b for s in template.sections for b in s.blocks if b.kind == "nir"]


def with_status_column(template: Template, table: Table) -> Table | None:
    """The table re-shaped as status rows and code rows, or None when it is not a three-column NIR table."""
    if not table.rows or max(len(r) for r in table.rows) != 3:
        return None
    for block in _nir_blocks(template):
        statuses = {key(r.label) for r in block.rows if r.group}
        codes = {label_key(r.label) for r in block.rows if not r.group}
        first = 1 if _header(table.rows[0], block) else 0
        body = table.rows[first:]
        hits = sum(1 for row in body if key(row[0]) in statuses and label_key(row[1]) in codes)
        if not body or hits * 2 < len(body):
            continue
        rows: list[list[str]] = []
        origin: dict = {}
        if first:
            rows.append([block.columns[0].title, block.columns[1].title])
            origin.update({(0, 0): [(0, 0), (0, 1)], (0, 1): [(0, 2)]})
        status = None
        for r, cells in enumerate(body, start=first):
            if key(cells[0]) != status:
                status = key(cells[0])
                origin[(len(rows), 0)] = [(r, 0)]
                rows.append([cells[0], ""])
            origin[(len(rows), 0)] = [(r, 0), (r, 1)]
            origin[(len(rows), 1)] = [(r, 2)]
            rows.append([cells[1], cells[2]])
        return Table(rows, before=table.before, caption=table.caption, description=table.description,
                     origin=origin, parent=table)
    return None


def _header(row: list[str], block: Block) -> bool:
    return len(row) == 3 and any(title_matches(row[2], c.title) for c in block.columns[1:])
