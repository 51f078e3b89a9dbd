"""Text that is safe to show: no terminal escapes, no hidden bidi tricks, one line where needed.

The one cleaning function of intro-tui: what users type is cleaned with it
(:func:`intro_tui.core.model.values.clean_text`), and so is everything read
back from files a group member may have written by hand (workshop files, the
list index, templates, the change log, presence files) and every message the
CLI prints.  Rich and Textual strip only a few controls: ESC, C1 controls and
OSC sequences (window title ``ESC]2;``, clipboard ``ESC]52;``) would reach the
terminal of every participant.

A module of its own, importing only ``re``, because ``intro-tui list`` uses
it and must not pay for loading the template model.
"""

import re

#: C0 controls except tab and newline, DEL, C1 controls, lone surrogates and the
#: two XML non-characters: they break terminals, CSV readers or Word.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: Every C0 and C1 control, tab and newline too: for text squeezed into one line of a message
#: (the NIR list's cells, a Word document's text).
ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
#: Bidi embeddings, overrides and isolates ("Trojan Source"): shown, never obeyed.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _mark(match: re.Match) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


#: Combining marks one character may carry.  Real text needs two or three (Vietnamese, IPA);
#: 50,000 U+0301 on one letter made every cursor move send 220 KB to every terminal.
MAX_COMBINING = 4
COMBINING_FLOOD = re.compile(
    f"[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u1ab0-\u1aff\u1dc0-\u1dff"
    f"\u20d0-\u20ff\ufe20-\ufe2f]{{{MAX_COMBINING + 1},}}")


def _fewer_marks(match: re.Match) -> str:
    return match.group()[:MAX_COMBINING]


def visible(text: str) -> str:
    """``text`` with control characters removed (``\\n`` and ``\\t`` kept), bidi overrides as marks,
    and at most :data:`MAX_COMBINING` combining marks in a row."""
    return COMBINING_FLOOD.sub(_fewer_marks, BIDI.sub(_mark, CONTROL.sub("", text)))


def cut(text: str, limit: int) -> str:
    """``text`` if it has at most ``limit`` characters, else its first ``limit - 1`` and "…".

    The one shortening rule: messages, the grid's preview, Word's properties.
    """
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def one_line(text: str, limit: int | None = 40) -> str:
    """Cleaned (:func:`visible`), whitespace folded, cut with "…" at ``limit`` characters (None: no cut)."""
    text = " ".join(visible(text).split())
    return text if limit is None else cut(text, limit)


def value_line(value: object, limit: int = 40) -> str:
    """A value read from a file, for a message: a string as :func:`one_line`, anything else as its ``repr``."""
    return one_line(value if isinstance(value, str) else repr(value), limit)


def visible_data(value):
    """:func:`visible` applied to every string inside a JSON-like value (dict keys too)."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {visible_data(k): visible_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [visible_data(v) for v in value]
    return value
