"""The appendix "Gruppenes svar" of intro-tui's own handout, when such a document is read back (issue 21).

The appendix holds the group drafts (``export/group_pages.py``).  Reading it as
the plenary version would write a group's answers over the room's, so the
document is cut at the appendix's heading and its content is not placed; each
draft is listed instead, with its text, among what found no place (the
preview and ``import --dry-run`` show it): never dropped without a word.  A
group's answers come into the plenary version in the app (Gruppenes svar).
"""

from __future__ import annotations

from ...core.model.groups import APPENDIX
from .extract import Paragraph, Table
from .found import Unplaced, short
from .keys import key

REASON = "gruppenes utkast (vedlegget «Gruppenes svar») leses ikke inn; ta svarene inn i appen (F10, S)"


def cut_appendix(items: list) -> tuple[list, list]:
    """(the document before the appendix, the appendix) - the appendix is [] when there is none."""
    wanted = key(APPENDIX)
    for n, item in enumerate(items):
        if isinstance(item, Paragraph) and item.style.startswith(("heading", "overskrift")) \
                and key(item.text) == wanted:
            return items[:n], items[n:]
    return items, []


def _draft_name(heading: str) -> str:
    """"1.3 Roller … – utkast for Gruppe 1" -> "1.3 – utkast for Gruppe 1" (the title is long, the group matters)."""
    head, mark, name = heading.partition(" – utkast for ")
    return f"{short(head.split(' ', 1)[0], 12)}{mark}{short(name, 60)}" if mark else short(heading, 60)


def report_appendix(appendix: list) -> list[Unplaced]:
    """One entry per draft in the appendix (its heading), with every text of its tables."""
    out: list[Unplaced] = []
    heading, texts = "", []

    def flush() -> None:
        if heading and texts:
            out.append(Unplaced(f"{APPENDIX}: {_draft_name(heading)}", REASON, short(" | ".join(texts), None)))

    for item in appendix[1:]:
        if isinstance(item, Paragraph) and item.style.startswith(("heading", "overskrift")):
            flush()
            heading, texts = item.text, []
        elif isinstance(item, Table):
            texts += [t.strip() for row in item.rows for t in row if t.strip()]
    flush()
    return out
