"""The list index (``<data>/.index.json``) and the CLI fixes that came with it.

No mocks.  Whether a file was read again is seen from outside: the catalogue
loader handed to :func:`summaries` is called only when a file must be read, and
a file whose content changed behind the index's back (same size, mtime put
back with ``os.utime``) still shows its cached summary - the documented
trade-off - until a real save gives it a new mtime.

Files are dated a minute back before the first listing: a file modified in the
last :data:`RACY_NS` is read every time, never cached.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import cli_env, ok
from tabulate import tabulate

from intro_tui.core.model.catalog import BUILTIN_DIR, load_catalog
from intro_tui.core.model.layout import fill_count
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store import index
from intro_tui.core.store.index import INDEX_NAME, RACY_NS, WorkshopSummary, summaries
from intro_tui.core.store.storage import read_json
from intro_tui.core.store.workshops import WorkshopStore

ARB = "arbeidsrettet-lop"
IND = "malindikatorer"
ROOT = Path(__file__).resolve().parents[1]


# -- helpers ---------------------------------------------------------------------------------


def age(*paths: Path, seconds: float = 60) -> None:
    """Date files back, as if saved a while ago (so the index may cache them)."""
    then = time.time_ns() - int(seconds * 1e9)
    for path in paths:
        os.utime(path, ns=(then, then))


def age_all(data_dir: Path) -> None:
    age(*data_dir.glob("*.json"))
    if (data_dir / "templates").is_dir():
        age(*(data_dir / "templates").glob("*.json"))


class Loader:
    """The catalogue loader given to summaries(); counts how often a listing needed to read a file."""

    def __init__(self, data_dir: Path):
        self.catalog = load_catalog(data_dir)
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.catalog


def listing(data_dir: Path) -> tuple[index.Listing, int]:
    loader = Loader(data_dir)
    return summaries(data_dir, loader), loader.calls


def titles(found: index.Listing) -> dict[str, str]:
    return {w.id: w.title for w in found.workshops}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


def text_cells(store: WorkshopStore, template: str) -> list[tuple[str, str, str, str]]:
    """The free-text cells of a template's preset rows: (section, block, row, column)."""
    tpl = store.catalog.get(template)
    return [(s.id, b.id, r.key, c.id) for s in tpl.sections for b in s.blocks for r in b.rows
            for c in b.columns if c.type == "text" and not r.group]


def make(store: WorkshopStore, title: str, template: str = ARB, cells: int = 3) -> Workshop:
    """A stored workshop with a few free-text cells filled in (so the fill count is not 0)."""
    workshop = Workshop(id="", title=title, template=template, kommune="Asker", year=2026, units=["NAV"])
    for n, address in enumerate(text_cells(store, template)[:cells]):
        workshop.cells[address] = f"tekst {n}"
    return store.create(workshop)


def run(data_dir: Path, *args: str, cwd: Path, prefix: list[str] = ()) -> subprocess.CompletedProcess:
    """The CLI in a subprocess; ``prefix`` runs it as another user (see ``shared_dir``)."""
    return subprocess.run([*prefix, sys.executable, "-m", "intro_tui", "--data-dir", str(data_dir), *args], cwd=cwd,
                          env=cli_env(), capture_output=True, text=True, encoding="utf-8", timeout=60)


@pytest.fixture
def shared_dir():
    """(data folder, store, command prefix) for tests of file permissions.

    File modes do not stop root, so as root the CLI is run as ``nobody`` (with
    ``setpriv``) on a data folder outside pytest's private tmp folder.
    """
    if os.geteuid() != 0:
        prefix: list[str] = []
    elif shutil.which("setpriv"):
        prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        # The checkout or the interpreter may sit in a folder only root can
        # enter (a clone under a 0700 mktemp folder): then nobody cannot run it.
        probe = subprocess.run([*prefix, sys.executable, "-c", "import intro_tui"], capture_output=True, text=True)
        if probe.returncode != 0:
            pytest.skip(f"root, and the user nobody cannot run this checkout: {probe.stderr.strip()[-120:]}")
    else:
        pytest.skip("root, and no setpriv to run as another user")
    root = Path(tempfile.mkdtemp(prefix="intro-tui-index-"))
    root.chmod(0o755)
    data_dir = root / "data"
    data_dir.mkdir(mode=0o755)
    try:
        yield data_dir, WorkshopStore(data_dir, load_catalog(data_dir), user="test"), prefix
    finally:
        data_dir.chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


