"""Comparing what people see: header texts, row labels and marks, without the typography.

A heading may read "Hoved-ansvarlig" or "Hovedansvarlig", "Involveres/ informeres"
or "Involveres/informeres"; a label "– Vi kan stille med kontaktperson" or
"Vi kan stille med kontaktperson"; so text is compared by its letters and
digits only (:func:`key`).  What counts as a tick in a Ja or Nei cell is here too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...core.model.template import Row

_NOT_WORD = re.compile(r"[\W_]+")
_LEADING_MARKS = re.compile(r"^[\s\-–—•▪·*]+")
_LEADING_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")

#: A tick in a Ja or a Nei cell: what people type or replace the box with.
TICKS = {"☒", "☑", "✓", "✔", "x", "X", "✗", "✘", "1"}
EMPTY_BOX = {"", "☐", "□", "◻"}


@lru_cache(maxsize=16_384)  # the same titles and labels are compared for every table and block
def key(text: str) -> str:
    """Letters and digits only, case folded: 'Hoved-ansvarlig' and 'Hovedansvarlig' compare equal."""
    return _NOT_WORD.sub("", text.casefold())


def strip_marks(text: str) -> str:
    """'– Vi kan …' -> 'Vi kan …' (the dashes and bullets a writer puts before sub-items)."""
    return _LEADING_MARKS.sub("", text).strip()


@lru_cache(maxsize=16_384)
def title_matches(cell: str, title: str) -> bool:
    """A header cell names a column: equal, or one starts with the other ("Annet:\\n(også her …)")."""
    a, b = key(cell), key(title)
    if not a or not b:
        return False
    return a == b or (len(b) >= 4 and a.startswith(b)) or (len(a) >= 8 and b.startswith(a))


@lru_cache(maxsize=4_096)
def row_keys(row: Row) -> frozenset[str]:
    """Keys under which a template row's fixed label may appear (with or without its number)."""
    label = strip_marks(row.label)
    keys = {key(label), key(_LEADING_NUMBER.sub("", label))}
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=16_384)
def label_key(text: str) -> str:
    return key(strip_marks(text))


def written_label(row: Row, text: str) -> str | None:
    """What someone wrote on a prompt row's label cell, or None if it still holds the template's text.

    'Annet (skriv inn)' -> None; 'Annet: Jobbklubb' -> 'Jobbklubb'; '7. Vi har mentor' -> 'Vi har mentor';
    on a row with no fixed label ('- *andre ting vi tilbyr*'), anything but the prompt is the label.
    """
    text = strip_marks(text.replace("\t", " "))
    fixed = strip_marks(row.label)
    rest = text
    if fixed:
        rest = _after_prefix(text, fixed)
        if rest is None:
            return None
    rest = tidy(_drop_prompt(rest, row.prompt))
    return rest or None


def tidy(text: str) -> str:
    """Separators left around a value once a label or prompt is cut away: ': Kurs ()' -> 'Kurs'."""
    text = text.replace("()", "").strip()
    text = text.lstrip(" :–-.\n\t…_")
    if text.startswith("(") and text.endswith(")") and "(" not in text[1:]:
        text = text[1:-1]
    return text.rstrip(" \n\t_").rstrip(" :–-")


def _after_prefix(text: str, prefix: str) -> str | None:
    """The part of ``text`` after ``prefix``, compared by key; None if it does not start so."""
    wanted = key(prefix)
    if not wanted:
        return text
    seen = ""
    for i, ch in enumerate(text):
        seen += key(ch)
        if seen == wanted:
            end = i + 1
            while end < len(text) and text[end] in ")]" and text[end] in prefix:
                end += 1  # 'Fase 1 (fag)': the bracket belongs to the label
            return text[end:]
        if not wanted.startswith(seen):
            return None
    return None


def _drop_prompt(text: str, prompt: str) -> str:
    if not prompt:
        return text
    stripped = text.strip(" :–-.()\n\t")
    if key(stripped) == key(prompt):
        return ""
    at = text.casefold().find(prompt.casefold())
    if at >= 0:
        return (text[:at] + text[at + len(prompt):]).strip()
    return text


def box_state(text: str, variant: str) -> bool | None:
    """Is this Ja (or Nei) cell ticked?  True, False (empty), or None (it says something else)."""
    word = text.strip()
    if word in EMPTY_BOX:
        return False
    if word in TICKS or word.replace(" ", "") in TICKS:
        return True
    if key(word) in (variant, key(variant)):
        return True  # "Ja" written out in the Ja column
    first = word[:1]
    if first in ("☒", "☑") and key(word[1:]) in ("", variant):
        return True
    if first == "☐" and not key(word[1:]):
        return False
    return None


def one_box_answer(text: str) -> str | None:
    """One Ja/Nei column ('☒ Ja ☐ Nei', 'Ja', 'x Nei', 'Ja/Nei'): "ja", "nei", "" (unanswered) or None (unreadable)."""
    flat = " ".join(text.split())
    ticked = re.findall(r"[☒☑✓✔xX]\s*(Ja|Nei)\b", flat, flags=re.I)
    if len(ticked) == 1:
        return ticked[0].lower()
    if len(ticked) > 1:
        return None
    words = key(flat)
    if words in ("", "janei", "☐ja☐nei"):
        return ""
    if words in ("ja", "j", "yes"):
        return "ja"
    if words in ("nei", "n", "no"):
        return "nei"
    if re.fullmatch(r"☐\s*Ja\s*☐\s*Nei", flat, flags=re.I):
        return ""
    return None
