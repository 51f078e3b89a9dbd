"""A shared data folder whose members attack each other (issue 10), with the real CLI and real files.

Each test plants what a group member with a shell can plant - a symlink, a hard
link, a FIFO, a huge number, an escape sequence - and runs the real
``intro-tui`` in a subprocess.  What must hold: no write through a link we did
not create, no hang (every run has a timeout), no traceback, one Norwegian line
naming the file, exit code 2, and the other workshops keep working.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from intro_tui.core.model.workshop import Workshop

from conftest import fails

TIMEOUT = 30  # a hang (FIFO, /dev/zero) fails the test instead of blocking the suite


def make(store, title: str = "Verksted", template: str = "arbeidsrettet-lop") -> str:
    return store.create(Workshop(id="", title=title, template=template, kommune="Bærum", year=2026,
                                 units=["NAV"])).id


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 2), result.stderr


def raw(data_dir: Path, workshop_id: str) -> dict:
    return json.loads((data_dir / f"{workshop_id}.json").read_text(encoding="utf-8"))


def write_raw(data_dir: Path, workshop_id: str, data: dict) -> None:
    (data_dir / f"{workshop_id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


# -- 1. no write follows a symlink or goes through a hard link -------------------------------


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """Another member's private file (their ~/.bashrc)."""
    path = tmp_path / "victim-bashrc"
    path.write_text("# the victim's own settings\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def test_a_change_log_symlinked_to_a_private_file_is_refused_by_name(store, data_dir, run_cli, victim):
    wid = make(store)
    log = data_dir / f"{wid}.changes.jsonl"
    log.unlink()
    log.symlink_to(victim)
    before_ws = (data_dir / f"{wid}.json").read_bytes()
    line = fails(run_cli("set", wid, "1.3", "1", "Hovedansvarlig", "$(id > /tmp/pwned)", timeout=TIMEOUT),
                         f"{wid}.changes.jsonl", "symbolsk lenke")
    assert "endringen ble ikke lagret" in line
    assert victim.read_text(encoding="utf-8") == "# the victim's own settings\n"
    assert (data_dir / f"{wid}.json").read_bytes() == before_ws  # refused before the save, not after
    other = make(store, "Et annet")  # the other workshops keep working
    assert run_cli("set", other, "1.3", "1", "Hovedansvarlig", "NAV", timeout=TIMEOUT).returncode == 0


def test_a_change_log_hard_linked_to_a_private_file_is_refused(store, data_dir, run_cli, victim):
    wid = make(store)
    log = data_dir / f"{wid}.changes.jsonl"
    log.unlink()
    os.link(victim, log)
    fails(run_cli("set", wid, "1.3", "1", "Hovedansvarlig", "NAV", timeout=TIMEOUT), "harde lenker")
    assert victim.read_text(encoding="utf-8") == "# the victim's own settings\n"


def test_a_lock_file_symlinked_to_a_private_file_is_neither_truncated_nor_used(store, data_dir, run_cli, victim):
    wid = make(store)
    lock = data_dir / ".locks" / f"{wid}.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(victim)
    fails(run_cli("set", wid, "1.3", "1", "Hovedansvarlig", "NAV", timeout=TIMEOUT), f"{wid}.lock")
    assert victim.read_text(encoding="utf-8") == "# the victim's own settings\n"  # filelock opened it with O_TRUNC


def test_a_locks_folder_that_is_a_symlink_is_refused(store, data_dir, run_cli, tmp_path):
    wid = make(store)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for path in (data_dir / ".locks").iterdir():
        path.unlink()
    (data_dir / ".locks").rmdir()
    (data_dir / ".locks").symlink_to(elsewhere)
    fails(run_cli("set", wid, "1.3", "1", "Hovedansvarlig", "NAV", timeout=TIMEOUT), ".locks")
    assert list(elsewhere.iterdir()) == []


def test_a_workshop_file_symlinked_to_a_private_file_is_not_read_nor_copied(store, data_dir, run_cli, tmp_path):
    wid = make(store, "Privat")
    private = tmp_path / "private.json"
    private.write_bytes((data_dir / f"{wid}.json").read_bytes().replace(b"Privat", b"HEMMELIG"))
    private.chmod(0o600)
    secret = private.read_bytes()
    (data_dir / f"{wid}.json").unlink()
    (data_dir / f"{wid}.json").symlink_to(private)
    listing = run_cli("list", timeout=TIMEOUT)
    assert listing.returncode == 0 and "HEMMELIG" not in listing.stdout
    assert f"{wid}.json" in listing.stderr and "symbolsk lenke" in listing.stderr
    fails(run_cli("show", wid, timeout=TIMEOUT), f"{wid}.json", "symbolsk lenke")
    fails(run_cli("set", wid, "1.3", "1", "Hovedansvarlig", "NAV", timeout=TIMEOUT), f"{wid}.json")
    assert (data_dir / f"{wid}.json").is_symlink()  # untouched: no copy of the private file in the shared folder
    assert private.read_bytes() == secret


def test_writes_replace_only_regular_files_and_temp_files_never_follow_links(tmp_path, victim):
    from intro_tui.core.safe_fs import UnsafeFile, replace

    link = tmp_path / "ut.json"
    link.symlink_to(victim)
    with pytest.raises(UnsafeFile):
        replace(link, b"{}")
    assert victim.read_text(encoding="utf-8").startswith("# the victim")
    target = tmp_path / "w.json"
    (tmp_path / ".w.json.tmp").symlink_to(victim)  # a planted fixed temp name is unlinked, never opened
    replace(target, b"{}", tmp=tmp_path / ".w.json.tmp")
    assert target.read_bytes() == b"{}" and victim.read_text(encoding="utf-8").startswith("# the victim")


# -- 5. one hostile file does not take everything down --------------------------------------------


def _hostile_files(data_dir: Path) -> list[str]:
    names = []
    fifo = data_dir / "fifo.json"
    os.mkfifo(fifo)
    names.append(fifo.name)
    (data_dir / "nullen.json").symlink_to("/dev/zero")
    names.append("nullen.json")
    (data_dir / "sifre.json").write_text('{"workshop": {"1": {"year": ' + "9" * 5000 + "}}}", encoding="utf-8")
    names.append("sifre.json")
    (data_dir / "dypt.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    names.append("dypt.json")
    (data_dir / "uendelig.json").write_text('{"workshop": {"1": {"year": 1e999}}}', encoding="utf-8")
    names.append("uendelig.json")
    return names


def test_list_names_each_hostile_workshop_file_and_lists_the_rest(store, data_dir, run_cli):
    good = make(store, "Det gode verkstedet")
    names = _hostile_files(data_dir)
    result = run_cli("list", timeout=TIMEOUT)
    no_traceback(result)
    assert good in result.stdout
    for name in names:
        assert name in result.stderr, (name, result.stderr)
    assert run_cli("show", good, "1.3", timeout=TIMEOUT).returncode == 0


def test_hostile_templates_are_skipped_by_name_and_the_rest_load(store, data_dir, run_cli):
    good = make(store)
    folder = data_dir / "templates"
    folder.mkdir()
    os.mkfifo(folder / "fifo.json")
    (folder / "nullen.json").symlink_to("/dev/zero")
    (folder / "sifre.json").write_text('{"format": ' + "7" * 5000 + "}", encoding="utf-8")
    (folder / "dypt.json").write_text('{"parts": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    (folder / "hash.json").write_text(json.dumps({"format": "intro-tui-template", "schema": 1, "id": "x",
                                                  "title": "x", "parts": [{"id": "p", "sections": [
                                                      {"id": "s", "title": "s", "content": [{"type": []}]}]}]}))
    for command in (("templates",), ("show", good, "1.3"), ("list",)):
        result = run_cli(*command, timeout=TIMEOUT)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    result = run_cli("templates", timeout=TIMEOUT)
    for name in ("fifo.json", "nullen.json", "sifre.json", "dypt.json", "hash.json"):
        assert name in result.stderr, (name, result.stderr)
    assert "arbeidsrettet-lop" in result.stdout


