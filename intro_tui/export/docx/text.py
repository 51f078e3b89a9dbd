"""Text into runs: every string that reaches the document passes through here.

python-docx raises ``ValueError: All strings must be XML compatible`` on
control characters, so they are removed (DESIGN.md); tabs and line breaks are
kept - python-docx turns ``\\t`` into ``w:tab`` and ``\\n`` into ``w:br``, so a
multi-line cell stays one paragraph with line breaks.  Markup-looking text
(``[b]``, ``<b>``) and emoji are plain characters to Word and pass through.
"""

from __future__ import annotations

import re

from . import ooxml

# XML 1.0 forbids these; lone surrogates cannot even be encoded as UTF-8.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: object) -> str:
    """A string Word can hold: control characters gone, ``\\r\\n``/``\\r`` as ``\\n``."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub("", value)


def add_text(paragraph, text: object, *, bold: bool = False, italic: bool = False, size=None,
             color=None) -> None:
    """Append a run with ``text`` (cleaned); ``size`` a python-docx length, ``color`` an RGBColor."""
    ooxml.append_run(paragraph, clean(text), bold=bold, italic=italic, size_pt=size.pt if size is not None else None,
                     color=str(color) if color is not None else None)
