"""Issue 22 point 2: one write path - every write is checked for size on its result, and a commit
reads and decodes the file once; delete and restore work on any file, even one the reader refuses."""

from __future__ import annotations

import json

import pytest
from test_core_store import files, make, text_cells

from intro_tui.core import limits, safe_fs
from intro_tui.core.model.values import ValueProblem
from intro_tui.core.session import EditSession
from intro_tui.core.store import batch, codec
from intro_tui.core.store.errors import UnreadableWorkshop
from intro_tui.core.store.years import copy_for_next_year


def test_add_row_cannot_store_a_workshop_the_reader_refuses_and_such_a_file_still_deletes(store, data_dir):
    workshop = make(store, "Mange rader")
    batch.set_cells(store, workshop.id, [], [("1.1", "behov", {})] * limits.MAX_ROWS_PER_TABLE)
    before = files(data_dir)
    with pytest.raises(ValueProblem, match="høyst 1000"):
        store.add_row(workshop.id, "1.1", "behov", {"label": "en for mye"})
    with pytest.raises(ValueProblem, match="høyst 1000"):
        batch.set_cells(store, workshop.id, [], [("1.1", "behov", {})])
    assert files(data_dir) == before
    assert len(store.load(workshop.id).user_rows[("1.1", "behov")]) == limits.MAX_ROWS_PER_TABLE

    # A file written by hand past the limits: the reader refuses it, and delete and restore still work.
    data = json.loads(store.path(workshop.id).read_bytes())
    data["rows"]["99999"] = {"s": "1.1", "b": "behov", "r": "uffffffff", "o": 1.0}
    raw = json.dumps(data).encode()
    store.path(workshop.id).write_bytes(raw)
    with pytest.raises(UnreadableWorkshop):
        store.load(workshop.id)
    with pytest.raises(UnreadableWorkshop):
        store.add_row(workshop.id, "1.1", "behov")
    store.delete(workshop.id)
    assert not store.path(workshop.id).exists()
    assert store.restore(workshop.id) is None  # back, byte for byte, though the reader refuses it
    assert store.path(workshop.id).read_bytes() == raw


def test_every_write_is_checked_against_the_byte_limit_of_the_reader(store, data_dir):
    workshop = make(store, "Store tekster")
    big = "x" * 100_000
    edits = [(*address, big, None) for address in text_cells(store)[:170]]  # 17 MB > 16 MB
    before = files(data_dir)
    with pytest.raises(ValueProblem, match="MB"):
        batch.set_cells(store, workshop.id, edits)
    assert files(data_dir) == before
    batch.set_cells(store, workshop.id, edits[:150])  # 15 MB: stored, and the reader takes it
    assert len(store.load(workshop.id).cells) == 150
    assert store.path(workshop.id).stat().st_size <= safe_fs.MAX_FILE_BYTES


def test_the_cell_limit_holds_on_every_write(store, data_dir, monkeypatch):
    monkeypatch.setattr(limits, "MAX_CELLS", 5)
    workshop = make(store, "Få celler")
    for address in text_cells(store)[:5]:
        store.set_cell(workshop.id, *address, "ja")
    before = files(data_dir)
    with pytest.raises(ValueProblem, match="høyst 5"):
        store.set_cell(workshop.id, *text_cells(store)[5], "en for mye")
    with pytest.raises(ValueProblem, match="høyst 5"):
        store.add_row(workshop.id, "1.1", "behov", {"label": "rad"})
    assert files(data_dir) == before


def test_a_commit_reads_and_decodes_the_file_once_and_not_the_years_before(store, data_dir, monkeypatch):
    first = make(store, "Indikatorer 2026", fill=3)
    second = copy_for_next_year(store, first.id, year=2027)
    third = copy_for_next_year(store, second.id, year=2028)
    session = EditSession(store, third.id)
    assert [w.id for w in session.workshop.history] == [first.id, second.id]
    reads: list[str] = []
    decodes: list[str] = []
    real_read, real_decode = safe_fs.read_bytes, codec.decode_workshop
    monkeypatch.setattr(safe_fs, "read_bytes", lambda path, *a, **k: reads.append(path.name) or real_read(path, *a, **k))
    monkeypatch.setattr(codec, "decode_workshop", lambda path, data: decodes.append(path.name) or real_decode(path, data))
    address = text_cells(store)[10]
    session.set_cell(*address, "ny tekst")
    assert reads.count(f"{third.id}.json") == 1 and decodes == [f"{third.id}.json"]  # before: 2 reads, 2 decodes
    assert not [name for name in reads if name.startswith((first.id + ".", second.id + "."))]  # before: 1 + 1 each
    assert session.workshop.value(*address) == "ny tekst"
    assert [w.id for w in session.workshop.history] == [first.id, second.id]
    reads.clear()
    decodes.clear()
    session.add_row("1.1", "behov", {"label": "rad"})
    session.undo()
    assert decodes == [f"{third.id}.json"] * 2


def test_another_sessions_save_is_still_read(store, data_dir):
    workshop = make(store, "To økter")
    mine, theirs = EditSession(store, workshop.id), EditSession(type(store)(data_dir, store.catalog, "nav"), workshop.id)
    address = text_cells(store)[0]
    theirs.set_cell(*address, "fra dem")
    mine.set_cell(*text_cells(store)[1], "fra meg")
    assert mine.workshop.value(*address) == "fra dem"
    assert mine.workshop.value(*text_cells(store)[1]) == "fra meg"
