"""The appendix "Gruppenes svar" of a filled Word handout: each group draft as a section (see export/group_pages.py)."""

from __future__ import annotations

from ...core.model.template import Section
from . import headers
from .context import Context
from .sections import write_section
from .text import add_text


def write_appendix(ctx: Context, title: str, sections: list[Section]) -> None:
    """A heading on a new page, then every draft on a page of its own, headed "1.3 … – utkast for Gruppe 1"."""
    if not sections:
        return
    headers.use(ctx, "", landscape=False)
    ctx.set_landscape(False)
    heading = ctx.heading(1)
    ctx.start_on_new_page(heading)
    add_text(heading, title)
    ctx.fresh_page = True  # the first draft follows on the appendix's page
    for section in sections:
        write_section(ctx, section, new_page=True, heading=True)
