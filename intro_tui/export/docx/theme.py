"""How the documents look: page, fonts, colours, column widths.  Numbers only, no logic."""

from __future__ import annotations

from docx.shared import Cm, Pt, RGBColor

from ...core.model.presenter import Tone

PAGE_WIDTH = Cm(21.0)  # A4
PAGE_HEIGHT = Cm(29.7)
MARGIN_SIDE = Cm(2.0)
MARGIN_TOP = Cm(2.0)
MARGIN_BOTTOM = Cm(2.0)

FONT = "Calibri"
BODY_SIZE = Pt(10.5)
TABLE_SIZE = Pt(9.5)
SMALL_SIZE = Pt(8.5)
CHECKBOX_SIZE = Pt(13)

ACCENT = RGBColor(0x1F, 0x4E, 0x79)  # headings: a dark blue close to Rambøll's templates
MUTED = RGBColor(0x59, 0x59, 0x59)  # header/footer text, hints
LINK = RGBColor(0x05, 0x63, 0xC1)

# Header rows dark with white text, group rows light grey with black bold text: apart on a
# black-and-white print too (the light blue and grey used before printed as nearly the same grey).
HEADER_FILL = "1F4E79"  # table header rows
HEADER_TEXT = RGBColor(0xFF, 0xFF, 0xFF)
GROUP_FILL = "EDEDED"  # group rows ("Interne forberedelser", "fag", …)
LABEL_FILL = "F5F8FB"  # label column of field tables in a handout
BORDER_COLOR = "8EA9C1"

# Column widths.  Fixed columns take their width; the rest share what is left by weight.
CHECKBOX_WIDTH = Cm(1.3)  # Ja / Nei
DEVIATION_WIDTH = Cm(2.4)  # Avvik
WEIGHT_LABEL = 2.4
WEIGHT_TEXT = 1.6
WEIGHT_LONG_TEXT = 2.0  # multi-line answer columns
WEIGHT_ROLES = 1.3
CELL_PADDING = Cm(0.381)  # left and right cell margins (Table Grid: 108 twips each)
WORD_SLACK_PT = 3  # rounding, and a little air beside the widest word
MAX_WORD_SHARE = 0.45  # no column's widest word may claim more of the table than this
FIELD_LABEL_SHARE = 0.32  # label column of a fields table

WIDE_TABLE_COLUMNS = 6  # this many displayed columns or more: the table gets a landscape page
KEEP_ROW_CHARS = 600  # rows with less text than this are kept on one page (longer ones may need to break)
# Blank handouts: room to write by hand, in lines of handwriting, by what a column asks for
HAND_LINE = Cm(0.75)
HAND_PAD = Cm(0.2)
HAND_LINES_LONG = 3  # a multi-line answer: a suggestion, a description
HAND_LINES_TEXT = 2  # a short answer, unit names, a time
HAND_LINES_MARK = 1  # a tick, a figure, a label written in

# Computed columns and the indicator chart: a tone's colour (the text also says it in words).
TONE_COLORS = {Tone.GOOD: RGBColor(0x2E, 0x7D, 0x32), Tone.WARN: RGBColor(0xA6, 0x5F, 0x00), Tone.BAD: RGBColor(0xC6, 0x28, 0x28)}
# By status id (core.model.indicators).  Apart in grey too, for a black-and-white printer: reached is
# dark (grey ~93), near light (~176), missed pale (~205) with dark diagonal stripes (STATUS_PATTERNS); the goal
# mark darker still (~38) and the limit mark mid-grey (~140) - never within 25 grey levels of each other.
STATUS_FILLS = {"nadd": "2E7D32", "naer": "EFA92B", "ikke": "F6BDB7"}
#: A missed goal's bar is striped (``w:shd`` pattern, its colour): a texture, not only a colour.
STATUS_PATTERNS = {"ikke": ("diagStripe", "B71C1C")}
BAR_FILL = "5B8DB8"  # a bar without a status (no goal yet)
EARLIER_FILL = "B7C4D1"  # earlier years' bars
TRACK_FILL = "EEEEEE"  # the unfilled part of a bar's track
MAX_FIXED_SHARE = 0.62  # fixed-width columns (values, computed) never take more of a table than this
