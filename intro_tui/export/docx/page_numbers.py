"""Page numbers a handout printed from Word shows at once: LibreOffice lays the document out, its numbers are cached.

The contents and the Verktøy lines are PAGEREF fields; python-docx can only
write them with no cached result, and Word shows the cached result until the
reader presses F9 - so a handout printed from Word had no page numbers.  When
LibreOffice is on the machine, the finished document is saved again by it
(``soffice --convert-to docx``), which lays it out and writes the page of
every PAGEREF as its result; those numbers are copied into *our* file as the
fields' cached results (our XML stays ours: LibreOffice rewrites styles and
tables).  Word shows them at once and F9 still updates them.  Without
LibreOffice the fields stay empty (Word: F9) and :func:`fill_page_numbers` says so.

``INTRO_TUI_NO_LIBREOFFICE=1`` skips the layout (a test run that does not look at pages).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree  # pyright: ignore[reportAttributeAccessIssue] (lxml ships no stubs for it)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)")
NO_LIBREOFFICE = ("LibreOffice finnes ikke på maskinen: sidetallene i innholdsfortegnelsen vises i Word "
                  "først når du trykker F9 (Ctrl+A, F9)")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def soffice() -> str | None:
    if os.environ.get("INTRO_TUI_NO_LIBREOFFICE"):
        return None
    return shutil.which("soffice") or shutil.which("libreoffice")


def fill_page_numbers(data: bytes, *, timeout: float = 180) -> tuple[bytes, str]:
    """(the document with every PAGEREF's page cached, "" or why the numbers are missing)."""
    program = soffice()
    if program is None:
        return data, NO_LIBREOFFICE
    with tempfile.TemporaryDirectory(prefix="intro-tui-layout-") as folder:
        work = Path(folder)
        (work / "in").mkdir()
        source = work / "in" / "handout.docx"
        source.write_bytes(data)
        try:
            subprocess.run([program, f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source)],
                           capture_output=True, timeout=timeout, check=True)
            laid_out = (work / "out" / "handout.docx").read_bytes()
        except (OSError, subprocess.SubprocessError):
            return data, "LibreOffice kunne ikke lage sidetallene: trykk F9 i Word (Ctrl+A, F9)"
    pages = page_refs(_document_xml(laid_out))
    if not pages:
        return data, "LibreOffice fant ingen sidetall: trykk F9 i Word (Ctrl+A, F9)"
    return _with_cached(data, pages), ""


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def _fields(root):
    """(instruction, the runs between 'separate' and 'end') of every complex field, in document order."""
    instruction: list[str] = []
    result: list = []
    state = None
    for run in root.iter(_w("r")):
        char = run.find(_w("fldChar"))
        kind = char.get(_w("fldCharType")) if char is not None else None
        if kind == "begin":
            state, instruction, result = "instr", [], []
        elif kind == "separate" and state == "instr":
            state = "result"
            result.append(run)
        elif kind == "end" and state is not None:
            yield "".join(instruction), result, run
            state = None
        elif state == "instr":
            instruction += [t.text or "" for t in run.iter(_w("instrText"))]
        elif state == "result":
            result.append(run)


def page_refs(xml: bytes) -> dict[str, str]:
    """{bookmark: cached page} of every PAGEREF field with a number in its result."""
    pages = {}
    for instruction, runs, _ in _fields(etree.fromstring(xml)):
        match = _PAGEREF.match(instruction)
        text = "".join(t.text or "" for run in runs for t in run.iter(_w("t"))).strip()
        if match and text.isdigit():
            pages.setdefault(match.group(1), text)
    return pages


def _with_cached(data: bytes, pages: dict[str, str]) -> bytes:
    root = etree.fromstring(_document_xml(data))
    for instruction, runs, end in _fields(root):
        match = _PAGEREF.match(instruction)
        if not match or match.group(1) not in pages:
            continue
        for run in runs[1:]:  # an old result goes
            run.getparent().remove(run)
        number = etree.Element(_w("r"))
        props = runs[0].find(_w("rPr")) if runs else None
        if props is not None:
            number.append(etree.fromstring(etree.tostring(props)))
        text = etree.SubElement(number, _w("t"))
        text.text = pages[match.group(1)]
        end.addprevious(number)
    xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, xml if item.filename == "word/document.xml" else source.read(item.filename))
    return out.getvalue()
