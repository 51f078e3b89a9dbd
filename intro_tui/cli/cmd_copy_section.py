"""``add-copy``, ``rename-copy``, ``remove-copy``, ``copies``: the copies of per-choice sections.

2.2 is filled once per bransje: ``intro-tui add-copy ID 2.2 "Bygg og anlegg"`` adds a
copy and prints its address (``2.2#3``), which every command that takes a section
accepts, as it accepts ``"2.2 Bygg og anlegg"`` or ``"2.2 bygg"``.  Bokmål names
work too: ``ny-kopi``, ``nytt-navn``, ``fjern-kopi``, ``kopier``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.store.workshops import WorkshopStore


def add_copy_parsers(sub, common) -> None:
    p = sub.add_parser("add-copy", aliases=["ny-kopi"], parents=[common],
                       help="ny kopi av en seksjon som fylles ut per bransje/tiltak/fag; skriver adressen")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="SEKSJON", help="f.eks. 2.2")
    p.add_argument("name", metavar="NAVN", help="bransjen/yrket, tiltaket eller faget kopien gjelder")

    p = sub.add_parser("rename-copy", aliases=["nytt-navn"], parents=[common], help="gi en kopi nytt navn")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="KOPI", help="f.eks. «2.2 Renhold» eller 2.2#2")
    p.add_argument("name", metavar="NAVN")

    p = sub.add_parser("remove-copy", aliases=["fjern-kopi"], parents=[common],
                       help="fjern en kopi med svarene i den")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="KOPI", help="f.eks. «2.2 Renhold» eller 2.2#2")

    p = sub.add_parser("copies", aliases=["kopier"], parents=[common], help="kopiene av seksjonene, med adresse")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="SEKSJON", nargs="?")


def _load(store: WorkshopStore, workshop_id: str):
    workshop = store.load(workshop_id)
    return workshop, store.template_of(workshop)


def cmd_add_copy(store: WorkshopStore, args) -> None:
    from ..core.model.layout import find_section
    from ..core.store.copies import add_copy

    workshop, template = _load(store, args.id)
    section = find_section(template, args.section)
    print(add_copy(store, workshop.id, section.id, args.name))


def cmd_rename_copy(store: WorkshopStore, args) -> None:
    from ..core.model.copies import resolve
    from ..core.store.copies import rename_copy

    workshop, template = _load(store, args.id)
    copy = resolve(template, workshop, args.section)
    rename_copy(store, workshop.id, copy.id, args.name)
    print(copy.id)


def cmd_remove_copy(store: WorkshopStore, args) -> None:
    from ..core.model.copies import label_of, resolve
    from ..core.shorten import one_line
    from ..core.store.copies import remove_copy

    workshop, template = _load(store, args.id)
    copy = resolve(template, workshop, args.section)
    remove_copy(store, workshop.id, copy.id)
    print(f"fjernet {copy.id} «{one_line(label_of(copy, workshop, copy.id), 60)}»", file=sys.stderr)
    print(copy.id)


def cmd_copies(store: WorkshopStore, args) -> None:
    from ..core.model.copies import keys_of, label_of
    from ..core.model.layout import find_section
    from ..core.shorten import one_line

    workshop, template = _load(store, args.id)
    sections = [find_section(template, args.section)] if args.section else template.sections
    for section in sections:
        if section.per_choice is None:
            continue
        for key in keys_of(workshop, section.id):
            print(f"{key}\t{one_line(label_of(section, workshop, key), 80)}")


COPY_HANDLERS = {
    "add-copy": cmd_add_copy, "ny-kopi": cmd_add_copy,
    "rename-copy": cmd_rename_copy, "nytt-navn": cmd_rename_copy,
    "remove-copy": cmd_remove_copy, "fjern-kopi": cmd_remove_copy,
    "copies": cmd_copies, "kopier": cmd_copies,
}
