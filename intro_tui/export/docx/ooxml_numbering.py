"""Word's own list numbering (``numbering.xml``): bullets, numbered instructions, numbered step headings.

python-docx has no API for it.  Three list definitions (``w:abstractNum``)
are added once per document - bullets ("•", then "–" one level in), numbers
("1.", then "–" for the sub-items) and step headings ("1. STEG 1", as the
original's contents read) - and each list that must start at its own number
gets a ``w:num`` of its own with a ``w:startOverride``: 6.2's instructions go
1, then 2, then 3-5 between tables, each run restarting where the original does.

Like ``ooxml.py`` this is one of the few modules below python-docx's API.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

#: Ids of our definitions; python-docx's default numbering.xml uses 0-9.
_ABSTRACT = {"bullet": 90, "decimal": 91, "heading": 92}
_INDENT_TWIPS = 425  # 0.75 cm: the hanging indent of the "Punkt" styles (paragraphs.INDENT)


def list_id(document, kind: str, start: int = 1) -> int:
    """A ``numId`` for a new list of ``kind`` ("bullet", "decimal", "heading") whose first number is ``start``."""
    numbering = document.part.numbering_part.element
    _ensure_abstract(numbering, kind)
    used = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    num_id = max(used + [100]) + 1
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), str(num_id))
    abstract = OxmlElement("w:abstractNumId")
    abstract.set(qn("w:val"), str(_ABSTRACT[kind]))
    num.append(abstract)
    if kind != "bullet":  # always: lists sharing a definition would otherwise go on counting (1.2 would start at 3)
        override = OxmlElement("w:lvlOverride")
        override.set(qn("w:ilvl"), "0")
        value = OxmlElement("w:startOverride")
        value.set(qn("w:val"), str(start))
        override.append(value)
        num.append(override)
    numbering.append(num)  # every w:num after every w:abstractNum, as the schema orders them
    return num_id


def set_list(paragraph, num_id: int, level: int = 0) -> None:
    """Put the paragraph in list ``num_id`` at ``level`` (0 or 1)."""
    props = paragraph._p.get_or_add_pPr()
    existing = props.find(qn("w:numPr"))
    if existing is not None:
        props.remove(existing)
    numbering = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", level), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(value))
        numbering.append(element)
    style = props.find(qn("w:pStyle"))
    if style is not None:
        style.addnext(numbering)  # CT_PPr order: pStyle, keepNext, …, numPr, …
    else:
        props.insert(0, numbering)


def _ensure_abstract(numbering, kind: str) -> None:
    wanted = str(_ABSTRACT[kind])
    if any(a.get(qn("w:abstractNumId")) == wanted for a in numbering.findall(qn("w:abstractNum"))):
        return
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), wanted)
    kind_element = OxmlElement("w:multiLevelType")
    kind_element.set(qn("w:val"), "hybridMultilevel" if kind != "heading" else "singleLevel")
    abstract.append(kind_element)
    if kind == "heading":
        abstract.append(_level(0, "decimal", "%1.", indent=0, suffix="space"))
    else:
        first = ("bullet", "\u2022") if kind == "bullet" else ("decimal", "%1.")
        abstract.append(_level(0, *first, indent=_INDENT_TWIPS))
        abstract.append(_level(1, "bullet", "\u2013", indent=2 * _INDENT_TWIPS))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)


def _level(ilvl: int, fmt: str, text: str, *, indent: int, suffix: str = "tab"):
    level = OxmlElement("w:lvl")
    level.set(qn("w:ilvl"), str(ilvl))
    for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:suff", suffix), ("w:lvlText", text),
                       ("w:lvlJc", "left")):
        if tag == "w:suff" and value == "tab":
            continue  # a tab is Word's default
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        level.append(element)
    if indent:
        props = OxmlElement("w:pPr")
        tabs = OxmlElement("w:tabs")
        tab = OxmlElement("w:tab")
        tab.set(qn("w:val"), "num")
        tab.set(qn("w:pos"), str(indent))
        tabs.append(tab)
        props.append(tabs)
        ind = OxmlElement("w:ind")
        ind.set(qn("w:left"), str(indent))
        ind.set(qn("w:hanging"), str(_INDENT_TWIPS))
        props.append(ind)
        level.append(props)
    return level
