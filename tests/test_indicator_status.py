"""Status (nådd / nær / ikke nådd) against goal and limit, for higher- and lower-is-better rows.

First through the kind registry's computed columns (what every screen and
document shows), then through the command line: ``set`` with the limit's two
header names, the refusals, and the status words in ``show`` and markdown.
"""

from __future__ import annotations

import pytest

from intro_tui.core.model.kinds import computed_values, kind
from intro_tui.core.model.template import Block, Column, Row

from conftest import ok

HIGHER = Row("h", "Andel som går over i arbeid eller utdanning", value_kind="percent")
LOWER = Row("l", "Antall deltakere per programrådgiver", value_kind="count", direction="lower")
BLOCK = Block("i", "indicators", (Column("label", "L", "label"), Column("mal", "Mål", "indicator"),
                                 Column("nedre", "Nedre grense", "indicator", optional=True),
                                 Column("resultat", "Resultat", "indicator")))


def computed(row: Row, goal, limit, result) -> dict[str, str]:
    values = {"mal": goal, "nedre": limit, "resultat": result}
    return {column.id: ("" if value is None else column.format(row, value))
            for column, value in computed_values(BLOCK, row, values)}


def tone(row: Row, goal, limit, result, column_id: str) -> str:
    values = {"mal": goal, "nedre": limit, "resultat": result}
    for column, value in computed_values(BLOCK, row, values):
        if column.id == column_id:
            return column.tone(row, value)
    raise AssertionError(column_id)


def test_status_is_the_second_computed_column_after_the_deviation():
    ids = [c.id for c in kind("indicators").computed]
    assert ids.index("status") == ids.index("avvik") + 1


@pytest.mark.parametrize("result, word", [
    (80, "nådd"),        # above the goal
    (75, "nådd"),        # at the goal
    (74.5, "nær"),       # just below the goal, above the limit
    (70, "nær"),         # at the limit
    (69.9, "ikke nådd"), # just below the limit
    (44, "ikke nådd"),   # far below
])
def test_higher_is_better_with_limit(result, word):
    assert computed(HIGHER, 75, 70, result)["status"] == word


@pytest.mark.parametrize("result, word", [(75, "nådd"), (74, "ikke nådd"), (10, "ikke nådd")])
def test_higher_is_better_without_limit_misses_below_the_goal(result, word):
    assert computed(HIGHER, 75, None, result)["status"] == word


@pytest.mark.parametrize("result, word", [
    (12, "nådd"),      # fewer participants per adviser than the goal
    (15, "nådd"),      # at the goal
    (16, "nær"),       # just above the goal, under the upper limit
    (18, "nær"),       # at the upper limit
    (19, "ikke nådd"), # just above the limit
    (40, "ikke nådd"), # far above
])
def test_lower_is_better_with_upper_limit(result, word):
    assert computed(LOWER, 15, 18, result)["status"] == word


def test_status_empty_while_goal_or_result_missing():
    assert computed(HIGHER, None, 70, 80)["status"] == ""
    assert computed(HIGHER, 75, 70, None)["status"] == ""


def test_deviation_colour_follows_direction():
    # seed 004: 15 -> 18 participants per adviser is worse, not a green +3
    assert computed(LOWER, 15, None, 18)["avvik"] == "+3"
    assert tone(LOWER, 15, None, 18, "avvik") == "bad"
    assert tone(HIGHER, 65, None, 44, "avvik") == "bad"
    assert tone(HIGHER, 65, None, 70, "avvik") == "good"
    assert tone(LOWER, 15, 18, 16, "status") == "warn"


# -- the command line --------------------------------------------------------------


def refused(result) -> str:
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr


@pytest.fixture
def malind(run_cli) -> str:
    return ok(run_cli("new", "malindikatorer", "--title", "Indikatorer 2026", "--year", "2026")).splitlines()[-1]


