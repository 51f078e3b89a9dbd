"""``intro-tui copy ID [--year Y] [--title T]``: next year's workshop, goals kept, results cleared."""

from __future__ import annotations


def cmd_copy(store, args) -> None:
    from ..core.model.values import clean_text, parse_year
    from ..core.store.years import copy_for_next_year

    year = parse_year(args.year) if args.year is not None else None
    title = clean_text(args.title).strip() if args.title else None
    copy = copy_for_next_year(store, args.id, year=year, title=title)
    print(f"Laget «{copy.title}»" + (f" for {copy.year}" if copy.year else "")
          + f" fra {args.id}: mål og grenser beholdt, resultater og NIR-antall tømt")
    print(copy.id)
