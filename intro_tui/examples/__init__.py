"""Example workshops: what a filled template looks like (``intro-tui new MAL --example``).

Each example is a data file, ``<template id>.json`` in this folder, in the same
JSON document format that ``export --format json`` writes and ``import`` reads
(see ``intro_tui.core.model.document``).  Examples are data rather than code because:

* they are read through :func:`~intro_tui.core.model.document.from_document`, so
  every cell passes the same parsers as ``set``, ``add-row`` and ``import``;
  an example can never hold a value a user could not have typed;
* they are authored the way a user works (``new``, ``set``, ``add-row``, then
  ``export``), and anyone can update one with a text editor or by exporting
  a better workshop, without touching Python;
* a template change that an example no longer fits fails loudly, with the
  place named, in ``tests/test_examples.py`` instead of going stale silently.

The content comes from the source documents (IMDi's *Sett mål – oppnå
resultater*, IMDi's 2010 figures, Rambøll's *Oppgavemaler*).  A template with
no example file, such as a municipality's own, gets an empty workshop.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..core.model.catalog import Catalog
from ..core.model.document import DocumentError, from_document
from ..core.model.template import Template
from ..core.model.workshop import Workshop

EXAMPLES_DIR = Path(__file__).resolve().parent


def example_path(template_id: str) -> Path | None:
    """The example file for a template, or None when it has none."""
    path = EXAMPLES_DIR / f"{template_id}.json"
    if "/" in template_id or "\\" in template_id or path.parent != EXAMPLES_DIR or not path.is_file():
        return None
    return path


def example_workshop(template: Template, catalog: Catalog) -> Workshop:
    """An unsaved workshop (id "") filled with the template's example content."""
    path = example_path(template.id)
    if path is None:
        return Workshop(id="", title=f"Eksempel – {template.title}", template=template.id)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(f"eksempelfilen {path.name} kan ikke leses: {exc}") from None
    if isinstance(data, dict) and data.get("template") != template.id:
        raise DocumentError(f"eksempelfilen {path.name} er for malen «{data.get('template')}», ikke «{template.id}»")
    try:
        workshop = from_document(data, catalog.templates)
    except DocumentError as exc:
        raise DocumentError(f"eksempelfilen {path.name}: {exc}") from None
    workshop.id = ""
    workshop.created = workshop.updated = ""
    return workshop
