"""``intro-tui nir ID FILE.csv``: count the NIR end codes of those who left, store only the counts."""

from __future__ import annotations

from pathlib import Path

from .parser import CliError


def cmd_nir(store, args) -> None:
    from ..core.model.nir_links import code_table
    from ..core.nir_file import NirFileError, count_codes

    workshop = store.load(args.id)
    template = store.template_of(workshop)
    table = code_table(template.parts)
    if table is None:
        raise CliError(f"malen {template.id} har ingen NIR-kodetabell")
    section, block = table
    try:
        counts, participants = count_codes(Path(args.file), block)
    except NirFileError as exc:
        raise CliError(str(exc)) from None
    column = next(c.id for c in block.columns if c.type == "count")
    store.set_cells(workshop.id, [(section.id, block.id, key, column, str(n)) for key, n in counts.items()])
    print(f"Talte {participants} deltakere i {Path(args.file).name}.")
    print("Bare antallet per kode er lagret – ingen personopplysninger fra filen er tatt vare på.")
    for line in share_lines(template, store.load(workshop.id)):
        print(line)


def share_lines(template, workshop) -> list[str]:
    """One line per indicator computed from the counts: '% i arbeid, > 29 t/uke: 25 % (5 av 20)'."""
    from ..core.model import indicators as ind
    from ..core.shorten import one_line

    lines = []
    base = ""
    for section in template.sections:
        for block in section.blocks:
            for row in block.rows:
                share = ind.nir_share(row, workshop.cells)
                if row.nir is None:
                    continue
                base = base or row.nir.base_label
                text = ind.format_share(share) if share else "–"
                if share and row.national_goal is not None:
                    text += f", nasjonalt mål {ind.show_value(row, row.national_goal)}"
                lines.append(f"  {section.id}: {one_line(row.label, 100)}: {text}")
    if lines:
        lines.insert(0, f"Andeler av dem som avsluttet med «{base}»:")
    return lines
