"""``per_choice`` in a template file, checked: which field names a section's copies, and what they are planned within.

Apart from :mod:`.template_loader` (which reads everything else) so that module stays
one job; the reader object is the loader's, passed in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .template import Block, Content, Part, PerChoice, Within

if TYPE_CHECKING:
    from .template_loader import _Reader


def read_per_choice(r: _Reader, data: Any, content: tuple[Content, ...], where: str) -> PerChoice:
    """``"per_choice": {"block": "tiltak", "row": "navn", "within": {"section": "2.2", "row": "yrke",
    "proposed": {"block": "vurdering", "row": "r6"}}}``: the field whose value names each copy (and the link)."""
    d = r.obj(data, where, {"block", "row", "column", "within"}, {"block", "row"})
    block = next((c for c in content if isinstance(c, Block) and c.id == d["block"]), None)
    if block is None:
        raise r.fail(where, f"ukjent blokk {d['block']!r}")
    if block.row(d["row"]) is None:
        raise r.fail(where, f"blokken {block.id!r} har ingen rad {d['row']!r}")
    column = d.get("column") or next((c.id for c in block.columns if c.type == "text"), "")
    if not any(c.id == column and c.type == "text" for c in block.columns):
        raise r.fail(where, f"blokken {block.id!r} har ingen tekstkolonne {column!r}")
    within = None
    if "within" in d:
        w = r.obj(d["within"], f"{where} > within", {"section", "row", "proposed"}, {"section", "row"})
        if block.row(w["row"]) is None or w["row"] == d["row"]:
            raise r.fail(f"{where} > within", f"blokken {block.id!r} har ingen annen rad {w['row']!r}")
        proposed = None
        if "proposed" in w:
            p = r.obj(w["proposed"], f"{where} > within > proposed", {"block", "row"}, {"block", "row"})
            proposed = (r.ident(p["block"], f"{where} > within > proposed"), r.ident(p["row"], f"{where} > within"))
        within = Within(r.ident(w["section"], f"{where} > within > section"), w["row"], proposed)
    return PerChoice(block.id, d["row"], column, within)


def check_within(r: _Reader, parts: tuple[Part, ...]) -> None:
    """Every ``within`` names an earlier per-choice section, and its ``proposed`` a row of that section."""
    earlier: dict[str, Any] = {}
    for part in parts:
        for section in part.sections:
            within = section.per_choice.within if section.per_choice else None
            if within is not None:
                other = earlier.get(within.section)
                where = f"seksjon {section.id} > per_choice > within"
                if other is None or other.per_choice is None:
                    raise r.fail(where, f"{within.section!r} er ingen tidligere seksjon som fylles per valg")
                if within.proposed is not None:
                    block = next((b for b in other.blocks if b.id == within.proposed[0]), None)
                    if block is None or block.row(within.proposed[1]) is None:
                        raise r.fail(where, f"seksjon {other.id} har ingen rad {within.proposed}")
            earlier[section.id] = section
