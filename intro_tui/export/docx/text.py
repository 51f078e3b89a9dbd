"""Text into runs: every string that reaches the document passes through here.

python-docx raises ``ValueError: All strings must be XML compatible`` on
control characters, so they are removed; tabs and line breaks are
kept - python-docx turns ``\\t`` into ``w:tab`` and ``\\n`` into ``w:br``, so a
multi-line cell stays one paragraph with line breaks.  Markup-looking text
(``[b]``, ``<b>``) and emoji are plain characters to Word and pass through.

Right-to-left script (Arabic, Hebrew, …) goes into runs marked right-to-left,
split from left-to-right text at the change of direction; a paragraph whose
first strong letter is right-to-left becomes a right-to-left paragraph.
Without the marks Word and LibreOffice put the full stop and numbers of an
Arabic sentence at the wrong end.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from . import ooxml

# XML 1.0 forbids these; lone surrogates cannot even be encoded as UTF-8.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# A quick test before the per-character work: Hebrew, Arabic, Syriac, Thaana, N'Ko, … and their forms.
_MAYBE_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
_RTL_CLASSES = ("R", "AL")


def clean(text: object) -> str:
    """A string Word can hold: control characters gone, ``\\r\\n``/``\\r`` as ``\\n``."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", value)


def add_text(paragraph, text: object, *, bold: bool = False, italic: bool = False, size=None,
             color=None) -> None:
    """Append ``text`` (cleaned) as runs by direction; ``size`` a python-docx length, ``color`` an RGBColor."""
    value = clean(text)
    style: dict[str, Any] = dict(bold=bold, italic=italic, size_pt=size.pt if size is not None else None,
                 color=str(color) if color is not None else None)
    if not _MAYBE_RTL.search(value):
        ooxml.append_run(paragraph, value, **style)
        return
    pieces = by_direction(value)
    if pieces[0][1] and not ooxml.has_runs(paragraph):
        ooxml.set_right_to_left(paragraph)
    for piece, rtl in pieces:
        ooxml.append_run(paragraph, piece, rtl=rtl, **style)


def by_direction(text: str) -> list[tuple[str, bool]]:
    """[(piece, right_to_left)]: a new piece at each strong letter of the other direction.

    Spaces, digits and punctuation stay with the piece they follow (or, at the
    start, with the first strong letter), as the Unicode bidi rules resolve them.
    """
    pieces: list[list] = []
    pending = ""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES or kind == "L":
            rtl = kind in _RTL_CLASSES
            if not pieces:
                pieces.append([pending + char, rtl])
            elif pieces[-1][1] == rtl:
                pieces[-1][0] += pending + char
            else:
                pieces[-1][0] += pending
                pieces.append([char, rtl])
            pending = ""
        else:
            pending += char
    if not pieces:
        return [(text, False)]
    pieces[-1][0] += pending
    return [(piece, rtl) for piece, rtl in pieces]
