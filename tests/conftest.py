"""Shared fixtures: every test gets its own data folder under ``tmp_path``.

``run_cli(*args)`` runs the real command line (``intro-tui --data-dir <data_dir>
...``: its ``main``, in this process, with its own environment, folder and
standard streams; ``process=True`` starts ``python -m intro_tui``) with
``cwd=tmp_path``, so default exports land in ``tmp_path/exports`` and nothing
touches the user's data.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.store.workshops import WorkshopStore


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: no inherited data/exports settings, a fixed user.

    No LibreOffice layout of Word exports (seconds each): the page-number tests ask for it themselves.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith("INTRO_TUI_")}
    env.update({"INTRO_TUI_USER": "test", "PYTHONIOENCODING": "utf-8", "COLUMNS": "200",
                "INTRO_TUI_NO_LIBREOFFICE": "1", **extra})
    return env


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


#: Commands that stay in their own process: they start an app or a server, and never return by themselves.
_OWN_PROCESS = {"open", "serve"}


def run_intro_tui(data_dir: Path, cwd: Path, *args: str, env: dict | None = None,
                  timeout: float = 60, process: bool = False) -> subprocess.CompletedProcess:
    """``python -m intro_tui --data-dir DATA ARGS...`` in ``cwd``; text mode, output captured.

    Run inside this test process (:func:`run_in_process`) unless ``process`` is true or the command starts an
    app or a server: a Python start-up per command line was a quarter of the suite's CPU time.  Tests of what
    only a process shows (a signal, a closed pipe, what gets imported) pass ``process=True``.
    """
    argv = ["--data-dir", str(data_dir), *args]
    if process or not args or args[0] in _OWN_PROCESS:
        return subprocess.run([sys.executable, "-m", "intro_tui", *argv], cwd=cwd, env=env or cli_env(),
                              capture_output=True, text=True, encoding="utf-8", timeout=timeout)
    return run_in_process(argv, cwd, env or cli_env())


def run_in_process(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """The command line's ``main(argv)`` as a process would run it: its environment, folder, standard streams
    (UTF-8, read back with universal newlines as ``text=True`` does), its exit code, and a traceback on
    standard error (exit 1) for an exception it lets out.  Everything is put back afterwards."""
    import io
    import traceback

    from intro_tui.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    saved = dict(os.environ), os.getcwd(), sys.stdin, sys.stdout, sys.stderr
    os.environ.clear()
    os.environ.update(env)
    os.chdir(cwd)
    sys.stdin = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    try:
        try:
            code = main(argv)
        except SystemExit as exc:
            if exc.code is None or isinstance(exc.code, int):
                code = exc.code or 0
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except Exception:  # what a process would print before it died
            traceback.print_exc(file=sys.stderr)
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        for stream in (sys.stdin, sys.stdout, sys.stderr):
            stream.detach()  # not closed with the wrapper: the output is read below
        environ, folder, sys.stdin, sys.stdout, sys.stderr = saved
        os.environ.clear()
        os.environ.update(environ)
        os.chdir(folder)

    def text(raw: io.BytesIO) -> str:
        return io.TextIOWrapper(io.BytesIO(raw.getvalue()), encoding="utf-8", newline=None).read()

    return subprocess.CompletedProcess([sys.executable, "-m", "intro_tui", *argv], code, text(out), text(err))


@pytest.fixture
def run_cli(tmp_path: Path, data_dir: Path):
    """``run_cli("show", "x")`` -> CompletedProcess, run in ``tmp_path`` on ``data_dir``."""

    def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
        return run_intro_tui(data_dir, tmp_path, *args, **kwargs)

    return run


@pytest.fixture(scope="session")
def cli_runner():
    """The same runner for module-scoped fixtures: ``cli_runner(data_dir, cwd, *args)``."""
    return run_intro_tui


@pytest.fixture
def store(data_dir: Path) -> WorkshopStore:
    return WorkshopStore(data_dir, load_catalog(data_dir), user="test")


def fresh_store(data_dir: Path) -> WorkshopStore:
    """A new store over the folder: what another process reads from the files, not what a test holds."""
    return WorkshopStore(data_dir, load_catalog(data_dir), user="test")


def ok(result: subprocess.CompletedProcess) -> str:
    """A CLI run that worked: exit 0 and no traceback; its standard output."""
    assert result.returncode == 0, f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr
    return result.stdout


def fails(result: subprocess.CompletedProcess, *words: str) -> str:
    """A CLI run refused as a user should see it: exit 2, one line with our prefix, no traceback, no
    control characters; the line holds ``words``.  Returns the line."""
    assert result.returncode == 2, f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("intro-tui: feil: "), lines[0]
    assert not any(ch < " " for ch in lines[0]), repr(lines[0])  # no control characters reach the terminal
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def last_line(result: subprocess.CompletedProcess) -> str:
    """The last line a CLI run that worked printed (``new`` and ``copy`` print the id last; ``export`` the path)."""
    lines = ok(result).strip().splitlines()
    return lines[-1] if lines else ""


def temp_files(folder: Path) -> list[str]:
    """Temp files left anywhere under ``folder`` (a write that was not finished, or not cleaned up)."""
    return sorted(p.name for p in folder.rglob("*.tmp"))


def screen_text(app) -> str:
    """What a person sees on the terminal right now: the composited screen as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip).rstrip() for strip in strips)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def skip_or_fail(reason: str) -> None:
    """Locally a missing tool or file is a skip (its reason shown: ``-rs``); under CI=true it is a failure."""
    if in_ci():
        pytest.fail(f"CI=true, but {reason}", pytrace=False)
    pytest.skip(reason)


