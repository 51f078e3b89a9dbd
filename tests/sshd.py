"""Real parts for tests: a throwaway OpenSSH server on 127.0.0.1, and terminals in tmux.

Not a test module.  :class:`SshServer` runs ``sshd -D -e -f <generated config>``
on a free high port of the loopback address only, with a generated host key,
a generated client key and every file (config, keys, pid file, log) under the
test's own folder; the machine's sshd, ``/etc/ssh`` and ``~/.ssh`` are never
read or touched.  Every login runs one ``ForceCommand`` - no shell, no
forwarding - the way docs/ssh.md deploys intro-tui.

:class:`Tmux` drives terminals on a private tmux socket (``tmux -L``), so the
keys go through a real pty, and ``capture-pane`` reads the screen as a person
sees it.  Both stop only what they started: the tmux server on their own
socket, sshd and its children by process id.

At the end, what intro-tui's workshop screen shows, read from a tmux pane:
which cell the cell editor is open on, and :func:`type_into_cell`, which moves
there with paced arrow keys and checks where the editor opened.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time

from conftest import skip_or_fail
import uuid
from pathlib import Path
from typing import Callable


SSHD_PATHS = ("/usr/sbin/sshd", "/usr/local/sbin/sshd")


def find_sshd() -> str | None:
    for path in SSHD_PATHS:
        if os.access(path, os.X_OK):
            return path
    return shutil.which("sshd")


def require_tools(*names: str) -> dict[str, str]:
    """Absolute paths of the tools (``sshd`` included), or skip/fail naming what is missing."""
    found, missing = {}, []
    for name in names:
        path = find_sshd() if name == "sshd" else shutil.which(name)
        if path:
            found[name] = path
        else:
            missing.append(name)
    if missing:
        skip_or_fail(f"not installed: {', '.join(missing)} (apt-get install openssh-server openssh-client tmux)")
    return found


def intro_tui_command() -> list[str]:
    """The installed ``intro-tui`` of the Python running the tests (its venv), as argv."""
    script = Path(sys.executable).parent / "intro-tui"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "intro_tui"]


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the kernel's ephemeral range: a high port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie no one has reaped yet counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            state = handle.read().rsplit(b")", 1)[1].split()[0]
        return state not in (b"Z", b"X")
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.02)
    return not _alive(pid)


def descendants(root: int) -> list[int]:
    """Process ids below ``root`` (children first-level first), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, queue = [], [root]
    while queue:
        for child in children.get(queue.pop(0), []):
            found.append(child)
            queue.append(child)
    return found


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


class SshdFailed(Exception):
    """sshd could not be started; the message says why (with its log)."""


