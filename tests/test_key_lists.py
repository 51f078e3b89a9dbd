"""Issue 22 point 4: one source for keys - the declared key lists drive the bindings, the key bar and F1 help.

Walked on the workshop screen at 80x24 as a user meets it (a table with Ja/Nei rows,
a kjøreplan, the navigator, an open cell editor), reading the rendered key bar and
the rendered help:

* every entry of the key bar names a key that F1 help lists (the bar once offered
  ``⏎ Åpne``, ``↑↓ Velg`` and the editor's ``⏎ Lagre``, which help did not know);
* every help line is a declared key whose key really runs its action there (not
  shadowed by another class's binding - Textual keeps one per key - nor by a
  nearer widget's, such as the text field's Ctrl+E while a cell is edited);
* the bar, wide enough, shows every key whose "when shown" rule says so;
* a key added to one list is bound, in the bar and in help at once.
"""

from __future__ import annotations

import re

import pytest
from conftest import arrow_to, pilot_wait_until, screen_text
from textual.containers import VerticalScroll
from textual.widgets import Static

from intro_tui.core.store.workshops import WorkshopStore
from intro_tui.tui.app import make_app
from intro_tui.tui.keys import Key, bindings, declared, short_key
from intro_tui.tui.screens.help import HelpScreen, here, key_label, target
from intro_tui.tui.screens.workshop import WorkshopScreen
from intro_tui.tui.widgets.block_table import BlockTable
from intro_tui.tui.widgets.cell_editor import CellEditor
from intro_tui.tui.widgets.navigator import Navigator

SIZE = (80, 24)
#: How the key bar writes a key, in help's words.
BAR_WORDS = {"⏎": ["Enter"], "Ins": ["Insert"], "Del": ["Delete"], "↑↓": ["↑", "↓"]}


@pytest.fixture
def workshop_id(store: WorkshopStore) -> str:
    from intro_tui.core.model.workshop import Workshop

    return store.create(Workshop(id="", title="Taster", template="arbeidsrettet-lop")).id


def bar_line(app) -> str:
    return screen_text(app).splitlines()[-1]


def bar_keys(line: str) -> list[str]:
    """The keys the rendered bar names (each entry is `` key words ``, entries two spaces apart)."""
    return [part.split(" ", 1)[0] for part in (p.strip() for p in line.split("  ")) if part]


def in_help_words(bar_key: str) -> list[str]:
    if bar_key in BAR_WORDS:
        return BAR_WORDS[bar_key]
    found = []
    for part in bar_key.split("/"):
        part = "Ctrl+" + part[1:].upper() if part.startswith("^") else part
        found += BAR_WORDS.get(part, [part])
    return found


def help_rows(app) -> list[tuple[list[str], str]]:
    """The help's key lines as ``([key, ...], description)``, from the help's own text."""
    text = app.screen.query_one(VerticalScroll).query_one(Static).content.plain
    rows = []
    for line in text.splitlines():
        match = re.match(r"^  (\S+(?: / \S+)*)\s+(\S.*)$", line)
        if match:
            rows.append((match.group(1).split(" / "), match.group(2)))
    return rows


async def open_help(pilot) -> None:
    await pilot.press("f1")
    await pilot_wait_until(pilot, lambda: isinstance(pilot.app.screen, HelpScreen)
                           and "Hjelp – taster" in screen_text(pilot.app), what="the help")


async def close_help(pilot, focused) -> None:
    await pilot.press("escape")
    await pilot_wait_until(pilot, lambda: isinstance(pilot.app.screen, WorkshopScreen)
                           and pilot.app.focused is focused, what="back from the help")


async def on_table(pilot, app, section: str) -> None:
    await pilot_wait_until(pilot, lambda: isinstance(app.focused, BlockTable)
                           and app.screen.section.id == section and "F1 Alle taster" in bar_line(app),
                           what=f"a table of {section}")


async def places(pilot, app):
    """The places a user meets, one after the other: yields a name for each."""
    await on_table(pilot, app, "4.1")
    await pilot_wait_until(pilot, lambda: "j/n/u" in bar_line(app), what="a row with Ja/Nei")
    yield "4.1, a Ja/Nei row"
    await pilot.press("escape")
    await pilot_wait_until(pilot, lambda: isinstance(app.focused, Navigator) and "Esc Hjem" in bar_line(app),
                           what="the navigator")
    yield "the navigator"
    await pilot.press("enter")
    await on_table(pilot, app, "4.1")
    await arrow_to(pilot, 0, 3)
    await pilot.press("enter")
    await pilot_wait_until(pilot, lambda: app.screen.query_one(CellEditor).is_open and "⏎ Lagre" in bar_line(app),
                           what="the open editor")
    yield "the cell editor"
    await pilot.press("escape")
    await pilot_wait_until(pilot, lambda: isinstance(app.focused, BlockTable), what="the editor closed")
    app.screen.go_to_section("1.4")
    await on_table(pilot, app, "1.4")
    await pilot_wait_until(pilot, lambda: "F9 Start møtet" in bar_line(app), what="the kjøreplan's keys")
    yield "1.4, the kjøreplan"


