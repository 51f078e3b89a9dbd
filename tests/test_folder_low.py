"""Issue 16 point 10: the low findings in the shared folder and the command line, one test each."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import fails, ok, screen_text
from test_core_store import make, text_cells

from intro_tui.core import safe_fs
from intro_tui.core.store import index
from intro_tui.tui.app import make_app
from intro_tui.tui.screens.dialogs import ConfirmDialog

HOUR_AGO = time.time() - 2 * 3600


def age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, (HOUR_AGO, HOUR_AGO), follow_symlinks=False)


def forge_index(data_dir: Path, name: str, **summary) -> None:
    path = data_dir / index.INDEX_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["files"][name]["summary"].update(summary)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_forged_index_entry_cannot_point_at_another_workshop(store, data_dir):
    one, two = make(store, "Den første"), make(store, "Den andre")
    age(store.path(one.id), store.path(two.id))
    store.summaries()  # builds the index
    forge_index(data_dir, f"{one.id}.json", id=two.id, title="Forfalsket")
    listed, _ = store.summaries()
    assert sorted((w.id, w.title) for w in listed) == sorted([(one.id, "Den første"), (two.id, "Den andre")])


async def test_delete_asks_about_the_title_the_file_holds_not_the_index(store, data_dir):
    real = make(store, "Ekte tittel")
    age(store.path(real.id))
    store.summaries()
    forge_index(data_dir, f"{real.id}.json", title="Forfalsket")
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Ekte tittel" in app.screen.question and "Forfalsket" not in app.screen.question
        assert "Ekte tittel" in screen_text(app)


def test_temp_files_and_orphan_logs_of_killed_processes_are_swept(store, data_dir):
    workshop = make(store, "Blir")
    temp = data_dir / ".kopi-av-blir.json.tmp"  # a create killed before its rename
    temp.write_text("{halv", encoding="utf-8")
    fresh_temp = data_dir / ".blir.json.tmp"  # a save in progress right now: left alone
    fresh_temp.write_text("{", encoding="utf-8")
    orphan = data_dir / "borte.changes.jsonl"  # a workshop whose delete was killed halfway the other way
    orphan.write_text('{"op": "create"}\n', encoding="utf-8")
    age(temp)
    store.summaries()
    assert not temp.exists() and fresh_temp.exists()
    assert not orphan.exists()
    assert list((data_dir / ".deleted").glob("borte--*/borte.changes.jsonl"))
    assert store.load(workshop.id).title == "Blir"


@pytest.mark.slow  # runs the command line in a subprocess
@pytest.mark.parametrize("field", ["s", "r"])
def test_copy_and_show_of_a_file_with_a_number_as_key_fail_in_one_line(store, data_dir, run_cli, field):
    workshop = make(store, "Tallnøkkel")
    store.set_cell(workshop.id, *text_cells(store)[0], "x")
    path = store.path(workshop.id)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cells"]["1"][field] = 4
    path.write_text(json.dumps(data), encoding="utf-8")
    for command in (("copy", workshop.id), ("show", workshop.id)):
        fails(run_cli(*command), f"{workshop.id}.json", "skadet")


@pytest.mark.slow  # runs the command line in a subprocess
def test_english_errors_come_out_in_bokmal(store, data_dir, run_cli, tmp_path):
    workshop = make(store, "Norsk")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf{\"a\": ")
    message = fails(run_cli("import", str(bom)), "bom.json", "ugyldig JSON", "forventet en verdi")
    assert "Unexpected" not in message and "Expecting" not in message
    message = fails(run_cli("export", workshop.id, "--blank=ja"), "--blank", "tar ingen verdi")
    assert "ignored" not in message


def test_a_word_file_that_cannot_be_read_is_refused_in_bokmal(tmp_path, monkeypatch):
    from intro_tui.core import user_file
    from intro_tui.export.docx_reader import container

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "x.docx"))

    monkeypatch.setattr(user_file.os, "open", denied)  # every user file is opened there (one rule)
    with pytest.raises(container.ImportRefused) as caught:
        container.read_docx_bytes(tmp_path / "x.docx")
    assert "ingen tilgang" in str(caught.value) and "Permission" not in str(caught.value)


@pytest.mark.slow  # runs the command line in a subprocess
@pytest.mark.parametrize("value", ["- NAV tar ansvar", "-NAV", "--ikke-et-valg", "-5"])
def test_a_value_starting_with_a_dash_is_a_value(store, run_cli, value):
    workshop = make(store, "Strek")
    ok(run_cli("set", workshop.id, "4.1", "2", "Forslag", value))
    assert store.load(workshop.id).value("4.1", "interne", "r2", "forslag") == value
    row_value = value if not value.startswith("--") else "-" + value.lstrip("-")  # add-row: "--x" is an option typo
    ok(run_cli("add-row", workshop.id, "1.1", row_value))
    assert row_value in {v for (s, _, _, c), v in store.load(workshop.id).cells.items() if s == "1.1"}


def test_exports_folder_tilde_is_the_home_folder(store, data_dir, tmp_path):
    from conftest import run_intro_tui

    workshop = make(store, "Hjem")
    home = tmp_path / "hjem"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "INTRO_TUI_EXPORTS": "~"}
    result = run_intro_tui(data_dir, tmp_path, "export", workshop.id, "--format", "md", env=env)
    ok(result)
    assert (home / f"{workshop.id}.md").is_file()
    assert not (tmp_path / "~").exists()


@pytest.mark.slow  # runs the command line in a subprocess
def test_a_combining_mark_flood_is_capped(store, data_dir, run_cli):
    workshop = make(store, "Flom")
    address = text_cells(store)[0]
    flood = "a" + "\u0301" * 50_000 + "b"
    store.set_cell(workshop.id, *address, flood)
    assert store.load(workshop.id).value(*address) == "a" + "\u0301" * 4 + "b"
    path = store.path(workshop.id)  # a hand-edited file: capped as it is read
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cells"]["1"]["v"] = flood
    path.write_text(json.dumps(data), encoding="utf-8")
    assert len(store.load(workshop.id).value(*address)) == 6
    assert len(ok(run_cli("show", workshop.id, address[0]))) < 20_000
    assert safe_fs is not None


@pytest.mark.slow  # runs the command line in a subprocess
def test_an_import_with_a_key_twice_is_refused(store, run_cli, tmp_path):
    workshop = make(store, "Dobbel")
    exported = tmp_path / last_export(run_cli, workshop.id)
    text = exported.read_text(encoding="utf-8")
    twice = text.replace('"title": ', '"title": "Skjult", "title": ', 1)
    (tmp_path / "dobbel.json").write_text(twice, encoding="utf-8")
    fails(run_cli("import", str(tmp_path / "dobbel.json")), "dobbel.json", "«title» finnes to ganger")


def last_export(run_cli, workshop_id: str) -> str:
    return ok(run_cli("export", workshop_id, "--format", "json")).strip().splitlines()[-1]


@pytest.mark.slow  # runs the command line in a subprocess
def test_a_killed_two_file_import_run_again_imports_each_file_once(store, data_dir, run_cli, tmp_path):
    first, second = make(store, "Første"), make(store, "Andre")
    files = [str(tmp_path / last_export(run_cli, w.id)) for w in (first, second)]
    store.delete(first.id)
    store.delete(second.id)
    ok(run_cli("import", files[0]))  # as if killed before the second file
    ids = ok(run_cli("import", *files)).split()
    assert len(ids) == 2
    listed, _ = store.summaries()
    assert sorted(w.title for w in listed) == ["Andre", "Første"]
    assert sorted(ids) == sorted(w.id for w in listed)
