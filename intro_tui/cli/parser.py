"""The command line's grammar: sub-commands and options, with argparse speaking bokmål.

argparse's own messages are English; a user meets them as our one-line
Norwegian error (:class:`CliError`, exit code 2) instead.
"""

from __future__ import annotations

import argparse
import re

from ..export.formats import DEFAULT_FORMAT, FORMATS
from .cmd_agenda import add_agenda_parser
from .cmd_groups import add_groups_parser
from .cmd_copy_section import add_copy_parsers
from .importing import add_import_options
from .serve_args import add_serve_parser


class CliError(Exception):
    """One line for the user; exit code 2."""


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="bruk: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, but its usage errors come out as our one-line Norwegian error."""

    def __init__(self, *args, intermixed: bool = False, add_help: bool = True, dash_values: str = "",
                 **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        parents = kwargs.pop("parents", [])
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "valg"
        for parent in parents:  # after the titles, so the parent's "valg" joins ours
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)
        if add_help:
            self.add_argument("-h", "--help", action="help", help="vis denne hjelpen")
        self._intermixed = intermixed
        self._inner = False
        self._dash_values = dash_values

    def _parse_optional(self, arg_string):
        """With ``dash_values``, a word that starts with "-" but names no option is a value.

        ``"all"`` (``set``, one value): any such word; ``"single"`` (``add-row``,
        any number of values): "-NAV" but not "--tabel", which is a typo.

        ``set ID 4.1 2 Forslag "-NAV tar ansvar"`` was refused as an unknown
        option (argparse takes "- NAV" with a space as a value, "-NAV" not).
        Known options (``--data-dir``, ``-h``, ``--table``) keep their meaning;
        ``--`` before the value works too.  argparse returns an option tuple
        whose action is None for an unknown option (a list of them from 3.12.7).
        """
        result = super()._parse_optional(arg_string)
        if self._dash_values == "single" and arg_string.startswith("--"):
            return result  # add-row takes any number of values: "--tabel" is a typo to report, not a value
        if self._dash_values and result is not None:
            first = result[0] if isinstance(result, list) and len(result) == 1 else result
            if isinstance(first, tuple) and first[0] is None:
                return None
        return result

    def error(self, message: str):
        raise CliError(f"{_norwegian(message)} (se «intro-tui --help»)")

    def parse_known_args(self, args=None, namespace=None):  # pyright: ignore[reportIncompatibleMethodOverride]
        """With ``intermixed``, options may come before, between or after a ``nargs="*"`` positional.

        Plain argparse stops filling ``VERDI...`` at the first option, so
        ``add-row ID S --table T VERDI`` left VERDI "unrecognized".  The
        sub-command parser is called through this method, so overriding it
        covers ``intro-tui add-row ...``; ``parse_known_intermixed_args`` calls
        it back twice, hence the guard.
        """
        if not self._intermixed or self._inner:
            return super().parse_known_args(args, namespace)
        self._inner = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inner = False


