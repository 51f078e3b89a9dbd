"""The file before anyone parses it: a bounded, macro-free, self-contained .docx, or a refusal.

A Word file is a zip of XML parts.  python-docx would happily inflate a zip
bomb, and a file from a mail attachment can be anything with a .docx name: a
PDF, an encrypted document (an OLE/CFB container, which is what Word writes
when a password is set), a macro-enabled document, or one whose relationships
point at other files (an attached template on a server, a linked OLE object,
a sub-document).  So the bytes are checked here with :mod:`zipfile` first -
member count and declared sizes (zipfile never inflates a member beyond its
declared size, so these bound the work), no macros, no external relationship
except a plain hyperlink (the templates themselves link to IMDi's kjøreplan),
no DTDs - and only then handed to python-docx.  Nothing is followed or run.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ...core.user_file import UserFileError, read_user_file

#: A filled template is well under 1 MB; photos pasted in make a few MB.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 120 * 1024 * 1024
#: Text XML compresses well, but not 1:200; a bomb does (42.zip: 1:4,000,000).
MAX_RATIO = 200

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_EXTERNAL = re.compile(rb"""TargetMode\s*=\s*["']External["']""")
_HYPERLINK = re.compile(rb"""Type\s*=\s*["'][^"']*/hyperlink["']""")


class ImportRefused(ValueError):
    """A file we will not read; the message (Norwegian, one line) says why."""


def read_docx_bytes(path: Path) -> bytes:
    """The file's bytes if it is a regular file of a sane size (:func:`~intro_tui.core.user_file.read_user_file`)."""
    try:
        return read_user_file(path, MAX_FILE_BYTES)
    except UserFileError as exc:
        raise ImportRefused(str(exc)) from None


def _declared_members(data: bytes) -> int | None:
    """The member count in the zip's end record, read before zipfile builds its list (None if not found)."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    return int.from_bytes(data[at + 10:at + 12], "little")


def check_docx(data: bytes, name: str) -> None:
    """Refuse what is not a plain, bounded Word document; return quietly when it is."""
    if data.startswith(OLE_MAGIC):
        raise ImportRefused(f"{name}: er passordbeskyttet eller i det gamle .doc-formatet; "
                            "lagre den som .docx uten passord og prøv igjen")
    if data.startswith(b"%PDF"):
        raise ImportRefused(f"{name}: er en PDF, ikke et Word-dokument (.docx)")
    if not data.startswith(b"PK\x03\x04"):
        raise ImportRefused(f"{name}: er ikke et Word-dokument (.docx)")
    declared = _declared_members(data)
    if declared is not None and declared > MAX_MEMBERS:  # 0xFFFF too: a Word file never needs Zip64
        raise ImportRefused(f"{name}: har for mange deler ({declared}); ikke et vanlig Word-dokument")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise ImportRefused(f"{name}: er skadet eller ikke et Word-dokument (.docx)") from None
    with archive:
        _check_members(members, name)
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
            raise ImportRefused(f"{name}: er ikke et Word-dokument (.docx)")
        for member in members:
            if member.filename.lower().endswith((".xml", ".rels")):
                _check_xml(archive, member, name)


def _check_members(members: list[zipfile.ZipInfo], name: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise ImportRefused(f"{name}: har for mange deler ({len(members)}); ikke et vanlig Word-dokument")
    total = 0
    for member in members:
        lowered = member.filename.lower()
        if lowered.endswith("vbaproject.bin") or "/activex/" in lowered:
            raise ImportRefused(f"{name}: inneholder makroer eller ActiveX; lagre den som vanlig .docx uten makroer")
        if member.flag_bits & 0x1:
            raise ImportRefused(f"{name}: er kryptert")
        size = member.file_size
        total += size
        if size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES or (
                size > 1024 * 1024 and size > MAX_RATIO * max(member.compress_size, 1)):
            raise ImportRefused(f"{name}: pakkes ut til for mye data (en «zip-bombe»?); leses ikke")


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str) -> None:
    try:
        raw = archive.read(member)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError, RuntimeError):
        raise ImportRefused(f"{name}: er skadet ({member.filename} kan ikke pakkes ut)") from None
    head = raw[:4096]
    if b"<!DOCTYPE" in raw or b"<!ENTITY" in head:
        raise ImportRefused(f"{name}: inneholder XML med DTD ({member.filename}); leses ikke")
    if member.filename == "[Content_Types].xml" and b"macroEnabled" in raw:
        raise ImportRefused(f"{name}: er et dokument med makroer (.docm); lagre den som vanlig .docx")
    if member.filename.endswith(".rels"):
        for relationship in _RELATIONSHIP.findall(raw):
            if _EXTERNAL.search(relationship) and not _HYPERLINK.search(relationship):
                raise ImportRefused(f"{name}: peker til andre filer eller maler utenfor dokumentet "
                                    f"({member.filename}); lagre en kopi uten koblinger og prøv igjen")
