"""Fitting words into narrow columns, the same on screen and on paper.

Two jobs, both free of Textual and python-docx so the grid on screen and the
Word table make the same choices:

- **short names of units** (``Flyktningtjenesten`` -> ``FT``, ``NAV`` stays
  ``NAV``, ``Voksenopplæringen`` -> ``VO``) that role cells show when the full
  names do not fit, with a legend line ("FT = Flyktningtjenesten");
- **wrapping with Norwegian hyphenation**: words are kept whole wherever they
  fit; a word longer than its column is broken at a syllable boundary with a
  hyphen (``Flyktning-`` / ``tjenesten``), never after one letter.

The syllable rule is the usual one for bokmål without a dictionary: between
two vowels, the next syllable takes the longest tail of the consonant cluster
that can begin a word (``tj``, ``str``, ``pl``), a double consonant stays with
the syllable before it (``opp-læring``), and a linking ``s`` inside a longer
cluster stays before the break (``arbeids-kraft``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

VOWELS = frozenset("aeiouyæøåAEIOUYÆØÅéèêóòôàáü")
#: Consonant groups a Norwegian word (so a syllable) can begin with.
ONSETS = frozenset({
    "bl", "br", "dr", "fj", "fl", "fr", "gj", "gl", "gn", "gr", "hj", "hv", "kj", "kl", "kn", "kr", "kv",
    "pl", "pr", "sj", "sk", "sl", "sm", "sn", "sp", "st", "sv", "tj", "tr",
    "skj", "skr", "spr", "str", "spl", "skl",
})
#: The shortest piece on either side of a break ("never after one letter").
MIN_PIECE = 2

# -- short names ------------------------------------------------------------------------------

#: Parts a unit's name is often compounded of: the short name takes their first letters.
_STEMS = ("tjeneste", "opplæring", "bedrift", "kontor", "senter", "skole", "avdeling", "marked", "tjenesten",
          "etaten", "etat", "enhet", "helse", "barnevern", "kommune", "service", "forvaltning", "arbeid",
          "språk", "sosial", "voksen", "flyktning", "bolig", "senteret", "skolen", "kontoret", "program")


def _word_initials(word: str) -> str:
    """Initials of one word's compound parts: "Flyktningtjenesten" -> "FT", "Voksenopplæringen" -> "VO"."""
    lower = word.casefold()
    marks = {0}
    for stem in _STEMS:
        at = lower.find(stem, 1)
        while at > 0:
            if at >= 3:
                marks.add(at)
            at = lower.find(stem, at + 1)
    starts = sorted(marks)
    # A mark inside a longer stem found earlier ("tjeneste" in "tjenesten") is the same part.
    kept = [s for i, s in enumerate(starts) if i == 0 or s - starts[i - 1] >= 3]
    return "".join(word[s] for s in kept).upper()


def derive_short_name(unit: str) -> str:
    """A short name for a unit: kept if already short (NAV), else the initials of its words or parts."""
    name = unit.strip()
    if len(name) <= 4:
        return name
    words = [w for w in re.split(r"[\s\-/]+", name) if w]
    if len(words) > 1:
        letters = "".join(w[0].upper() for w in words if w[0].isalnum())
        if len(letters) >= 2:
            return letters
    initials = _word_initials(words[0] if words else name)
    return initials if len(initials) >= 2 else name[:3].upper()


def short_names(units: Sequence[str], stored: Mapping[str, str] | None = None) -> dict[str, str]:
    """unit -> its short name, stored ones first, derived ones made unique ("FT", "FT2")."""
    stored = stored or {}
    names: dict[str, str] = {}
    taken: set[str] = set()
    for unit in units:
        wanted = (stored.get(unit) or "").strip() or derive_short_name(unit)
        name, n = wanted, 2
        while name.casefold() in taken:
            name = f"{wanted}{n}"
            n += 1
        names[unit] = name
        taken.add(name.casefold())
    return names


def shorten_units(text: str, names: Mapping[str, str]) -> str:
    """A role cell with each comma-separated part that is a unit replaced by its short name."""
    return _swap_parts(text, {unit.casefold(): short for unit, short in names.items()})


def expand_units(text: str, names: Mapping[str, str]) -> str:
    """The inverse of :func:`shorten_units`: a part that is a short name becomes its unit (reading Word back)."""
    return _swap_parts(text, {short.casefold(): unit for unit, short in names.items()})


def _swap_parts(text: str, by_folded: Mapping[str, str]) -> str:
    """Each comma-separated part found in ``by_folded`` (case ignored) replaced, the list rejoined
    with ", "; the text as it was when no part is found."""
    if not by_folded or not text:
        return text
    parts = text.split(",")
    if not any(p.strip().casefold() in by_folded for p in parts):
        return text
    return ", ".join(by_folded.get(p.strip().casefold(), p.strip()) for p in parts)


def legend(names: Mapping[str, str], used_in: Iterable[str] = ()) -> str:
    """"FT = Flyktningtjenesten · VO = Voksenopplæringen" for the units shortened (all if ``used_in`` is empty)."""
    texts = list(used_in)
    folded = [t.casefold() for t in texts]
    pairs = []
    for unit, short in names.items():
        if short == unit:
            continue
        if texts and not any(unit.casefold() in t for t in folded):
            continue
        pairs.append(f"{short} = {unit}")
    return " · ".join(pairs)