def list_as_before(store: WorkshopStore) -> str:
    """What ``intro-tui list`` printed before the index: every file read in full, fill_count per workshop."""
    workshops, _ = store.list()

    def one_line(text: str, limit: int = 40) -> str:
        text = " ".join(text.split())
        return text if len(text) <= limit else text[: limit - 1] + "…"

    rows = []
    for w in workshops:
        template = store.catalog.templates.get(w.template)
        if template is None:
            filled = "?"
        else:
            done, total = fill_count(template, w)
            filled = f"{round(100 * done / total) if total else 0} %"
        rows.append((w.id, one_line(w.title), w.template, one_line(w.kommune), w.year or "",
                     w.updated[:16].replace("T", " "), filled))
    return tabulate(rows, headers=["ID", "Tittel", "Mal", "Kommune", "År", "Endret", "Utfylt"], tablefmt="simple",
                    disable_numparse=True) + "\n"


# -- the index is used -----------------------------------------------------------------------


def test_unchanged_files_are_not_read_again(store, data_dir):
    alfa, beta = make(store, "Alfa"), make(store, "Beta", template=IND)
    age_all(data_dir)
    first, calls = listing(data_dir)
    assert calls == 1 and titles(first) == {alfa.id: "Alfa", beta.id: "Beta"}
    assert (data_dir / INDEX_NAME).is_file()
    written = (data_dir / INDEX_NAME).stat().st_mtime_ns

    second, calls = listing(data_dir)
    assert calls == 0, "nothing changed: no file read, the catalogue not even loaded"
    assert second.workshops == first.workshops and second.errors == []
    assert (data_dir / INDEX_NAME).stat().st_mtime_ns == written, "nothing changed: the index is not rewritten"


def test_same_size_and_restored_mtime_serve_the_cached_summary_until_a_real_save(store, data_dir):
    workshop = make(store, "Alfa")
    path = store.path(workshop.id)
    age_all(data_dir)
    assert titles(listing(data_dir)[0]) == {workshop.id: "Alfa"}

    # behind the index's back: same size, mtime put back -> the cached summary is still served (the trade-off)
    st = path.stat()
    raw = path.read_bytes()
    assert raw.count(b'"title": "Alfa"') == 1
    path.write_bytes(raw.replace(b'"title": "Alfa"', b'"title": "Omeg"'))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size
    found, calls = listing(data_dir)
    assert titles(found) == {workshop.id: "Alfa"} and calls == 0
    assert store.load(workshop.id).title == "Omeg"  # the file itself says otherwise

    # a real edit through the store gives the file a new mtime: the new title shows
    store.update_meta(workshop.id, title="Gamma")
    found, calls = listing(data_dir)
    assert titles(found) == {workshop.id: "Gamma"} and calls == 1


def test_a_changed_file_is_read_again_and_the_fill_count_follows(store, data_dir):
    workshop = make(store, "Fylles", cells=0)
    age_all(data_dir)
    (before,) = listing(data_dir)[0].workshops
    assert before.filled == 0 and before.total > 0 and before.filled_text == "0 %"
    template = store.catalog.get(ARB)
    store.set_cell(workshop.id, *text_cells(store, ARB)[0], "fylt")
    age_all(data_dir)
    found, calls = listing(data_dir)
    assert calls == 1 and found.workshops[0].filled == 1
    assert found.workshops[0].filled == fill_count(template, store.load(workshop.id))[0]


def test_a_file_saved_just_now_is_read_every_time_not_cached(store, data_dir):
    """Two saves in one tick of the file-system clock can leave the same mtime and size: see RACY_NS."""
    workshop = make(store, "Alfa")  # saved just now
    path = store.path(workshop.id)
    found, calls = listing(data_dir)
    assert titles(found) == {workshop.id: "Alfa"} and calls == 1
    assert workshop.id + ".json" not in json.loads((data_dir / INDEX_NAME).read_text())["files"]
    # a second save within the same tick, same size: simulated by putting the mtime back
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(b'"title": "Alfa"', b'"title": "Omeg"'))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    found, calls = listing(data_dir)
    assert titles(found) == {workshop.id: "Omeg"} and calls == 1
    assert RACY_NS >= 1_000_000_000


def test_a_deleted_workshop_disappears(store, data_dir):
    keep, gone = make(store, "Blir"), make(store, "Borte")
    age_all(data_dir)
    assert set(titles(listing(data_dir)[0])) == {keep.id, gone.id}
    store.delete(gone.id)
    found, calls = listing(data_dir)
    assert set(titles(found)) == {keep.id} and calls == 0
    assert list(json.loads((data_dir / INDEX_NAME).read_text())["files"]) == [f"{keep.id}.json"]


