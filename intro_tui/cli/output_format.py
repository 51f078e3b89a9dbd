"""Which format a command writes: ``--format``, or else the ending of ``-o``, or else the default.

``intro-tui export ID -o steg4.docx`` must give a Word file, not JSON under a
.docx name; ``--format md -o x.docx`` is a contradiction to refuse, not to
guess about.  ``export`` and ``log`` share the rule.  Options a format would
ignore (a JSON export is always the whole workshop with its answers) are
refused rather than silently dropped.
"""

from __future__ import annotations

from typing import Callable

from ..export.formats import DEFAULT_FORMAT, FORMATS, format_for_extension
from .parser import CliError

#: The change log's formats and their endings; the first is the default.
LOG_FORMATS = {"jsonl": ".jsonl", "csv": ".csv"}


def choose(requested: str | None, output: str | None, endings: dict[str, str], default: str,
           by_name: Callable[[str], str | None]) -> str:
    """The format id; raises :class:`CliError` on an unknown ending or a mismatch.

    ``endings``: format id -> file ending; ``by_name``: the format a file name's ending asks for, or None.
    """
    from ..export import destination

    by_ending = None
    path = destination.expand(output) if output and output != "-" else None
    if path is not None and not destination.is_dir(path):  # -o naming a folder takes the default name
        suffix = path.suffix.lower()
        by_ending = by_name(path.name)
        if suffix and by_ending is None and requested is None:
            known = ", ".join(endings.values())
            raise CliError(f"vet ikke hvilket format filendelsen «{suffix}» er: bruk {known}, eller velg med --format")
    if requested is None:
        return by_ending or default
    if by_ending is not None and by_ending != requested and path is not None:
        raise CliError(f"-o {path.name} er en {by_ending}-fil, men --format er {requested}: "
                       f"skriv -o {path.stem}{endings[requested]} eller --format {by_ending}")
    return requested


def export_format(args) -> str:
    """``intro-tui export``: the format to write, after refusing options it would ignore."""
    endings = {f.id: f.extension for f in FORMATS.values()}
    by_name = lambda name: getattr(format_for_extension(name), "id", None)  # noqa: E731
    fmt = FORMATS[choose(args.format, args.output, endings, DEFAULT_FORMAT, by_name)]
    if not fmt.handout:
        ignored = [option for option, given in (("--blank", args.blank), ("--step", args.step),
                                                ("--section", args.section)) if given]
        if ignored:
            raise CliError(f"{' og '.join(ignored)} virker ikke for {fmt.id}: en {fmt.id}-eksport tar alltid med hele "
                           "verkstedet og svarene (velg --format docx eller md for en utdeling)")
    return fmt.id


def log_format(args) -> str:
    """``intro-tui log``: jsonl or csv."""
    by_name = lambda name: next((fid for fid, end in LOG_FORMATS.items() if name.lower().endswith(end)), None)  # noqa: E731
    return choose(args.format, args.output, LOG_FORMATS, next(iter(LOG_FORMATS)), by_name)
