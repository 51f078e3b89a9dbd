"""Every text in the document accounted for: what no reader took and the template does not print is listed.

The readers mark what they take (a heading, a header, a label, a value, a
field, an answer, a cover line).  What is left - a note typed under a table,
a column someone added, a line the reader does not understand - is listed
under "uten plass" with its text and where it stood, so that no text
disappears between the document and the list.  Text the template itself
prints (headings, instructions, column titles, row labels, prompts, hints,
preset texts) and intro-tui's own print-outs (contents, legends, captions)
are not values and are not listed.
"""

from __future__ import annotations

import re

from ...core.model.template import Instructions, Template, Text
from ..docx.sections import tool_text
from .extract import Paragraph, Table
from .found import Reading, Unplaced, short
from .keys import key

#: Lines intro-tui's handouts print besides the template's own text (contents, page footers, legends).
_PRINTED = re.compile(r"^(innholdsfortegnelse|side \d+|utgave til utfylling for hånd|mal: .*|dato: .*|"
                      r"oppgavemaler|\d+\.\s*steg \d+|steg \d+|tegnforklaring.*|kilde: .*|resultat mot mål \(.*\))$",
                      re.IGNORECASE)
#: A line of a table of contents: "2.2 Mal for …, s. 16" or "Vurdering …\t12".
_CONTENTS = re.compile(r"^(\d+\.)*\d*\s*\S.*(,\s*s\.\s*\d+|\t\s*\d+)\s*$")
_NOTE = re.compile(r"^\s*(notat|kommentar|merknad|note|referat)\b[^:]*:", re.IGNORECASE)


_KEYS: dict[int, tuple[Template, frozenset[str], tuple[str, ...]]] = {}


def template_keys(template: Template) -> frozenset[str]:
    """The keys of every text the template prints: it is never a value, and never left over.

    Cached by the template object (hashing a whole template on every call costs more than the lookup).
    """
    cached = _KEYS.get(id(template))
    if cached is None or cached[0] is not template:
        keys = _template_keys(template)
        cached = _KEYS[id(template)] = (template, keys, tuple(k for k in keys if len(k) >= 24))
    return cached[1]


def _long_keys(template: Template) -> tuple[str, ...]:
    template_keys(template)
    return _KEYS[id(template)][2]


def _template_keys(template: Template) -> frozenset[str]:
    texts: list[str] = [template.title, template.full_title, template.full_title.split(":")[0], *template.colophon]
    for part in template.parts:
        texts += [part.title, part.label, f"{part.label} {part.title}", part.tools_title, *part.tools]
        texts += [tool_text(tool) for tool in part.tools]  # as printed: a copy's line adds " – Renhold"
    for section in template.sections:
        texts += [section.title, f"{section.id} {section.title}"]
        for content in section.content:
            if isinstance(content, Text):
                texts.append(content.text)
            elif isinstance(content, Instructions):
                for item in content.items:
                    texts.append(item.text)
                    texts += list(item.items)
            else:
                texts += [str(getattr(content, name, "") or "") for name in ("text", "url_intro", "url")]
        for block in section.blocks:
            texts += [block.title, f"{block.title} {block.title_prompt}", block.link_text, block.url_intro, block.url]
            for column in block.columns:
                texts += [column.title, column.group or "", *column.aliases]
            for row in block.rows:
                texts += [row.label, row.prompt, row.hint, row.label + " " + row.prompt,
                          *(text for _, text in row.defaults)]
    return frozenset(k for k in (key(t) for t in texts if t) if k)


def printed(template: Template, text: str) -> bool:
    """Is ``text`` the template's own (or intro-tui's print-out), not something a person typed?"""
    line = " ".join(text.split())
    if not key(line):
        return True
    if _PRINTED.match(line) or _CONTENTS.match(text.strip()):
        return True
    known = template_keys(template)
    whole, wanted = key(line), key(re.sub(r"^\s*(\d+\.)+\s*", "", line))  # "1. Vi har …" typed, or Word's list
    if whole in known or wanted in known:
        return True
    return any(len(text) >= 24 and any(text in k or k in text for k in _long_keys(template)) for text in {whole, wanted})


def account(reading: Reading, items: list, sections: list[str]) -> None:
    """List every non-empty text that nothing took and the template does not print (``sections``: each item's)."""
    template = reading.template
    assert template is not None
    table_number = 0
    for item, section in zip(items, sections):
        at = f"{section} · " if section else "foran første overskrift · "
        if isinstance(item, Paragraph):
            if item.used or printed(template, item.text):
                continue
            reason = "notat uten plass i malen" if _NOTE.match(item.text) else "tekst uten plass i malen"
            reading.unplaced.append(Unplaced(f"{at}avsnitt", reason, short(item.text, None)))  # whole
            continue
        if not isinstance(item, Table):
            continue
        table_number += 1
        for r, cells in enumerate(item.rows):
            taken = {cells[c] for c in range(len(cells)) if (r, c) in item.used}
            for c, text in enumerate(cells):
                if not text.strip() or (r, c) in item.used or (r, c) in item.repeats or text in taken:
                    continue
                if printed(template, text):
                    continue
                reading.unplaced.append(Unplaced(f"{at}tabell {table_number}, rad {r + 1}, kolonne {c + 1}",
                                                 "celle uten plass i malen", short(text, None)))
