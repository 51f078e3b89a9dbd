"""A table's styles for focused and unfocused, worked out once each and reused.

Textual restyles a widget from the whole stylesheet whenever it gains or loses
the focus, and a DataTable does it for each of its component classes too
(``datatable--cursor``, ``--header`` … each a full rule match): 5-8 ms per
table.  A section move in a room does it twice in every follower (the table
left loses the focus, the one reached gains it), 60 followers at once on two
cores.  The outcome depends only on the stylesheet and on the classes and
pseudo-classes of the table and its ancestors, so a table keeps what it got
for each such state and puts it back when the state comes again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import DataTable

#: (styled by rules_map, own rules, component styles) per state of the table and its ancestors.
_Styled = tuple[object, dict[str, Any], dict[str, Any]]


def matched_pseudo_classes(widget: Widget, stylesheet: Stylesheet) -> frozenset[str]:
    """The pseudo-classes named anywhere in a rule that can style the widget or one of its component classes
    (``:focus`` yes; ``:odd`` or ``:first-child`` of a hidden neighbour's place, not unless a rule says so)."""
    names = set(widget._selector_names)  # noqa: SLF001 - what Stylesheet.apply limits the rules by
    for component in widget._get_component_classes():  # noqa: SLF001
        names |= DOMNode(classes=component)._selector_names  # noqa: SLF001
    rules_map = stylesheet.rules_map
    return frozenset().union(*(rule.pseudo_classes for name in names & rules_map.keys() for rule in rules_map[name]))


def style_state(widget: Widget, pseudo_classes: frozenset[str]) -> tuple:
    """What those rules can see of the widget and its ancestors (besides their types and ids, fixed per widget)."""
    return tuple((node.classes, frozenset(node.get_pseudo_classes()) & pseudo_classes)
                 for node in widget.ancestors_with_self)


class CachedFocusStyles(DataTable if TYPE_CHECKING else object):
    """A mixin of a DataTable (BlockTable), placed before it: restyle on a focus change from what this table got in
    the same state before."""

    def watch_has_focus(self, has_focus: bool) -> None:
        widget: Any = self
        try:
            stylesheet: Stylesheet = widget.app.stylesheet
        except RuntimeError:  # NoActiveAppError (textual._context): not in an app, nothing to style
            return
        cache: dict[tuple, _Styled] = widget.__dict__.setdefault("_focus_styles", {})
        seen = widget.__dict__.get("_focus_pseudo_classes")
        if seen is None or seen[0] is not stylesheet.rules_map or seen[1] != widget.classes:
            seen = (stylesheet.rules_map, widget.classes, matched_pseudo_classes(widget, stylesheet))
            widget.__dict__["_focus_pseudo_classes"] = seen
        key = style_state(widget, seen[2])
        kept = cache.get(key)
        if kept is not None and kept[0] is stylesheet.rules_map:
            _, rules, components = kept
            base = widget.styles.base
            for name in base._rules.keys() | rules.keys():  # noqa: SLF001 - as Stylesheet.replace_rules does
                if base._rules.get(name) != rules.get(name):  # noqa: SLF001
                    setattr(base, name, rules.get(name))
            widget._component_styles = dict(components)  # noqa: SLF001 - what Stylesheet.apply sets
            # Not DataTable.notify_style_update: it forgets every row and cell drawn, though those are kept
            # per focus state (``_pseudo_class_state`` is in their keys) and this state's styles are as then.
            Widget.notify_style_update(widget)
            widget._styles_cache.clear()  # noqa: SLF001 - the background (tinted while focused)
            widget._get_styles_to_render_cell.cache_clear()  # noqa: SLF001 - not keyed by the focus
            widget.refresh()
            return
        super().watch_has_focus(has_focus)  # the whole stylesheet, as Textual does
        cache[key] = (stylesheet.rules_map, dict(widget.styles.base._rules),  # noqa: SLF001
                      dict(widget._component_styles))  # noqa: SLF001

    def _on_resize(self, _: events.Resize) -> None:
        """DataTable forgets every row drawn on any Resize; a kept section shown again gets one at the size it had."""
        widget: Any = self
        size = (_.size, _.virtual_size, _.container_size)
        if widget.__dict__.get("_sized") == size:
            _.prevent_default()  # not DataTable._on_resize
        widget.__dict__["_sized"] = size
