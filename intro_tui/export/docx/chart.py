"""The chart under each filled indicator table: one bar per indicator, result against goal and limit.

Drawn with Word's own means - a borderless table whose cells are shaded as
the bar (20 cells, 5 % each for a share) - so it costs no plotting library
and opens anywhere.  It reads in black and white: ``|`` marks the goal, ``¦``
the limit, and the last column says the numbers and the status in words
("71 % · mål 75 % · nedre grense 70 % · nær").  A workshop copied from
earlier years gets one bar per year, this year's last.
"""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm, Pt

from ...core.model import indicators as ind
from ...core.model.indicator_chart import Bar, block_bars
from ...core.model.template import Block, Section
from . import ooxml, theme
from .context import Context
from .grid_table import new_table
from .text import add_text

CELLS = 20
LABEL_SHARE, YEAR_WIDTH, WORDS_SHARE = 0.30, Cm(1.2), 0.30
GOAL_MARK, LIMIT_MARK = "|", "¦"


def write_chart(ctx: Context, section: Section, block: Block) -> None:
    """The chart for one indicator table of a filled export (nothing in a handout or without numbers)."""
    if ctx.blank:
        return
    bars = block_bars(section, block, ctx.workshop)
    if not bars:
        return
    title = ctx.document.add_paragraph()
    title.paragraph_format.keep_with_next = True
    title.paragraph_format.space_before = Pt(6)
    add_text(title, "Resultat mot mål", bold=True)
    add_text(title, f"  (█ resultat   {GOAL_MARK} mål   {LIMIT_MARK} grense)", size=theme.SMALL_SIZE, color=theme.MUTED)
    years = any(bar.years for bar in bars)
    total = int(ctx.text_width)
    label, words = int(total * LABEL_SHARE), int(total * WORDS_SHARE)
    year = int(YEAR_WIDTH) if years else 0
    cell = (total - label - words - year) // CELLS
    widths = [label] + ([year] if years else []) + [cell] * CELLS + [words]
    with new_table(ctx, widths, style=None) as table:
        for bar in bars:
            lines = bar.years or (("", bar.result),)
            for i, (when, value) in enumerate(lines):
                last = i == len(lines) - 1
                _bar_row(table, bar, when if years else None, value, current=last, first=i == 0)
    ctx.document.add_paragraph().paragraph_format.space_after = Pt(4)


def _bar_row(table, bar: Bar, year: str | None, value, *, current: bool, first: bool) -> None:
    row = table.add_row()
    row.height = Cm(0.5)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    ooxml.keep_row_together(row)
    cells = row.cells
    if first:
        add_text(cells[0].paragraphs[0], bar.label, size=theme.SMALL_SIZE)
    at = 1
    if year is not None:
        add_text(cells[1].paragraphs[0], year, size=theme.SMALL_SIZE, bold=current)
        at = 2
    fill = theme.STATUS_FILLS.get(bar.status or "", theme.BAR_FILL) if current else theme.EARLIER_FILL
    filled = 0 if value is None else max(0, min(CELLS, round(value / bar.scale * CELLS)))
    marks = {}
    if current:
        for number, mark in ((bar.limit, LIMIT_MARK), (bar.goal, GOAL_MARK)):
            if number is not None:
                marks[max(0, min(CELLS - 1, round(number / bar.scale * CELLS) - (1 if number > 0 else 0)))] = mark
    for i in range(CELLS):
        target = cells[at + i]
        if i < filled:
            ooxml.shade_cell(target, fill)
        elif i % 2 == 0:
            ooxml.shade_cell(target, theme.TRACK_FILL)
        if i in marks:
            add_text(target.paragraphs[0], marks[i], bold=True, size=theme.SMALL_SIZE)
    words = cells[-1].paragraphs[0]
    if current:
        add_text(words, bar.summary(status=False), size=theme.SMALL_SIZE)
        if bar.status:
            add_text(words, f" · {ind.STATUS_MARKS[bar.status]} {ind.STATUS_WORDS[bar.status]}", bold=True,
                     size=theme.SMALL_SIZE, color=theme.TONE_COLORS[_TONES[bar.status]])
    else:
        add_text(words, bar.unit(value) if value is not None else "–", size=theme.SMALL_SIZE, color=theme.MUTED)


_TONES = {ind.REACHED: "good", ind.NEAR: "warn", ind.MISSED: "bad"}
