"""Naming a section, table, row or column on the command line as a person would.

Headers and ids match whatever the case; a header also matches by its leading
words when only one column starts with them (``Når`` is "Når/hvor ofte").
Property tests run the matching over every block of every shipped template.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.layout import AddressError, display_columns, find_section, resolve_column

from conftest import fails, ok

CATALOG = load_catalog(Path("/nonexistent-intro-tui-data"))
TEMPLATES = list(CATALOG.templates.values())
SECTIONS = [(t, s) for t in TEMPLATES for s in t.sections]
BLOCKS = [b for _, s in SECTIONS for b in s.blocks]


@pytest.fixture
def arb(run_cli) -> str:
    return ok(run_cli("new", "arbeidsrettet-lop", "--title", "Adresser")).split()[-1]


def shown(run_cli, wid: str, section: str) -> str:
    return ok(run_cli("show", wid, section))


# -- the command line -----------------------------------------------------------------------


def test_a_column_by_the_leading_words_of_its_header(run_cli, arb):
    assert "Når/hvor ofte: annenhver uke" in ok(run_cli("set", arb, "1.3", "1", "Når", "annenhver uke"))
    assert "Når/hvor ofte: mars" in ok(run_cli("set", arb, "1.3", "2", "når HVOR", "mars"))
    assert "Utfører: NAV" in ok(run_cli("set", arb, "1.3", "1", "UTFØRER", "NAV"))
    assert "Involveres/informeres: NAV" in ok(run_cli("set", arb, "1.3", "1", "involveres", "NAV"))
    # 5.2: two columns start with "Hvem": more words pick one, one word is refused with both named
    assert ok(run_cli("add-row", arb, "5.2", "Språkkurs")).strip() == "5"
    assert "Hvem utfører" in ok(run_cli("set", arb, "5.2", "5", "hvem utfører", "NAV"))
    message = fails(run_cli("set", arb, "5.2", "5", "Hvem", "NAV"))
    assert "flere kolonner" in message and "Hvem utfører" in message and "Hvem er ansvarlig" in message
    assert "annenhver uke" in shown(run_cli, arb, "1.3")


def test_sections_match_whatever_the_case(run_cli):
    wid = ok(run_cli("new", "malindikatorer", "--title", "Indikatorer")).split()[-1]
    assert "Mål: 65 %" in ok(run_cli("set", wid, "Avsluttet", "1", "Mål", "65"))
    assert "Mål: 70 %" in ok(run_cli("set", wid, "UNDERVEIS", "1", "mål", "70"))
    assert ok(run_cli("show", wid, "ANNET"))


def test_add_row_to_an_unknown_table_names_the_tables(run_cli, arb):
    message = fails(run_cli("add-row", arb, "4.1", "x", "--table", "nosuch"))
    assert "ukjent tabell «nosuch»" in message
    assert "Interne forberedelser" in message and "Forberedelser i samarbeid med arbeidsgiver" in message
    # a table by its name, any case, or its leading words
    assert ok(run_cli("add-row", arb, "4.1", "Ny intern", "--table", "interne FORBEREDELSER")).strip() == "9"
    assert ok(run_cli("add-row", arb, "4.1", "Ny i samarbeid", "--table", "Forberedelser i samarbeid")).strip() == "18"
    assert ok(run_cli("add-row", arb, "4.1", "Med id", "--table", "SAMARBEID")).strip() == "19"
    message = fails(run_cli("add-row", arb, "4.1", "x"))
    assert "velg med --table" in message and "Interne forberedelser" in message


def answers(run_cli, tmp_path, wid: str) -> list:
    """The stored Ja/Nei answers of 4.1's first table, from a JSON export."""
    import json

    path = tmp_path / ok(run_cli("export", wid, "--format", "json")).strip().splitlines()[-1]
    section = next(s for s in json.loads(path.read_text(encoding="utf-8"))["sections"] if s["id"] == "4.1")
    return [row.get("cells", {}).get("svar") for row in section["blocks"][0]["rows"]]


