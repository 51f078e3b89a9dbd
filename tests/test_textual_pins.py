"""Issue 22 point 4: where the app overrides or reaches into Textual's (or textual-serve's) private
parts, one named test pins each, so an upgrade that renames or reshapes one fails here, by name,
rather than as a key that silently stops working.

Each test checks that the private method still exists on the Textual class we override, with the
parameters our override is called with, and that our class really overrides it.
"""

from __future__ import annotations

import inspect

import pytest
from textual.widgets import DataTable, Input, TextArea


def parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


def overrides(ours: type, base: type, name: str) -> None:
    assert name in vars(base) or any(name in vars(k) for k in base.__mro__), f"{base.__name__}.{name} is gone"
    theirs = getattr(base, name)
    mine = next(vars(k)[name] for k in ours.__mro__ if name in vars(k))
    assert mine is not theirs, f"{ours.__name__} no longer overrides {name}"
    assert parameters(mine) == parameters(theirs), f"{base.__name__}.{name}{inspect.signature(theirs)} changed"
    assert inspect.iscoroutinefunction(mine) == inspect.iscoroutinefunction(theirs), f"{name}: async changed"


def test_the_table_keys_override_datatable_on_key():
    from intro_tui.tui.widgets.block_table import BlockTable

    overrides(BlockTable, DataTable, "_on_key")


def test_the_table_keys_paste_handler_is_found_by_its_private_name():
    """KeyedTable._on_paste (handing the paste to the table's TableKeys) is found by Textual's dispatch,
    which looks for ``_on_<event>`` first."""
    from textual.message_pump import MessagePump

    from intro_tui.tui.widgets.block_table import BlockTable
    from intro_tui.tui.widgets.table_keys import KeyedTable

    assert 'f"_{method_name}"' in inspect.getsource(MessagePump._get_dispatch_methods)
    assert parameters(KeyedTable._on_paste) == ["self", "event"]
    assert BlockTable._on_paste is KeyedTable._on_paste


def test_the_ordered_input_overrides_input_on_key():
    from intro_tui.tui.widgets.ordered_input import OrderedInput

    overrides(OrderedInput, Input, "_on_key")


@pytest.mark.parametrize("base", [Input, TextArea], ids=["Input", "TextArea"])
def test_the_cell_editor_overrides_on_key(base):
    from intro_tui.tui.widgets.cell_editor import EditorInput, EditorTextArea

    overrides(EditorInput if base is Input else EditorTextArea, base, "_on_key")


def test_the_cell_editor_overrides_on_paste():
    from intro_tui.tui.widgets.cell_editor import EditorInput

    overrides(EditorInput, Input, "_on_paste")


def test_the_cell_editor_overrides_input_refresh():
    from intro_tui.tui.widgets.cell_editor import EditorInput

    overrides(EditorInput, Input, "refresh")


def test_the_home_search_overrides_on_key():
    from intro_tui.tui.widgets.home_search import SearchField, WorkshopList

    overrides(WorkshopList, DataTable, "_on_key")
    overrides(SearchField, Input, "_on_key")


def test_the_app_overrides_on_exit_app_and_help_quit():
    from textual.app import App

    from intro_tui.tui.app import IntroApp

    overrides(IntroApp, App, "_on_exit_app")
    overrides(IntroApp, App, "action_help_quit")
    assert any(b.key == "ctrl+c" and b.action == "help_quit" for b in App.BINDINGS), "Ctrl+C is bound elsewhere now"


def test_the_palette_overrides_no_matches_countdown():
    from textual.command import CommandPalette

    from intro_tui.tui.palette import NorwegianPalette

    overrides(NorwegianPalette, CommandPalette, "_start_no_matches_countdown")
    assert isinstance(CommandPalette._NO_MATCHES, str)


def test_the_datatable_caches_the_room_view_clears_still_exist():
    """tui/room_view.py and widgets/drawn_rows.py clear these caches and set this flag to redraw the initials
    gutter and a changed row; drawn_rows writes a cell into ``_data`` as ``update_cell`` does."""
    table = DataTable()
    for name in ("_cell_render_cache", "_row_render_cache", "_line_cache", "_row_renderable_cache",
                 "_offset_cache", "_data", "_require_update_dimensions"):
        assert hasattr(table, name), f"DataTable.{name} is gone"
    assert "self._data[row_key][column_key] = value" in inspect.getsource(DataTable.update_cell)
    assert "self._update_count," in inspect.getsource(DataTable._render_cell)  # what makes a full redraw


def test_a_modal_screen_still_leaves_out_the_apps_keys():
    """screens/modal.py binds F1 and Ctrl+Q on every dialog because Textual's modal binding chain
    stops at the first modal screen; if Textual changes that, the extra bindings can go."""
    from textual.screen import Screen

    source = inspect.getsource(Screen._modal_binding_chain.fget)  # type: ignore[attr-defined]
    assert "is_modal" in source


def test_the_radio_set_marks_the_highlighted_button_with_selected():
    """The export dialog reads the highlighted format from the ``-selected`` class."""
    from textual.widgets import RadioSet

    source = inspect.getsource(RadioSet.watch__selected)
    assert '"-selected"' in source


def test_the_served_app_builds_its_environment_as_we_extend_it():
    pytest.importorskip("textual_serve")
    from textual_serve.app_service import AppService

    from intro_tui.web.server import ParticipantService  # type: ignore[attr-defined]

    overrides(ParticipantService, AppService, "_build_environment")


def test_the_table_scroll_to_the_cursor_keeps_the_headings_above_it():
    """BlockTable widens DataTable's scroll to the cursor over the heading rows right above it (issue 18.6)."""
    from intro_tui.tui.widgets.block_table import BlockTable

    overrides(BlockTable, DataTable, "_scroll_cursor_into_view")
    for name in ("_get_cell_region", "_get_row_region", "_get_fixed_offset"):
        assert callable(getattr(DataTable, name, None)), f"DataTable.{name} is gone"