async def test_every_key_in_the_key_bar_is_in_help(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1", user="ola")
    async with app.run_test(size=SIZE) as pilot:
        async for place in places(pilot, app):
            shown = [key for key in bar_keys(bar_line(app)) if key != "F1"]
            assert shown, place
            focused = app.focused
            await open_help(pilot)
            listed = {key for keys, _description in help_rows(app) for key in keys}
            for key in shown:
                missing = [name for name in in_help_words(key) if name not in listed]
                assert not missing, f"{place}: the key bar offers {key}, F1 help does not list {missing}: {listed}"
            await close_help(pilot, focused)


async def test_every_help_line_is_a_declared_key_that_runs_its_action_there(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1", user="ola")
    async with app.run_test(size=SIZE) as pilot:
        async for place in places(pilot, app):
            screen, focused = app.screen, app.focused
            active = screen.active_bindings
            owners = [*here(focused, screen), screen, app]
            await open_help(pilot)
            rows = help_rows(app)
            assert rows, place
            for keys, description in rows:
                found = [(owner, key) for owner in owners for key in declared(owner) if key.label == description]
                assert found, f"{place}: help says {keys} {description!r}, which no key list declares"
                owner, key = found[0]
                names = [name for name in key.key_list if key_label(name) in keys]
                assert names and len(names) == len(keys), (place, keys, key)
                node, action = target(owner, key.action)
                assert hasattr(node, f"action_{action}"), (place, key)
                for name in names:
                    if owner in (screen, app):  # a binding of the screen or the app: where Textual sends it
                        bound = active.get(name)
                        assert bound is not None and target(bound.node, bound.binding.action) == (node, action), \
                            f"{place}: help lists {name} as {description!r}, the key goes to {bound}"
                    else:  # the widget's own: its class's binding, not another class's with the same key
                        assert owner._bindings.key_to_bindings[name][0].action == key.action, (place, name)
            if place == "4.1, a Ja/Nei row":  # F9: one binding, both meanings in help
                f9 = [description for keys, description in rows if keys == ["F9"]]
                assert any("egen plan" in d for d in f9) and any("møtet" in d for d in f9), f9
            if place == "the cell editor":  # the screen's Esc and the field's Ctrl+E are not the screen's there
                assert not any(description.startswith(("Tilbake", "Eksporter")) for _keys, description in rows)
            await close_help(pilot, focused)


async def test_a_wide_key_bar_shows_every_key_whose_rule_says_so(data_dir, workshop_id):
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1", user="ola")
    async with app.run_test(size=(240, 24)) as pilot:
        async for place in places(pilot, app):
            screen, focused = app.screen, app.focused
            editor = screen.query_one(CellEditor)
            owners = [focused, editor] if editor.is_open else [focused, screen]
            wanted = [f"{short_key(key.keys, key.shown_as)} {key.words(owner)}"
                      for owner in owners for key in declared(owner) if key.words(owner)]
            assert wanted, place
            for entry in wanted:
                assert entry in bar_line(app), f"{place}: {entry!r} not in {bar_line(app)!r}"


class WavingScreen(WorkshopScreen):
    """The workshop screen with one key more, declared in one place."""

    KEYS = [Key("f10", "wave", "Vink til rommet", "Vink", rank=5)]
    BINDINGS = bindings(KEYS)

    def action_wave(self) -> None:
        self.say("Hei fra F10!")


async def test_a_key_added_to_one_list_is_bound_in_the_bar_and_in_help(data_dir, workshop_id, monkeypatch):
    import intro_tui.tui.screens.workshop as workshop

    monkeypatch.setattr(workshop, "WorkshopScreen", WavingScreen)
    app = make_app(data_dir, workshop_id=workshop_id, section="4.1", user="ola")
    async with app.run_test(size=SIZE) as pilot:
        await on_table(pilot, app, "4.1")
        assert isinstance(app.screen, WavingScreen)
        await pilot_wait_until(pilot, lambda: "F10 Vink" in bar_line(app), what="the new key in the bar")
        focused = app.focused
        await open_help(pilot)
        assert (["F10"], "Vink til rommet") in help_rows(app)
        await close_help(pilot, focused)
        await pilot.press("f10")
        await pilot_wait_until(pilot, lambda: "Hei fra F10!" in screen_text(app), what="the new key's action")
