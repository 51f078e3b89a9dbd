"""What every part of the workshop screen (copies, meeting, groups, the room's groups) may use of the screen.

The parts are Screen subclasses (Textual collects their keys and ``@on``
handlers) that :class:`.workshop.WorkshopScreen` combines.  They share the
screen's session and section, and call two of its methods: declared once here,
so pyright checks each part against one description of its host.
"""

from __future__ import annotations

from ...core.model.template import Section
from ...core.session import EditSession
from .editing import CellEditing


class ScreenPart(CellEditing):
    """The base of a workshop screen part: the screen's state and the two methods the parts call."""

    session: EditSession
    section: Section

    def go_to_section(self, section_id: str) -> None:  # the screen's
        raise NotImplementedError

    def refresh_tables(self) -> None:  # the screen's
        raise NotImplementedError
