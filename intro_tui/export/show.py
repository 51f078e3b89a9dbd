"""``intro-tui show``: the filled tables in the terminal, as tabulate grids.

Row numbers in the first column are the ones ``set`` and ``add-row`` use.
"""

from __future__ import annotations

from tabulate import tabulate

from ..core.model.template import Section, Template
from ..core.model.workshop import Workshop
from ..core.model.presenter import indented
from .tables import block_grid


def render_show(template: Template, workshop: Workshop, sections: list[Section], *, width: int = 100) -> str:
    out = [f"{workshop.title} · {template.title}" + (f" · {workshop.kommune}" if workshop.kommune else "")
           + (f" · {workshop.year}" if workshop.year else "")]
    for section in sections:
        out += ["", f"== {section.heading} =="]
        number = 0
        for block in section.blocks:
            grid = block_grid(section, block, workshop)
            if block.title:
                out.append(block.title + (f" ({block.title_prompt})" if block.title_prompt else ""))
            rows = []
            for row in grid.rows:
                number += 1
                cells = row.texts
                if block.label_column is not None:
                    cells[0] = indented(cells[0], row.indent)
                    if row.group:
                        cells[0] = cells[0].upper() if len(cells[0]) < 30 else cells[0]
                rows.append([str(number), *cells])
            headers = ["#", *grid.headers]
            widths = _column_widths(len(headers), width)
            out.append(tabulate(rows, headers=headers, tablefmt="simple_grid", disable_numparse=True,
                                maxcolwidths=widths, maxheadercolwidths=widths))  # pyright: ignore[reportArgumentType] (None: no limit)
    return "\n".join(out)


def _column_widths(count: int, width: int) -> list[int | None]:
    """Share the terminal width so long cells wrap instead of running off screen."""
    usable = max(width - 3 * count - 1 - 3, 20)
    each = max(usable // max(count - 1, 1), 8)
    return [None] + [each] * (count - 1)
