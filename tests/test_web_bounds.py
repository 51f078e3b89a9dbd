"""``intro-tui serve`` under hostile browsers: a websocket client and raw sockets against a running serve.

Issue 16, points 3 and 4: an app process is a guest (``INTRO_TUI_GUEST=1``),
its address space is bounded, a ``resize`` of 20000×5000 is clamped, and it
ends when its websocket closes or stays silent; a seat is free only when its
process is gone.  The gate: the websocket checks ``Origin``; parallel wrong
codes from one address are checked one at a time (the rest refused
unchecked); behind a trusted proxy a guesser does not keep others out; a
thousand joins do not push out another participant's ticket; the cookie is
``Secure`` behind TLS; idle connections from one address are closed, and the
join page stays reachable from others.
"""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path

import pytest
from test_web import Served, get, make_room, post

pytestmark = pytest.mark.slow


@pytest.fixture
def room(tmp_path):
    return make_room(tmp_path)


def wait_until(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


def join(served: Served, name: str = "Ola", headers: dict | None = None) -> str:
    """The ticket cookie ("intro_tui_ticket=…") for a right code."""
    import urllib.parse
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    data = urllib.parse.urlencode({"code": served.code, "name": name}).encode()
    request = urllib.request.Request(served.address + "join", data=data, headers=headers or {})
    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=60)
    except urllib.error.HTTPError as exc:
        assert exc.code == 303, exc.read()
        return exc.headers["Set-Cookie"].split(";")[0]
    raise AssertionError("no redirect")


def origin(served: Served) -> dict[str, str]:
    return {"Origin": served.address.rstrip("/")}


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_an_app_process_is_a_bounded_guest_and_ends_with_its_tab(room):
    import aiohttp

    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id, "--max-participants", "1")
    try:
        served.wait_listening()
        cookie = join(served)
        ws_url = served.address.replace("http", "ws") + "ws?width=80&height=24"

        async def scenario() -> None:
            async with aiohttp.ClientSession() as client:
                for bad in ({"Origin": "http://evil.example"}, {}):  # another site's page; no Origin at all
                    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                        await client.ws_connect(ws_url, headers={"Cookie": cookie, **bad})
                    assert refused.value.status == 403
                assert served.app_processes() == []
                ws = await client.ws_connect(ws_url, headers={"Cookie": cookie, **origin(served)})
                [pid] = await asyncio.to_thread(wait_until, served.app_processes, 30, "no app process")
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                assert b"INTRO_TUI_GUEST=1" in environ and b"INTRO_TUI_USER=Ola" in environ
                limits = Path(f"/proc/{pid}/limits").read_text()
                address_space = next(line for line in limits.splitlines() if line.startswith("Max address space"))
                assert "unlimited" not in address_space, address_space
                await asyncio.sleep(3)
                await ws.send_json(["resize", {"width": 20000, "height": 5000}])
                await ws.send_json(["resize", {"width": "x", "height": None}])  # dropped, not a crash
                await asyncio.sleep(6)
                assert rss_kib(pid) < 300 * 1024, f"the app grew to {rss_kib(pid)} KiB after a huge resize"
                # the one seat is taken: a second tab is refused, and its page says so in bokmål
                with pytest.raises(aiohttp.WSServerHandshakeError) as full:
                    await client.ws_connect(ws_url, headers={"Cookie": cookie, **origin(served)})
                assert full.value.status == 503
                async with client.get(served.address + "app", headers={"Cookie": cookie}) as page:
                    assert page.status == 503 and "Rommet er fullt" in await page.text()
                # the tab goes away without a goodbye: the process ends, and only then is the seat free
                ws._response.connection.transport.abort()
                await asyncio.to_thread(wait_until, lambda: not served.app_processes(), 20,
                                        "the app process outlived its websocket")
                deadline = time.monotonic() + 15
                while True:  # the seat is freed just after the process is reaped
                    try:
                        ws2 = await client.ws_connect(ws_url, headers={"Cookie": cookie, **origin(served)})
                        break
                    except aiohttp.WSServerHandshakeError as exc:
                        assert exc.status == 503 and time.monotonic() < deadline, "the seat was never freed"
                        await asyncio.sleep(0.2)
                await asyncio.to_thread(wait_until, served.app_processes, 30, "the freed seat was not given")
                await ws2.close()
                await asyncio.to_thread(wait_until, lambda: not served.app_processes(), 20, "close ends the app")

        asyncio.run(scenario())
    finally:
        served.stop()


def test_a_silent_tab_is_ended(room):
    import aiohttp

    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id, "--idle-minutes", "0.05")  # 3 s
    try:
        served.wait_listening()
        cookie = join(served)

        async def scenario() -> None:
            async with aiohttp.ClientSession() as client:
                ws = await client.ws_connect(served.address.replace("http", "ws") + "ws",
                                             headers={"Cookie": cookie, **origin(served)})
                await asyncio.to_thread(wait_until, served.app_processes, 30, "no app process")
                await asyncio.to_thread(wait_until, lambda: not served.app_processes(), 40,
                                        "a tab silent past --idle-minutes kept its app process")
                await ws.close()

        asyncio.run(scenario())
    finally:
        served.stop()


