"""Issue 16 points 6 and 10: restore takes only regular files from real folders in ``.deleted``,
the newest by sequence (not by a clock), and a restore killed halfway is finished by a retry."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_core_store import make, text_cells

from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import changelog, trash
from intro_tui.core.store.errors import StoreError
from intro_tui.core.store.workshops import WorkshopStore


@pytest.fixture
def private(tmp_path: Path, store) -> Path:
    """The victim's private folder, holding a real workshop file of her own (and its log)."""
    folder = tmp_path / "privat"
    folder.mkdir(mode=0o700)
    mine = WorkshopStore(folder, store.catalog, user="offer")
    mine.create(Workshop(id="hemmelig", title="Privat", template="arbeidsrettet-lop"))
    return folder


def _unmoved(private: Path) -> None:
    assert (private / "hemmelig.json").is_file() and (private / "hemmelig.changes.jsonl").is_file()


@pytest.mark.slow  # runs the command line in a subprocess
def test_a_planted_deleted_folder_symlink_moves_nothing_out_of_a_private_folder(store, data_dir, private, run_cli):
    make(store, "Noe annet")  # .deleted need not exist yet; make it as a member would
    (data_dir / ".deleted").mkdir(exist_ok=True)
    os.symlink(private, data_dir / ".deleted" / "hemmelig--999999-20990101T000000000000Z-abcdef")
    with pytest.raises(StoreError, match="fant ikke"):
        store.restore("hemmelig")
    result = run_cli("restore", "hemmelig")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    _unmoved(private)
    assert not (data_dir / "hemmelig.json").exists()


def test_symlinked_files_inside_a_real_deleted_folder_are_not_moved(store, data_dir, private):
    folder = data_dir / ".deleted" / "hemmelig--999999-20990101T000000000000Z-abcdef"
    folder.mkdir(parents=True)
    os.symlink(private / "hemmelig.json", folder / "hemmelig.json")
    os.symlink(private / "hemmelig.changes.jsonl", folder / "hemmelig.changes.jsonl")
    with pytest.raises(StoreError):
        store.restore("hemmelig")
    _unmoved(private)
    assert not os.path.lexists(data_dir / "hemmelig.json")


def test_a_deleted_folder_that_is_a_symlink_is_not_used(store, data_dir, private):
    inner = private / "hemmelig--000001-20260101T000000000000Z-abcdef"
    inner.mkdir()
    os.rename(private / "hemmelig.json", inner / "hemmelig.json")
    os.symlink(private, data_dir / ".deleted")
    with pytest.raises(StoreError):
        store.restore("hemmelig")
    assert (inner / "hemmelig.json").exists()


def test_restore_picks_the_newest_deletion_even_after_the_clock_went_back(store, data_dir, monkeypatch):
    clock = iter([datetime(2026, 11, 26, 12, tzinfo=UTC), datetime(2026, 11, 26, 11, tzinfo=UTC)])

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return next(clock)

    monkeypatch.setattr(trash, "datetime", Clock)
    address = text_cells(store)[0]
    older = make(store, "Samme navn")
    store.set_cell(older.id, *address, "eldre")
    store.delete(older.id)
    newer = make(store, "Samme navn")
    assert newer.id == older.id
    store.set_cell(newer.id, *address, "nyere")
    store.delete(newer.id)
    monkeypatch.undo()
    restored = store.restore(older.id)
    assert restored is not None and restored.value(*address) == "nyere"


def test_a_killed_restore_retried_keeps_the_workshop_with_its_log(store, data_dir):
    workshop = make(store, "Med logg")
    store.set_cell(workshop.id, *text_cells(store)[0], "før sletting")
    log_before = (data_dir / f"{workshop.id}.changes.jsonl").read_bytes()
    folder = store.delete(workshop.id)
    # The restore was killed right after moving the log back, before the workshop.
    os.rename(folder / f"{workshop.id}.changes.jsonl", data_dir / f"{workshop.id}.changes.jsonl")
    restored = store.restore(workshop.id)
    assert restored is not None and restored.value(*text_cells(store)[0]) == "før sletting"
    assert (data_dir / f"{workshop.id}.changes.jsonl").read_bytes() == log_before
    assert [e["op"] for e in changelog.read(store.changes_path(workshop.id))] == ["create", "set"]
    assert not trash.deleted(data_dir, workshop.id)


def test_an_orphan_log_of_a_killed_delete_is_still_retired_before_a_restore(store, data_dir):
    workshop = make(store, "Gammel")
    store.delete(workshop.id)
    (data_dir / f"{workshop.id}.changes.jsonl").write_text('{"op": "fremmed"}\n', encoding="utf-8")
    store.restore(workshop.id)
    assert [e["op"] for e in changelog.read(store.changes_path(workshop.id))] == ["create"]


def test_deleted_folder_names_are_utc_with_a_sequence(store, data_dir):
    workshop = make(store, "Navn")
    first = store.delete(workshop.id)
    make(store, "Navn")
    second = store.delete(workshop.id)
    assert first.name.split("--")[1].startswith("000001-") and second.name.split("--")[1].startswith("000002-")
    assert first.name.split("-")[-2].endswith("Z")