def test_a_workshop_copied_in_by_hand_shows(store, data_dir):
    first = make(store, "Første")
    age_all(data_dir)
    listing(data_dir)
    other = WorkshopStore(data_dir.parent / "elsewhere", store.catalog, user="test")
    copy = make(other, "Andre")
    os.replace(other.path(copy.id), data_dir / f"{copy.id}.json")
    found, calls = listing(data_dir)
    assert titles(found) == {first.id: "Første", copy.id: "Andre"} and calls == 1


# -- a broken or foreign index ----------------------------------------------------------------


@pytest.mark.parametrize("content", [
    b"{ not json", b"", b"\xff\xfe", b"[1, 2]", b'{"format": "noe annet", "files": {}}',
    b'{"format": "intro-tui-list-index", "version": 999, "basis": [], "template_errors": [], "files": {}}',
], ids=["garbage", "empty", "binary", "list", "foreign", "other-version"])
def test_a_corrupt_or_foreign_index_is_ignored_and_rebuilt(store, data_dir, content):
    alfa = make(store, "Alfa")
    age_all(data_dir)
    (data_dir / INDEX_NAME).write_bytes(content)
    found, calls = listing(data_dir)
    assert titles(found) == {alfa.id: "Alfa"} and calls == 1
    rebuilt = json.loads((data_dir / INDEX_NAME).read_text(encoding="utf-8"))
    assert rebuilt["format"] == "intro-tui-list-index" and f"{alfa.id}.json" in rebuilt["files"]
    assert listing(data_dir)[1] == 0


def test_a_damaged_entry_is_dropped_and_its_file_read_again(store, data_dir):
    alfa, beta = make(store, "Alfa"), make(store, "Beta")
    age_all(data_dir)
    listing(data_dir)
    path = data_dir / INDEX_NAME
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["files"][f"{alfa.id}.json"]["summary"]["filled"] = "mye"
    stored["files"][f"{beta.id}.json"] = ["ikke", "en", "post"]
    path.write_text(json.dumps(stored), encoding="utf-8")
    found, calls = listing(data_dir)
    assert titles(found) == {alfa.id: "Alfa", beta.id: "Beta"} and calls == 1
    assert all(w.filled_text.endswith(" %") for w in found.workshops)
    assert listing(data_dir)[1] == 0


# -- unreadable workshop files -----------------------------------------------------------------


def test_an_unreadable_file_is_reported_every_time_and_never_modified(store, data_dir):
    from test_core_store import _bad_files  # one file of each unreadable kind

    expected = _bad_files(store, data_dir)
    good = make(store, "God")
    age_all(data_dir)
    before = {k: v for k, v in snapshot(data_dir).items() if k != INDEX_NAME}
    old_workshops, old_errors = store.list()
    for round_ in (1, 2, 3):
        found, calls = listing(data_dir)
        assert calls == (1 if round_ == 1 else 0)  # the errors come from the index after the first time
        assert [str(e) for e in found.errors] == [str(e) for e in old_errors]
        assert sorted(e.path.name for e in found.errors) == sorted(f"{name}.json" for name in expected)
        for error in found.errors:
            assert expected[error.path.stem] in error.reason, str(error)
        assert [w.id for w in found.workshops] == [w.id for w in old_workshops] == [good.id]
    assert {k: v for k, v in snapshot(data_dir).items() if k != INDEX_NAME} == before


@pytest.mark.slow
def test_a_file_that_cannot_be_opened_is_not_cached(shared_dir):
    data_dir, store, other = shared_dir
    data_dir.chmod(0o777)  # the listing user may write the index
    locked = make(store, "Låst")
    path = store.path(locked.id)
    age_all(data_dir)
    path.chmod(0)
    try:
        result = run(data_dir, "list", cwd=data_dir.parent, prefix=other)
        ok(result)
        assert f"{path.name}: kan ikke leses" in result.stderr, result.stderr
        assert (data_dir / INDEX_NAME).is_file()
    finally:
        path.chmod(0o644)
    # chmod does not change the mtime: had the error been cached, it would still be reported
    result = run(data_dir, "list", cwd=data_dir.parent, prefix=other)
    assert locked.id in ok(result) and result.stderr == ""


def test_the_reason_words_for_a_file_that_cannot_be_opened_match_the_reader(tmp_path):
    with pytest.raises(Exception) as caught:
        (tmp_path / "fil").write_text("x")
        read_json(tmp_path / "fil" / "x.json")  # open() fails with an OSError (ENOTDIR), as for missing permissions
    assert str(caught.value).startswith(index._OS_REASON)


# -- a data folder we may not write to --------------------------------------------------------


