"""Two real Unix accounts sharing one data folder (docs/ssh.md), and a third outside the group.

Created here with ``useradd`` when the tests run as root (CI does) and removed
afterwards; skipped with the reason otherwise.  Every command runs as that
account through ``runuser``, with ``umask 002`` as the shared-folder setup
asks: "ola" and "kari" are in one group that owns the data folder (setgid),
"per" is not.

What is attacked: kari (a group member with a shell) plants symlinks in the
shared folder that point into ola's home; ola's next edit must refuse them by
name and leave ola's files untouched.  per cannot read the folder: every
command is one Norwegian line and exit code 2, and so is the app start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest

from conftest import ok

ROOT = Path(__file__).resolve().parents[1]


def _skip_reason() -> str | None:
    if os.geteuid() != 0:
        return "needs root to create two Unix accounts (useradd); CI runs as root"
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "runuser"):
        if shutil.which(tool) is None:
            return f"{tool} not installed"
    return None


pytestmark = [pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or ""), pytest.mark.slow]


def _world_can_run(path: Path) -> bool:
    """Every folder on the way traversable and the file executable by others (a pyenv under /root is not)."""
    path = Path(os.path.realpath(path))
    return all(os.stat(p).st_mode & 0o001 for p in [*path.parents, path])


def interpreter() -> tuple[str, str]:
    """A Python the test accounts can run, and the PYTHONPATH that finds intro_tui and its dependencies.

    The test venv's own interpreter if others may run it; else the system
    ``python3`` of the same minor version over the venv's site-packages and
    this checkout - or, when those sit under a folder other accounts cannot
    enter (a clone under a 0700 temp folder, as CI may make), over a
    world-readable copy of them.
    """
    extra = os.environ.get("PYTHONPATH", "")
    if _world_can_run(Path(sys.executable)):
        return sys.executable, extra
    system = shutil.which("python3", path="/usr/local/bin:/usr/bin:/bin")
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    if system is None or subprocess.run([system, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                        capture_output=True, text=True).stdout.strip() != version:
        pytest.skip(f"the test Python ({sys.executable}) is not runnable by other accounts and no system python{version}")
    site = next(p for p in sys.path if p.endswith("site-packages") and p.startswith(sys.prefix))
    code, site = str(ROOT), site
    if not (_world_can_run(ROOT / "intro_tui" / "__init__.py") and _world_can_run(Path(site))):
        code, site = _readable_copy(Path(site))
    return system, os.pathsep.join(p for p in (extra, code, site) if p)


_COPIES: list[Path] = []


def _readable_copy(site: Path) -> tuple[str, str]:
    """intro_tui and the site-packages it needs, copied once under /tmp where other accounts may read them."""
    if not _COPIES:
        base = Path(tempfile.mkdtemp(prefix="intro-tui-code-", dir="/tmp"))
        skip = shutil.ignore_patterns("__pycache__", "playwright*", "hypothesis*", "pip*", "setuptools*", "_pytest",
                                      "pytest*", "*.dist-info")
        shutil.copytree(ROOT / "intro_tui", base / "code" / "intro_tui", ignore=skip)
        shutil.copytree(site, base / "site", ignore=skip, symlinks=True)
        for folder, _dirs, files in os.walk(base):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(Path(folder, name), 0o644)
        _COPIES.append(base)
    return str(_COPIES[0] / "code"), str(_COPIES[0] / "site")


@pytest.fixture(scope="module", autouse=True)
def _remove_copies():
    yield
    while _COPIES:
        shutil.rmtree(_COPIES.pop(), ignore_errors=True)


class Accounts:
    """ola and kari in one group, per outside it; a shared data folder under a world-traversable base."""

    def __init__(self):
        tag = uuid.uuid4().hex[:6]
        self.group = f"itg{tag}"
        self.names = {"ola": f"ito{tag}", "kari": f"itk{tag}", "per": f"itp{tag}"}
        self.base = Path(tempfile.mkdtemp(prefix="intro-tui-accounts-", dir="/tmp"))
        os.chmod(self.base, 0o755)
        self.data = self.base / "data"
        self.created: list[str] = []

    def create(self) -> "Accounts":
        subprocess.run(["groupadd", self.group], check=True)
        for who, name in self.names.items():
            home = self.base / f"home-{who}"
            groups = ["-G", self.group] if who != "per" else []
            subprocess.run(["useradd", "-M", "-d", str(home), "-s", "/bin/sh", *groups, name], check=True)
            self.created.append(name)
            home.mkdir(mode=0o700)
            shutil.chown(home, name, name)
        self.data.mkdir()
        shutil.chown(self.data, "root", self.group)
        os.chmod(self.data, 0o2770)
        return self

    def remove(self) -> None:
        for name in self.created:
            subprocess.run(["userdel", name], capture_output=True)
        subprocess.run(["groupdel", self.group], capture_output=True)
        shutil.rmtree(self.base, ignore_errors=True)

    def home(self, who: str) -> Path:
        return self.base / f"home-{who}"

    def run(self, who: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
        """``intro-tui --data-dir DATA ARGS`` as ``who``, umask 002, from their home."""
        python, pythonpath = interpreter()
        env = ["env", "-i", f"HOME={self.home(who)}", f"USER={self.names[who]}", "LANG=C.UTF-8",
               "PYTHONIOENCODING=utf-8", "PATH=/usr/local/bin:/usr/bin:/bin", "COLUMNS=200",
               f"PYTHONPATH={pythonpath}"]
        command = "umask 002 && cd \"$HOME\" && exec \"$@\""
        argv = ["runuser", "-u", self.names[who], "--", *env, "sh", "-c", command, "sh",
                python, "-m", "intro_tui", "--data-dir", str(self.data), *args]
        return subprocess.run(argv, capture_output=True, text=True, encoding="utf-8", timeout=timeout)


@pytest.fixture
def accounts():
    made = Accounts()
    try:
        yield made.create()
    finally:
        made.remove()


def one_line_exit_2(result, *words: str) -> str:
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.slow
def test_two_group_members_share_a_workshop_and_cannot_redirect_each_others_writes(accounts):
    wid = ok(accounts.run("ola", "new", "arbeidsrettet-lop", "--title", "Felles")).strip().splitlines()[-1]
    ok(accounts.run("kari", "set", wid, "1.3", "1", "Hovedansvarlig", "NAV"))  # the sharing itself works
    bashrc = accounts.home("ola") / ".bashrc"
    bashrc.write_text("# ola\n")
    shutil.chown(bashrc, accounts.names["ola"], accounts.names["ola"])
    os.chmod(bashrc, 0o600)

    # kari replaces the change log with a symlink to ola's ~/.bashrc ...
    log = accounts.data / f"{wid}.changes.jsonl"
    ok(subprocess.run(["runuser", "-u", accounts.names["kari"], "--", "sh", "-c",
                       f"rm -f '{log}' && ln -s '{bashrc}' '{log}'"], capture_output=True, text=True))
    # ... and ola's next edit (with a payload in the old value) must not append there
    one_line_exit_2(accounts.run("ola", "set", wid, "1.3", "1", "Hovedansvarlig", "$(id > /tmp/x)"),
                    f"{wid}.changes.jsonl", "symbolsk lenke")
    assert bashrc.read_text() == "# ola\n"

    # the lock file, the same way: never truncated, never used
    subprocess.run(["runuser", "-u", accounts.names["kari"], "--", "sh", "-c", f"rm -f '{log}'"], check=True)
    lock = accounts.data / ".locks" / f"{wid}.lock"
    ok(subprocess.run(["runuser", "-u", accounts.names["kari"], "--", "sh", "-c",
                       f"rm -f '{lock}' && ln -s '{bashrc}' '{lock}'"], capture_output=True, text=True))
    one_line_exit_2(accounts.run("ola", "set", wid, "1.3", "1", "Hovedansvarlig", "x"), f"{wid}.lock")
    assert bashrc.read_text() == "# ola\n"

    # a workshop file that is a symlink to ola's private file is neither shown nor copied into the folder
    private = accounts.home("ola") / "privat.json"
    shutil.copy(accounts.data / f"{wid}.json", private)
    shutil.chown(private, accounts.names["ola"], accounts.names["ola"])
    os.chmod(private, 0o600)
    secret = private.read_bytes()
    target = accounts.data / f"{wid}.json"
    ok(subprocess.run(["runuser", "-u", accounts.names["kari"], "--", "sh", "-c",
                       f"rm -f '{target}' && ln -s '{private}' '{target}'"], capture_output=True, text=True))
    one_line_exit_2(accounts.run("ola", "show", wid), f"{wid}.json", "symbolsk lenke")
    assert private.read_bytes() == secret and target.is_symlink()


def test_an_account_outside_the_group_gets_one_line_on_every_command(accounts):
    ok(accounts.run("ola", "new", "arbeidsrettet-lop", "--title", "Lukket"))
    for command in (("list",), ("templates",), ("show", "lukket"), ("new", "arbeidsrettet-lop", "--title", "x"),
                    ("log", "lukket"), ("delete", "lukket"), ()):
        result = accounts.run("per", *command)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        one_line_exit_2(result)
