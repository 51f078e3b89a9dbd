"""Property tests (hypothesis): parsers and CLI arguments never fail with anything but a user message.

A traceback on "²", "①" or 5,000 digits came from one unchecked ``int()``;
these tests throw arbitrary text at every parser and at the real CLI entry
point (``main``, in this process, on a real data folder) and accept only two
outcomes: a result, or a one-line Norwegian error with exit code 2.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from intro_tui.cli import main
from intro_tui.core.csv_cell import FORMULA_START, csv_cell
from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.document import DocumentError, from_document
from intro_tui.core.model.layout import AddressError, resolve_column, resolve_row, section_rows
from intro_tui.core.model.values import ValueProblem, parse_count, parse_percent, parse_year, parse_yesno
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.safe_fs import BadFile, parse_json
from intro_tui.core.shorten import BIDI, CONTROL, one_line, visible

CATALOG = load_catalog()
TEMPLATE = CATALOG.templates["arbeidsrettet-lop"]
SECTION = TEMPLATE.section("1.3")
WORKSHOP = Workshop(id="x", title="x", template=TEMPLATE.id)
VIEWS = section_rows(SECTION, WORKSHOP)

#: Text as hostile as it gets: any code point, plus digits of every script and the tricky ASCII.
TEXT = st.one_of(st.text(), st.text(alphabet="0123456789²③①٣,._ %-+eE\t\n\r\x1b\u202e"), st.just("9" * 5000))
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(TEXT)
def test_number_parsers_return_a_value_or_a_user_message(text):
    for parse in (parse_percent, parse_count, parse_year, parse_yesno):
        try:
            value = parse(text)
        except ValueProblem as exc:
            assert "\n" not in str(exc) and "\x1b" not in str(exc)
            continue
        if parse is parse_percent and value is not None:
            assert 0 <= value <= 100
        if parse is parse_count and value is not None:
            assert isinstance(value, int) and value >= 0


@SETTINGS
@given(st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 2)))
def test_a_percent_written_with_a_decimal_comma_reads_back(number):
    text = f"{number:.2f}".replace(".", ",") + " %"
    assert parse_percent(text) == pytest.approx(number)


@SETTINGS
@given(st.text())
def test_visible_text_holds_no_control_or_bidi_character(text):
    shown = visible(text)
    assert not CONTROL.search(shown) and not BIDI.search(shown)
    assert visible(shown) == shown
    line = one_line(text, 40)
    assert "\n" not in line and "\t" not in line and len(line) <= 40


@SETTINGS
@given(st.text())
def test_a_csv_cell_never_starts_a_formula(text):
    cell = csv_cell(text)
    assert not cell.startswith(FORMULA_START) and not CONTROL.search(cell)


@SETTINGS
@given(TEXT)
def test_row_and_column_specs_resolve_or_give_an_address_error(spec):
    for resolve in (lambda: resolve_row(VIEWS, spec, WORKSHOP), lambda: resolve_column(SECTION.blocks[0], spec)):
        try:
            resolve()
        except AddressError as exc:
            assert "\n" not in str(exc)


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_parse_as_json_or_give_a_bad_file(raw):
    try:
        parse_json(raw)
    except BadFile:
        pass


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
                    | st.text(max_size=20), lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)


@SETTINGS
@given(st.fixed_dictionaries({"format": st.just("intro-tui-workshop"), "schema": JSON | st.just(1),
                              "template": JSON | st.just("arbeidsrettet-lop"), "id": JSON, "title": JSON,
                              "year": JSON, "units": JSON,
                              "sections": st.lists(st.fixed_dictionaries({"id": JSON | st.just("1.3"),
                                                                          "blocks": JSON}), max_size=3)}))
def test_any_import_document_is_a_workshop_or_a_document_error(doc):
    try:
        from_document(json.loads(json.dumps(doc)), CATALOG.templates)
    except DocumentError as exc:
        assert "\n" not in str(exc)


@pytest.fixture(scope="module")
def cli_data(tmp_path_factory):
    from intro_tui.core.store.workshops import WorkshopStore

    folder = tmp_path_factory.mktemp("prop") / "data"
    store = WorkshopStore(folder, load_catalog(folder), user="prop")
    return folder, store.create(Workshop(id="", title="Egenskaper", template="arbeidsrettet-lop")).id


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(row=TEXT, column=TEXT, value=TEXT)
def test_set_with_any_arguments_succeeds_or_says_one_line(cli_data, capsys, row, column, value):
    folder, wid = cli_data
    argv = ["--data-dir", str(folder), "set", wid, "1.3", row, column, value]
    if any(a.startswith("-") or "\x00" in a for a in (row, column, value)):
        return  # an option to argparse, or a NUL no process argument can hold
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (0, 2), err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and "\x1b" not in err


SAFE_PATH = st.text(min_size=1).filter(lambda s: "\x00" not in s and ".." not in s and not s.startswith(("/", "~", "-")))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(output=SAFE_PATH)
def test_export_to_any_path_writes_or_says_one_line(cli_data, capsys, tmp_path_factory, output):
    """Relative paths only (no "..", no leading "/" or "~"), inside a folder of the test's own."""
    folder, wid = cli_data
    here = os.getcwd()
    os.chdir(folder.parent)
    try:
        code = main(["--data-dir", str(folder), "export", wid, "--format", "md", "-o", output])
    finally:
        os.chdir(here)
    err = capsys.readouterr().err
    assert code in (0, 2), err
    if code == 2:
        assert len(err.strip().splitlines()) == 1
