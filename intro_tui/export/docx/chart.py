"""The chart under each filled indicator table: one bar per indicator, result against goal and limit.

Drawn with Word's own means - a borderless table on a grid of 20 columns
(5 % each for a share) whose cells, joined into segments, are shaded as the
bar, the rest of the track a light grey - so it costs no plotting library
and opens anywhere.  It reads in black and white: a dark cell marks the goal, a
grey one the limit, a reached goal's bar is dark, a near one light and a missed
one pale and striped (``theme.STATUS_FILLS``, ``STATUS_PATTERNS``), and the last column says the numbers and the status in words
("71 % · mål 75 % · nedre grense 70 % · nær").  A workshop copied from
earlier years gets one bar per year, this year's last.
"""

from __future__ import annotations

from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from ...core.model import indicators as ind
from ...core.model.indicator_chart import CHART_MARK, TRACK_CELLS, Bar, block_bars
from ...core.model.presenter import Tone
from ...core.model.template import Block, Section
from . import ooxml, theme
from .context import Context
from .grid_table import new_table
from .text import add_text

CELLS = TRACK_CELLS
LABEL_SHARE, YEAR_WIDTH, WORDS_SHARE = 0.30, Cm(1.2), 0.30
GOAL_MARK, LIMIT_MARK = "mål", "grense"
#: The goal a dark cell on the bar, the limit a mid-grey one: told apart in black and white too.
MARK_FILLS = {GOAL_MARK: "262626", LIMIT_MARK: "8C8C8C"}
ROW_TWIPS = 284  # 0.5 cm


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
    add_text(title, "  (stolpen: resultat · mørk rute: mål · grå rute: grense)", size=theme.SMALL_SIZE,
             color=theme.MUTED)
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
        ooxml.set_table_caption(table, CHART_MARK, "Resultat mot mål for hver indikator, som stolper")
    ctx.document.add_paragraph().paragraph_format.space_after = Pt(4)


def _bar_row(table, bar: Bar, year: str | None, value, *, current: bool, first: bool) -> None:
    filled = 0 if value is None else max(0, min(CELLS, round(value / bar.scale * CELLS)))
    marks = {}
    if current:
        for number, mark in ((bar.limit, LIMIT_MARK), (bar.goal, GOAL_MARK)):
            if number is not None:
                marks[max(0, min(CELLS - 1, round(number / bar.scale * CELLS) - (1 if number > 0 else 0)))] = mark
    # The bar as segments: cut where the fill ends and where a mark sits, so each segment is one cell.
    cuts = sorted({0, filled, CELLS, *marks, *(m + 1 for m in marks)})
    segments = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    head = 2 if year is not None else 1
    cells = ooxml.add_spanned_row(table, [1] * head + [b - a for a, b in segments] + [1], height_twips=ROW_TWIPS)
    paragraphs = [Paragraph(p, None) for p, _ in cells]  # pyright: ignore[reportArgumentType]
    if first:
        add_text(paragraphs[0], bar.label, size=theme.SMALL_SIZE)
    if year is not None:
        add_text(paragraphs[1], year, size=theme.SMALL_SIZE, bold=current)
    fill = theme.STATUS_FILLS.get(bar.status or "", theme.BAR_FILL) if current else theme.EARLIER_FILL
    pattern = theme.STATUS_PATTERNS.get(bar.status or "") if current else None
    for (_, tc), (a, _) in zip(cells[head:-1], segments):
        mark = marks.get(a)
        if mark:
            ooxml.shade_tc(tc, MARK_FILLS[mark])
        elif a < filled:
            ooxml.shade_tc(tc, fill, pattern)
        else:
            ooxml.shade_tc(tc, theme.TRACK_FILL)
    words = paragraphs[-1]
    if current:
        add_text(words, bar.summary(status=False), size=theme.SMALL_SIZE)
        if bar.status:
            add_text(words, f" · {ind.STATUS_MARKS[bar.status]} {ind.STATUS_WORDS[bar.status]}", bold=True,
                     size=theme.SMALL_SIZE, color=theme.TONE_COLORS[_TONES[bar.status]])
    else:
        add_text(words, bar.unit(value) if value is not None else "–", size=theme.SMALL_SIZE, color=theme.MUTED)


_TONES = {ind.REACHED: Tone.GOOD, ind.NEAR: Tone.WARN, ind.MISSED: Tone.BAD}
