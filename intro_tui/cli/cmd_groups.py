"""``gruppe``: a working meeting's groups from the command line (issue 21).

``intro-tui gruppe ID`` lists the groups; the actions (bokmål, as the room says them)::

    intro-tui gruppe ID ny "Gruppe 1 – Renhold" --seksjon "2.2 Renhold"   # works on the copy itself
    intro-tui gruppe ID ny "Gruppe 2" --seksjon 1.3 --utkast             # on its own draft, 1.3~g2
    intro-tui gruppe ID navn g1 "Gruppe 1"      intro-tui gruppe ID fjern g1
    intro-tui gruppe ID med g1 Kari             intro-tui gruppe ID ut Kari
    intro-tui gruppe ID leder g1 Kari           (leder g1 "" : den første som blir med)
    intro-tui gruppe ID del / plenum            (rommet i grupper / samlet igjen)
    intro-tui gruppe ID ta g2 1.3 [--rad R] [--kolonne K]   # gruppens svar inn i plenumsversjonen

A group is named by its id (``g2``), number (``2``) or name (or its leading words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.store.workshops import WorkshopStore

#: The actions' names: the parser and the handler both read them from here.
LIST, NEW, RENAME, REMOVE, JOIN, LEAVE, LEAD, SPLIT, PLENUM, TAKE = (
    "liste", "ny", "navn", "fjern", "med", "ut", "leder", "del", "plenum", "ta")
COMMAND = "gruppe"


def add_groups_parser(sub, common) -> None:
    p = sub.add_parser(COMMAND, aliases=["grupper"], parents=[common],
                       help="møtets grupper: lag, navngi, sett deltakere i, del rommet, ta inn gruppens svar")
    p.add_argument("id", metavar="ID")
    actions = p.add_subparsers(dest="group_action", metavar="HANDLING")
    actions.add_parser(LIST, help="gruppene med sted, leder og deltakere (det samme som uten handling)")
    a = actions.add_parser(NEW, help="ny gruppe som arbeider på en seksjon eller kopi")
    a.add_argument("name", metavar="NAVN")
    a.add_argument("--seksjon", dest="section", metavar="S", required=True,
                   help="seksjonen eller kopien gruppen arbeider på, f.eks. «2.2 Renhold» eller 1.3")
    a.add_argument("--utkast", dest="draft", action="store_true",
                   help="gruppen får sitt eget utkast av seksjonen (starter fra plenumsversjonen)")
    a = actions.add_parser(RENAME, help="gi en gruppe nytt navn")
    a.add_argument("group", metavar="GRUPPE")
    a.add_argument("name", metavar="NAVN")
    a = actions.add_parser(REMOVE, help="fjern en gruppe (utkastet beholdes og kan leses)")
    a.add_argument("group", metavar="GRUPPE")
    a = actions.add_parser(JOIN, help="sett en deltaker i en gruppe (flyttes fra en annen)")
    a.add_argument("group", metavar="GRUPPE")
    a.add_argument("member", metavar="NAVN")
    a = actions.add_parser(LEAVE, help="ta en deltaker ut av gruppen sin")
    a.add_argument("member", metavar="NAVN")
    a = actions.add_parser(LEAD, help="gruppens leder (\"\": den første som blir med)")
    a.add_argument("group", metavar="GRUPPE")
    a.add_argument("member", metavar="NAVN")
    actions.add_parser(SPLIT, help="rommet arbeider i grupper nå")
    actions.add_parser(PLENUM, help="alle samlet igjen: alle følger den som leder")
    a = actions.add_parser(TAKE, help="ta gruppens svar fra utkastet inn i plenumsversjonen")
    a.add_argument("group", metavar="GRUPPE")
    a.add_argument("section", metavar="SEKSJON", help="plenumsversjonen, f.eks. 1.3")
    a.add_argument("--rad", dest="row", metavar="R", help="bare denne raden (nummer eller tekst)")
    a.add_argument("--kolonne", dest="column", metavar="K", help="bare denne cellen i raden (med --rad)")


def cmd_groups(store: WorkshopStore, args) -> None:
    from ..core.model import groups as model
    from ..core.store import groups

    workshop = store.load(args.id)
    action = args.group_action or LIST
    if action == NEW:
        group = groups.make(store, workshop.id, args.name, section=_section_key(store, workshop, args.section),
                            draft=args.draft)
        print(f"{group.id}\t{group.place}")
        return
    if action in (SPLIT, PLENUM):
        groups.split(store, workshop.id, action == SPLIT)
    elif action == LEAVE:
        if groups.leave(store, workshop.id, args.member) is None:
            from ..core.model.values import ValueProblem
            from ..core.shorten import one_line

            raise ValueProblem(f"«{one_line(args.member)}» er ikke i noen gruppe")
    elif action != LIST:
        group = model.find_group(workshop, args.group)
        if action == RENAME:
            groups.rename(store, workshop.id, group.id, args.name)
        elif action == REMOVE:
            groups.remove(store, workshop.id, group.id)
        elif action == JOIN:
            groups.join(store, workshop.id, group.id, args.member)
        elif action == LEAD:
            groups.set_lead(store, workshop.id, group.id, args.member)
        elif action == TAKE:
            print(f"{_take(store, workshop, group, args)} svar tatt inn fra «{group.name}» (celler og nye rader)")
            return
    print(render(store.load(workshop.id)))


def _section_key(store: WorkshopStore, workshop, spec: str) -> str:
    """SEKSJON as every command takes it ("2.2 Renhold", "2.2#2", "1.3"): its key."""
    from ..core.model.copies import resolve

    return resolve(store.template_of(workshop), workshop, spec).id


def _take(store: WorkshopStore, workshop, group, args) -> int:
    from ..core.model.layout import resolve_column, resolve_row, section_rows
    from ..core.model.values import ValueProblem
    from ..core.store import groups

    plenary = _section_key(store, workshop, args.section)
    if args.column is not None and args.row is None:
        raise ValueProblem("--kolonne gjelder én celle: bruk den sammen med --rad")
    block = row = column = None
    if args.row is not None:
        section = store.template_of(workshop).section(plenary)
        view = resolve_row(section_rows(section, workshop), args.row, workshop)
        block, row = view.block.id, view.key
        if args.column is not None:
            column = resolve_column(view.block, args.column).column.id
    return groups.take(store, workshop.id, group.id, plenary, block=block, row=row, column=column)


def render(workshop) -> str:
    """The groups as lines: id, name, place, lead, members; then the room's state and the kept drafts."""
    from ..core.model import groups as model
    from ..core.shorten import one_line

    if not workshop.groups and not workshop.drafts:
        return "Ingen grupper ennå (intro-tui gruppe ID ny NAVN --seksjon S)"
    lines = []
    for group in workshop.groups:
        place = f"{model.place_words(group.place)} ({group.place})" if group.has_draft else group.place
        lead = one_line(group.leader, 40) or "–"
        members = ", ".join(one_line(m, 40) for m in group.members) or "ingen ennå"
        lines.append(f"{group.id}\t{one_line(group.name, 60)}\t{place}\tleder: {lead}\tdeltakere: {members}")
    lines.append("Rommet arbeider i grupper nå" if workshop.split else "Rommet er samlet i plenum")
    kept = [key for key in workshop.drafts if model.by_id(workshop, model.group_id_of(key)) is None]
    for key in kept:
        lines.append(f"Utkast beholdt: {key}\t{one_line(model.draft_label(workshop, key), 80)} (gruppen er fjernet)")
    return "\n".join(lines)


GROUP_HANDLERS = {COMMAND: cmd_groups, "grupper": cmd_groups}
