"""The command line: ``intro-tui`` and its sub-commands.

The sub-command names and arguments are a contract other tools and tests
call.  Every error a user can cause ends as one Norwegian line on stderr and
exit code 2 - never a traceback.  Only ``intro-tui`` (no command) and
``intro-tui open`` import Textual; the rest start fast without it.

Imports are kept where they are used: ``intro-tui list`` with an up-to-date
list index (:mod:`intro_tui.store.index`) needs neither the template
catalogue, the workshop model nor TinyDB, and a short command's start-up is
most of its time (check with ``python -X importtime -m intro_tui list``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .store.errors import StoreError

if TYPE_CHECKING:
    from .model.catalog import Catalog
    from .store.workshops import WorkshopStore

EXIT_USAGE = 2

#: Errors a user can cause, by module: a module not imported yet cannot have raised its error.
_USER_ERRORS = (("intro_tui.model.values", "ValueProblem"), ("intro_tui.model.layout", "AddressError"),
                ("intro_tui.model.document", "DocumentError"))


class CliError(Exception):
    """One line for the user; exit code 2."""


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="bruk: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, but its usage errors come out as our one-line Norwegian error."""

    def __init__(self, *args, intermixed: bool = False, add_help: bool = True, **kwargs):
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

    def error(self, message: str):  # noqa: D401 - argparse API
        raise CliError(f"{_norwegian(message)} (se «intro-tui --help»)")

    def parse_known_args(self, args=None, namespace=None):
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
)


def _norwegian(message: str) -> str:
    for pattern, replacement in _ARGPARSE_NB:
        translated, count = re.subn(pattern, replacement, message)
        if count:
            return translated
    return message


def default_data_dir() -> Path:
    return Path(os.environ.get("INTRO_TUI_DATA") or "data")


