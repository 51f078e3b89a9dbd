"""A Word document as the reader needs it: paragraphs and tables in document order, as plain text.

python-docx opens the package; the body is then walked here directly, because
what people do in Word hides text from python-docx's ``paragraph.text`` and
``document.tables``: content controls (``w:sdt``, around a checkbox, a cell,
a row or a whole table), symbols inserted from Wingdings (``w:sym``) and
tables inside content controls.  A checkbox content control
(``w14:checkbox``) reads as ☒ or ☐ from its checked state, whatever glyph
it shows.  Deleted tracked changes are left out, insertions kept.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
CHECKED, UNCHECKED = "\u2612", "\u2610"

#: Wingdings code points people insert as boxes (Insert > Symbol): ☒ ☑ and the empty box.
_SYMBOLS = {"fd": CHECKED, "fe": CHECKED, "78": CHECKED, "a8": UNCHECKED, "6f": UNCHECKED, "71": UNCHECKED}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_P, _TBL, _TR, _TC, _SDT, _SDTCONTENT = _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("sdt"), _w("sdtContent")
_T, _TAB, _BR, _CR, _SYM, _NBH = _w("t"), _w("tab"), _w("br"), _w("cr"), _w("sym"), _w("noBreakHyphen")
_DEL, _INSTR = _w("del"), _w("instrText")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


@dataclass
class Paragraph:
    text: str
    #: The style's name, lowercased ("heading 2", "overskrift 2", "punkt 1"); "" for Normal.
    style: str = ""
    #: Word list numbering or bullets (``w:numPr``): the marker is not in the text.
    listed: bool = False
    #: Every run with text is bold.
    bold: bool = False
    #: Set by whatever reads this paragraph (a heading, a field, a list line, an answer, the cover):
    #: what is left unset at the end is listed as having no place (:mod:`.account`).
    used: bool = field(default=False, compare=False)


@dataclass
class Table:
    #: Rows of cell texts, one per grid column (a merged cell repeats its text).
    rows: list[list[str]]
    #: Paragraph texts just before the table (nearest last): where an area heading or a title is.
    before: list[str] = field(default_factory=list)
    #: The table's title and alternative text (``w:tblCaption``, ``w:tblDescription``), "" when none.
    caption: str = ""
    description: str = ""
    #: (row, column) of the cells something took (a header, a label, a value): the rest is listed (:mod:`.account`).
    used: set = field(default_factory=set, compare=False)
    #: (row, column) of cells that repeat a merged cell's text (across, or down from the row above).
    repeats: set = field(default_factory=set, compare=False)
    #: A part of another table (cut at a header row, or re-shaped): its (row, column) -> the parent's cells.
    origin: dict = field(default_factory=dict, compare=False, repr=False)
    parent: Table | None = field(default=None, compare=False, repr=False)

    def mark(self, row: int, column: int) -> None:
        """This cell was read (a header, a label, a value, or listed): the parent's cells too."""
        self.used.add((row, column))
        if self.parent is not None:
            for r, c in self.origin.get((row, column), ()):
                self.parent.mark(r, c)

    def mark_row(self, row: int) -> None:
        for column in range(len(self.rows[row])):
            self.mark(row, column)


def open_document(data: bytes):
    """python-docx's Document over bytes that :func:`container.check_docx` has passed."""
    import docx

    return docx.Document(io.BytesIO(data))


def body_items(document) -> list[Paragraph | Table]:
    """Paragraphs and tables of the body, in order (content controls opened, not skipped)."""
    styles = _style_names(document)
    items: list[Paragraph | Table] = []
    recent: list[str] = []
    for element in _blocks(document.element.body):
        if element.tag == _P:
            paragraph = _paragraph(element, styles)
            items.append(paragraph)
            if paragraph.text.strip():
                recent = (recent + [paragraph.text.strip()])[-3:]
        else:
            rows, repeats = _table_rows(element)
            items.append(Table(rows, before=recent, caption=_table_property(element, "tblCaption"),
                               description=_table_property(element, "tblDescription"), repeats=repeats))
            recent = []
    return items


def _style_names(document) -> dict[str, str]:
    names = {}
    for style in document.styles:
        try:
            names[style.style_id] = (style.name or "").lower()
        except (AttributeError, ValueError):
            continue
    return names


