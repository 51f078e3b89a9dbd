"""The key bar at the bottom: the keys that work here, generated from the bindings.

Textual's ``Footer`` rebuilds a widget per key on every focus change, and in
Textual 8.2 the old ones stay referenced (``data_bind``), so a session that
moves through sections for an hour grows by megabytes.  One ``Static``
re-rendering a line of text does the same job without widgets - and sends
fewer bytes to a terminal at the end of an SSH link.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self.call_after_refresh(self.bindings_changed, self.screen)

    def bindings_changed(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen:
            self.update(self.line(), layout=False)  # one fixed row: no layout pass

    def line(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            text.append(f" {key}", "bold yellow" if enabled else "dim")
            text.append(f" {binding.description} ", "" if enabled else "dim")
        return text
