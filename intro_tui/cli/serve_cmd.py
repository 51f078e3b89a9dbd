"""``intro-tui serve``: check the arguments, print the address and the code, run the web server."""

from __future__ import annotations

import ipaddress
import sys

from .parser import CliError


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_free(host: str, port: int) -> None:
    """Refuse a taken port before printing an address and a code nobody can use."""
    import errno
    import socket

    try:
        socket.create_server((host, port)).close()
    except OSError as exc:
        why = "porten er i bruk" if exc.errno == errno.EADDRINUSE else (exc.strerror or str(exc))
        raise CliError(f"kan ikke lytte på {host}:{port}: {why}") from None


def cmd_serve(store, args) -> int:
    if not 0 < args.port < 65536:
        raise CliError(f"ugyldig port: {args.port}")
    if not 1 <= args.max_participants <= 500:
        raise CliError("--max-participants må være mellom 1 og 500")
    if not args.workshop:  # a participant is a guest in one workshop, never on the home screen (docs/serve.md)
        workshops, _ = store.summaries()
        ids = ", ".join(w.id for w in workshops[:20]) + (" …" if len(workshops) > 20 else "")
        raise CliError("si hvilket verksted deltakerne skal inn i: --workshop ID"
                       + (f" (verkstedene: {ids})" if ids else " (det finnes ingen verksteder ennå)"))
    store.load(args.workshop)  # an unknown id is a one-line error
    if not 0 < args.idle_minutes <= 24 * 60:
        raise CliError("--idle-minutes må være mellom 0 og 1440")
    _check_free(args.host, args.port)
    try:
        from ..web.addresses import parse_proxies
        from ..web.server import JoinServer, run
    except ImportError as exc:
        raise CliError(f"nettleserstøtte mangler ({exc.name}): installer intro-tui på nytt") from None
    try:
        proxies = parse_proxies(args.trusted_proxy)
    except ValueError as exc:
        raise CliError(f"--trusted-proxy: ikke en adresse eller et nett: {exc}") from None
    from ..core.store.join_info import remove_join_info, write_join_info

    data_dir = store.data_dir

    def announce(code: str) -> None:
        print(f"Kode: {code}", flush=True)
        try:
            write_join_info(data_dir, server.public_url, code, args.workshop)
        except OSError as exc:
            print(f"intro-tui: advarsel: kunne ikke skrive {exc.filename}: {exc.strerror}", file=sys.stderr)

    server = JoinServer(data_dir, host=args.host, port=args.port, workshop=args.workshop,
                        max_participants=args.max_participants, public_url=args.public_url, on_code=announce,
                        trusted_proxies=proxies, idle_minutes=args.idle_minutes)
    if not _loopback(args.host):
        print(f"intro-tui: advarsel: lytter på {args.host}: trafikken er ukryptert. Sett en omvendt proxy med "
              "TLS foran (se docs/serve.md).", file=sys.stderr)
    if not server.address_known:
        print("intro-tui: advarsel: fant ingen adresse andre kan åpne; oppgi den med --public-url "
              "(f.eks. --public-url http://verksted.kommune.no:8000).", file=sys.stderr)
    print(f"Adresse: {server.public_url}/", flush=True)
    announce(server.gate.code)
    try:
        run(server)
    except OSError as exc:
        raise CliError(f"kan ikke lytte på {args.host}:{args.port}: {exc.strerror or exc}") from None
    finally:
        remove_join_info(data_dir)
    return 0