def _blocks(parent):
    """The w:p and w:tbl children of ``parent``, looking through block-level content controls."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                yield from _blocks(content)


def _paragraph(element, styles: dict[str, str]) -> Paragraph:
    ppr = element.find(_w("pPr"))
    style, listed = "", False
    if ppr is not None:
        pstyle = ppr.find(_w("pStyle"))
        if pstyle is not None:
            style = styles.get(pstyle.get(_w("val"), ""), (pstyle.get(_w("val")) or "").lower())
        listed = ppr.find(_w("numPr")) is not None
    bold = _all_bold(element)
    return Paragraph(element_text(element), style, listed, bold)


def _all_bold(element) -> bool:
    runs = [r for r in element.iter(_w("r")) if any(t.text for t in r.iter(_T))]
    if not runs:
        return False
    for run in runs:
        rpr = run.find(_w("rPr"))
        b = rpr.find(_w("b")) if rpr is not None else None
        if b is None or b.get(_w("val"), "true") in ("0", "false"):
            return False
    return True


def element_text(element) -> str:
    """The visible text under a paragraph or cell: paragraphs joined by newlines, tabs kept."""
    out: list[str] = []
    _collect(element, out)
    return "".join(out).strip("\n")


def _collect(element, out: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _TAB:
            out.append("\t")
        elif tag in (_BR, _CR):
            out.append("\n")
        elif tag == _NBH:
            out.append("-")
        elif tag == _SYM:
            out.append(_SYMBOLS.get((child.get(_w("char")) or "").lower()[-2:], ""))
        elif tag in (_DEL, _INSTR, _FALLBACK):  # a text box is written twice: once for Word, once as Fallback
            continue
        elif tag == _SDT:
            box = _checkbox_state(child)
            if box is not None:
                out.append(CHECKED if box else UNCHECKED)
                continue
            content = child.find(_SDTCONTENT)
            if content is not None:
                _collect(content, out)
        elif tag == _P:
            if out and not out[-1].endswith("\n"):
                out.append("\n")
            _collect(child, out)
            out.append("\n")
        elif isinstance(tag, str):  # runs, hyperlinks, smart tags, insertions, nested tables
            _collect(child, out)


def _checkbox_state(sdt) -> bool | None:
    """A checkbox content control's state (``w14:checkbox/w14:checked``), or None if it is no checkbox."""
    props = sdt.find(_w("sdtPr"))
    if props is None:
        return None
    box = props.find(f"{{{W14}}}checkbox")
    if box is None:
        return None
    checked = box.find(f"{{{W14}}}checked")
    value = checked.get(f"{{{W14}}}val", "0") if checked is not None else "0"
    return value in ("1", "true", "on")


def _table_rows(table) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """Rows of cell texts, one per grid column, and the cells that only repeat a merged cell.

    A cell merged over several rows (``w:vMerge``) gives its text to every row it
    spans: a "Når" written once for two tasks is each task's "Når".
    """
    rows: list[list[str]] = []
    repeats: set[tuple[int, int]] = set()
    for r, tr in enumerate(_children(table, _TR)):
        cells: list[str] = []
        for tc in _children(tr, _TC):
            span = _grid_span(tc)
            start = len(cells)
            if _continues_merge(tc):
                above = rows[-1] if rows else []
                text = above[start] if start < len(above) else ""
                repeats.update((r, c) for c in range(start, start + span))
            else:
                text = element_text(tc)
                repeats.update((r, c) for c in range(start + 1, start + span))
            cells.extend([text] * span)
        rows.append(cells)
    return rows, repeats


def _table_property(table, name: str) -> str:
    """A ``w:val`` of the table's properties (its caption, its description), bounded; "" when absent."""
    props = table.find(_w("tblPr"))
    element = props.find(_w(name)) if props is not None else None
    return (element.get(_w("val")) or "")[:500] if element is not None else ""


def _children(parent, tag: str):
    """Direct children with ``tag``, also inside row- and cell-level content controls."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                yield from _children(content, tag)


def _grid_span(tc) -> int:
    props = tc.find(_w("tcPr"))
    span = props.find(_w("gridSpan")) if props is not None else None
    try:
        return max(1, min(int(span.get(_w("val"), "1")), 64)) if span is not None else 1
    except ValueError:
        return 1


def _continues_merge(tc) -> bool:
    props = tc.find(_w("tcPr"))
    merge = props.find(_w("vMerge")) if props is not None else None
    return merge is not None and merge.get(_w("val"), "continue") == "continue"
