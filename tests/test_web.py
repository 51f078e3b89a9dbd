"""``intro-tui serve`` with real parts: the server process, HTTP from Python, a headless Chromium, tmux.

The gate is tested from the outside: wrong, empty and slowed codes, a bad
name, an unknown URL and 200 connections at once must all be refused
without an app process starting beyond ``--max-participants`` (the
processes are counted below the server's pid in /proc).  Then a real
Chromium (Debian's ``chromium``, driven by Playwright) joins with the code,
types into a cell, and a tmux session on the same workshop must show the
value within a second; Ctrl+E, Enter in the browser downloads a docx that
python-docx reads.  Under ``CI=true`` a browser that cannot start fails the
test with the reason; locally it skips.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import skip_or_fail
from sshd import Tmux, descendants, free_port, intro_tui_command, require_tools

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.core.store.workshops import WorkshopStore


pytestmark = pytest.mark.slow  # processes, terminals, a browser or LibreOffice

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


class Served:
    def __init__(self, data_dir: Path, *extra: str, cwd: Path | None = None):
        self.port = free_port()
        self.proc = subprocess.Popen([*intro_tui_command(), "--data-dir", str(data_dir), "serve", "--port",
                                      str(self.port), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, cwd=cwd)
        self.address = self._line("Adresse: ")
        self.code = self._line("Kode: ")

    def _line(self, prefix: str) -> str:
        line = self.proc.stdout.readline()
        assert line.startswith(prefix), f"expected {prefix!r}, got {line!r}; stderr: {self.proc.stderr.read()}"
        return line[len(prefix):].strip()

    def wait_listening(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.address, timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("serve did not listen")

    def app_processes(self) -> list[int]:
        found = []
        for pid in descendants(self.proc.pid):
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            argv = cmdline.split(b"\0")
            if b"intro_tui" in argv and b"serve" not in argv:  # the app, not its sh -c nor serve itself
                found.append(pid)
        return found

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def room(tmp_path):
    return make_room(tmp_path)


def make_room(tmp_path):
    """A data folder with one workshop (one added row in 1.1): (data_dir, workshop id)."""
    data_dir = tmp_path / "data"
    store = WorkshopStore(data_dir, load_catalog(data_dir), user="test")
    workshop = store.create(Workshop(id="", title="Nettverksted", template="arbeidsrettet-lop", units=["NAV"]))
    store.add_row(workshop.id, "1.1", store.catalog.templates["arbeidsrettet-lop"].section("1.1").blocks[0].id)
    return data_dir, workshop.id


def post(url: str, fields: dict[str, str]) -> tuple[int, str, dict]:
    data = urllib.parse.urlencode(fields).encode()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(urllib.request.Request(url, data=data), timeout=60)
        return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), dict(exc.headers)


def get(url: str, cookie: str = "") -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        return urllib.request.urlopen(request, timeout=30).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_the_gate_refuses_without_starting_processes(room):
    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id, "--max-participants", "2")
    try:
        served.wait_listening()
        assert re.fullmatch(r"[A-Z2-9]{6}", served.code)
        base = served.address.rstrip("/")
        assert get(base + "/ws") == 403
        assert get(base + "/nope") == 403
        assert get(base + "/download/x") == 403
        status, page, _ = post(base + "/join", {"code": "", "name": "Ola"})
        assert status == 403 and "koden" in page
        started = time.monotonic()
        status, page, _ = post(base + "/join", {"code": "AAAAAA", "name": "Ola"})
        assert status == 403 and "Feil kode" in page
        assert time.monotonic() - started >= 0.5, "a wrong code's answer is held back"
        started = time.monotonic()
        status, page, _ = post(base + "/join", {"code": "BBBBBB", "name": "Ola"})
        assert status == 403 and "Feil kode" in page
        assert time.monotonic() - started >= 1.0, "right after a wrong code: checked only after the wait, held longer"
        status, page, _ = post(base + "/join", {"code": served.code, "name": "Ola"})
        assert status == 303, "the right code after wrong ones: held until the wait is over, never refused"
        status, page, _ = post(base + "/join", {"code": served.code, "name": "Ola\x1b]2;x\x07"})
        assert status == 400 and "kontrolltegn" in page
        status, page, _ = post(base + "/join", {"code": served.code, "name": "[b]Ola[/b]"})
        assert status == 400
        status, _, headers = post(base + "/join", {"code": served.code.lower(), "name": "Ola Nordmann"})
        assert status == 303, "the right code, typed in lower case"
        cookie = headers["Set-Cookie"].split(";")[0]
        assert get(base + "/app", cookie) == 200
        assert get(base + "/nope", cookie) == 404
        assert served.app_processes() == []

        async def flood() -> list[int]:
            import aiohttp

            statuses: list[int] = []
            async with aiohttp.ClientSession() as client:
                async def one(with_ticket: bool) -> None:
                    headers = {"Origin": base, **({"Cookie": cookie} if with_ticket else {})}
                    try:
                        async with client.ws_connect(base.replace("http", "ws") + "/ws", headers=headers,
                                                     timeout=aiohttp.ClientWSTimeout(ws_close=30)) as ws:
                            statuses.append(101)
                            await asyncio.sleep(3)
                            await ws.close()
                    except aiohttp.WSServerHandshakeError as exc:
                        statuses.append(exc.status)
                    except aiohttp.ClientError:
                        statuses.append(0)  # closed at once: too many connections from this address

                await asyncio.gather(*(one(i % 2 == 0) for i in range(200)))
            return statuses

        peak = []

        async def watch_and_flood() -> list[int]:
            task = asyncio.ensure_future(flood())
            while not task.done():
                peak.append(len(served.app_processes()))
                await asyncio.sleep(0.1)
            return await task

        statuses = asyncio.run(watch_and_flood())
        assert len(statuses) == 200
        assert statuses.count(101) <= 2 and statuses.count(101) + statuses.count(503) + statuses.count(403) \
            + statuses.count(0) == 200
        assert max(peak) <= 2, f"at most --max-participants app processes, saw {max(peak)}"
    finally:
        served.stop()
    assert not (data_dir / ".serve" / "join.json").exists()


def launch_chromium(playwright):
    executable = next((p for p in CHROMIUM if Path(p).exists()), None) or shutil.which("chromium")
    if executable is None:
        skip_or_fail("no Chromium (apt-get install chromium)")
    try:
        return playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"], headless=True)
    except Exception as exc:  # the reason, whatever Playwright raises
        skip_or_fail(f"Chromium did not start: {exc}")


#: Keeps the page's xterm.js terminal where a test can read it: textual-serve's page draws on a canvas and
#: keeps its Terminal in a closure, so the object is caught as it is assigned to ``….terminal``.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    if (value && typeof value.write === "function" && value.buffer) { window.__introTerminal = value; }
    Object.defineProperty(this, "terminal", {value, writable: true, configurable: true, enumerable: true});
  },
});
"""


