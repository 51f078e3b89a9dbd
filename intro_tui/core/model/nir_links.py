"""Tie indicator rows to the NIR code table of the same template, once, when the template is read.

A template row says ``"nir": ["avsluttet-arbeid-over-29"]``: the keys of the
code rows it counts.  The share's denominator is everyone who ended with the
same status (the rows under the same group row of the code table: "Avsluttet
introprogram"), as IMDi's booklet defines it.  Resolving it here means a
typo in a municipality's own template is reported by the loader, with the
file named, and every reader later finds a ready :class:`NirLink`.
"""

from __future__ import annotations

from dataclasses import replace

from .template import Block, NirLink, Part, Row, Section


class NirLinkError(ValueError):
    """A row's NIR codes do not fit the template's code table; message in Norwegian."""


def code_table(parts: tuple[Part, ...]) -> tuple[Section, Block] | None:
    """The template's NIR code table (the one block of kind ``nir``), or None."""
    found = [(section, block) for part in parts for section in part.sections for block in section.blocks
             if block.kind == "nir"]
    if len(found) > 1:
        raise NirLinkError("malen har mer enn én NIR-kodetabell")
    return found[0] if found else None


def status_groups(block: Block) -> list[tuple[Row, list[Row]]]:
    """[(status group row, its code rows), …] in table order."""
    groups: list[tuple[Row, list[Row]]] = []
    for row in block.rows:
        if row.group:
            groups.append((row, []))
        elif groups:
            groups[-1][1].append(row)
    return groups


def link_nir(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """The parts with every indicator row's ``nir`` codes resolved against the code table."""
    table = code_table(parts)
    if not any(row.nir for part in parts for section in part.sections for block in section.blocks
               for row in block.rows):
        return parts
    if table is None:
        raise NirLinkError("rader viser til NIR-koder, men malen har ingen NIR-kodetabell (type nir)")
    section, block = table
    count_column = next(c.id for c in block.columns if c.type == "count")
    group_of = {code.key: (group, codes) for group, codes in status_groups(block) for code in codes}

    def resolve(row: Row) -> Row:
        if row.nir is None:
            return row
        unknown = [key for key in row.nir.codes if key not in group_of]
        if unknown:
            raise NirLinkError(f"raden «{row.label}» viser til en ukjent NIR-kode «{unknown[0]}»")
        groups = {group_of[key][0].key for key in row.nir.codes}
        if len(groups) != 1:
            raise NirLinkError(f"raden «{row.label}» teller koder fra flere statuser; en andel har én nevner")
        group, codes = group_of[row.nir.codes[0]]
        link = NirLink(section.id, block.id, count_column, row.nir.codes, tuple(c.key for c in codes), group.label)
        return replace(row, nir=link)

    def walk_section(sec: Section) -> Section:
        content = tuple(replace(item, rows=tuple(resolve(r) for r in item.rows)) if isinstance(item, Block) else item
                        for item in sec.content)
        return replace(sec, content=content)

    return tuple(replace(part, sections=tuple(walk_section(s) for s in part.sections)) for part in parts)
