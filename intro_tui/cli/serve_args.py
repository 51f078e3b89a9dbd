"""The grammar of ``intro-tui serve`` (the handler is :mod:`intro_tui.cli.serve_cmd`)."""

from __future__ import annotations


def add_serve_parser(sub, common) -> None:
    p = sub.add_parser("serve", parents=[common], help="la deltakere bli med fra en nettleser, med en kode")
    p.add_argument("--host", default="127.0.0.1", help="adressen det lyttes på (standard: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="porten (standard: 8000)")
    p.add_argument("--workshop", metavar="ID", help="verkstedet deltakerne er gjester i (må oppgis)")
    p.add_argument("--max-participants", type=int, default=40, metavar="N",
                   help="høyst så mange nettleserøkter samtidig (standard: 40)")
    p.add_argument("--public-url", metavar="URL",
                   help="adressen nettleserne bruker (bak en omvendt proxy med TLS: https://…)")
    p.add_argument("--trusted-proxy", metavar="ADRESSE", action="append", default=[],
                   help="en omvendt proxy (adresse eller nett) hvis X-Forwarded-For stoles på; kan gjentas")
    p.add_argument("--idle-minutes", type=float, default=180.0, metavar="MIN",
                   help="en nettleserøkt uten tastetrykk så lenge avsluttes (standard: 180)")
