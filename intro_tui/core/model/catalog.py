"""The template catalogue: the built-in templates plus a municipality's own.

Built-in templates ship in ``intro_tui/templates/``; a municipality drops its
own JSON files into ``<data dir>/templates/``.  A broken file does not stop
the others: it is reported in ``errors`` with its name and the place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .template import Template
from .template_loader import TemplateError, load_template_file

BUILTIN_DIR = Path(__file__).resolve().parents[2] / "templates"


@dataclass
class Catalog:
    templates: dict[str, Template] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def get(self, template_id: str) -> Template:
        try:
            return self.templates[template_id]
        except KeyError:
            known = ", ".join(sorted(self.templates))
            raise KeyError(f"ukjent mal «{template_id}» (finnes: {known})") from None


def load_catalog(data_dir: Path | None = None) -> Catalog:
    catalog = Catalog()
    folders = [BUILTIN_DIR]
    if data_dir is not None:
        folders.append(Path(data_dir) / "templates")
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                template = load_template_file(path)
            except TemplateError as exc:
                catalog.errors.append(str(exc) if folder == BUILTIN_DIR else f"{folder.name}/{exc}")
                continue
            if template.id in catalog.templates:
                catalog.errors.append(f"{template.source}: malen «{template.id}» finnes fra før og ble hoppet over")
                continue
            catalog.templates[template.id] = template
    return catalog
