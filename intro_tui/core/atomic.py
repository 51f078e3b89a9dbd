"""Replace a file whole: kept as a name for :func:`intro_tui.core.safe_fs.replace`.

The implementation lives in :mod:`intro_tui.core.safe_fs`, with every other
read and write of the data folder, so there is one place that knows how not to
follow a group member's symlink.
"""

from __future__ import annotations

from .safe_fs import replace as replace_file

__all__ = ["replace_file"]