def default_exports_dir() -> Path:
    return Path(os.environ.get("INTRO_TUI_EXPORTS") or "exports")


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

    p = sub.add_parser("set", parents=[common], help="sett én celle")
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="SEKSJON")
    p.add_argument("row", metavar="RAD", help="radnummer (1, 2, …) eller radens tekst")
    p.add_argument("column", metavar="KOLONNE", help="kolonnenummer eller overskrift")
    p.add_argument("value", metavar="VERDI")

    p = sub.add_parser("add-row", parents=[common], help="legg til en rad; skriver radnummeret", intermixed=True)
    p.add_argument("id", metavar="ID")
    p.add_argument("section", metavar="SEKSJON")
    p.add_argument("values", metavar="VERDI", nargs="*", default=[])
    p.add_argument("--table", metavar="TABELL", help="tabellens id når seksjonen har flere")

    p = sub.add_parser("export", parents=[common], help="skriv en fil; skriver stien til slutt")
    p.add_argument("id", metavar="ID")
    p.add_argument("--format", choices=["json", "md", "docx"], default="json")
    p.add_argument("--blank", action="store_true", help="tom utgave til utdeling")
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--step", metavar="N", help="bare ett steg")
    scope.add_argument("--section", metavar="S", help="bare én seksjon")
    p.add_argument("-o", "--output", metavar="STI")

    p = sub.add_parser("import", parents=[common], help="les inn JSON-eksporter; skriver id-ene")
    p.add_argument("files", metavar="FIL", nargs="+")

    p = sub.add_parser("delete", parents=[common], help="slett et verksted")
    p.add_argument("id", metavar="ID")

    p = sub.add_parser("log", parents=[common], help="endringsloggen for et verksted")
    p.add_argument("id", metavar="ID")
    p.add_argument("--format", choices=["jsonl", "csv"], default="jsonl", help="jsonl (standard) eller csv")
    p.add_argument("-o", "--output", metavar="STI", help="skriv til en fil i stedet for skjermen")

    p = sub.add_parser("open", parents=[common], help="åpne appen rett i et verksted")
    p.add_argument("id", metavar="ID")
    p.add_argument("--section", metavar="S")
    p.add_argument("--mouse", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument("--ask-name", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if isinstance(exc, _user_errors()):
            return _fail(str(exc))
        raise


def _user_errors() -> tuple[type[Exception], ...]:
    found: list[type[Exception]] = [CliError, StoreError]
    for module, name in _USER_ERRORS:
        if module in sys.modules:
            found.append(getattr(sys.modules[module], name))
    return tuple(found)


def _fail(message: str) -> int:
    print(f"intro-tui: feil: {_safe_line(message)}", file=sys.stderr)
    return EXIT_USAGE


def _safe_line(message: str) -> str:
    """Messages quote what the user typed: keep them one line, with no terminal escapes."""
    return re.sub(r"[\x00-\x1f\x7f-\x9f]", "", re.sub(r"[\t\n\r]+", " ", message))


def _data_dir(args) -> Path:
    return Path(getattr(args, "data_dir", None) or default_data_dir())


def _catalog(data_dir: Path) -> Catalog:
    from .model.catalog import load_catalog

    catalog = load_catalog(data_dir)
    _warn_templates(catalog.errors)
    return catalog


def _warn_templates(errors: list[str]) -> None:
    for error in errors:
        print(f"intro-tui: advarsel: mal hoppet over: {error}", file=sys.stderr)


def _store(args) -> WorkshopStore:
    from .store.workshops import WorkshopStore

    data_dir = _data_dir(args)
    return WorkshopStore(data_dir, _catalog(data_dir))


def run(args) -> int:
    command = args.command
    if command in (None, "open"):
        return _open_app(args)
    if command == "list":  # no store, no catalogue unless the index needs them
        return cmd_list(_data_dir(args), args) or 0
    store = _store(args)
    handler = {
        "templates": cmd_templates, "new": cmd_new, "show": cmd_show, "set": cmd_set,
        "add-row": cmd_add_row, "export": cmd_export, "import": cmd_import, "delete": cmd_delete, "log": cmd_log,
    }[command]
    return handler(store, args) or 0


def _open_app(args) -> int:
    data_dir = _data_dir(args)
    from .launch import launch  # Textual is imported only here

    return launch(data_dir, workshop_id=getattr(args, "id", None), section=getattr(args, "section", None),
                  mouse=getattr(args, "mouse", False), ask_name=getattr(args, "ask_name", False))


# -- commands -------------------------------------------------------------------


def cmd_templates(store: WorkshopStore, args) -> None:
    from tabulate import tabulate

    rows = [(t.id, t.title, len(t.sections)) for t in store.catalog.templates.values()]
    print(tabulate(rows, headers=["Mal", "Tittel", "Seksjoner"], tablefmt="simple"))


def cmd_new(store: WorkshopStore, args) -> None:
    from .model.values import clean_text, parse_year
    from .model.workshop import Workshop

    template = _template(store.catalog, args.template)
    if args.example:
        from .examples import example_workshop

        workshop = example_workshop(template, store.catalog)
        if args.title:
            workshop.title = clean_text(args.title).strip() or workshop.title
    else:
        if not args.title or not args.title.strip():
            raise CliError("--title trengs (eller --example)")
        workshop = Workshop(id="", title=clean_text(args.title).strip(), template=template.id)
    if args.kommune:
        workshop.kommune = clean_text(args.kommune).strip()
    if args.year is not None:
        workshop.year = parse_year(args.year)
    if args.unit:
        workshop.units = [u for u in (clean_text(u).strip() for u in args.unit) if u]
    workshop = store.create(workshop)
    print(f"Laget «{workshop.title}» ({template.id})")
    print(workshop.id)


def _template(catalog: Catalog, template_id: str):
    try:
        return catalog.get(template_id)
    except KeyError as exc:
        raise CliError(exc.args[0]) from None


def cmd_list(data_dir: Path, args) -> None:
    """One line per workshop, from the list index: only files changed since the last listing are read."""
    from tabulate import tabulate

    from .shorten import one_line
    from .store.index import summaries

    catalogs = []

    def catalog():  # loaded (and its warnings printed) only when a file must be read again
        if not catalogs:
            from .model.catalog import load_catalog

            catalogs.append(load_catalog(data_dir))
        return catalogs[0]

    listing = summaries(data_dir, catalog)
    _warn_templates(listing.template_errors)
    rows = []
    for w in listing.workshops:
        rows.append((w.id, one_line(w.title), w.template, one_line(w.kommune), w.year or "",
                     w.updated[:16].replace("T", " "), w.filled_text))
    if rows:
        print(tabulate(rows, headers=["ID", "Tittel", "Mal", "Kommune", "År", "Endret", "Utfylt"], tablefmt="simple",
                       disable_numparse=True))
    else:
        print("Ingen verksteder ennå. Lag et med «intro-tui new MAL --title TITTEL».")
    for error in listing.errors:
        print(f"intro-tui: advarsel: kan ikke lese {_safe_line(str(error))}", file=sys.stderr)


def _load(store: WorkshopStore, workshop_id: str):
    workshop = store.load(workshop_id)
    return workshop, store.template_of(workshop)


def cmd_show(store: WorkshopStore, args) -> None:
    import shutil

    from .export.show import render_show
    from .model.layout import find_section

    workshop, template = _load(store, args.id)
    sections = [find_section(template, args.section)] if args.section else list(template.sections)
    width = shutil.get_terminal_size((100, 24)).columns
    print(render_show(template, workshop, sections, width=width))


def cmd_set(store: WorkshopStore, args) -> None:
    from .model.layout import find_section, resolve_column, resolve_row, section_rows
    from .model.template import LABEL

    workshop, template = _load(store, args.id)
    section = find_section(template, args.section)
    view = resolve_row(section_rows(section, workshop), args.row, workshop)
    shown = resolve_column(view.block, args.column)
    text = args.value
    if shown.variant is not None:  # "Ja"/"Nei" column of a checklist: x marks this one
        word = text.strip().lower()
        if word in ("x", "☒", "✓", "1"):
            text = shown.variant
    if view.group:
        raise CliError(f"rad {view.number} er en overskrift og kan ikke fylles ut")
    if shown.column.type == LABEL and not view.label_editable:
        raise CliError(f"teksten i rad {view.number} kommer fra malen og kan ikke endres")
    change = store.set_cell(workshop.id, section.id, view.block.id, view.key, shown.column.id, text)
    print(f"{section.id} rad {view.number}, {shown.column.title}: {_describe(shown.column, view.row, change.new)}")


def _describe(column, row, value) -> str:
    """The stored value as the app shows it ("65,5 %", not 65.5); a yes/no answer as stored ("ja")."""
    from .model.values import format_cell
    from .shorten import one_line

    if value is None or value == "":
        return "(tom)"
    text = value if column.type == "yesno" else format_cell(column, row, value)
    return one_line(str(text), 60)


def cmd_add_row(store: WorkshopStore, args) -> None:
    from .model.layout import find_section, section_rows

    workshop, template = _load(store, args.id)
    section = find_section(template, args.section)
    blocks = [b for b in section.blocks if b.add_rows]
    if args.table:
        blocks = [b for b in blocks if b.id == args.table]
    if not blocks:
        raise CliError(f"seksjon {section.id} tar ikke flere rader" + (f" i tabellen «{args.table}»" if args.table else ""))
    if len(blocks) > 1:
        names = ", ".join(b.id for b in blocks)
        raise CliError(f"seksjon {section.id} har flere tabeller; velg med --table ({names})")
    block = blocks[0]
    if len(args.values) > len(block.columns):
        raise CliError(f"for mange verdier: tabellen har {len(block.columns)} kolonner")
    texts = {column.id: value for column, value in zip(block.columns, args.values)}
    key = store.add_row(workshop.id, section.id, block.id, texts)
    workshop = store.load(workshop.id)
    number = next(v.number for v in section_rows(section, workshop) if v.key == key)
    print(number)


def cmd_export(store: WorkshopStore, args) -> None:
    from .export.run import export_workshop
    from .model.layout import find_section

    workshop, template = _load(store, args.id)
    if args.section:
        args.section = find_section(template, args.section).id
    path = export_workshop(template, workshop, args.format, blank=args.blank, step=args.step,
                           section=args.section, output=args.output, exports_dir=default_exports_dir())
    print(path)


def cmd_import(store: WorkshopStore, args) -> None:
    from .model.document import DocumentError, from_document
    from .store.storage import UnreadableFile, read_json

    documents = []
    for name in args.files:
        path = Path(name)
        try:
            data = read_json(path)
        except FileNotFoundError:
            raise CliError(f"{name}: finnes ikke") from None
        except UnreadableFile as exc:
            raise CliError(f"{name}: {exc}") from None
        except IsADirectoryError:
            raise CliError(f"{name}: er en mappe") from None
        try:
            documents.append(from_document(data, store.catalog.templates))
        except DocumentError as exc:
            raise CliError(f"{name}: {exc}") from None
    for workshop in documents:  # all checked first: a bad file imports nothing
        created = store.create(workshop)
        print(created.id)


def cmd_delete(store: WorkshopStore, args) -> None:
    workshop = store.load(args.id)
    store.delete(args.id)
    print(f"Slettet «{workshop.title}» ({args.id})")


def cmd_log(store: WorkshopStore, args) -> None:
    import json

    from .store import changelog

    store.load(args.id)
    entries = changelog.read(store.changes_path(args.id))
    if args.format == "csv":
        text = changelog.to_csv(entries)
    else:
        text = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries)
    if args.output is None:
        sys.stdout.write(text)
        return
    from .export.files import write_bytes_atomic
    from .store.errors import WriteFailed

    path = Path(args.output)
    try:
        write_bytes_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise WriteFailed.from_os_error(path, exc) from None
    print(path)
