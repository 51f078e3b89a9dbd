"""Groups on paper (issue 21 point 4): the drafts as an appendix, and a blank copy per group.

* A filled handout with ``groups=True`` ends with the appendix "Gruppenes svar":
  every group draft of the sections the export covers, headed "1.3 … – utkast
  for Gruppe 1" (a removed group's draft too: nothing a group wrote is lost).
* A blank handout with ``groups=True`` is one copy per group of the section it
  works on (its copy, or the section of its draft), headed with the group's
  name, instead of the whole selection: what the facilitator hands each group.

Shared by the Word and Markdown writers; no python-docx here.
"""

from __future__ import annotations

from dataclasses import replace

from ..core.model import copies
from ..core.model import groups
from ..core.model.groups import APPENDIX
from ..core.model.template import Part, Section, Template
from ..core.model.workshop import Workshop

__all__ = ["APPENDIX", "appendix_sections", "per_group_selection"]


def appendix_sections(template: Template, workshop: Workshop,
                      selection: list[tuple[Part, list[Section]]]) -> list[Section]:
    """The drafts of the selection's sections, in the selection's order and then the groups' order."""
    out: list[Section] = []
    for _, sections in selection:
        for section in sections:
            for key in groups.drafts_of(workshop, section.id):
                out.append(groups.draft_view(template, workshop, key))
    return out


def per_group_selection(template: Template, workshop: Workshop,
                        selection: list[tuple[Part, list[Section]]]) -> list[tuple[Part, list[Section]]]:
    """The selection as one copy per group: each group's section, named after the group, in its part."""
    chosen = {s.base_id for _, sections in selection for s in sections}
    out: list[tuple[Part, list[Section]]] = []
    for part in template.parts:
        ids = {s.id for s in part.sections}
        sections = []
        for group in workshop.groups:
            plenary = groups.base_of(group.place)
            base = plenary.split("#", 1)[0]
            if base in ids and base in chosen:
                view = copies.view_of(template, workshop, plenary) if copies.exists(workshop, plenary) \
                    else template.section(base)
                sections.append(replace(view, id=group.place, copy_name=group.name))
        if sections:
            out.append((part, sections))
    return out
