"""One handler per sub-command: each reads its arguments, calls the core or export, prints.

Imports are kept where they are used: ``intro-tui list`` with an up-to-date
list index (:mod:`intro_tui.core.store.index`) needs neither the template
catalogue, the workshop model nor TinyDB, and a short command's start-up is
most of its time (check with ``python -X importtime -m intro_tui list``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.paths import default_data_dir, default_exports_dir
from .cmd_agenda import AGENDA_HANDLERS
from .cmd_groups import GROUP_HANDLERS
from .cmd_copy_section import COPY_HANDLERS
from .importing import import_files
from .parser import CliError
from .restore import cmd_restore
from .text import safe_line

if TYPE_CHECKING:
    from ..core.model.catalog import Catalog
    from ..core.store.workshops import WorkshopStore


def data_dir_of(args) -> Path:
    return Path(getattr(args, "data_dir", None) or default_data_dir())


def _catalog(data_dir: Path) -> Catalog:
    from ..core.model.catalog import load_catalog

    catalog = load_catalog(data_dir)
    _warn_templates(catalog.errors)
    return catalog


def _warn_templates(errors: list[str]) -> None:
    for error in errors:
        print(f"intro-tui: advarsel: mal hoppet over: {safe_line(error)}", file=sys.stderr)


def store_of(args) -> WorkshopStore:
    from ..core.store.workshops import WorkshopStore

    data_dir = data_dir_of(args)
    return WorkshopStore(data_dir, _catalog(data_dir))




def cmd_templates(store: WorkshopStore, args) -> None:
    from tabulate import tabulate

    rows = [(t.id, t.title, len(t.sections)) for t in store.catalog.templates.values()]
    print(tabulate(rows, headers=["Mal", "Tittel", "Seksjoner"], tablefmt="simple"))


def cmd_new(store: WorkshopStore, args) -> None:
    from ..core.model.values import clean_text, parse_year
    from ..core.model.workshop import Workshop

    template = _template(store.catalog, args.template)
    if args.example:
        from ..examples import example_workshop

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
    print(f"Laget «{safe_line(workshop.title)}» ({template.id})")
    print(workshop.id)


def _template(catalog: Catalog, template_id: str):
    try:
        return catalog.get(template_id)
    except KeyError as exc:
        raise CliError(exc.args[0]) from None


def cmd_list(data_dir: Path, args) -> None:
    """One line per workshop, from the list index: only files changed since the last listing are read."""
    from tabulate import tabulate

    from ..core.shorten import one_line
    from ..core.store.index import summaries

    catalogs = []

    def catalog():  # loaded (and its warnings printed) only when a file must be read again
        if not catalogs:
            from ..core.model.catalog import load_catalog

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
        print(f"intro-tui: advarsel: kan ikke lese {safe_line(str(error))}", file=sys.stderr)


def _load(store: WorkshopStore, workshop_id: str):
    workshop = store.load(workshop_id)
    return workshop, store.template_of(workshop)


def cmd_show(store: WorkshopStore, args) -> None:
    import shutil

    from ..core.model import copies
    from ..export.show import render_show

    workshop, template = _load(store, args.id)
    sections = (copies.select(template, workshop, args.section) if args.section
                else copies.expand(template.sections, workshop))
    width = shutil.get_terminal_size((100, 24)).columns
    print(render_show(template, workshop, sections, width=width))


def cmd_set(store: WorkshopStore, args) -> None:
    from ..core.model.copies import resolve
    from ..core.model.layout import half_answer, resolve_column, resolve_row, section_rows
    from ..core.model.template import LABEL
    from ..core.shorten import one_line

    workshop, template = _load(store, args.id)
    section = resolve(template, workshop, args.section)  # "2.2 Renhold": one copy of a per-choice section
    view = resolve_row(section_rows(section, workshop), args.row, workshop)
    shown = resolve_column(view.block, args.column)
    if view.group:
        raise CliError(f"rad {view.number} er en overskrift og kan ikke fylles ut")
    if shown.column.type == LABEL and not view.label_editable:
        raise CliError(f"teksten i rad {view.number} kommer fra malen og kan ikke endres")
    text = args.value
    if shown.variant is not None:  # the Ja or Nei half of a checklist's answer
        text = half_answer(shown, text)
    change = store.set_cell(workshop.id, section.id, view.block.id, view.key, shown.column.id, text)
    where = f"{section.base_id} {one_line(section.copy_name, 40)}" if section.copy_name else section.id
    print(f"{where} rad {view.number}, {shown.column.title}: {_describe(shown.column, view.row, change.new)}")


def _describe(column, row, value) -> str:
    """The stored value as the app shows it ("65,5 %", not 65.5); a yes/no answer as stored ("ja")."""
    from ..core.model.column_types import column_type, format_cell
    from ..core.shorten import one_line

    if value is None or value == "":
        return "(tom)"
    text = value if column_type(column).toggle and value in ("ja", "nei") else format_cell(column, row, value)
    return one_line(str(text), 60)


def cmd_add_row(store: WorkshopStore, args) -> None:
    from ..core.model.copies import resolve
    from ..core.model.layout import block_name, resolve_block, section_rows

    workshop, template = _load(store, args.id)
    section = resolve(template, workshop, args.section)
    blocks = [b for b in section.blocks if b.add_rows]
    if not blocks:
        raise CliError(f"seksjon {section.id} tar ikke flere rader")
    if args.table:
        blocks = [resolve_block(section, args.table, blocks)]
    if len(blocks) > 1:
        names = ", ".join(f"«{block_name(b)}» ({b.id})" for b in blocks)
        raise CliError(f"seksjon {section.id} har flere tabeller; velg med --table: {names}")
    block = blocks[0]
    if len(args.values) > len(block.columns):
        raise CliError(f"for mange verdier: tabellen har {len(block.columns)} kolonner")
    texts = {column.id: value for column, value in zip(block.columns, args.values)}
    key = store.add_row(workshop.id, section.id, block.id, texts)
    workshop = store.load(workshop.id)
    number = next(v.number for v in section_rows(section, workshop) if v.key == key)
    print(number)


def cmd_export(store: WorkshopStore, args) -> None:
    from ..core.model import copies
    from ..export.run import export_workshop
    from .output_format import export_format

    fmt = export_format(args)
    workshop, template = _load(store, args.id)
    if args.section:  # a section means all its copies; "2.2 Renhold" one of them
        chosen = copies.select(template, workshop, args.section)
        args.section = chosen[0].base_id if len(chosen) > 1 else copies.only_key(chosen[0])
    notes: list[str] = []
    path = export_workshop(template, workshop, fmt, blank=args.blank, step=args.step,
                           section=args.section, output=args.output, exports_dir=default_exports_dir(),
                           copies=args.copies, notes=notes, groups=args.groups,
                           data_dir=store.data_dir, force=args.force or args.output is None)  # see below
    for note in notes:
        print(f"Merk: {note}.", file=sys.stderr)
    # Without -o the file is exports/<id>...: ours by name, replaced as a script re-exporting expects;
    # a path given with -o is the user's, and replaced only with --force.
    if path is not None:  # None: written to stdout (-o -)
        print(path)


def cmd_import(store: WorkshopStore, args) -> None:
    """JSON exports become workshops; a file imported before (the same bytes) is not imported again.

    A multi-file import killed halfway and run again used to import the first
    file twice.  Each import's ``create`` log entry keeps the file's SHA-256
    (:func:`intro_tui.core.store.imports.imported_before`), so a retry finds it.
    """
    import hashlib

    from ..core import safe_fs
    from ..core.user_file import UserFileError, read_user_file
    from ..core.model.document import DocumentError, from_document
    from ..core.model.values import ValueProblem
    from ..core.store.errors import StoreError
    from ..core.store.imports import imported_before

    documents = []
    for name in args.files:
        path = Path(name)
        try:  # bounded, regular files only: a FIFO or /dev/zero is refused, not waited on
            raw = read_user_file(path, safe_fs.MAX_FILE_BYTES, name=name)
            data = safe_fs.parse_json(raw, unique_keys=True)
        except UserFileError as exc:
            raise CliError(str(exc)) from None
        except safe_fs.BadFile as exc:
            raise CliError(f"{name}: {exc}") from None
        try:
            documents.append((from_document(data, store.catalog.templates), hashlib.sha256(raw).hexdigest()))
        except (DocumentError, ValueProblem) as exc:
            raise CliError(f"{name}: {exc}") from None
    done: list[str] = []
    for name, (workshop, digest) in zip(args.files, documents):  # all checked first: a bad file imports nothing
        earlier = imported_before(store.data_dir, digest)
        if earlier is not None:
            print(f"intro-tui: {safe_line(name)} er allerede importert som {earlier}; ikke importert på nytt",
                  file=sys.stderr)
            done.append(f"{name} → {earlier}")
            print(earlier)
            continue
        try:
            created = store.create(workshop, log={"source": digest})
        except (StoreError, ValueProblem) as exc:
            raise CliError(_import_stopped(name, exc, done)) from None
        done.append(f"{name} → {created.id}")
        if len(args.files) > 1:
            print(f"intro-tui: importerte {safe_line(name)} som {created.id}", file=sys.stderr)
        print(created.id)


def _import_stopped(name: str, exc: Exception, done: list[str]) -> str:
    """A multi-file import that stopped halfway says what is already in (re-running would import it twice)."""
    already = f"; allerede importert: {', '.join(done)}" if done else "; ingenting ble importert"
    return f"{name}: {exc}{already}"


def cmd_delete(store: WorkshopStore, args) -> None:
    title = store.current_title(args.id)  # any file goes, even one the reader refuses (then its name is shown)
    store.delete(args.id)
    print(f"Slettet «{safe_line(title)}» ({args.id}); «intro-tui restore {args.id}» henter det tilbake")


def cmd_log(store: WorkshopStore, args) -> None:
    import json

    from ..core.store import changelog
    from .output_format import log_format

    fmt = log_format(args)
    workshop = store.load(args.id)
    entries = changelog.read(store.changes_path(args.id))
    if fmt == "csv":
        payload = changelog.to_csv(entries, store.template_of(workshop), workshop)
    else:
        payload = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries).encode("utf-8")
    if args.output in (None, "-"):
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)  # bytes: the BOM and UTF-8 whatever the terminal's locale
        return
    from ..export import destination

    path = destination.expand(args.output)
    destination.write(path, payload, data_dir=store.data_dir, force=args.force)
    print(path)


def open_app(args) -> int:
    """``intro-tui`` and ``intro-tui open``: the only paths that import Textual."""
    from ..tui.launch import launch

    return launch(data_dir_of(args), workshop_id=getattr(args, "id", None), section=getattr(args, "section", None),
                  mouse=getattr(args, "mouse", False), ask_name=getattr(args, "ask_name", False),
                  room_role=getattr(args, "room_role", None))


def _serve(store: WorkshopStore, args) -> int:
    """``intro-tui serve``: the web server's modules load only here."""
    from .serve_cmd import cmd_serve

    return cmd_serve(store, args)


from .cmd_copy import cmd_copy
from .cmd_nir import cmd_nir

#: The sub-commands that work on a store (``list`` reads the index without one).
HANDLERS = {
    "templates": cmd_templates, "new": cmd_new, "show": cmd_show, "set": cmd_set, "add-row": cmd_add_row,
    "export": cmd_export, "import": import_files, "delete": cmd_delete, "log": cmd_log, "restore": cmd_restore,
    "copy": cmd_copy, "nir": cmd_nir,
    "serve": _serve,
    **COPY_HANDLERS,
    **AGENDA_HANDLERS,
    **GROUP_HANDLERS,
}

