"""A join code on the projector comes only from a live ``serve`` of this account (issue 16, point 7).

A member of the shared folder's group can write ``.serve/join.json``; what
they write must never put an address and a code on the leader's screen.
The real serve is checked in ``test_web.py`` (``read_join_info`` against a
running ``intro-tui serve``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from intro_tui.core.store import join_info
from intro_tui.core.store.join_info import (
    join_path,
    private_dir,
    read_join_info,
    write_join_info,
)


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)


def test_a_planted_join_file_shows_nothing(data_dir):
    join_path(data_dir).parent.mkdir(parents=True)
    join_path(data_dir).write_text(json.dumps({"url": "http://evil.example:8000", "code": "EVIL22",
                                               "pid": os.getpid(), "host": os.uname().nodename,
                                               "workshop": None, "secret": "guess"}))
    assert read_join_info(data_dir) is None


def test_the_serving_process_itself_and_only_with_its_secret(data_dir):
    write_join_info(data_dir, "http://127.0.0.1:8000", "K7QM4X", "mote")
    assert read_join_info(data_dir, "mote") == ("http://127.0.0.1:8000", "K7QM4X")
    assert read_join_info(data_dir, "annet") is None
    pointer = json.loads(join_path(data_dir).read_text())
    join_path(data_dir).write_text(json.dumps({**pointer, "secret": "0" * 32}))  # a member rewrites the pointer
    assert read_join_info(data_dir, "mote") is None


def test_an_entry_of_a_live_process_that_is_not_serve_shows_nothing(data_dir):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        write_join_info(data_dir, "http://127.0.0.1:8000", "K7QM4X", None)
        entry = json.loads((private_dir() / f"{os.getpid()}.json").read_text())
        entry.update(pid=sleeper.pid, started=join_info._start_time(sleeper.pid))
        (private_dir() / f"{sleeper.pid}.json").write_text(json.dumps(entry))
        os.chmod(private_dir() / f"{sleeper.pid}.json", 0o600)
        join_path(data_dir).write_text(json.dumps({"pid": sleeper.pid, "secret": entry["secret"]}))
        assert read_join_info(data_dir) is None, "a live pid that is not intro-tui serve"
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_private_entry_others_can_read_is_not_trusted(data_dir):
    write_join_info(data_dir, "http://127.0.0.1:8000", "K7QM4X", None)
    assert read_join_info(data_dir) is not None
    os.chmod(private_dir() / f"{os.getpid()}.json", 0o644)
    assert read_join_info(data_dir) is None
    os.chmod(private_dir() / f"{os.getpid()}.json", 0o600)
    os.chmod(private_dir(), 0o755)
    assert read_join_info(data_dir) is None