@pytest.mark.parametrize("with_index", [False, True])
@pytest.mark.slow
def test_a_read_only_data_folder_still_lists(shared_dir, with_index):
    data_dir, store, other = shared_dir
    alfa, beta = make(store, "Alfa"), make(store, "Beta")
    age_all(data_dir)
    if with_index:
        listing(data_dir)
        store.update_meta(beta.id, title="Beta 2")  # so the index would need writing
    before = snapshot(data_dir)
    data_dir.chmod(0o555)
    try:
        printed = ok(run(data_dir, "list", cwd=data_dir.parent, prefix=other))
        assert snapshot(data_dir) == before
    finally:
        data_dir.chmod(0o755)
    assert alfa.id in printed and ("Beta 2" if with_index else "Beta") in printed


# -- templates: the fill count depends on them -------------------------------------------------


def test_a_template_change_recomputes_the_fill_count(store, data_dir):
    own = data_dir / "templates"
    own.mkdir()
    source = json.loads((BUILTIN_DIR / "virksomhetsplan.json").read_text(encoding="utf-8"))
    source["id"] = "egen-plan"
    template_file = own / "egen-plan.json"
    template_file.write_text(json.dumps(source, ensure_ascii=False), encoding="utf-8")
    store = WorkshopStore(data_dir, load_catalog(data_dir), user="test")
    workshop = make(store, "Egen", template="egen-plan", cells=1)
    age_all(data_dir)
    (first,) = listing(data_dir)[0].workshops
    assert first.filled == 1 and first.filled_text != "?"

    hidden = data_dir / "egen-plan.bak"
    template_file.rename(hidden)  # the template is gone: the workshop's fill count is unknown
    found, calls = listing(data_dir)
    assert calls == 1 and found.workshops[0].filled_text == "?"
    hidden.rename(template_file)
    found, calls = listing(data_dir)
    assert calls == 1 and found.workshops[0] == first
    assert workshop.id == first.id


@pytest.mark.slow
def test_skipped_templates_are_still_warned_about_from_the_index(data_dir, tmp_path):
    own = data_dir / "templates"
    own.mkdir()
    (own / "odelagt.json").write_text("{", encoding="utf-8")
    age(own / "odelagt.json")
    for attempt in (1, 2):  # the second from the index, without loading the catalogue
        result = run(data_dir, "list", cwd=tmp_path)
        ok(result)
        assert "mal hoppet over" in result.stderr and "odelagt.json" in result.stderr, attempt
        assert (data_dir / INDEX_NAME).is_file()


def test_the_index_knows_where_the_builtin_templates_are():
    assert index.BUILTIN_TEMPLATES == BUILTIN_DIR
    assert all((index._PACKAGE / name).is_file() for name in index._CODE)


# -- the store and the CLI -------------------------------------------------------------------


def test_store_summaries_match_store_list(store, data_dir):
    from test_core_store import _bad_files

    _bad_files(store, data_dir)
    made = [make(store, f"Verksted {n}", template=(ARB, IND)[n % 2], cells=n) for n in range(5)]
    age_all(data_dir)
    for attempt in (1, 2):
        listed, errors = store.list()
        summarized, summary_errors = store.summaries()
        assert [s.id for s in summarized] == [w.id for w in listed]
        for summary, workshop in zip(summarized, listed):
            template = store.catalog.get(workshop.template)
            assert summary == WorkshopSummary.of(workshop, fill_count(template, workshop)), attempt
        assert [str(e) for e in summary_errors] == [str(e) for e in errors]
    assert len(made) == 5


def test_saves_do_not_touch_the_index(store, data_dir):
    workshop = make(store, "Alfa")
    age_all(data_dir)
    listing(data_dir)
    before = (data_dir / INDEX_NAME).read_bytes(), (data_dir / INDEX_NAME).stat().st_mtime_ns
    template = store.catalog.get(ARB)
    section = template.sections[0]
    block = section.blocks[0]
    store.update_meta(workshop.id, title="Beta")
    store.add_row(workshop.id, section.id, block.id, {}) if block.add_rows else None
    copy = store.duplicate(workshop.id, "Kopi")
    store.delete(copy.id)
    assert ((data_dir / INDEX_NAME).read_bytes(), (data_dir / INDEX_NAME).stat().st_mtime_ns) == before