class SshServer:
    """One sshd on 127.0.0.1:<free port> whose every login runs ``force_command``."""

    def __init__(self, folder: Path, force_command: list[str], *, accept_env: str = "COLORTERM INTRO_TUI_*"):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.force_command = force_command
        self.accept_env = accept_env
        self.user = pwd.getpwuid(os.geteuid()).pw_name
        self.host_key = self.folder / "ssh_host_ed25519_key"
        self.client_key = self.folder / "client_ed25519_key"
        self.authorized_keys = self.folder / "authorized_keys"
        self.config = self.folder / "sshd_config"
        self.pid_file = self.folder / "sshd.pid"
        self.log_path = self.folder / "sshd.log"
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self._known: list[int] = []

    # -- start -------------------------------------------------------------------

    def start(self, timeout: float = 15.0) -> "SshServer":
        sshd = find_sshd()
        if sshd is None:
            raise SshdFailed("sshd is not installed")
        for key in (self.host_key, self.client_key):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "intro-tui-test", "-f", str(key)],
                           check=True, capture_output=True, timeout=30)
        self.authorized_keys.write_text(self.client_key.with_suffix(".pub").read_text())
        if os.geteuid() == 0:  # privilege separation needs its (empty, root-owned) directory
            try:
                os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
            except OSError as exc:
                raise SshdFailed(f"cannot create /run/sshd (privilege separation directory): {exc}") from None
        last_error = ""
        for _attempt in range(3):  # the free port can be taken between our probe and sshd's bind
            self.port = free_port()
            self.config.write_text(self._config_text())
            check = subprocess.run([sshd, "-t", "-f", str(self.config)], capture_output=True, text=True, timeout=30)
            if check.returncode != 0:
                raise SshdFailed(f"sshd -t rejects the generated config: {(check.stderr or check.stdout).strip()}")
            log = open(self.log_path, "wb")
            self.proc = subprocess.Popen([sshd, "-D", "-e", "-f", str(self.config)], stdin=subprocess.DEVNULL,
                                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            log.close()
            if self._wait_listening(timeout):
                return self
            last_error = self.log_tail()
            self.stop()
            if "Address already in use" not in last_error:
                break
        raise SshdFailed(f"sshd did not start listening on 127.0.0.1:{self.port}: {last_error.strip()}")

    def _config_text(self) -> str:
        root = os.geteuid() == 0
        command = " ".join(shlex.quote(part) for part in self.force_command)
        lines = [
            f"Port {self.port}",
            "ListenAddress 127.0.0.1",
            "AddressFamily inet",
            f"HostKey {self.host_key}",
            f"PidFile {self.pid_file}",
            f"AuthorizedKeysFile {self.authorized_keys}",
            f"AllowUsers {self.user}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            f"PermitRootLogin {'prohibit-password' if root else 'no'}",
            "AllowTcpForwarding no",
            "AllowStreamLocalForwarding no",
            "AllowAgentForwarding no",
            "X11Forwarding no",
            "PermitTunnel no",
            "PermitTTY yes",
            "PermitUserEnvironment no",
            "PrintMotd no",
            "PrintLastLog no",
            "UseDNS no",
            "LoginGraceTime 30",
            "LogLevel VERBOSE",
            f"AcceptEnv {self.accept_env}",
            f"ForceCommand {command}",
        ]
        return "\n".join(lines) + "\n"

    def _wait_listening(self, timeout: float) -> bool:
        """Until sshd logs that it listens (no probe connection: newer sshd penalises those)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                return False
            if f"port {self.port}" in self.log_tail() and "listening" in self.log_tail().lower():
                return True
            time.sleep(0.02)
        return False

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    # -- clients -----------------------------------------------------------------

    def ssh_argv(self, *, send_env: tuple[str, ...] = ("COLORTERM", "INTRO_TUI_USER")) -> list[str]:
        """``ssh -tt`` into this server as a participant would (no user config, no known_hosts)."""
        argv = ["ssh", "-tt", "-F", "/dev/null", "-p", str(self.port), "-i", str(self.client_key),
                "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10"]
        for name in send_env:
            argv += ["-o", f"SendEnv={name}"]
        return argv + [f"{self.user}@127.0.0.1"]

    def sessions(self) -> list[int]:
        """Pids of what sshd runs for its connections (remembered, so stop() can end them)."""
        if self.proc is not None and self.proc.poll() is None:
            self._known = sorted(set(self._known) | set(descendants(self.proc.pid)))
        return list(self._known)

    def programs(self, word: str) -> list[int]:
        """Pids below sshd whose command line contains ``word`` (the forced command's processes)."""
        found = []
        for pid in self.sessions():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as handle:
                    if word.encode() in handle.read() and _alive(pid):
                        found.append(pid)
            except OSError:
                continue
        return found

    # -- stop --------------------------------------------------------------------

    def stop(self) -> None:
        """Stop sshd and whatever still runs below it (connections, their intro-tui), by pid."""
        if self.proc is None:
            return
        below = self.sessions()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        for pid in below:
            _signal(pid, signal.SIGHUP)
        for pid in below:
            if not wait_gone(pid, 2.0):
                _signal(pid, signal.SIGKILL)
        self.proc = None


def table_has_focus(screen: str) -> bool:
    """A table has the focus, so keys reach it: the editor line names a cell (``… · rad 1 · Hva``), or, in a
    table with no rows yet, the key bar offers its ``Ny rad``.

    The wait for this replaces a fixed sleep after the first frame (the first table takes the focus just after it).
    """
    return re.search(r" · rad \d+", screen) is not None or "Ny rad" in screen


class Tmux:
    """Terminals on a private tmux server (``tmux -L <unique socket>``), no user config, UTF-8 (``-u``)."""

    def __init__(self, prefix: str = "intro-tui-test"):
        self.socket = f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args], capture_output=True,
                              text=True, encoding="utf-8", errors="replace", timeout=20, check=check)

    def new(self, name: str, argv: list[str], *, env: dict[str, str] | None = None, width: int = 80,
            height: int = 24, keep_open: bool = False) -> int:
        """Start ``argv`` in a new detached session of ``width``x``height``; returns the pane's pid.

        The command is exec'd, so the pane's pid is the program itself.  With
        ``keep_open`` the pane survives the program (its last words stay
        readable for a failure message).
        """
        assignments = [f"{k}={v}" for k, v in (env or {}).items()]
        command = " ".join(shlex.quote(part) for part in ["env", *assignments, *argv])
        if keep_open:
            command = f"{command}; echo \"[exit $?]\"; sleep 600"
        else:
            command = "exec " + command
        for attempt in range(3):  # a new server can die while it starts on a loaded machine: once in ~30 runs
            result = self.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command,
                              check=False)
            if result.returncode == 0 or self.run("has-session", "-t", name, check=False).returncode == 0:
                return self.pane_pid(name)
            time.sleep(0.2 * (attempt + 1))
        raise AssertionError(f"tmux new-session {name!r} failed: exit {result.returncode}: {result.stderr.strip()}")

    def pane_pid(self, name: str) -> int:
        return int(self.run("display-message", "-p", "-t", name, "#{pane_pid}").stdout.strip())

    def screen(self, name: str) -> str:
        result = self.run("capture-pane", "-p", "-t", name, check=False)
        return result.stdout if result.returncode == 0 else f"[no pane: {result.stderr.strip()}]"

    def keys(self, name: str, *keys: str) -> None:
        """tmux key names: ``Enter``, ``Right``, ``Down``, ``Escape`` ..."""
        self.run("send-keys", "-t", name, *keys)

    def type(self, name: str, text: str) -> None:
        """Literal text, as typed."""
        self.run("send-keys", "-t", name, "-l", text)

    def wait_for(self, name: str, test: str | Callable[[str], bool], timeout: float, what: str = "") -> str:
        """Poll the screen until ``test`` (a substring or a predicate) holds; fail with the screen if not."""
        check = (lambda screen: test in screen) if isinstance(test, str) else test
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen(name)
            if check(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{what or test!r} not on screen {name!r} within {timeout} s; screen:\n{screen}")

    def kill_session(self, name: str) -> None:
        self.run("kill-session", "-t", name, check=False)

    def kill_server(self) -> None:
        self.run("kill-server", check=False)


# -- intro-tui's workshop screen, read from a pane ---------------------------------------

#: The columns of a role table ("Roller og ansvarsfordeling"), as the editor names them.
ROLE_COLUMNS = ("Hva", "Hoved-ansvarlig", "Utfører", "Involveres/informeres", "Når/hvor ofte")

_EDITOR_RE = re.compile(r"(\S+) rad (\d+) · (.+?) · ")


def editor_at(screen: str) -> tuple[int, str] | None:
    """(row number, column title) the cell editor is open on, or None when it is closed."""
    for line in screen.splitlines():
        match = _EDITOR_RE.search(line)
        if match:
            return int(match.group(2)), match.group(3)
    return None


def type_into_cell(tmux: Tmux, name: str, here: tuple[int, int], row: int, column: int, text: str, *,
                   columns: tuple[str, ...] = ROLE_COLUMNS, attempts: int = 4) -> None:
    """Move the table cursor from ``here`` to (``row``, ``column``) (0-based) and type ``text``, uncommitted.

    The arrow keys go one at a time with a pause, then the text; the cell the
    editor opened on is read from the screen, and on a wrong cell the edit is
    cancelled (Escape) and the move tried again from there - so a test about
    something else does not hang on key timing (the order of keys that arrive
    together is tested on its own: test_ssh.py's
    ``test_an_arrow_and_letters_in_one_packet_edit_the_cell_moved_to``).
    """
    r, c = here
    for _attempt in range(attempts):
        for key, count in (("Down", row - r), ("Up", r - row), ("Right", column - c), ("Left", c - column)):
            for _ in range(max(count, 0)):
                tmux.keys(name, key)
                time.sleep(0.12)
        time.sleep(0.25)
        tmux.type(name, text)
        screen = tmux.wait_for(name, lambda s: text in s and editor_at(s) is not None, 10,
                               f"the cell editor holding {text!r}")
        number, title = editor_at(screen)
        got = (number - 1, columns.index(title) if title in columns else -1)
        if got == (row, column):
            return
        tmux.keys(name, "Escape")  # wrong cell: cancel (nothing is saved) and move again from there
        time.sleep(0.5)
        r, c = got
    raise AssertionError(f"could not open the editor on row {row + 1}, {columns[column]} in {name!r}:\n"
                         f"{tmux.screen(name)}")