# -- hyphenation and wrapping -------------------------------------------------------------------

def _is_vowel(char: str) -> bool:
    return char in VOWELS


def break_points(word: str) -> list[int]:
    """Indices where ``word`` may be broken with a hyphen (between word[i-1] and word[i])."""
    points: set[int] = set()
    n = len(word)
    for i, char in enumerate(word):  # an existing hyphen or slash: break after it (no hyphen added)
        if char in "-/" and MIN_PIECE <= i + 1 <= n - MIN_PIECE:
            points.add(i + 1)
    i = 0
    while i < n:
        if not _is_vowel(word[i]):
            i += 1
            continue
        j = i + 1
        while j < n and _is_vowel(word[j]):
            j += 1
        k = j
        while k < n and word[k].isalpha() and not _is_vowel(word[k]):
            k += 1
        if k < n and k > j and _is_vowel(word[k]):  # vowel, consonants word[j:k], vowel
            point = _cluster_break(word[j:k].casefold())
            if point is not None:
                at = j + point
                if at >= MIN_PIECE and n - at >= MIN_PIECE and word[:at].isalpha() is not False:
                    points.add(at)
        i = j if j > i else i + 1
    return sorted(p for p in points if MIN_PIECE <= p <= n - MIN_PIECE)


def _cluster_break(cluster: str) -> int | None:
    """Where in the consonant ``cluster`` between two vowels the syllable breaks (chars before the break)."""
    size = len(cluster)
    if size == 1:
        return 0
    s_at = cluster.find("s", 1)
    if s_at > 0 and _links(cluster[:s_at]) and not cluster[s_at + 1:].startswith("j") and (
            cluster[s_at + 1:] in ONSETS or len(cluster[s_at + 1:]) <= 1):
        return s_at + 1  # a linking s: arbeids|kraft, markeds|bedrift, tilskudds|ordning
    if cluster[0] == cluster[1]:  # a double consonant stays before the break: opp|læring, Lønn|stil
        return 2 if size > 2 else 1
    for tail in range(min(3, size), 1, -1):
        if cluster[size - tail:] in ONSETS:
            return size - tail
    return size - 1


def _links(before: str) -> bool:
    """Whether consonants before an s end a compound's first part that takes a linking s (arbeid-s)."""
    return before[-1] in "dgt" or before[-2:] in ("nn", "ng", "ll", "mm", "rr", "kk", "pp", "ff")


def hyphenate(word: str, width: int) -> list[str]:
    """``word`` in pieces of at most ``width`` characters, broken at syllables with "-" where it can be."""
    pieces: list[str] = []
    rest = word
    width = max(width, 1)
    while len(rest) > width:
        points = [p for p in break_points(rest) if p + (0 if rest[p - 1] in "-/" else 1) <= width]
        if points:
            at = points[-1]
            pieces.append(rest[:at] + ("" if rest[at - 1] in "-/" else "-"))
        else:  # no syllable fits: cut where it must, still not after one letter when avoidable
            at = max(width - 1, 1) if width > 2 else width
            pieces.append(rest[:at] + ("-" if width > 2 else ""))
        rest = rest[at:]
    pieces.append(rest)
    return pieces


def longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def wrap_spans(text: str, width: int) -> list[tuple[int, int, bool]]:
    """Lines of ``text`` at ``width`` as (start, end, hyphen) slices of ``text``: words whole where they fit.

    Existing line breaks are kept; a word longer than ``width`` is broken by :func:`hyphenate`
    (``hyphen`` True when the line must show a "-" after the slice).
    """
    width = max(width, 1)
    lines: list[tuple[int, int, bool]] = []
    offset = 0
    for raw in text.split("\n"):
        start = None  # where the line being filled starts
        end = 0
        for match in re.finditer(r"\S+", raw):
            w_start, w_end = offset + match.start(), offset + match.end()
            if start is not None and w_end - start <= width:
                end = w_end
                continue
            if start is not None:
                lines.append((start, end, False))
            if w_end - w_start <= width:
                start, end = w_start, w_end
                continue
            at = w_start
            for piece in hyphenate(match.group(), width)[:-1]:
                cut = len(piece) - (1 if piece.endswith("-") and text[at + len(piece) - 1] != "-" else 0)
                lines.append((at, at + cut, cut != len(piece)))
                at += cut
            start, end = at, w_end
        lines.append((start, end, False) if start is not None else (offset, offset, False))
        offset += len(raw) + 1
    return lines


def wrap(text: str, width: int) -> list[str]:
    """The lines of :func:`wrap_spans` as strings."""
    return [text[a:b] + ("-" if hyphen else "") for a, b, hyphen in wrap_spans(text, width)]


def broken_words(text: str, width: int) -> int:
    """How many words of ``text`` that fit ``width`` a plain wrap would still break (0 for :func:`wrap`)."""
    return sum(1 for w in text.split() if len(w) <= width) - sum(
        1 for line in wrap(text, width) for w in line.split() if len(w) <= width and w in text.split())
