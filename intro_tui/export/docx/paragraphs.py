"""Paragraph shapes used by several writers: body text, numbered and bulleted items, lines to write on.

Numbers and bullets are Word's own lists (``ooxml_numbering``), as in the
original, not typed characters: every instruction list in the seeds restarts at
its own number (6.2 goes 1, then 2, then 3-5 between tables), so each numbered
run gets a list of its own that starts at its first number.
"""

from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm

from . import ooxml_numbering
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


def item(ctx: Context, text: str, *, list_id: int | None = None, level: int = 0):
    """An item of a Word list, the text hanging at the indent of its level.

    ``list_id`` comes from :func:`numbered_list`; without it the item is a bullet
    ("•", "–" one level in).
    """
    paragraph = ctx.paragraph(ITEM_STYLES[min(level, len(ITEM_STYLES) - 1)])
    ooxml_numbering.set_list(paragraph, list_id if list_id is not None else bullets(ctx), min(level, 1))
    add_text(paragraph, text)
    ctx.wrote()
    return paragraph


def bullets(ctx: Context) -> int:
    """The document's one bullet list (bullets need no numbering of their own)."""
    if ctx.bullet_list is None:
        ctx.bullet_list = ooxml_numbering.list_id(ctx.document, "bullet")
    return ctx.bullet_list


def numbered_list(ctx: Context, start: int) -> int:
    """A numbered list of its own whose first item reads ``start.``."""
    return ooxml_numbering.list_id(ctx.document, "decimal", start)


def writing_line(paragraph, width) -> None:
    """A dotted line from here to ``width`` from the margin (the right margin: ``ctx.text_width``), to write on."""
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    add_text(paragraph, "\t")