def read_terminal(page) -> str:
    """What the browser participant sees: the lines of the page's terminal (after ``CATCH_TERMINAL``)."""
    return page.evaluate("""() => {
        const term = window.__introTerminal;
        if (!term) { return ""; }
        const buffer = term.buffer.active, lines = [];
        for (let i = 0; i < term.rows; i++) {
            const line = buffer.getLine(buffer.viewportY + i);
            lines.push(line ? line.translateToString(true) : "");
        }
        return lines.join("\\n");
    }""")


def wait_for_page(page, check, what: str, timeout: float = 30.0) -> str:
    """The browser's terminal once ``check(text)`` holds; on timeout the assertion shows it."""
    deadline = time.monotonic() + timeout
    while True:
        text = read_terminal(page)
        if check(text):
            return text
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not so within {timeout} s; the browser shows:\n{text}")
        time.sleep(0.2)


def test_a_browser_joins_with_the_code_and_its_edit_shows_in_a_terminal(room, tmp_path):
    require_tools("tmux")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        skip_or_fail(f"playwright is not installed: {exc}")
    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id)
    tmux = Tmux()
    try:
        served.wait_listening()
        tmux.new("kari", [*intro_tui_command(), "--data-dir", str(data_dir), "open", workshop_id],
                 env={"INTRO_TUI_USER": "kari", "TERM": "xterm-256color", "LANG": "C.UTF-8"})
        tmux.wait_for("kari", "1.1 Kartlegging", 30)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(accept_downloads=True, viewport={"width": 1100, "height": 700})
            page.goto(served.address + "app")  # straight to the app without a code: back to the join page
            assert page.url == served.address and page.is_visible("#code")
            page.fill("#code", "ZZZZZZ")
            page.fill("#name", "Anne")
            page.click("#join")
            assert "Feil kode" in page.inner_text("#problem")
            assert served.app_processes() == [], "no code, no process"
            time.sleep(1.2)  # the wait a wrong code costs
            page.fill("#code", served.code)
            page.fill("#name", "Anne")
            page.click("#join")
            page.wait_for_url("**/app")
            page.wait_for_selector("body.-first-byte", timeout=30_000)
            tmux.wait_for("kari", "Her nå: Anne", 30, "the browser participant in the terminal's header")
            page.focus(".xterm-helper-textarea")  # keyboard focus, no click into the app
            time.sleep(0.5)
            page.keyboard.type("Bergen havn")
            page.keyboard.press("Enter")
            store = WorkshopStore(data_dir, load_catalog(data_dir))
            deadline = time.monotonic() + 15
            while "Bergen havn" not in store.load(workshop_id).cells.values():
                assert time.monotonic() < deadline, "the browser's edit was not saved"
                time.sleep(0.05)
            tmux.wait_for("kari", "Bergen havn", 15, "the browser's edit in the terminal")
            with page.expect_download(timeout=30_000) as info:
                page.keyboard.press("Control+e")
                time.sleep(1.0)
                page.keyboard.press("Enter")
            download = info.value
            target = tmp_path / "fra-nettleseren.docx"
            download.save_as(target)
            import docx

            text = "\n".join(c.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells)
            assert "Bergen havn" in text
            assert download.suggested_filename.endswith(".docx")
            # an edit left open when the tab closes is saved, like a hang-up over SSH
            page.focus(".xterm-helper-textarea")  # keyboard focus, no click into the app
            page.keyboard.press("ArrowRight")
            time.sleep(0.4)
            page.keyboard.type("uferdig")
            time.sleep(1.0)
            browser.close()
        deadline = time.monotonic() + 10
        while served.app_processes():
            assert time.monotonic() < deadline, "closing the browser ends its app process"
            time.sleep(0.1)
        tmux.wait_for("kari", lambda s: "Her nå: Anne" not in s, 15, "presence gone with the browser")
        cells = WorkshopStore(data_dir, load_catalog(data_dir)).load(workshop_id).cells
        assert "uferdig" in cells.values(), "the open edit was committed when the tab closed"
        from intro_tui.core.store import changelog

        sets = [e for e in changelog.read(data_dir / f"{workshop_id}.changes.jsonl") if e.get("op") == "set"]
        assert [(e["by"], e["new"]) for e in sets] == [("Anne", "Bergen havn"), ("Anne", "uferdig")]
    finally:
        tmux.kill_server()
        served.stop()


