"""Throw bad input at intro-tui and count how much of it fails cleanly (issue 10's attack, rerunnable).

Run from the repository root with the project's virtualenv::

    .venv/bin/python bench/attack.py              # ~6 min on a loaded 2-core machine
    .venv/bin/python bench/attack.py --fuzz 5000  # more random CLI arguments
    PYTHONPATH=/path/to/other/checkout .venv/bin/python bench/attack.py   # the same cases on other code

Three families, each case in a fresh data folder under a temp dir:

* **planted files** (real ``intro-tui`` processes): symlinks and hard links in
  place of the change log, lock, workshop and index files, FIFOs, ``/dev/zero``,
  files over the size limit, 5,000-digit numbers, 100,000-deep nesting,
  escape sequences, duplicate keys, each against ``list``, ``show``, ``set``,
  ``log``, ``templates``;
* **hostile import documents and export destinations** (real processes);
* **random CLI arguments** (in this process, ``intro_tui.cli.main`` with a
  20 s alarm): row, column, value and ``-o`` strings from a fixed-seed
  generator mixing digits of every script, control and bidi characters,
  5,000-digit numbers.

A case fails *cleanly* when it ends with exit code 0 or 2, no traceback, at most
one line per error on stderr, no raw ESC/C1/bidi character in the output, no
hang, and - for planted links - the file behind the link unchanged.  The summary
is the table README's "what we tested" section quotes.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore

BAD_OUTPUT = ("\x1b", "\x9b", "\x07", "\u202e", "\u2066")
TIMEOUT = 20


class Result:
    def __init__(self):
        self.by_family: dict[str, list[int]] = {}
        self.failures: list[str] = []

    def add(self, family: str, case: str, problem: str | None) -> None:
        counts = self.by_family.setdefault(family, [0, 0])
        counts[0] += 1
        if problem is None:
            counts[1] += 1
        else:
            self.failures.append(f"{family}: {case}: {problem}")


def judge(code: int | None, out: str, err: str) -> str | None:
    if code is None:
        return "hang"
    if "Traceback" in err:
        return "traceback: " + err.strip().splitlines()[-1][:120]
    if code not in (0, 2):
        return f"exit {code}"
    if any(ch in out + err for ch in BAD_OUTPUT):
        return "raw escape or bidi character in the output"
    errors = [line for line in err.splitlines() if line.strip()]
    if code == 2 and (not errors or not errors[-1].startswith("intro-tui: feil: ")):
        return "error not one line: " + err[:120]
    return None


def run(data: Path, *args: str, cwd: Path, env: dict | None = None) -> tuple[int | None, str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("INTRO_TUI_")}
    environ.update({"INTRO_TUI_USER": "angriper", "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", **(env or {})})
    try:
        proc = subprocess.run([sys.executable, "-m", "intro_tui", "--data-dir", str(data), *args], cwd=cwd,
                              env=environ, capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "", ""
    return proc.returncode, proc.stdout, proc.stderr


def fresh(base: Path, n: int) -> tuple[Path, str]:
    data = base / f"case{n}" / "data"
    data.mkdir(parents=True)
    store = WorkshopStore(data, load_catalog(data), user="ola")
    wid = store.create(Workshop(id="", title="Verksted", template="arbeidsrettet-lop", units=["NAV"])).id
    store.set_cell(wid, "1.3", "roller", "r1", "hovedansvarlig", "NAV")
    return data, wid


def plants(data: Path, wid: str, victim: Path) -> dict:
    """Name -> function that plants one hostile thing in ``data``."""
    ws, log, lock = data / f"{wid}.json", data / f"{wid}.changes.jsonl", data / ".locks" / f"{wid}.lock"

    def link(path: Path, to: Path | str):
        def plant():
            path.unlink(missing_ok=True)
            path.symlink_to(to)
        return plant

    def hard(path: Path):
        def plant():
            path.unlink(missing_ok=True)
            os.link(victim, path)
        return plant

    def content(path: Path, text: str):
        return lambda: path.write_text(text, encoding="utf-8")

    def edit(change):
        def plant():
            doc = json.loads(ws.read_text(encoding="utf-8"))
            change(doc)
            ws.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return plant

    def fifo(path: Path):
        def plant():
            path.unlink(missing_ok=True)
            os.mkfifo(path)
        return plant

    def big(path: Path):
        def plant():
            with open(path, "wb") as handle:
                handle.truncate(17 * 1024 * 1024)
        return plant

    escape = "\x1b]2;PWNED\x07\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m\u202eX\u202c"
    templates = data / "templates"
    return {
        "log symlink": link(log, victim), "log hard link": hard(log), "lock symlink": link(lock, victim),
        "workshop symlink": link(ws, victim), "workshop hard link": hard(ws), "index symlink": link(data / ".index.json", victim),
        "workshop -> /dev/zero": link(ws, "/dev/zero"), "workshop FIFO": fifo(ws), "log FIFO": fifo(log),
        "other -> /dev/zero": link(data / "null.json", "/dev/zero"), "other FIFO": fifo(data / "fifo.json"),
        "workshop 17 MB": big(ws), "5,000 digits": edit(lambda d: d["workshop"]["1"].update(year=int("9" * 4000))),
        "5,001 digits raw": content(data / "sifre.json", '{"a": ' + "9" * 5001 + "}"),
        "deep nesting": content(data / "dypt.json", "[" * 100_000 + "]" * 100_000),
        "1e999": content(data / "inf.json", '{"a": 1e999}'), "NaN": content(data / "nan.json", '{"a": NaN}'),
        "escapes in title": edit(lambda d: d["workshop"]["1"].update(title=escape, kommune=escape)),
        "escapes in a cell": edit(lambda d: d["cells"].update({"99": {"s": "1.3", "b": "roller", "r": "r1",
                                                                      "c": "nar", "v": escape}})),
        "escapes in the log": content(log, json.dumps({"at": escape, "by": escape, "op": "set", "old": escape}) + "\n"),
        "year is text": edit(lambda d: d["workshop"]["1"].update(year="tjue")),
        "year is a list": edit(lambda d: d["workshop"]["1"].update(year=[])),
        "title is a number": edit(lambda d: d["workshop"]["1"].update(title=7)),
        "schema -1": edit(lambda d: d["workshop"]["1"].update(schema=-1)),
        "duplicate user rows": edit(lambda d: d.update(rows={"1": {"s": "1.3", "b": "roller", "r": "uaa", "o": 1},
                                                               "2": {"s": "1.3", "b": "roller", "r": "uaa", "o": 2}})),
        "user row = template key": edit(lambda d: d.update(rows={"1": {"s": "1.3", "b": "roller", "r": "r1", "o": 1}})),
        "row order is text": edit(lambda d: d.update(rows={"1": {"s": "1.3", "b": "roller", "r": "ub", "o": "x"}})),
        "template FIFO": lambda: (templates.mkdir(exist_ok=True), os.mkfifo(templates / "t.json")),
        "template -> /dev/zero": lambda: (templates.mkdir(exist_ok=True), (templates / "z.json").symlink_to("/dev/zero")),
        "template 5,000 digits": lambda: (templates.mkdir(exist_ok=True),
                                          (templates / "d.json").write_text('{"schema": ' + "1" * 5000 + "}")),
        "template deep": lambda: (templates.mkdir(exist_ok=True), (templates / "n.json").write_text("[" * 100_000)),
        "template escapes": lambda: (templates.mkdir(exist_ok=True), (templates / "e\x1b[31m.json").write_text("{")),
        "template type []": lambda: (templates.mkdir(exist_ok=True), (templates / "y.json").write_text(json.dumps(
            {"format": "intro-tui-template", "schema": 1, "id": "y", "title": "y", "parts": [{"id": "p", "sections": [
                {"id": "s", "title": "s", "content": [{"type": []}]}]}]}))),
        "presence escapes": lambda: ((data / ".presence" / wid).mkdir(parents=True, exist_ok=True),
                                     (data / ".presence" / wid / "x.json").write_text(json.dumps({"name": escape, "pid": 10**40}))),
        "locks is a symlink": lambda: (shutil.rmtree(data / ".locks"), (data / ".locks").symlink_to(victim.parent)),
    }


def planted_family(base: Path, result: Result) -> None:
    n = 0
    probe_data, probe_wid = fresh(base, 10_000)
    names = list(plants(probe_data, probe_wid, base / "v"))
    for name in names:
        for command in (("list",), ("show", "{wid}", "1.3"), ("set", "{wid}", "1.3", "1", "Utfører", "x"),
                        ("log", "{wid}", "--format", "csv"), ("templates",), ("delete", "{wid}")):
            n += 1
            data, wid = fresh(base, n)
            victim = data.parent / "victim"
            victim.write_text("private\n")
            try:
                plants(data, wid, victim)[name]()
            except OSError as exc:
                result.add("planted files", name, f"could not plant: {exc}")
                continue
            args = [a.replace("{wid}", wid) for a in command]
            code, out, err = run(data, *args, cwd=data.parent)
            problem = judge(code, out, err)
            if problem is None and victim.read_text() != "private\n":
                problem = "wrote through a link"
            result.add("planted files", f"{name} / {' '.join(command)}", problem)


def import_family(base: Path, result: Result) -> None:
    data, wid = fresh(base, 20_000)
    out = data.parent / "doc.json"
    run(data, "export", wid, "-o", str(out), cwd=data.parent)
    doc = json.loads(out.read_text(encoding="utf-8"))

    def variant(change):
        copy = json.loads(json.dumps(doc))
        change(copy)
        return json.dumps(copy, ensure_ascii=False)

    docs = {
        "template []": variant(lambda d: d.update(template=[])), "template {}": variant(lambda d: d.update(template={})),
        "section id {}": variant(lambda d: d["sections"][0].update(id={})),
        "block id []": variant(lambda d: d["sections"][0]["blocks"][0].update(id=[])),
        "rows not a list": variant(lambda d: d["sections"][0]["blocks"][0].update(rows=7)),
        "row key {}": variant(lambda d: d["sections"][0]["blocks"][0]["rows"].append({"key": {}})),
        "schema -1": variant(lambda d: d.update(schema=-1)), "schema true": variant(lambda d: d.update(schema=True)),
        "schema 1e400": json.dumps(doc).replace('"schema": 1', '"schema": 1e400'),
        "5,000 digits": json.dumps(doc)[:-1] + ', "x": ' + "1" * 5000 + "}",
        "id with newline": variant(lambda d: d.update(id="ny\n")), "id ../x": variant(lambda d: d.update(id="../x")),
        "title 300": variant(lambda d: d.update(title="T" * 300)), "title escapes": variant(lambda d: d.update(title="\x1b]2;x\x07")),
        "year 10**100": variant(lambda d: d.update(year=10**100)), "year '2026'": variant(lambda d: d.update(year="2026")),
        "units not a list": variant(lambda d: d.update(units="NAV")),
        "nested 100,000": "[" * 100_000, "empty": "", "binary": "\udcff",
        "1,001 user rows": variant(lambda d: next(b for s in d["sections"] if s["id"] == "1.3" for b in s["blocks"])["rows"]
                                   .extend({"key": f"u{i:07x}", "user": True} for i in range(1001))),
    }
    for i, (name, text) in enumerate(docs.items()):
        path = data.parent / f"in{i}.json"
        path.write_text(text, encoding="utf-8", errors="surrogateescape")
        result.add("import documents", name, judge(*run(data, "import", str(path), cwd=data.parent)))
    fifo = data.parent / "fifo.json"
    os.mkfifo(fifo)
    for name, target in (("FIFO", str(fifo)), ("/dev/zero", "/dev/zero"), ("a folder", str(data.parent)),
                         ("missing", "/nope/x.json")):
        result.add("import documents", name, judge(*run(data, "import", target, cwd=data.parent)))
    existing = data.parent / "mine.md"
    for name, args in {
        "-o data folder": ("export", wid, "-o", str(data)), "-o a workshop": ("export", wid, "-o", str(data / f"{wid}.json"), "--force"),
        "log -o a workshop": ("log", wid, "-o", str(data / f"{wid}.json"), "--force"), "-o /dev/null": ("export", wid, "-o", "/dev/null", "--force"),
        "-o ~nosuchuser": ("export", wid, "-o", "~nosuchuser/x"), "-o /proc/sys/nope": ("export", wid, "-o", "/proc/sys/nope/x.md"),
        "-o existing": ("export", wid, "-o", str(existing)), "log -o existing": ("log", wid, "-o", str(existing)),
        "-o -": ("export", wid, "--format", "md", "-o", "-"),
    }.items():
        existing.write_text("mine")
        code, out, err = run(data, *args, cwd=data.parent)
        problem = judge(code, out, err)
        if problem is None and existing.read_text() != "mine":
            problem = "replaced an existing file"
        if problem is None and (not os.path.exists("/dev/null") or os.path.isfile("/dev/null")
                                or not (data / f"{wid}.json").read_text(encoding="utf-8").startswith("{")):
            problem = "a data file or /dev/null was replaced"
        result.add("export destinations", name, problem)
    for name, folder in (("data folder: symlink loop", data.parent / "loop"),
                         ("data folder: a file", out)):
        if name.endswith("loop"):
            folder.symlink_to(folder)
        for command in (("list",), ("templates",), ("show", "x"), ()):
            result.add("data folder", f"{name} / {' '.join(command) or 'app'}", judge(*run(folder, *command, cwd=data.parent)))


ALPHABET = "0123456789²③①٣,._ %-+eE\t\n\r\x1b\x9b\u202e\u2066~/.\\\"'$`*?[]{}aåæøÅ"


def fuzz_family(base: Path, result: Result, count: int, seed: int) -> None:
    from intro_tui.cli import main

    rng = random.Random(seed)
    data, wid = fresh(base, 30_000)
    os.chdir(data.parent)

    def word() -> str:
        kind = rng.random()
        if kind < 0.05:
            return "9" * rng.choice((20, 4300, 5000))
        if kind < 0.15:
            return "".join(chr(rng.randrange(1, 0x110000)) for _ in range(rng.randrange(1, 8))).replace("\x00", "")
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 12)))

    def alarm(signum, frame):
        raise TimeoutError

    signal.signal(signal.SIGALRM, alarm)
    for i in range(count):
        shape = i % 4
        words = [word() for _ in range(3)]
        words = [w if not w.startswith("-") else " " + w for w in words]
        args = (["set", wid, rng.choice(["1.3", "4.1", words[2]]), words[0], words[1], words[2]] if shape < 2 else
                ["export", wid, "--format", "md", "-o", "x" + words[0].replace("..", "")] if shape == 2 else
                ["add-row", wid, "1.3", words[0], words[1]])
        out, err = io.StringIO(), io.StringIO()
        signal.alarm(TIMEOUT)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(["--data-dir", str(data), *args])
            problem = judge(code, "", err.getvalue())  # stdout echoes the value the user typed, cleaned by design
        except TimeoutError:
            problem = "hang"
        except BaseException as exc:  # noqa: BLE001 - that is what we count
            problem = f"traceback: {exc.__class__.__name__}: {str(exc)[:80]}"
        finally:
            signal.alarm(0)
        result.add("random CLI arguments", repr(args[2:])[:80], problem)


def main_() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzz", type=int, default=2000, help="random CLI argument cases (default 2000)")
    parser.add_argument("--seed", type=int, default=10)
    options = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="intro-tui-attack-"))
    result = Result()
    started = time.monotonic()
    here = os.getcwd()
    try:
        planted_family(base, result)
        import_family(base, result)
        fuzz_family(base, result, options.fuzz, options.seed)
    finally:
        os.chdir(here)
        subprocess.run(["rm", "-rf", str(base)], check=False)
    total = sum(c[0] for c in result.by_family.values())
    clean = sum(c[1] for c in result.by_family.values())
    print(f"\nintro-tui attack run ({time.monotonic() - started:.0f} s)\n")
    print("| family | cases | failed cleanly |")
    print("| --- | --- | --- |")
    for family, (count, ok) in result.by_family.items():
        print(f"| {family} | {count:,} | {ok:,} |")
    print(f"| **all** | **{total:,}** | **{clean:,}** |")
    for failure in result.failures[:40]:
        print("  FAILED", failure)
    return 0 if clean == total else 1


if __name__ == "__main__":
    sys.exit(main_())
