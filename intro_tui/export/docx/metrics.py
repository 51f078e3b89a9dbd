"""How wide text is in Calibri, the documents' font, so columns and rows can be sized before layout.

Advance widths per 1,000 units of the em, read from Carlito (metric-compatible
with Calibri, what LibreOffice substitutes): printable ASCII, the letters
Norwegian needs, the dashes, quotes and bullets the templates use.  An
accented letter takes the width of its base letter (é as e, å as a); anything
else counts as a wide letter, so an estimate errs on the roomy side.  Kerning
is ignored (it only ever narrows a word).
"""

from __future__ import annotations

import unicodedata

_REGULAR = (
    226, 326, 401, 498, 507, 715, 682, 221, 303, 303, 498, 498, 250, 306, 252, 386, 507, 507, 507, 507, 507,
    507, 507, 507, 507, 507, 268, 268, 498, 498, 498, 463, 894, 579, 544, 533, 615, 488, 459, 631, 623, 252,
    319, 520, 420, 855, 646, 662, 517, 673, 543, 459, 487, 642, 567, 890, 519, 487, 468, 307, 386, 307, 498,
    498, 291, 479, 525, 423, 525, 498, 305, 471, 525, 229, 239, 455, 229, 799, 525, 527, 525, 525, 349, 391,
    335, 525, 452, 715, 433, 453, 395, 314, 460, 314, 498,
)
_BOLD = (
    226, 326, 438, 498, 507, 729, 705, 233, 312, 312, 498, 498, 258, 306, 267, 430, 507, 507, 507, 507, 507,
    507, 507, 507, 507, 507, 276, 276, 498, 498, 498, 463, 898, 606, 561, 529, 630, 488, 459, 637, 631, 267,
    331, 547, 423, 874, 659, 676, 532, 686, 563, 473, 495, 653, 591, 906, 551, 520, 478, 325, 430, 325, 498,
    498, 300, 494, 537, 418, 537, 503, 316, 474, 537, 246, 255, 480, 246, 813, 537, 538, 537, 537, 355, 399,
    347, 537, 473, 745, 459, 474, 397, 344, 475, 344, 498,
)
_OTHER = {  # (regular, bold)
    "æ": (773, 775), "ø": (529, 544), "Æ": (763, 775), "Ø": (664, 681), "–": (498, 498), "—": (905, 905),
    "‘": (250, 258), "’": (250, 258), "“": (418, 435), "”": (418, 435), "«": (512, 539), "»": (512, 539),
    "•": (498, 498), "▪": (354, 354), "…": (690, 711), "€": (507, 507), "−": (498, 498), "\u00a0": (226, 226),
    "☐": (800, 800), "☒": (800, 800),
}
_UNKNOWN = 600  # a wide letter: Arabic, Cyrillic and the like rarely run wider on average
_cache: dict[tuple[str, bool], int] = {}


def _char(char: str, bold: bool) -> int:
    key = (char, bold)
    if key not in _cache:
        code = ord(char)
        if 32 <= code < 127:
            width = (_BOLD if bold else _REGULAR)[code - 32]
        elif char in _OTHER:
            width = _OTHER[char][bold]
        else:
            base = unicodedata.normalize("NFD", char)[0]
            width = _char(base, bold) if base != char and 32 <= ord(base) < 127 else _UNKNOWN
        _cache[key] = width
    return _cache[key]


def text_width(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width of ``text`` on one line, in points."""
    return sum(_char(c, bold) for c in text) * size_pt / 1000


def longest_word(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width in points of the widest word (a line may break after a space or a slash)."""
    words = text.replace("/", "/ ").split()
    return max((text_width(word, size_pt, bold=bold) for word in words), default=0.0)


def line_count(text: str, width_pt: float, size_pt: float, *, bold: bool = False) -> int:
    """Lines ``text`` takes in a column ``width_pt`` wide: each hard line wrapped word by word."""
    space = _char(" ", bold) * size_pt / 1000
    total = 0
    for hard_line in text.split("\n") or [""]:
        lines, used = 1, 0.0
        for word in hard_line.split():
            width = text_width(word, size_pt, bold=bold)
            if used and used + space + width > width_pt:
                lines, used = lines + 1, 0.0
            while width > width_pt > 0:  # a word longer than the column breaks where it must
                lines, width = lines + 1, width - width_pt
            used = used + space + width if used else width
        total += lines
    return max(total, 1)