@pytest.mark.slow
def test_cli_list_prints_what_it_printed_before(store, data_dir, tmp_path):
    from test_core_store import _bad_files

    bad = _bad_files(store, data_dir)
    for n in range(6):
        make(store, f"Verksted {n} " + "med en ganske lang tittel " * (n % 3), template=(ARB, IND)[n % 2], cells=n * 4)
    age_all(data_dir)
    expected = list_as_before(store)
    cold = run(data_dir, "list", cwd=tmp_path)
    assert (data_dir / INDEX_NAME).is_file()
    warm = run(data_dir, "list", cwd=tmp_path)
    assert ok(cold) == expected
    assert ok(warm) == expected
    assert warm.stderr == cold.stderr and len(warm.stderr.splitlines()) == len(bad)


@pytest.mark.slow
def test_cli_list_on_an_empty_or_missing_data_folder(tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    assert "Ingen verksteder ennå" in ok(run(empty, "list", cwd=tmp_path))
    assert "Ingen verksteder ennå" in ok(run(tmp_path / "finnes-ikke", "list", cwd=tmp_path))
    assert not (tmp_path / "finnes-ikke").exists()


LIST_IMPORTS = r"""
import sys
from intro_tui.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "tinydb", "filelock", "docx")
               or m in ("intro_tui.core.model.template_loader", "intro_tui.core.model.document", "intro_tui.core.model.layout",
                        "intro_tui.core.store.workshops", "intro_tui.core.model.catalog"))
print("HEAVY", heavy, file=sys.stderr)
sys.exit(code)
"""


@pytest.mark.slow
def test_cli_list_with_a_fresh_index_imports_little(store, data_dir, tmp_path):
    make(store, "Alfa")
    age_all(data_dir)
    env = cli_env(PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for _attempt in ("cold", "warm"):
        result = subprocess.run([sys.executable, "-c", LIST_IMPORTS, "--data-dir", str(data_dir), "list"],
                                cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
        assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stderr, result.stderr  # warm: no catalogue, no workshop decoding, no TinyDB


# -- add-row --table anywhere; set echoes values as the app shows them ---------------------------


@pytest.mark.slow
def test_add_row_takes_table_before_between_or_after_the_values(store, data_dir, tmp_path):
    workshop = make(store, "Rader")
    wid = workshop.id
    assert ok(run(data_dir, "add-row", wid, "4.1", "--table", "samarbeid", "Før", cwd=tmp_path)).strip() == "17"
    assert ok(run(data_dir, "add-row", wid, "4.1", "Etter", "--table", "samarbeid", cwd=tmp_path)).strip() == "18"
    assert ok(run(data_dir, "add-row", "--table", "samarbeid", wid, "4.1", "Først", cwd=tmp_path)).strip() == "19"
    assert ok(run(data_dir, "add-row", wid, "1.1", "Helse", "--table", "behov", "NAV", cwd=tmp_path)).strip() == "1"
    assert ok(run(data_dir, "add-row", wid, "1.1", "-5", cwd=tmp_path)).strip() == "2"  # a negative number is a value
    loaded = store.load(wid)
    labels = {loaded.value("4.1", "samarbeid", row.key, "label") for row in loaded.rows_added("4.1", "samarbeid")}
    assert labels == {"Før", "Etter", "Først"}
    (helse, minus) = loaded.rows_added("1.1", "behov")
    assert loaded.value("1.1", "behov", helse.key, "label") == "Helse"
    assert "NAV" in [v for (s, b, r, c), v in loaded.cells.items() if r == helse.key]
    assert loaded.value("1.1", "behov", minus.key, "label") == "-5"

    for args, words in ((["add-row", wid, "4.1", "x", "--tabel", "samarbeid"], "ukjente argumenter"),
                        (["add-row", wid], "SEKSJON"), (["add-row", wid, "4.1", "x"], "velg med --table")):
        result = run(data_dir, *args, cwd=tmp_path)
        assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert "VERDI" not in run(data_dir, "add-row", wid, cwd=tmp_path).stderr  # values stay optional


@pytest.mark.slow
def test_set_echoes_the_value_as_the_app_shows_it(store, data_dir, tmp_path):
    mid = make(store, "Mål", template=IND, cells=0).id
    assert ok(run(data_dir, "set", mid, "underveis", "1", "Resultat", "65,5", cwd=tmp_path)).strip().endswith(
        "Resultat: 65,5 %")
    assert ok(run(data_dir, "set", mid, "underveis", "1", "Mål", "65", cwd=tmp_path)).strip().endswith("Mål: 65 %")
    assert ok(run(data_dir, "set", mid, "underveis", "15", "Mål", "12", cwd=tmp_path)).strip().endswith("Mål: 12")
    assert ok(run(data_dir, "set", mid, "underveis", "15", "Mål", "", cwd=tmp_path)).strip().endswith("Mål: (tom)")
