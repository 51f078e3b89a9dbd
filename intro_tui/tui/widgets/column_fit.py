"""Column widths from content and the width available, and the header-group line above a grid.

A column is never narrower than its longest word (header or cell) while the
room allows it, so "Flyktningtjenesten" or "Hovedansvarlig" is broken only
when it is longer than the whole column could be; what is left is shared by
how much more each column would use, then by weight.  The header is as many
lines as its words need.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.text import Text

from ...core.text_fit import hyphenate, longest_word, wrap_spans

#: Padding DataTable puts on each side of a cell.
PAD = 1
#: A word longer than this does not widen its column further (it is broken).
LONGEST_WORD = 24
#: A cell's text is wanted on one line up to this many characters.
NATURAL = 60
MIN_WIDTH = 3


def _words(text: str) -> list[str]:
    return text.split()


def _header_pieces(title: str) -> list[str]:
    """A header's words, split after "/" and "-" too ("Involveres/" "informeres", "Hoved-" "ansvarlig")."""
    return [piece for word in title.split() for piece in re.findall(r"[^/\-]+[/\-]?|[/\-]", word)]


def wrap_header(title: str, width: int) -> str:
    """The header on as many lines as it needs; a piece longer than the column is hyphenated."""
    width = max(width, 1)
    lines: list[str] = []
    line = ""
    for word in title.split():
        pieces = re.findall(r"[^/\-]+[/\-]?|[/\-]", word)
        for k, piece in enumerate(pieces):
            glue = " " if line and k == 0 else ""
            if len(line) + len(glue) + len(piece) <= width:
                line += glue + piece
                continue
            if line:
                lines.append(line)
            *whole, piece = hyphenate(piece, width)
            lines.extend(whole)
            line = piece
    if line:
        lines.append(line)
    return "\n".join(lines)


def word_floor(title: str, cells: Sequence[str]) -> int:
    """The narrowest a column can be without breaking a word (header pieces included), capped."""
    longest = max([len(w) for t in cells for w in _words(t)] + [len(p) for p in _header_pieces(title)],
                  default=MIN_WIDTH)
    return max(MIN_WIDTH, min(longest, LONGEST_WORD))


def fit_text(text: Text, width: int) -> Text:
    """A cell's text with every word kept whole where it fits and longer words hyphenated at a syllable."""
    plain = text.plain
    if width <= 0 or longest_word(plain) <= width or not any(
            len(w) > width and w.strip(".,;:!?()«»\"'").isalpha() for w in plain.split()):
        return text  # only words are hyphenated; other long tokens (addresses, codes) wrap as they are
    out = Text(end="", style=text.style)
    for n, (start, end, hyphen) in enumerate(wrap_spans(plain, width)):
        if n:
            out.append("\n")
        out.append_text(text[start:end])
        if hyphen:
            out.append("-")
    return out


def too_narrow(titles: Sequence[str], cells: Sequence[Sequence[str]], fixed: dict[int, int], available: int) -> bool:
    """Whether some word must be broken: the columns' word floors and padding exceed ``available``."""
    need = sum(fixed[i] if i in fixed else word_floor(titles[i], cells[i]) for i in range(len(titles)))
    return need + 2 * PAD * len(titles) > available


def fit_widths(titles: Sequence[str], cells: Sequence[Sequence[str]], fixed: dict[int, int], available: int,
               weights: Sequence[float]) -> list[int]:
    """Content widths (without padding) for columns sharing ``available`` screen columns."""
    count = len(titles)
    room = max(available - 2 * PAD * count, MIN_WIDTH * count)
    floor: list[int] = []
    want: list[int] = []
    for i in range(count):
        if i in fixed:
            floor.append(fixed[i])
            want.append(fixed[i])
            continue
        floor.append(word_floor(titles[i], cells[i]))
        longest_line = max((len(line) for t in cells[i] for line in t.splitlines()), default=0)
        want.append(max(floor[-1], min(max(longest_line, min(len(titles[i]), 30)), NATURAL)))
    if sum(floor) >= room:  # too narrow for every word: only the longest words are broken
        widths = list(floor)
        free = [i for i in range(count) if i not in fixed]
        while sum(widths) > room and free:
            widest = max(free, key=lambda i: widths[i])
            if widths[widest] <= MIN_WIDTH:
                break
            widths[widest] -= 1
        return widths
    widths = list(floor)
    extra = room - sum(widths)
    hungry = {i: want[i] - widths[i] for i in range(count) if want[i] > widths[i]}
    total_hunger = sum(hungry.values())
    if total_hunger:
        share = min(extra, total_hunger)
        for i, hunger in hungry.items():
            widths[i] += hunger * share // total_hunger
        extra = room - sum(widths)
    free = [i for i in range(count) if i not in fixed]
    weight_sum = sum(weights[i] for i in free) or 1
    if extra > 0 and free:
        for i in free:
            widths[i] += int(extra * weights[i] / weight_sum)
        widths[free[0]] += room - sum(widths)  # rounding goes to the first free column
    return widths


def header_lines(titles: Sequence[str], widths: Sequence[int]) -> int:
    """How many lines the header needs so no header word is lost."""
    return max((wrap_header(t, w).count("\n") + 1 for t, w in zip(titles, widths)), default=1)


def group_line(groups: Sequence[str], widths: Sequence[int]) -> Text | None:
    """"╶── Opplæring ──╴" over the columns a group spans (6.2's plan), aligned with the grid."""
    if not any(groups):
        return None
    line = Text(end="", no_wrap=True)
    x = 0
    i = 0
    while i < len(groups):
        j = i
        while j + 1 < len(groups) and groups[j + 1] == groups[i]:
            j += 1
        span = sum(widths[k] + 2 * PAD for k in range(i, j + 1))
        if groups[i]:
            inner = span - 2 * PAD
            title = f" {groups[i]} "
            if len(title) > inner:
                title = title[: max(inner, 0)]
            left = (inner - len(title)) // 2
            right = inner - len(title) - left
            line.append(" " * PAD)
            line.append("╶" + "─" * max(left - 1, 0) if left > 0 else "", "dim")
            line.append(title, "bold")
            line.append("─" * max(right - 1, 0) + "╴" if right > 0 else "", "dim")
            line.append(" " * PAD)
        else:
            line.append(" " * span)
        x += span
        i = j + 1
    return line
