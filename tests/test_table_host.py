"""Issue 22 point 5/8: the block table's mixins type their host with a Protocol, not a ``__getattr__ -> Any`` stub.

Pyright checks every name the mixins use against :class:`BlockTableHost`; this
test checks the other half: the real table offers every name the Protocol
promises, and no mixin hides a misspelt name behind ``__getattr__`` again.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from intro_tui.core.model.catalog import load_catalog
from intro_tui.core.model.workshop import Workshop
from intro_tui.tui.widgets import table_notes, table_width
from intro_tui.tui.widgets.kind_tables import editor_for
from intro_tui.tui.widgets.table_host import BlockTableHost


def test_every_kind_of_table_offers_what_its_mixins_need(tmp_path: Path):
    template = load_catalog(tmp_path).get("arbeidsrettet-lop")
    assert template is not None
    workshop = Workshop(id="w", title="Møte", template=template.id)
    promised = set(BlockTableHost.__annotations__) | {
        name for name, _ in inspect.getmembers(BlockTableHost) if not name.startswith("_")}
    seen = set()
    for section in template.sections:
        for block in section.blocks:
            if block.kind in seen:
                continue
            seen.add(block.kind)
            table = editor_for(section, block, workshop, 76)
            missing = sorted(name for name in promised if not hasattr(table, name))
            assert not missing, (block.kind, missing)
    assert len(seen) >= 4


def test_no_mixin_lets_any_name_through():
    for module in (table_width, table_notes):
        assert "__getattr__" not in Path(module.__file__ or "").read_text(encoding="utf-8"), module.__name__
