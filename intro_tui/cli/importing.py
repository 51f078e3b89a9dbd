"""``intro-tui import FIL...``: JSON exports become workshops; a filled Word document fills one.

The file's ending picks the reader from the format registry
(:data:`intro_tui.export.formats.FORMATS`); a format with a ``read`` gives an
import plan, shown (``--dry-run``) or carried out.  JSON keeps its own path:
a JSON export is a whole workshop, read as it always was.
"""

from __future__ import annotations

from pathlib import Path

from .text import safe_line


def add_import_options(parser) -> None:
    """The import options (one call from the grammar in ``parser.py``)."""
    parser.add_argument("--into", metavar="ID", help="fyll dette verkstedet i stedet for å lage et nytt (Word)")
    parser.add_argument("--dry-run", action="store_true", help="vis hva som ville blitt lest inn, uten å skrive")
    parser.add_argument("--overwrite", action="store_true", help="overskriv celler som har en annen verdi")


def import_files(store, args) -> None:
    from ..export.formats import format_for_extension
    from .parser import CliError

    readers = [format_for_extension(name) for name in args.files]
    word = [(Path(name), fmt) for name, fmt in zip(args.files, readers) if fmt is not None and fmt.read is not None]
    others = [name for name, fmt in zip(args.files, readers) if fmt is None or fmt.read is None]
    if others and (args.into or args.dry_run or args.overwrite):
        raise CliError("--into, --dry-run og --overwrite gjelder bare Word-dokumenter (.docx)")
    if others:  # JSON exports (and anything else, refused there by name) are read as they always were
        from .commands import cmd_import

        args.files = others
        cmd_import(store, args)
    for path, fmt in word:
        _import_one(store, args, path, fmt)


def _import_one(store, args, path: Path, fmt) -> None:
    from ..export.docx_reader import ImportRefused, describe
    from ..export.docx_reader.apply import apply_plan, summary
    from .parser import CliError

    workshop = store.load(args.into) if args.into else None
    try:
        plan, title = fmt.read(path, store.catalog, workshop)
    except ImportRefused as exc:
        raise CliError(str(exc)) from None
    lines = describe(plan)
    if args.dry_run:
        for line in lines:
            print(safe_line(line))
        target = f"«{workshop.id}»" if workshop else f"et nytt verksted «{title}»"
        print(safe_line(f"Tørrkjøring: ingenting er skrevet (ville fylt {target})."))
        return
    applied = apply_plan(store, plan, workshop.id if workshop else None, title=title, overwrite=args.overwrite)
    print(safe_line(lines[0]))
    for line in lines[1:]:
        if not line.startswith("  +"):
            print(safe_line(line))
    print(safe_line(summary(applied, path.name, " (bruk --overwrite)")))
    print(applied.workshop_id)