def test_the_ja_column_refuses_nei(run_cli, arb, tmp_path):
    message = fails(run_cli("set", arb, "4.1", "1", "Ja", "nei"))
    assert "kolonnen Ja" in message and "Nei" in message
    fails(run_cli("set", arb, "4.1", "1", "Nei", "ja"))
    assert answers(run_cli, tmp_path, arb)[0] is None  # nothing was answered
    ok(run_cli("set", arb, "4.1", "1", "Ja", "x"))
    ok(run_cli("set", arb, "4.1", "2", "ja", "JA"))
    ok(run_cli("set", arb, "4.1", "4", "Nei", "nei"))
    ok(run_cli("set", arb, "4.1", "5", "Nei", "x"))
    assert answers(run_cli, tmp_path, arb)[:5] == ["ja", "ja", None, "nei", "nei"]
    # an empty value in either half clears the answer (as before)
    ok(run_cli("set", arb, "4.1", "4", "Ja", ""))
    ok(run_cli("set", arb, "4.1", "1", "Nei", "-"))
    assert answers(run_cli, tmp_path, arb)[:5] == [None, "ja", None, None, "nei"]


# -- properties over every shipped template ----------------------------------------------------


def _recase(text: str, flips: list[bool]) -> str:
    return "".join(ch.upper() if flip else ch.lower() for ch, flip in zip(text, flips + [False] * len(text)))


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(BLOCKS), st.data())
def test_any_header_or_id_in_any_case_finds_its_column(block, data):
    column = data.draw(st.sampled_from(display_columns(block)))
    name = data.draw(st.sampled_from([column.title, column.column.id]))
    flips = data.draw(st.lists(st.booleans(), max_size=len(name)))
    spec = "  " + _recase(name, flips) + " "
    found = resolve_column(block, spec)
    if name == column.title:
        assert found.title == column.title
    else:  # a split yes/no column's id names the column, not one half
        assert found.column.id == column.column.id


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(BLOCKS), st.data())
def test_leading_words_pick_the_one_column_or_say_which(block, data):
    columns = display_columns(block)
    column = data.draw(st.sampled_from(columns))
    words = _words(column.title)
    if not words:
        return
    count = data.draw(st.integers(1, len(words)))
    spec = " ".join(words[:count])
    starting = [c for c in columns if _words(c.title)[:count] == words[:count]]
    exact = [c for c in columns if _words(c.title) == words[:count] or c.column.id.casefold() == spec]
    try:
        found = resolve_column(block, spec)
    except AddressError as exc:
        assert len(starting) > 1 and not exact, str(exc)
        assert "flere kolonner" in str(exc)
        return
    assert found in starting or found in exact or found.column in [c.column for c in exact]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SECTIONS), st.data())
def test_any_section_id_or_title_in_any_case(pair, data):
    template, section = pair
    name = data.draw(st.sampled_from([section.id, section.title]))
    flips = data.draw(st.lists(st.booleans(), max_size=len(name)))
    assert find_section(template, _recase(name, flips)).id == section.id


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(BLOCKS), st.text(min_size=1, max_size=12))
def test_no_text_ever_crashes_the_matching(block, spec):
    try:
        resolve_column(block, spec)
    except AddressError:
        pass


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(SECTIONS), st.data())
def test_a_section_by_the_leading_words_of_its_title_or_a_list_of_which(pair, data):
    template, section = pair
    words = _words(section.title)
    count = data.draw(st.integers(1, len(words)))
    spec = " ".join(words[:count]).upper()
    starting = [s for s in template.sections if _words(s.title)[:count] == words[:count]]
    whole = [s for s in template.sections if _words(s.title) == words[:count]]
    try:
        found = find_section(template, spec)
    except AddressError as exc:
        assert len(starting) > 1 and len(whole) != 1, str(exc)
        assert "flere seksjoner" in str(exc) and all(s.id in str(exc) for s in starting)
        return
    assert found in (whole or starting)
