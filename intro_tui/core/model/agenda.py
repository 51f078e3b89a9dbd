"""The kjøreplan as an agenda: its items, their planned and actual times, the item running now.

Each "Kjøreplan for arbeidsmøte N" section holds, beside the seed's link, a block
``agenda`` (kind ``agenda``: a table that is no answer, so it is left out of "how much
is filled in") of rows the municipality adds (:data:`COLUMNS`).  The agenda is
plain cells, so the app, ``add-row``/``set``, Word and the change log all handle
it as any other table.  Running the meeting writes only one column, ``faktisk``
("09:31–" while an item runs, "09:31–09:44" once it is over): which item runs
is read from the cells, so every session sees it on its next reload and no new
field is stored in the workshop file.

Times are ``09:30`` (the app's clock format, as in "Lagret 09:30:12"); ``.`` is
read too.  Recorded times have minute precision, so a countdown can be up to a
minute early - a meeting's agenda does not need seconds.

Pure functions of a template, a workshop and a moment: the clock is always passed
in (the app's is injectable, so tests run an agenda without waiting).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from .template import Part, Section, Template
from .workshop import Workshop

#: The agenda table's block id in a kjøreplan section.
BLOCK = "agenda"
TIME, ACTIVITY, TARGET, FORM, LEADER, ACTUAL = "tid", "aktivitet", "seksjon", "form", "leder", "faktisk"
COLUMNS = (TIME, ACTIVITY, TARGET, FORM, LEADER, ACTUAL)
PLENUM, GROUPS = "Plenum", "Grupper"
DASH = "–"

_CLOCK = r"([01]?\d|2[0-3])[:.]([0-5]\d)"
_CLOCK_RE = re.compile(_CLOCK)
_MINUTES_RE = re.compile(r"(\d{1,3})\s*(?:min(?:utter)?\.?)?", re.IGNORECASE)
_SPAN_RE = re.compile(rf"{_CLOCK}\s*[-{DASH}]\s*(?:{_CLOCK})?")


@dataclass(frozen=True)
class Item:
    """One row of an agenda, as its cells say."""

    section: str  # the kjøreplan section holding it
    key: str  # the row's key
    number: int  # 1, 2, … in the agenda
    planned: str
    activity: str
    target: str  # the section or copy it works on: "2.2", "2.2#2", "2.2 Renhold"
    form: str
    leader: str
    actual: str

    @property
    def started(self) -> tuple[int, int] | None:
        span = _SPAN_RE.fullmatch(self.actual.strip())
        return (int(span.group(1)), int(span.group(2))) if span else None

    @property
    def ended(self) -> tuple[int, int] | None:
        span = _SPAN_RE.fullmatch(self.actual.strip())
        return (int(span.group(3)), int(span.group(4))) if span and span.group(3) else None

    @property
    def running(self) -> bool:
        return self.started is not None and self.ended is None

    @property
    def title(self) -> str:
        return self.activity.strip() or f"Punkt {self.number}"


def agenda_sections(template: Template) -> list[Section]:
    """The sections that hold an agenda (the kjøreplans), in template order."""
    return [s for s in template.sections if has_agenda(s)]


def has_agenda(section: Section) -> bool:
    return any(b.id == BLOCK and b.kind == "agenda" for b in section.blocks)


def items(workshop: Workshop, section_id: str) -> list[Item]:
    """The agenda of one kjøreplan section, in order."""
    found = []
    for number, row in enumerate(workshop.rows_added(section_id, BLOCK), 1):
        texts = {c: _text(workshop.value(section_id, BLOCK, row.key, c)) for c in COLUMNS}
        found.append(Item(section_id, row.key, number, texts[TIME], texts[ACTIVITY], texts[TARGET], texts[FORM],
                          texts[LEADER], texts[ACTUAL]))
    return found


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def clock(moment: datetime) -> str:
    """``09:31``: how times are written in the agenda."""
    return moment.strftime("%H:%M")


def planned_minutes(agenda: list[Item], index: int) -> int | None:
    """How long item ``index`` is planned to take: its minutes, or the time to the next item's start."""
    text = agenda[index].planned.strip()
    minutes = _MINUTES_RE.fullmatch(text)
    if minutes:
        return int(minutes.group(1))
    start = planned_start(text)
    end = planned_end(text)
    if start is not None and end is None and index + 1 < len(agenda):
        end = planned_start(agenda[index + 1].planned.strip())
    if start is None or end is None:
        return None
    return (end - start) % (24 * 60)


