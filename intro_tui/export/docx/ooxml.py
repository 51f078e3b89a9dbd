"""WordprocessingML below python-docx's API: runs, cells, tables (the rest: :mod:`.ooxml_document`).

python-docx has no API for cell shading, repeated header rows, fields (page
numbers and page references), hyperlinks, bookmarks, right-to-left text, the
document language or the package's own description of itself.  Each helper
here adds exactly the element Word writes itself, in the position the schema
wants it, so Word and LibreOffice both open the file without a repair prompt.
Nothing but these two modules imports ``docx.oxml``.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# Children of w:tcPr that must come after w:shd (ECMA-376 §17.4.70, CT_TcPr order).
_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
                   "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
# Children of w:pPr that must come after w:bidi.
_PPR_AFTER_BIDI = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                   "w:pPrChange")
# Children of w:trPr that must come after w:tblHeader.
_TRPR_AFTER_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
# Children of w:tblPr that must come after w:tblBorders.
_TBLPR_AFTER_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
                        "w:tblDescription", "w:tblPrChange")


def _insert_before(parent, child, successors: tuple[str, ...]) -> None:
    """Insert ``child`` before the first existing successor, else append it."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return
    parent.append(child)


# -- styles by id ---------------------------------------------------------------------
# python-docx resolves a style *name* on every assignment by scanning all styles (and
# again to see whether it is the default): a third of the export's time.  The writers
# look each id up once (Context.style_id) and set it here.


def set_paragraph_style(paragraph, style_id: str) -> None:
    paragraph._p.style = style_id


def style_id_of(paragraph) -> str | None:
    p_pr = paragraph._p.pPr
    return p_pr.style if p_pr is not None else None


def set_table_style(table, style_id: str) -> None:
    table._tbl.tblPr.style = style_id


def _text(text: str):
    element = OxmlElement("w:t")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    return element


# -- runs ----------------------------------------------------------------------------


def append_run(paragraph, text: str, *, bold: bool = False, italic: bool = False, size_pt: float | None = None,
               color: str | None = None, rtl: bool = False) -> None:
    """A run with ``text`` at the end of ``paragraph``: ``\n`` becomes ``w:br``, ``\t`` ``w:tab``.

    Built directly rather than through ``Run.text``, which appends the text one
    character at a time (the single largest cost of a long export).  ``rtl``
    marks right-to-left text (``w:rtl``), so its numbers and punctuation are
    ordered as an Arabic or Hebrew reader expects.
    """
    run = OxmlElement("w:r")
    if bold or italic or size_pt or color or rtl:
        r_pr = OxmlElement("w:rPr")
        for flag, tag in ((bold, "w:b"), (italic, "w:i")):
            if flag:
                r_pr.append(OxmlElement(tag))
        if color:
            element = OxmlElement("w:color")
            element.set(qn("w:val"), color)
            r_pr.append(element)
        if size_pt:
            for tag in ("w:sz", "w:szCs"):
                element = OxmlElement(tag)
                element.set(qn("w:val"), str(round(size_pt * 2)))
                r_pr.append(element)
        if rtl:
            r_pr.append(OxmlElement("w:rtl"))  # after w:szCs in CT_RPr order
        run.append(r_pr)
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(OxmlElement("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                run.append(OxmlElement("w:tab"))
            if piece:
                run.append(_text(piece))
    paragraph._p.append(run)


def has_runs(paragraph) -> bool:
    return paragraph._p.find(qn("w:r")) is not None


def set_right_to_left(paragraph) -> None:
    """A right-to-left paragraph (``w:bidi``): it starts at the right edge and ends at the left."""
    p_pr = paragraph._p.get_or_add_pPr()
    if p_pr.find(qn("w:bidi")) is None:
        _insert_before(p_pr, OxmlElement("w:bidi"), _PPR_AFTER_BIDI)


# -- tables -----------------------------------------------------------------------


def set_table_width(table, width) -> None:
    """The table's preferred width (``w:tblW``, in twips) - with a fixed layout, the sum of its columns."""
    tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
    if tbl_w is None:
        return
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(width) * 1440 // 914400))


def shade_cell(cell, fill: str) -> None:
    """Background colour of one cell: a new ``w:shd`` per cell (elements cannot be shared)."""
    _shade_tc(cell._tc, fill)


def shade_row(row, fill: str) -> None:
    """Shade every cell of a row, merged ones included (each ``w:tc`` once)."""
    for tc in row._tr.tc_lst:
        _shade_tc(tc, fill)


def _shade_tc(tc, fill: str, pattern: tuple[str, str] | None = None) -> None:
    tc_pr = tc.get_or_add_tcPr()
    old = tc_pr.find(qn("w:shd"))
    if old is not None:
        tc_pr.remove(old)
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), pattern[0] if pattern else "clear")
    shd.set(qn("w:color"), pattern[1] if pattern else "auto")
    shd.set(qn("w:fill"), fill)
    _insert_before(tc_pr, shd, _TCPR_AFTER_SHD)


