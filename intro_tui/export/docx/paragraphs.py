"""Paragraph shapes used by several writers: body text, numbered and bulleted items, lines to write on.

Numbers and bullets are written as text with a hanging indent rather than
Word list numbering: every instruction list in the seeds restarts at its own
number (6.2 goes 1, then 2, then 3-5 between tables), which Word numbering can
only do with a numbering definition per list.
"""

from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm

from .context import Context
from .text import add_text

INDENT = Cm(0.75)


BODY_STYLE = "Body Text"
ITEM_STYLES = ("Punkt 1", "Punkt 2")  # made in document._styles: hanging indent, tab stop


def body(ctx: Context, text: str, *, bold: bool = False, italic: bool = False):
    paragraph = ctx.paragraph(BODY_STYLE)
    add_text(paragraph, text, bold=bold, italic=italic)
    ctx.wrote()
    return paragraph


def item(ctx: Context, marker: str, text: str, *, level: int = 0):
    """'1.<tab>text' or '•<tab>text', the text hanging at the indent of its level."""
    paragraph = ctx.paragraph(ITEM_STYLES[min(level, len(ITEM_STYLES) - 1)])
    add_text(paragraph, f"{marker}\t{text}")
    ctx.wrote()
    return paragraph


def writing_line(paragraph, width) -> None:
    """A dotted line from here to ``width`` from the margin (the right margin: ``ctx.text_width``), to write on."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    add_text(paragraph, "\t")
