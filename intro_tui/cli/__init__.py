"""The command line: ``intro-tui`` and its sub-commands.

The sub-command names and arguments are a contract other tools and tests
call.  Every error a user can cause ends as one Norwegian line on stderr and
exit code 2 - never a traceback.  Only ``intro-tui`` (no command) and
``intro-tui open`` import Textual; the rest start fast without it.

Imports are kept where they are used: ``intro-tui list`` with an up-to-date
list index (:mod:`intro_tui.core.store.index`) needs neither the template
catalogue, the workshop model nor TinyDB, and a short command's start-up is
most of its time (check with ``python -X importtime -m intro_tui list``).
"""

from __future__ import annotations

import sys

from ..core.store.errors import StoreError
from .commands import cmd_list, data_dir_of, open_app, store_of, HANDLERS
from .parser import CliError, build_parser
from .text import safe_line

EXIT_USAGE = 2

#: Errors a user can cause, by module: a module not imported yet cannot have raised its error.
_USER_ERRORS = (("intro_tui.core.model.values", "ValueProblem"), ("intro_tui.core.model.layout", "AddressError"),
                ("intro_tui.core.model.document", "DocumentError"))


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a data folder we may not read, a symlink loop, a path too long: one line, not a traceback
        from ..core.os_errors import os_message

        return _fail(os_message(exc))
    except RecursionError:
        return _fail("for dypt nøstet sti eller fil")
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
    print(f"intro-tui: feil: {safe_line(message)}", file=sys.stderr)
    return EXIT_USAGE


def run(args) -> int:
    command = args.command
    if command in (None, "open"):
        return open_app(args)
    if command == "list":  # no store, no catalogue unless the index needs them
        return cmd_list(data_dir_of(args), args) or 0
    return HANDLERS[command](store_of(args), args) or 0