# -- 2. clean on output ---------------------------------------------------------------------------

EVIL = "Tittel\x1b]2;PWNED\x07\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m\u202eslett\u202c"


def assert_clean(text: str) -> None:
    for bad in ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\x00"):
        assert bad not in text, (bad, text)


def test_escape_sequences_in_files_never_reach_the_terminal(store, data_dir, run_cli):
    wid = make(store)
    data = raw(data_dir, wid)
    data["workshop"]["1"]["title"] = EVIL
    data["workshop"]["1"]["kommune"] = "\x1b[2J" + "Bærum"
    data["cells"]["9999"] = {"s": "1.3", "b": "roller", "r": "r1", "c": "hovedansvarlig", "v": EVIL}
    write_raw(data_dir, wid, data)
    (data_dir / f"{wid}.changes.jsonl").write_text(
        json.dumps({"at": "x", "by": "\x1b]2;by\x07" + EVIL, "op": "set", "s": "1.3", "old": EVIL, "new": "\u202e"})
        + "\n", encoding="utf-8")
    outputs = [run_cli(*args, timeout=TIMEOUT) for args in
               (("list",), ("show", wid, "1.3"), ("log", wid), ("log", wid, "--format", "csv"))]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        assert_clean(result.stdout + result.stderr)
    assert "⟨U+202E⟩" in outputs[1].stdout  # bidi overrides shown as marks, not obeyed
    env_user = run_cli("set", wid, "1.3", "1", "Utfører", "x",
                       env={**os.environ, "INTRO_TUI_USER": "\x1b]2;ond\x07ola", "PYTHONIOENCODING": "utf-8"})
    assert env_user.returncode == 0, env_user.stderr
    assert_clean(run_cli("log", wid, timeout=TIMEOUT).stdout)


