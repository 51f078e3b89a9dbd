"""The small twins of issue 22 point 5, pinned: each shortening and cleaning rule keeps its output
when its copies are folded into one (:mod:`intro_tui.core.shorten`)."""

from __future__ import annotations

import pytest

from intro_tui.core import nir_file, text_fit
from intro_tui.core.shorten import one_line
from intro_tui.export.docx import document as docx_document
from intro_tui.export.docx_reader.found import short as found_short
from intro_tui.tui import cell_words
from intro_tui.tui.widgets.block_table import PREVIEW_CHARS, preview


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("abcdef", 4, "abc…"),
    ("abcd", 4, "abcd"),
    ("ab cdef", 4, "ab …"),  # one_line keeps the space before the mark
    ("a \x1b[31m\n\tb", None, "a [31m b"),
    ("abc", 0, "…"),
])
def test_one_line(text, limit, expected):
    assert one_line(text, limit) == expected


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("a  b\ncd efgh", 6, "a b c…"),
    ("abcd efgh", 6, "abcd…"),  # the editor line trims the space before the mark
    ("abcdef", 6, "abcdef"),
])
def test_editor_line_short(text, limit, expected):
    assert cell_words.short(text, limit) == expected


def test_grid_preview_cut_at_preview_chars():
    shown = preview("x" * (PREVIEW_CHARS + 100))
    assert len(shown) == PREVIEW_CHARS and shown.endswith("x…")
    assert preview("x" * PREVIEW_CHARS) == "x" * PREVIEW_CHARS


def test_word_property_one_line_cut_at_255():
    assert docx_document._prop("a\x01b \n c\r\nd") == "ab c d"
    long = docx_document._prop("y" * 300)
    assert len(long) == docx_document.MAX_PROPERTY_CHARS and long.endswith("y…")


def test_nir_message_text_drops_every_control_and_cuts_at_50():
    assert nir_file._short(" a\tb\x1bc\x85d\n ") == "abcd"
    assert nir_file._short("z" * 60) == "z" * 49 + "…"
    assert nir_file._short("a  b") == "a  b"  # spaces inside are kept


def test_document_text_controls_become_spaces():
    assert found_short("a\x01b\rc\x85d") == "a b c d"
    assert found_short("w" * 50) == "w" * 39 + "…"
    assert found_short("w" * 50, None) == "w" * 50


@pytest.mark.parametrize(("text", "short", "long"), [
    ("", "", ""),
    ("Flyktningtjenesten", "FT", "Flyktningtjenesten"),
    (" flyktningtjenesten , NAV,Annet ", "FT, NAV, Annet", "flyktningtjenesten, NAV, Annet"),
    ("Annet, x", "Annet, x", "Annet, x"),
    ("Annet,  x ", "Annet,  x ", "Annet,  x "),  # no part named: the text as it was
    ("FT, nav", "FT, NAV", "Flyktningtjenesten, NAV"),
])
def test_unit_names_shortened_and_expanded_part_by_part(text, short, long):
    names = {"Flyktningtjenesten": "FT", "NAV": "NAV"}
    assert text_fit.shorten_units(text, names) == short
    assert text_fit.expand_units(text, names) == long
    assert text_fit.shorten_units(text, {}) == text == text_fit.expand_units(text, {})
