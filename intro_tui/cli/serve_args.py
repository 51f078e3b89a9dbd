"""The grammar of ``intro-tui serve`` (the handler is :mod:`intro_tui.cli.serve_cmd`)."""

from __future__ import annotations


def add_serve_parser(sub, common) -> None:
    p = sub.add_parser("serve", parents=[common], help="la deltakere bli med fra en nettleser, med en kode")
    p.add_argument("--host", default="127.0.0.1", help="adressen det lyttes på (standard: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="porten (standard: 8000)")
    p.add_argument("--workshop", metavar="ID", help="åpne deltakerne rett i dette verkstedet")
    p.add_argument("--max-participants", type=int, default=40, metavar="N",
                   help="høyst så mange nettleserøkter samtidig (standard: 40)")
    p.add_argument("--public-url", metavar="URL",
                   help="adressen nettleserne bruker (bak en omvendt proxy med TLS: https://…)")