def test_escape_sequences_in_templates_and_messages_are_cleaned(store, data_dir, run_cli):
    folder = data_dir / "templates"
    folder.mkdir()
    template = json.loads((Path(__file__).parents[1] / "intro_tui" / "templates" / "virksomhetsplan.json")
                          .read_text(encoding="utf-8"))
    template["id"], template["title"] = "egen", "Egen\x1b]2;PWNED\x07 mal\u202e"
    (folder / "egen.json").write_text(json.dumps(template), encoding="utf-8")
    (folder / "ond\x1b[31m.json").write_text("{", encoding="utf-8")
    result = run_cli("templates", timeout=TIMEOUT)
    assert result.returncode == 0
    assert "Egen" in result.stdout
    assert_clean(result.stdout + result.stderr)
    assert "ond[31m.json" in result.stderr  # named, without its ESC
    (folder / "ond\x1b[31m.json").unlink()
    assert_clean(fails(run_cli("show", "finnes\x1b]2;x\x07ikke", timeout=TIMEOUT)))


# -- 3. long titles ---------------------------------------------------------------------------------


def test_a_title_over_the_limit_is_refused_where_entered_and_old_files_still_export(store, data_dir, run_cli, tmp_path):
    fails(run_cli("new", "arbeidsrettet-lop", "--title", "T" * 300, timeout=TIMEOUT), "for lang", "300")
    fails(run_cli("new", "arbeidsrettet-lop", "--title", "ok", "--kommune", "K" * 256, timeout=TIMEOUT),
                  "for lang")
    wid = make(store)
    data = raw(data_dir, wid)
    data["workshop"]["1"]["title"] = "Gammel " * 60  # what an old file or an old import may hold
    data["workshop"]["1"]["kommune"] = "K" * 400
    write_raw(data_dir, wid, data)
    result = run_cli("export", wid, "--format", "docx", "-o", str(tmp_path / "lang.docx"), timeout=120)
    assert result.returncode == 0, result.stderr
    import docx

    props = docx.Document(str(tmp_path / "lang.docx")).core_properties
    assert len(props.title) <= 255 and props.title.startswith("Gammel")


# -- 4. duplicate keys ------------------------------------------------------------------------------


def test_import_refuses_two_user_rows_with_one_key(store, data_dir, run_cli, tmp_path):
    wid = make(store)
    store.add_row(wid, "1.3", "roller", {"label": "Egen"})
    out = tmp_path / "eksport.json"
    assert run_cli("export", wid, "-o", str(out), timeout=TIMEOUT).returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    block = next(b for s in doc["sections"] if s["id"] == "1.3" for b in s["blocks"] if b["id"] == "roller")
    block["rows"].append(dict(next(r for r in block["rows"] if r.get("user"))))
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = sorted(p.name for p in data_dir.iterdir())
    fails(run_cli("import", str(out), timeout=TIMEOUT), "finnes to ganger")
    assert sorted(p.name for p in data_dir.iterdir()) == before


def test_a_hand_written_file_with_duplicate_row_keys_is_an_error_naming_the_file(store, data_dir, run_cli):
    wid = make(store)
    data = raw(data_dir, wid)
    data["rows"] = {"1": {"s": "1.3", "b": "roller", "r": "uabc", "o": 1}, "2": {"s": "1.3", "b": "roller", "r": "uabc", "o": 2}}
    write_raw(data_dir, wid, data)
    fails(run_cli("show", wid, "1.3", timeout=TIMEOUT), f"{wid}.json", "to ganger")
    data["rows"] = {"1": {"s": "1.3", "b": "roller", "r": "r1", "o": 1}}  # a template row's key
    write_raw(data_dir, wid, data)
    fails(run_cli("show", wid, "1.3", timeout=TIMEOUT), f"{wid}.json", "to ganger")


def test_a_file_over_the_byte_limit_is_named_not_read(store, data_dir, run_cli):
    good = make(store)
    with open(data_dir / "stor.json", "wb") as handle:  # sparse: 17 MB on paper, nothing on disk
        handle.truncate(17 * 1024 * 1024)
    result = run_cli("list", timeout=TIMEOUT)
    assert result.returncode == 0 and good in result.stdout
    assert "stor.json" in result.stderr and "for stor" in result.stderr


async def test_the_home_screen_names_hostile_files_and_lists_the_rest(store, data_dir):
    from intro_tui.tui.app import make_app

    good = make(store, "Det gode verkstedet")
    names = _hostile_files(data_dir)
    app = make_app(data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problems = str(app.screen.query_one("#problems").render())
        for name in names:
            assert name in problems
        assert app.screen.query_one("#workshops").row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.session.workshop_id == good


def test_a_long_title_from_the_edit_dialog_is_refused_with_a_message(store):
    from intro_tui.core.model.values import ValueProblem

    wid = make(store)
    with pytest.raises(ValueProblem, match="tittelen er for lang"):
        store.update_meta(wid, title="T" * 256)
    with pytest.raises(ValueProblem, match="kommunenavnet er for lang"):
        store.update_meta(wid, kommune="K" * 256)
