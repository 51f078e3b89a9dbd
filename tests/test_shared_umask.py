"""Issue 16 point 9: in a setgid shared folder every member can write what another created, whatever the umask.

Two real accounts in one group over a ``chmod 2770`` data folder (docs/ssh.md;
accounts made with ``useradd`` when the suite runs as root, as
``tests/test_two_accounts.py`` does).  ola works with umask 077 (or 022); kari
must still edit, add rows to, delete and restore ola's workshops and create
her own.  A file that is not group-writable after all (made by an older
version) gives a message naming the file and its owner, not "the folder is
read-only"; a 0600 lock file nobody holds no longer blocks a workshop.
"""

from __future__ import annotations

import os
import stat
import subprocess
from typing import ClassVar

import pytest
from conftest import ok
from test_two_accounts import Accounts, interpreter, one_line_exit_2

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(os.geteuid() != 0, reason="needs root to create two Unix accounts (useradd)")]


class Umasked(Accounts):
    """The accounts of test_two_accounts, each running with its own umask."""

    umasks: ClassVar[dict[str, str]] = {"ola": "077", "kari": "002", "per": "002"}

    def run(self, who: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        python, pythonpath = interpreter()
        env = ["env", "-i", f"HOME={self.home(who)}", f"USER={self.names[who]}", "LANG=C.UTF-8",
               "PYTHONIOENCODING=utf-8", "PATH=/usr/local/bin:/usr/bin:/bin", "COLUMNS=200",
               f"PYTHONPATH={pythonpath}"]
        command = f"umask {self.umasks[who]} && cd \"$HOME\" && exec \"$@\""
        argv = ["runuser", "-u", self.names[who], "--", *env, "sh", "-c", command, "sh",
                python, "-m", "intro_tui", "--data-dir", str(self.data), *args]
        return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", timeout=timeout, check=False)

    def shell(self, who: str, script: str) -> None:
        ok(subprocess.run(["runuser", "-u", self.names[who], "--", "sh", "-c", script], capture_output=True, text=True,
                          check=False))


@pytest.fixture(params=["077", "022"])
def accounts(request):
    made = Umasked()
    made.umasks = dict(Umasked.umasks, ola=request.param)
    try:
        yield made.create()
    finally:
        made.remove()


def group_writable(path) -> bool:
    mode = os.lstat(path).st_mode
    return bool(mode & stat.S_IWGRP and mode & stat.S_IRGRP) and (not stat.S_ISDIR(mode) or bool(mode & stat.S_IXGRP))


def test_a_member_with_a_strict_umask_does_not_lock_the_others_out(accounts):
    data = accounts.data
    wid = ok(accounts.run("ola", "new", "arbeidsrettet-lop", "--title", "Olas")).strip().splitlines()[-1]
    ok(accounts.run("ola", "set", wid, "1.3", "1", "Hovedansvarlig", "NAV"))
    ok(accounts.run("ola", "add-row", wid, "1.1", "Behov"))
    ok(accounts.run("ola", "list"))
    made_by_ola = [data / f"{wid}.json", data / f"{wid}.changes.jsonl", data / ".locks", data / ".locks" / f"{wid}.lock"]
    for path in made_by_ola:
        assert group_writable(path), (path, oct(os.lstat(path).st_mode))
    ok(accounts.run("kari", "set", wid, "1.3", "1", "Hovedansvarlig", "NAV og kommunen"))
    ok(accounts.run("kari", "add-row", wid, "1.1", "Kari sin rad"))
    own = ok(accounts.run("kari", "new", "arbeidsrettet-lop", "--title", "Karis")).strip().splitlines()[-1]
    ok(accounts.run("ola", "set", own, "1.3", "1", "Hovedansvarlig", "ola i karis"))
    ok(accounts.run("kari", "delete", wid))
    assert group_writable(data / ".deleted")
    ok(accounts.run("ola", "restore", wid))
    ok(accounts.run("kari", "set", wid, "1.3", "1", "Hovedansvarlig", "etter restore"))
    assert "etter restore" in ok(accounts.run("ola", "show", wid, "1.3"))


def test_a_file_without_group_write_is_named_with_its_owner(accounts):
    data = accounts.data
    wid = ok(accounts.run("ola", "new", "arbeidsrettet-lop", "--title", "Olas")).strip().splitlines()[-1]
    accounts.shell("ola", f"chmod 600 '{data / (wid + '.changes.jsonl')}'")  # as an older version left it
    line = one_line_exit_2(accounts.run("kari", "set", wid, "1.3", "1", "Hovedansvarlig", "x"),
                           f"{wid}.changes.jsonl", accounts.names["ola"], "0600")
    assert "skrivebeskyttet" not in line


def test_a_0600_lock_file_nobody_holds_does_not_block_a_workshop(accounts):
    data = accounts.data
    wid = ok(accounts.run("kari", "new", "arbeidsrettet-lop", "--title", "Karis")).strip().splitlines()[-1]
    lock = data / ".locks" / f"{wid}.lock"
    accounts.shell("ola", f"rm -f '{lock}' && touch '{lock}' && chmod 600 '{lock}'")  # planted by a member
    ok(accounts.run("kari", "set", wid, "1.3", "1", "Hovedansvarlig", "NAV"))
    assert group_writable(lock)


def test_a_0600_lock_file_held_by_its_owner_is_named_with_the_owner(accounts):
    data = accounts.data
    wid = ok(accounts.run("kari", "new", "arbeidsrettet-lop", "--title", "Karis")).strip().splitlines()[-1]
    lock = data / ".locks" / f"{wid}.lock"
    accounts.shell("ola", f"rm -f '{lock}' && touch '{lock}' && chmod 600 '{lock}'")
    holder = subprocess.Popen(
        ["runuser", "-u", accounts.names["ola"], "--", interpreter()[0], "-c",
         ("import fcntl, sys, time; f = open(sys.argv[1], 'r+'); fcntl.flock(f, fcntl.LOCK_EX); "
          "print('held', flush=True); time.sleep(60)"), str(lock)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        line = one_line_exit_2(accounts.run("kari", "set", wid, "1.3", "1", "Hovedansvarlig", "x"),
                               f"{wid}.lock", accounts.names["ola"], "0600")
        assert "skrivebeskyttet" not in line
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
