"""Which format a command writes: ``--format``, or else the ending of ``-o``, or else the default.

``intro-tui export ID -o steg4.docx`` must give a Word file, not JSON under a
.docx name; ``--format md -o x.docx`` is a contradiction to refuse, not to
guess about.  ``export`` and ``log`` share the rule.  Options a format would
ignore (a JSON export is always the whole workshop with its answers) are
refused rather than silently dropped.
"""

from __future__ import annotations

from pathlib import Path

from ..export.formats import DEFAULT_FORMAT, FORMATS
from .parser import CliError

#: The change log's formats and their endings; the first is the default.
LOG_FORMATS = {"jsonl": ".jsonl", "csv": ".csv"}


def choose(requested: str | None, output: str | None, endings: dict[str, str], default: str) -> str:
    """The format id; raises :class:`CliError` on an unknown ending or a mismatch."""
    by_ending = None
    path = Path(output).expanduser() if output else None
    if path is not None and not path.is_dir():  # -o naming a folder takes the default name
        suffix = path.suffix.lower()
        by_ending = next((fid for fid, ending in endings.items() if ending == suffix), None)
        if suffix and by_ending is None and requested is None:
            known = ", ".join(endings.values())
            raise CliError(f"vet ikke hvilket format filendelsen «{suffix}» er: bruk {known}, eller velg med --format")
    if requested is None:
        return by_ending or default
    if by_ending is not None and by_ending != requested:
        raise CliError(f"-o {path.name} er en {by_ending}-fil, men --format er {requested}: "
                       f"skriv -o {path.stem}{endings[requested]} eller --format {by_ending}")
    return requested


def export_format(args) -> str:
    """``intro-tui export``: the format to write, after refusing options it would ignore."""
    fmt = FORMATS[choose(args.format, args.output, {f.id: f.extension for f in FORMATS.values()}, DEFAULT_FORMAT)]
    if not fmt.handout:
        ignored = [option for option, given in (("--blank", args.blank), ("--step", args.step),
                                                ("--section", args.section)) if given]
        if ignored:
            raise CliError(f"{' og '.join(ignored)} virker ikke for {fmt.id}: en {fmt.id}-eksport tar alltid med hele "
                           "verkstedet og svarene (velg --format docx eller md for en utdeling)")
    return fmt.id


def log_format(args) -> str:
    """``intro-tui log``: jsonl or csv."""
    return choose(args.format, args.output, LOG_FORMATS, next(iter(LOG_FORMATS)))
