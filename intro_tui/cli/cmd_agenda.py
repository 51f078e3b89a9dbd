"""``agenda``: a kjøreplan's agenda from the command line - show it, fill in the example, run the meeting.

The rows themselves are filled as any table's: ``intro-tui add-row ID 2.5 "09:30"
"Velkommen" "" Plenum Anne`` and ``intro-tui set ID 2.5 1 Leder Kari``.  This
command adds what a table cannot say: ``--eksempel`` (the STEG's example agenda),
``--start`` and ``--neste`` (the meeting's clock, recorded in "Faktisk tid"),
and the agenda printed with the item running now.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..core.store.workshops import WorkshopStore


def add_agenda_parser(sub, common) -> None:
    p = sub.add_parser("agenda", parents=[common],
                       help="kjøreplanens agenda: vis den, legg inn et eksempel, start møtet, neste punkt")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="SEKSJON", help="kjøreplanen, f.eks. 2.5")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--eksempel", action="store_true", help="legg inn et eksempel bygd av stegets seksjoner")
    what.add_argument("--start", action="store_true", help="start møtet: første punkt begynner nå")
    what.add_argument("--neste", action="store_true", help="neste punkt: det som pågår slutter nå")


def cmd_agenda(store: WorkshopStore, args) -> None:
    from ..core.model import agenda
    from ..core.model.layout import find_section
    from ..core.model.values import ValueProblem
    from ..core.store import meeting

    workshop = store.load(args.id)
    template = store.template_of(workshop)
    section = find_section(template, args.section)
    if not agenda.has_agenda(section):
        raise ValueProblem(f"{section.id} er ingen kjøreplan (kjøreplanene er "
                           f"{', '.join(s.id for s in agenda.agenda_sections(template))})")
    now = datetime.now()
    if args.eksempel:
        meeting.fill_example(store, workshop.id, section.id)
    elif args.start:
        if not agenda.items(workshop, section.id):
            raise ValueProblem(f"kjøreplanen i {section.id} har ingen punkter ennå (add-row {workshop.id} "
                               f"{section.id} … legger til et, --eksempel gir et eksempel)")
        meeting.start(store, workshop.id, section.id, now)
    elif args.neste:
        meeting.next_item(store, workshop.id, now)
    workshop = store.load(workshop.id)
    print(render(template, workshop, section.id, now))


def render(template, workshop, section_id: str, now: datetime) -> str:
    """The agenda as lines of text: number, planned time, activity, section, form, leader, actual time."""
    from ..core.model import agenda
    from ..core.shorten import one_line

    items = agenda.items(workshop, section_id)
    lines = [f"Kjøreplan {section_id}: {len(items)} punkt{'er' if len(items) != 1 else ''}" if items else
             f"Kjøreplan {section_id}: ingen punkter ennå (--eksempel legger inn et eksempel)"]
    widths = (8, 30, 10, 9, 14, 12)
    heads = ("Tid", "Aktivitet", "Seksjon", "Form", "Leder", "Faktisk tid")
    if items:
        lines.append("    " + "  ".join(h.ljust(w) for h, w in zip(heads, widths)).rstrip())
    for item in items:
        cells = (item.planned, item.activity, item.target, item.form, item.leader, item.actual)
        lines.append(f"{item.number:>2}. " + "  ".join(one_line(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip())
    current = agenda.running(template, workshop, now)
    if current is not None and current.item.section == section_id:
        lines.append(f"Nå: {one_line(current.line(now), None)}")
    return "\n".join(lines)


AGENDA_HANDLERS = {"agenda": cmd_agenda}