def add_spanned_row(table, spans: list[int], *, height_twips: int) -> list:
    """A new last row of cells spanning ``spans`` grid columns each (``w:gridSpan``), kept on one page.

    Built as bare elements: the chart draws a bar as a few joined cells, and
    ``Table.add_row`` would first make one cell per grid column (most of the
    chart's cost).  Returns each cell's paragraph (``w:p``) and its ``w:tc``.
    """
    tr = OxmlElement("w:tr")
    tr_pr = OxmlElement("w:trPr")
    tr_pr.append(OxmlElement("w:cantSplit"))
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(height_twips))
    height.set(qn("w:hRule"), "atLeast")
    tr_pr.append(height)
    tr.append(tr_pr)
    cells = []
    for span in spans:
        tc = OxmlElement("w:tc")
        tc_pr = OxmlElement("w:tcPr")
        if span > 1:
            grid_span = OxmlElement("w:gridSpan")
            grid_span.set(qn("w:val"), str(span))
            tc_pr.append(grid_span)
        tc.append(tc_pr)
        p = OxmlElement("w:p")
        tc.append(p)
        tr.append(tc)
        cells.append((p, tc))
    table._tbl.append(tr)
    return cells


def shade_tc(tc, fill: str, pattern: tuple[str, str] | None = None) -> None:
    """Background colour of a cell given as its ``w:tc``; ``pattern``: (``w:val`` such as "diagStripe", its colour)."""
    _shade_tc(tc, fill, pattern)


def repeat_as_header(row) -> None:
    """Mark a row as a header row: Word repeats it at the top of every page the table spans."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        _insert_before(tr_pr, OxmlElement("w:tblHeader"), _TRPR_AFTER_HEADER)


def is_header_row(row) -> bool:
    tr_pr = row._tr.trPr
    return tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None


def keep_row_together(row) -> None:
    """A row is not split across two pages (``w:cantSplit``)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        cant = OxmlElement("w:cantSplit")
        _insert_before(tr_pr, cant, ("w:trHeight", "w:tblHeader") + _TRPR_AFTER_HEADER)


def set_table_borders(table, *, top: str | None = None, bottom: str | None = None, sides: str | None = None,
                      inside_h: str | None = None, inside_v: str | None = None, color: str = "A6A6A6",
                      size: int = 4) -> None:
    """Table borders, each edge a line style ("single") or None for no line."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge, style in (("top", top), ("left", sides), ("bottom", bottom), ("right", sides),
                        ("insideH", inside_h), ("insideV", inside_v)):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), style or "nil")
        if style:
            element.set(qn("w:sz"), str(size))
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), color)
        borders.append(element)
    _insert_before(tbl_pr, borders, _TBLPR_AFTER_BORDERS)


def set_table_caption(table, caption: str, description: str = "") -> None:
    """The table's title and alternative text (``w:tblCaption``, ``w:tblDescription``, Word 2010 and later).

    Screen readers say them; intro-tui's reader also finds its own charts by the
    caption and skips them.
    """
    tbl_pr = table._tbl.tblPr
    for tag, text in (("w:tblCaption", caption), ("w:tblDescription", description)):
        old = tbl_pr.find(qn(tag))
        if old is not None:
            tbl_pr.remove(old)
        if text:
            element = OxmlElement(tag)
            element.set(qn("w:val"), text)
            _insert_before(tbl_pr, element, ("w:tblDescription", "w:tblPrChange") if tag == "w:tblCaption"
                           else ("w:tblPrChange",))