def planned_start(text: str) -> int | None:
    """Minutes after midnight of a planned start ("09:30", "09.30", "09:30–10:00"), or None."""
    found = _CLOCK_RE.match(text)
    return int(found.group(1)) * 60 + int(found.group(2)) if found else None


def planned_end(text: str) -> int | None:
    span = _SPAN_RE.fullmatch(text)
    return int(span.group(3)) * 60 + int(span.group(4)) if span and span.group(3) else None


@dataclass(frozen=True)
class Running:
    """The item running now, where it stands in its agenda, and its time."""

    item: Item
    count: int  # items in the agenda
    minutes: int | None  # planned
    started_at: datetime

    def seconds_left(self, now: datetime) -> float | None:
        if self.minutes is None:
            return None
        return self.minutes * 60 - (now - self.started_at).total_seconds()

    def over(self, now: datetime) -> bool:
        left = self.seconds_left(now)
        return left is not None and left < 0

    def time_words(self, now: datetime) -> str:
        """"12 min igjen", "3 min over tiden", or since when it runs when no length was planned."""
        left = self.seconds_left(now)
        if left is None:
            return f"startet {clock(self.started_at)}"
        if left > 0:
            return f"{math.ceil(left / 60)} min igjen"
        over = math.floor(-left / 60)
        return f"{over} min over tiden" if over >= 1 else "tiden er ute"

    def line(self, now: datetime) -> str:
        """The header's line: "Gruppearbeid 2.2 · 12 min igjen · punkt 2 av 3"."""
        return f"{self.item.title} · {self.time_words(now)} · punkt {self.item.number} av {self.count}"


def running(template: Template, workshop: Workshop, now: datetime) -> Running | None:
    """The item that has started and not ended (the first such, should hand edits have left two)."""
    for section in agenda_sections(template):
        agenda = items(workshop, section.id)
        for index, item in enumerate(agenda):
            started = item.started
            if started is None or item.ended is not None:
                continue
            at = now.replace(hour=started[0], minute=started[1], second=0, microsecond=0)
            if at > now + timedelta(minutes=1):  # started before midnight
                at -= timedelta(days=1)
            return Running(item, len(agenda), planned_minutes(agenda, index), at)
    return None


def example(template: Template, section: Section) -> list[dict[str, str]]:
    """An example agenda for the STEG of ``section``: one item per section of the STEG.

    A section filled per bransje/tiltak (2.2) is group work - each group takes a
    copy -, the others are gone through in plenum; a welcome first and a summary last.
    """
    part: Part = template.part_of(section.id)
    rows = [_row("10 min", "Velkommen og mål for møtet", "", PLENUM)]
    for other in part.sections:
        if has_agenda(other):
            continue
        if other.per_choice is not None:
            rows.append(_row("30 min", f"Gruppearbeid {other.id}", other.id, GROUPS))
            rows.append(_row("15 min", f"Gruppene legger fram {other.id}", other.id, PLENUM))
        else:
            rows.append(_row("20 min", f"Gjennomgang {other.id}", other.id, PLENUM))
    rows.append(_row("10 min", "Oppsummering og veien videre", section.id, PLENUM))
    return rows


def _row(planned: str, activity: str, target: str, form: str) -> dict[str, str]:
    row = {TIME: planned, ACTIVITY: activity, FORM: form}
    if target:
        row[TARGET] = target
    return row
