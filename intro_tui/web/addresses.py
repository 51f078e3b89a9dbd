"""Where a request comes from, and whether it came the way a browser of ours comes.

- **The client's address**: the peer's, unless the peer is a reverse proxy
  named with ``--trusted-proxy``; then the last address in
  ``X-Forwarded-For`` that is not itself a trusted proxy.  An
  ``X-Forwarded-For`` from anyone else is ignored (anyone can write one).
- **TLS**: the request is secure when it came over TLS, or a trusted proxy
  says ``X-Forwarded-Proto: https``, or ``--public-url`` is ``https://``;
  then the ticket cookie is ``Secure``.
- **Origin**: a websocket from a browser carries ``Origin``; ours is the page
  serve gave out, so the origin must be serve's own (``--public-url``, or the
  host the request names).  Another site's page cannot open the app even if
  the browser would send the cookie (another port on the same host is the
  same *site* for ``SameSite``).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from aiohttp import web

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_proxies(values: Iterable[str]) -> list[Network]:
    """``--trusted-proxy`` values (an address or a network); ValueError names a bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(value) from None
    return networks


def _trusted(address: str, proxies: list[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(request: web.Request, proxies: list[Network]) -> str:
    peer = request.remote or "?"
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [hop.strip() for hop in ",".join(request.headers.getall("X-Forwarded-For", [])).split(",") if hop.strip()]
    for hop in reversed(hops[-20:]):
        if not _trusted(hop, proxies):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return peer  # a proxy that passes garbage: fall back to the proxy itself
    return peer


def is_secure(request: web.Request, proxies: list[Network], public_url: str | None) -> bool:
    if request.secure or (public_url or "").startswith("https://"):
        return True
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    return forwarded == "https" and _trusted(request.remote or "", proxies)


def base_url(request: web.Request, proxies: list[Network], public_url: str | None) -> str:
    """How this browser reached serve (scheme://host[:port]), unless ``--public-url`` says."""
    if public_url:
        return public_url
    scheme = "https" if is_secure(request, proxies, None) else "http"
    return f"{scheme}://{request.host}"


def origin_ok(request: web.Request, proxies: list[Network], public_url: str | None) -> bool:
    """The websocket's Origin is serve's own page (a missing Origin is not a browser of ours: refused)."""
    origin = request.headers.get("Origin", "")
    if not origin:
        return False
    expected = urlsplit(base_url(request, proxies, public_url))
    got = urlsplit(origin)
    # host and port must be serve's; the scheme may differ (TLS ends at a proxy that is not named)
    return got.scheme in ("http", "https") and got.netloc.lower() == expected.netloc.lower()


def reachable_host(host: str) -> str | None:
    """For ``--host 0.0.0.0`` (or ``::``): this machine's address others can open, or None if none is found.

    The address the kernel would send from towards the outside (a UDP
    ``connect`` sends nothing), else the host name if it is not a loopback
    name.  ``localhost`` is never it: nobody else can open that.
    """
    import socket

    if host not in ("0.0.0.0", "::", ""):
        return host
    family, probe = (socket.AF_INET6, "2001:db8::1") if host == "::" else (socket.AF_INET, "192.0.2.1")
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as sock:
            sock.connect((probe, 9))
            address = sock.getsockname()[0]
        if not ipaddress.ip_address(address).is_loopback and not ipaddress.ip_address(address).is_unspecified:
            return address
    except (OSError, ValueError):
        pass
    name = socket.getfqdn()
    try:
        loopback = all(ipaddress.ip_address(info[4][0]).is_loopback for info in socket.getaddrinfo(name, None))
    except (OSError, ValueError):
        loopback = True
    return None if loopback or name.startswith("localhost") else name