def test_parallel_guesses_from_one_address_are_checked_one_at_a_time(room):
    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id)
    connections: list[socket.socket] = []
    try:
        served.wait_listening()
        bodies = []
        for i in range(12):  # twelve guesses in flight at once: every header first, then every body
            body = f"code=ZZZZZ{i % 8 + 2}&name=G".encode()
            sock = socket.create_connection(("127.0.0.1", served.port), timeout=90)
            sock.sendall(b"POST /join HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                         b"Connection: close\r\nContent-Length: %d\r\n\r\n" % len(body))
            connections.append(sock)
            bodies.append(body)
        time.sleep(1.0)
        for sock, body in zip(connections, bodies):
            sock.sendall(body)
        statuses = []
        for sock in connections:
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
            statuses.append(int(answer.split(b" ", 2)[1]))
        checked = statuses.count(403)  # answered "Feil kode": the code was checked
        assert checked <= 3 and statuses.count(429) == len(statuses) - checked, statuses
    finally:
        for sock in connections:
            sock.close()
        served.stop()


def test_behind_a_trusted_proxy_a_guesser_does_not_keep_others_out(room):
    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id, "--trusted-proxy", "127.0.0.1")
    try:
        served.wait_listening()
        guesser = {"X-Forwarded-For": "203.0.113.66"}
        import urllib.request

        def post_from(headers: dict, code: str) -> int:
            import urllib.parse

            request = urllib.request.Request(served.address + "join", headers=headers,
                                             data=urllib.parse.urlencode({"code": code, "name": "Kari"}).encode())

            class NoRedirect(urllib.request.HTTPRedirectHandler):
                def redirect_request(self, *args, **kwargs):
                    return None

            try:
                return urllib.request.build_opener(NoRedirect).open(request, timeout=60).status
            except urllib.error.HTTPError as exc:
                return exc.code

        assert post_from(guesser, "AAAAAA") == 403
        assert post_from(guesser, "BBBBBB") == 403  # the guesser now waits 2 s before its next check
        for n in range(5):  # others, each from their own address behind the same proxy, get in
            assert post_from({"X-Forwarded-For": f"198.51.100.{n + 1}"}, served.code) == 303
        # an X-Forwarded-Proto from the proxy makes the ticket cookie Secure
        status, _, headers = post(served.address + "join", {"code": served.code, "name": "Per"})
        assert status == 303 and "Secure" not in headers["Set-Cookie"]
        cookie = join(served, "Per", {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.9"})
        assert cookie
        import urllib.parse

        request = urllib.request.Request(served.address + "join", headers={"X-Forwarded-Proto": "https"},
                                         data=urllib.parse.urlencode({"code": served.code, "name": "P"}).encode())
        try:
            urllib.request.build_opener(type("N", (urllib.request.HTTPRedirectHandler,),
                                             {"redirect_request": lambda *a, **k: None})).open(request)
        except urllib.error.HTTPError as exc:
            assert exc.code == 303 and "Secure" in exc.headers["Set-Cookie"]
    finally:
        served.stop()


def test_a_thousand_joins_do_not_push_out_a_participants_ticket(room):
    import aiohttp

    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id)
    try:
        served.wait_listening()
        anne = join(served, "Anne")

        async def flood() -> None:
            connector = aiohttp.TCPConnector(limit=3, local_addr=("127.0.0.2", 0))  # another address, 3 in flight
            async with aiohttp.ClientSession(connector=connector) as client:
                async def one() -> None:
                    async with client.post(served.address + "join", data={"code": served.code, "name": "X"},
                                           allow_redirects=False) as response:
                        assert response.status == 303

                await asyncio.gather(*(one() for _ in range(1100)))

        asyncio.run(flood())
        import urllib.request

        page = urllib.request.urlopen(urllib.request.Request(served.address + "app", headers={"Cookie": anne}),
                                      timeout=30)
        assert page.url.endswith("/app") and "terminal" in page.read().decode(), \
            "Anne's ticket was pushed out by other joins (sent back to the join page)"
    finally:
        served.stop()


def test_idle_connections_from_one_address_are_closed_and_others_still_join(room):
    data_dir, workshop_id = room
    served = Served(data_dir, "--workshop", workshop_id)
    sockets: list[socket.socket] = []
    try:
        served.wait_listening()
        for _ in range(300):  # from 127.0.0.2: connect, send nothing
            sock = socket.socket()
            sock.bind(("127.0.0.2", 0))
            sock.settimeout(20)
            sock.connect(("127.0.0.1", served.port))
            sockets.append(sock)
        slow = socket.socket()
        slow.bind(("127.0.0.3", 0))
        slow.connect(("127.0.0.1", served.port))
        slow.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # a request that never finishes
        assert get(served.address) == 200, "the join page stays reachable from another address"

        def closed(sock: socket.socket) -> bool:
            try:
                return sock.recv(1) == b""
            except ConnectionResetError:
                return True
            except TimeoutError:
                return False

        shut = sum(closed(sock) for sock in sockets[200:])
        assert shut == 100, f"only {shut} of the last 100 idle connections from one address were closed"
        slow.settimeout(40)
        assert closed(slow), "a request that never finished kept its connection"
    finally:
        for sock in sockets:
            sock.close()
        served.stop()
    err = served.proc.stderr.read()
    assert "Traceback" not in err and len(err.splitlines()) < 40, err[-2000:]