#: argparse speaks English; the messages a user meets, in bokmål.
_ARGPARSE_NB = (
    (r"the following arguments are required: (.*)", r"mangler: \1"),
    (r"unrecognized arguments: (.*)", r"ukjente argumenter: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"\1: ugyldig valg \2 (velg \3)"),
    (r"argument (\S+): expected one argument", r"\1 trenger en verdi"),
    (r"argument (\S+): not allowed with argument (\S+)", r"\1 kan ikke brukes sammen med \2"),
    (r"ambiguous option: (.*)", r"tvetydig valg: \1"),
    (r"argument (\S+): invalid int value: (.*)", r"\1: ikke et heltall: \2"),
    (r"argument (\S+): ignored explicit argument (.*)", r"\1 tar ingen verdi (fikk \2)"),
    (r"argument (\S+): expected at least one argument", r"\1 trenger minst én verdi"),
    (r"argument (\S+): expected (\d+) arguments", r"\1 trenger \2 verdier"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"\1: ugyldig verdi \3"),
    (r"unrecognized option: (.*)", r"ukjent valg: \1"),
)


def _norwegian(message: str) -> str:
    for pattern, replacement in _ARGPARSE_NB:
        translated, count = re.subn(pattern, replacement, message)
        if count:
            return translated
    return message


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", help="datamappen (standard: ./data eller $INTRO_TUI_DATA)",
                        default=argparse.SUPPRESS)

    parser = _Parser(prog="intro-tui", parents=[common],
                     description="Fyll ut IMDi- og Rambøll-maler for introduksjonsprogrammet i arbeidsmøter.")
    parser.add_argument("--mouse", action="store_true", help="slå på musestøtte i appen (av som standard over SSH)")
    parser.add_argument("--ask-name", action="store_true",
                        help="spør om navnet ved start (delt konto; også $INTRO_TUI_ASK_NAME=1)")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=_Parser)

    sub.add_parser("templates", parents=[common], help="malene som finnes")

    p = sub.add_parser("new", parents=[common], help="lag et nytt verksted; skriver id-en til slutt")
    p.add_argument("template", metavar="MAL")
    p.add_argument("--title", help="tittel")
    p.add_argument("--kommune", default="")
    p.add_argument("--year", default=None)
    p.add_argument("--unit", action="append", default=[], metavar="NAVN", help="en enhet (kan gjentas)")
    p.add_argument("--example", action="store_true", help="fyll inn eksempelinnhold fra kildedokumentene")

    sub.add_parser("list", parents=[common], help="verkstedene, som en tabell")

    p = sub.add_parser("show", parents=[common], help="vis de utfylte tabellene")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="SEKSJON", nargs="?")

    p = sub.add_parser("set", parents=[common], help="sett én celle", dash_values="all")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="SEKSJON")
    p.add_argument("row", metavar="RAD", help="radnummer (1, 2, …) eller radens tekst")
    p.add_argument("column", metavar="KOLONNE", help="kolonnenummer eller overskrift")
    p.add_argument("value", metavar="VERDI")

    p = sub.add_parser("add-row", parents=[common], help="legg til en rad; skriver radnummeret", intermixed=True,
                       dash_values="single")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="SEKSJON")
    p.add_argument("values", metavar="VERDI", nargs="*", default=[])
    p.add_argument("--table", metavar="TABELL", help="tabellens id når seksjonen har flere")

    p = sub.add_parser("copy", parents=[common], help="lag neste års verksted: mål beholdes, resultater tømmes")
    p.add_argument("id", metavar="ID")
    p.add_argument("--year", default=None, help="året (standard: året etter)")
    p.add_argument("--title", help="tittel (standard: samme tittel med det nye året)")

    p = sub.add_parser("nir", parents=[common], help="tell NIR-koder fra en CSV med deltakere som sluttet")
    p.add_argument("id", metavar="ID")
    p.add_argument("file", metavar="FIL.csv", help="kolonnene status og begrunnelse; ; eller , ")

    p = sub.add_parser("export", parents=[common], help="skriv en fil; skriver stien til slutt")
    p.add_argument("id", metavar="ID")
    p.add_argument("--format", choices=list(FORMATS), default=None,
                   help=f"standard: {DEFAULT_FORMAT} (Word), eller det endelsen på -o sier (.docx, .md, .json)")
    p.add_argument("--blank", action="store_true", help="tom utgave til utdeling")
    p.add_argument("--copies", type=int, default=1, metavar="N",
                   help="med --blank: N tomme kopier av seksjonene som fylles ut per bransje/tiltak/fag")
    p.add_argument("--grupper", dest="groups", action="store_true",
                   help="utfylt: gruppenes utkast som vedlegg «Gruppenes svar»; med --blank: én kopi per gruppe")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--step", metavar="N", help="bare ett steg")
    scope.add_argument("--section", metavar="S", help="bare én seksjon")
    p.add_argument("-o", "--output", metavar="STI", help="fil eller mappe; - for skjermen")
    p.add_argument("--force", action="store_true", help="erstatt en fil som finnes fra før")

    p = sub.add_parser("import", parents=[common], help="les inn JSON-eksporter eller utfylte Word-filer; skriver id-ene")
    p.add_argument("files", metavar="FIL", nargs="+")
    add_import_options(p)

    p = sub.add_parser("delete", parents=[common], help="flytt et verksted til papirkurven (data/.deleted)")
    p.add_argument("id", metavar="ID")

    p = sub.add_parser("restore", parents=[common], help="hent tilbake et slettet verksted")
    p.add_argument("id", metavar="ID")

    p = sub.add_parser("log", parents=[common], help="endringsloggen for et verksted")
    p.add_argument("id", metavar="ID")
    p.add_argument("--format", choices=["jsonl", "csv"], default=None,
                   help="standard: jsonl, eller det endelsen på -o sier (.jsonl, .csv)")
    p.add_argument("-o", "--output", metavar="STI", help="skriv til en fil i stedet for skjermen")
    p.add_argument("--force", action="store_true", help="erstatt en fil som finnes fra før")

    p = sub.add_parser("open", parents=[common], help="åpne appen rett i et verksted")
    p.add_argument("id", metavar="ID")
    p.add_argument("--section", metavar="S")
    p.add_argument("--mouse", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument("--ask-name", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    role = p.add_mutually_exclusive_group()
    role.add_argument("--lead", dest="room_role", action="store_const", const="lead",
                      help="led rommet: de som følger, ser det du ser")
    role.add_argument("--follow", dest="room_role", action="store_const", const="follow",
                      help="følg den som leder")
    add_serve_parser(sub, common)
    add_copy_parsers(sub, common)
    add_agenda_parser(sub, common)
    add_groups_parser(sub, common)
    return parser