def test_serve_on_another_address_warns_and_a_new_code_on_request(room):
    import signal
    import socket

    data_dir, workshop_id = room
    served = Served(data_dir, "--host", "0.0.0.0", "--workshop", workshop_id)
    try:
        assert served.address.endswith(f":{served.port}/")
        import ipaddress
        import urllib.parse

        shown = urllib.parse.urlsplit(served.address).hostname
        assert shown != "localhost" and not ipaddress.ip_address(socket.gethostbyname(shown)).is_loopback, \
            f"{served.address} cannot be opened from another machine"
        served.wait_listening = lambda: None
        old = served.code
        deadline = time.monotonic() + 20
        while not (data_dir / ".serve" / "join.json").exists():
            assert time.monotonic() < deadline
            time.sleep(0.1)
        from intro_tui.core.store.join_info import read_join_info

        assert read_join_info(data_dir, workshop_id)[1] == old
        time.sleep(1.0)
        served.proc.send_signal(signal.SIGUSR1)
        new = served._line("Kode: ")
        assert new != old and re.fullmatch(r"[A-Z2-9]{6}", new)
        base = f"http://127.0.0.1:{served.port}"
        status, page, _ = post(base + "/join", {"code": old, "name": "Ola"})
        assert status == 403, "the old code stops working"
        time.sleep(1.1)
        status, _, _ = post(base + "/join", {"code": new, "name": "Ola"})
        assert status == 303
    finally:
        served.stop()
        err = served.proc.stderr.read()
    assert "ukryptert" in err and "docs/serve.md" in err


def test_serve_refuses_bad_arguments_in_one_line(room):
    data_dir, workshop_id = room
    import socket

    taken = socket.create_server(("127.0.0.1", 0))
    busy = str(taken.getsockname()[1])
    ws = ["--workshop", workshop_id]
    for args, words in ((["--workshop", "finnes-ikke"], "finnes-ikke"), ([*ws, "--port", "70000"], "port"),
                        ([*ws, "--max-participants", "0"], "max-participants"), ([*ws, "--port", "x"], "heltall"),
                        ([*ws, "--port", busy], "porten er i bruk"),
                        ([], workshop_id),  # no --workshop: which to serve, and the workshops there are
                        ([*ws, "--trusted-proxy", "ikke-en-adresse"], "--trusted-proxy"),
                        ([*ws, "--idle-minutes", "0"], "--idle-minutes")):
        result = subprocess.run([*intro_tui_command(), "--data-dir", str(data_dir), "serve", *args],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Kode:" not in result.stdout
    taken.close()