#: The source documents the templates must stay faithful to (../shared/seeds beside the checkout).
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_file(name: str) -> Path:
    """A seed's path; a missing seed skips locally and fails in CI, where ../shared is always beside main."""
    path = SEEDS / name
    if not path.is_file():
        skip_or_fail(f"the seed {name} is not at {SEEDS}")
    return path


async def arrow_to(pilot, row: int, column: int):
    """Move the focused table's cursor with arrow keys, as a user does; returns the table."""
    table = pilot.app.focused
    at_row, at_column = table.cursor_coordinate
    keys = ["down"] * (row - at_row) + ["up"] * (at_row - row)
    keys += ["right"] * (column - at_column) + ["left"] * (at_column - column)
    if keys:
        await pilot.press(*keys)
    await pilot.pause()
    assert table.cursor_coordinate == (row, column), f"the arrows took the cursor to {table.cursor_coordinate}"
    return table


def pytest_collection_modifyitems(items) -> None:
    """Tests mark themselves ``slow`` (``@pytest.mark.slow``, or ``pytestmark`` for a whole module) when they
    start a process, a terminal, a browser or LibreOffice; ``-m "not slow"`` is the quick part.  The command
    line through ``run_cli`` runs in the test's own process (:func:`run_intro_tui`): quick, unless a test asks
    for a process (``process=True``) and marks itself."""
    del items


def wait_until(check, timeout: float = 30.0, what: str = "", interval: float = 0.05):
    """Poll ``check()`` until it returns something true and return that; fail after a generous ``timeout``.

    The wait instead of a fixed sleep (too short on a loaded machine, too long on an idle one) and of
    a wall-clock assert (how fast belongs in bench/): a test waits as long as it must, never longer.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what or check!r}: not so within {timeout} s (last: {result!r})")
        time.sleep(interval)


async def pilot_wait_until(pilot, check, what: str = "", timeout: float = 30.0, interval: float = 0.05):
    """:func:`wait_until` for a Pilot test: the app runs (``pilot.pause``) between the checks; a failure shows the screen."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"{what or check!r}: not so within {timeout} s (last: {result!r}); screen:\n"
                                 f"{screen_text(pilot.app)}")
        await pilot.pause(interval)


def lock_is_free(data_dir: Path, workshop_id: str) -> bool:
    """Nobody holds the workshop's lock now (a killed writer left none): the next write need not wait."""
    import fcntl

    path = data_dir / ".locks" / f"{workshop_id}.lock"
    if not path.exists():
        return True
    with open(path, "rb") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
    return True