def test_set_limit_by_both_header_names_and_show_status_words(run_cli, malind):
    row = "Andel deltakere som har gått over i arbeid"
    ok(run_cli("set", malind, "avsluttet", row, "Mål", "75"))
    ok(run_cli("set", malind, "avsluttet", row, "Nedre grense", "70"))
    ok(run_cli("set", malind, "avsluttet", row, "Resultat", "72"))
    shown = ok(run_cli("show", malind, "avsluttet"))
    assert "Nedre grense" in shown and "Status" in shown
    assert "nær" in shown
    # lower-is-better: the same column is an upper limit, addressed by either name
    ok(run_cli("set", malind, "annet", "Antall deltakere per programrådgiver", "Mål", "15"))
    ok(run_cli("set", malind, "annet", "1", "Øvre grense", "18"))
    ok(run_cli("set", malind, "annet", "1", "Nedre grense", "20"))
    ok(run_cli("set", malind, "annet", "1", "Resultat", "18"))
    shown = ok(run_cli("show", malind, "annet"))
    assert "Øvre grense" in shown and "20" in shown and "nær" in shown


def test_limit_on_the_wrong_side_of_the_goal_is_refused(run_cli, malind, data_dir):
    row = "Andel deltakere som har gått over i arbeid"
    ok(run_cli("set", malind, "avsluttet", row, "Mål", "75"))
    error = refused(run_cli("set", malind, "avsluttet", row, "Nedre grense", "80"))
    assert "nedre grense (80 %) kan ikke være over målet (75 %)" in error
    ok(run_cli("set", malind, "annet", "1", "Mål", "15"))
    error = refused(run_cli("set", malind, "annet", "1", "Øvre grense", "12"))
    assert "øvre grense (12) kan ikke være under målet (15)" in error
    # and a goal moved past an existing limit
    ok(run_cli("set", malind, "avsluttet", row, "Nedre grense", "70"))
    refused(run_cli("set", malind, "avsluttet", row, "Mål", "60"))
    shown = ok(run_cli("show", malind, "avsluttet"))
    assert "75 %" in shown and "60 %" not in shown
    # a text indicator has no limit
    error = refused(run_cli("set", malind, "annet", "Deltakere i mentorordninger", "Nedre grense", "noen"))
    assert "bare indikatorer med andel eller antall" in error


def test_blank_form_has_no_extra_columns_filled_one_has_them(run_cli, malind, tmp_path):
    ok(run_cli("export", malind, "--format", "md", "--blank", "--section", "avsluttet", "-o", "blank.md"))
    blank = (tmp_path / "blank.md").read_text(encoding="utf-8")
    assert "| Mål " in blank
    assert "Nedre grense" not in blank and "Status" not in blank and "Øvre grense" not in blank
    row = "Andel deltakere som har gått over i arbeid"
    ok(run_cli("set", malind, "avsluttet", row, "Mål", "75"))
    ok(run_cli("set", malind, "avsluttet", row, "Resultat", "44"))
    ok(run_cli("export", malind, "--format", "md", "-o", "filled.md"))
    filled = (tmp_path / "filled.md").read_text(encoding="utf-8")
    assert "Status" in filled and "ikke nådd" in filled
    assert "Nedre grense" not in filled  # no limit set anywhere: the form's columns only
    ok(run_cli("set", malind, "avsluttet", row, "Nedre grense", "40"))
    ok(run_cli("export", malind, "--format", "md", "-o", "filled2.md"))
    filled = (tmp_path / "filled2.md").read_text(encoding="utf-8")
    assert "Nedre grense" in filled and "| nær" in filled


def test_a_handout_shows_the_limit_column_once_the_workshop_uses_limits(run_cli, malind, tmp_path):
    ok(run_cli("set", malind, "avsluttet", "1", "Mål", "65"))
    ok(run_cli("set", malind, "avsluttet", "1", "Nedre grense", "50"))
    ok(run_cli("export", malind, "--format", "md", "--blank", "--section", "avsluttet", "-o", "b.md"))
    blank = (tmp_path / "b.md").read_text(encoding="utf-8")
    assert "| Nedre grense" in blank and "65" not in blank and "Status" not in blank
