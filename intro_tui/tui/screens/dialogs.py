"""Small modal dialogs with typed results: confirm, workshop details, export choice."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)

from ...core.model.copies import MAX_COPIES
from ...core.model.template import Section, Template
from ...core.model.values import ValueProblem, clean_text, parse_year
from ...export.formats import DEFAULT_FORMAT, FORMATS
from ..widgets.key_bar import KeyBar
from ..widgets.ordered_input import OrderedInput, dialog_funnel
from .modal import Dialog


class ConfirmDialog(Dialog[bool]):
    """Ja / Nei.  ``j`` or Enter on Ja confirms; ``n`` or Escape says no."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "Nei", show=True),
        Binding("j", "answer(True)", "Ja", show=True),
    ]

    def __init__(self, question: str, yes: str = "Ja"):
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        yield KeyBar()  # the dialog's own keys, over the screen's
        with Vertical(classes="dialog"):
            yield Static(Text(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(compact=True, label=self.yes, variant="error", id="yes")
                yield Button(compact=True, label="Nei", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class NameDialog(Dialog[str | None]):
    """Asked once on a shared account: the name the others see and the change log keeps."""

    BINDINGS = [Binding("escape", "skip", "Hopp over", show=True)]

    def __init__(self, account: str):
        super().__init__()
        self.account = account

    def compose(self) -> ComposeResult:
        yield KeyBar()  # the dialog's own keys, over the screen's
        with Vertical(classes="dialog"):
            yield Static(Text("Hva heter du?", style="bold"))
            yield Static(Text("Navnet vises for de andre i verkstedet og i endringsloggen. "
                              f"Esc hopper over (da brukes «{self.account}»)."), classes="dialog-text")
            yield Input(compact=True, placeholder="Navn", id="name", max_length=40)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            name = " ".join(clean_text(event.value).split())
        except ValueProblem:
            name = ""
        self.dismiss(name or None)

    def action_skip(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class WorkshopForm:
    template: str
    title: str
    kommune: str
    year: int | None
    units: list[str]


DEFAULT_UNITS = "Flyktningtjenesten, NAV, Voksenopplæringen"


class WorkshopDialog(Dialog[WorkshopForm | None]):
    """New workshop (with a template to choose) or edit an existing one's details."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", show=True),
                Binding("ctrl+s", "save", "Lagre", show=True)]

    def __init__(self, templates: list[Template], *, heading: str, form: WorkshopForm | None = None,
                 choose_template: bool = True):
        super().__init__()
        self.templates = templates
        self.heading = heading
        self.form = form
        self.choose_template = choose_template
        #: Keys typed in a burst land in the field they were meant for (key_order).
        self.key_funnel = dialog_funnel(self)

    def compose(self) -> ComposeResult:
        form = self.form
        yield KeyBar()  # the dialog's own keys, over the screen's
        with Vertical(classes="dialog wide"):
            yield Static(Text(self.heading, style="bold"))
            if self.choose_template:
                yield Label("Mal")
                yield Select(compact=True, options=[(Text(t.title), t.id) for t in self.templates], allow_blank=False,
                             value=form.template if form else self.templates[0].id, id="template")
            yield Label("Tittel")
            yield OrderedInput(compact=True, value=form.title if form else "", placeholder="F.eks. Arbeidsmøte 1 – Bærum", id="title")
            with Horizontal(classes="dialog-row"):
                with Vertical():
                    yield Label("Kommune")
                    yield OrderedInput(compact=True, value=form.kommune if form else "", id="kommune")
                with Vertical(classes="narrow"):
                    yield Label("År")
                    yield OrderedInput(compact=True, value=str(form.year) if form and form.year else "", id="year", type="integer",
                                max_length=4)
            yield Label("Enheter (skill med komma)")
            yield OrderedInput(compact=True, value=", ".join(form.units) if form else DEFAULT_UNITS, id="units")
            yield Static("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(compact=True, label="Lagre", variant="primary", id="save")
                yield Button(compact=True, label="Avbryt", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()
        self.query_one("#problem", Static).display = False  # shown with the first problem

    def key_hints(self) -> list[tuple[str, str]]:
        """The key bar: Enter moves on (saves from the last field), Ctrl+S saves from any field."""
        return [("⏎", "Neste felt"), ("^S", "Lagre"), ("Esc", "Avbryt")]

    def action_save(self) -> None:
        self.save()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.next_field(event.input)

    def next_field(self, field: Input) -> None:
        """Enter: on to the next field at once (the keys typed after it belong there); on the last, save."""
        inputs = list(self.query(Input))
        index = inputs.index(field)
        if index + 1 < len(inputs):
            self.set_focus(inputs[index + 1])
        else:
            self.save()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(None)

    def save(self) -> None:
        problem = self.query_one("#problem", Static)
        problem.display = True  # hidden while there is nothing to say: a row less at 60×20
        try:
            title = clean_text(self.query_one("#title", Input).value).strip()
            kommune = clean_text(self.query_one("#kommune", Input).value).strip()
            units_text = clean_text(self.query_one("#units", Input).value)
        except ValueProblem as exc:
            problem.update(Text(str(exc)))
            return
        if not title:
            problem.update(Text("Skriv en tittel."))
            self.query_one("#title", Input).focus()
            return
        try:
            year = parse_year(self.query_one("#year", Input).value)
        except ValueProblem as exc:
            problem.update(Text(str(exc)))
            return
        units: list[str] = []
        for unit in (u.strip() for u in units_text.split(",")):
            if unit and unit not in units:
                units.append(unit)
        template = self.query_one("#template", Select).value if self.choose_template else (
            self.form.template if self.form else "")
        self.dismiss(WorkshopForm(str(template), title, kommune, year, units))

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ExportChoice:
    format: str  # docx | md | json
    blank: bool
    step: str | None = None
    section: str | None = None
    copies: int = 1  # a blank handout: empty copies of each section filled per bransje/tiltak/fag
    groups: bool = False  # filled: the group drafts as an appendix; blank: one copy per group (export/group_pages.py)


class ExportDialog(Dialog[ExportChoice | None]):
    """Format, blank or filled, and how much: whole workshop, this step or this section."""

    BINDINGS = [Binding("escape", "cancel", "Avbryt", show=True)]

    def __init__(self, template: Template, section: Section | None = None, *, groups: bool = False):
        super().__init__()
        self.template = template
        self.section = section
        self.groups = groups  # the workshop has groups or drafts: offer them

    def compose(self) -> ComposeResult:
        yield KeyBar()  # the dialog's own keys, over the screen's
        with Vertical(classes="dialog wide"):
            yield Static(Text("Eksporter", style="bold"))
            with Horizontal(classes="dialog-row"):
                with RadioSet(id="format"):
                    for index, fmt in enumerate(FORMATS.values()):
                        yield RadioButton(fmt.label, value=index == 0, id=fmt.id)
                with RadioSet(id="scope"):
                    yield RadioButton("Hele verkstedet", value=True, id="all")
                    if self.section is not None:
                        part = self.template.part_of(self.section.id)
                        if part.label:
                            yield RadioButton(Text(f"Bare {part.label}"), id="step")
                        yield RadioButton(Text(f"Bare {self.section.id}"), id="section")
            yield Checkbox("Blank utgave til utdeling (uten svar)", id="blank")
            if self.groups:
                yield Checkbox("Grupper: gruppenes svar som vedlegg (blank: én kopi per gruppe)", id="groups")
            if any(s.per_choice for s in self.template.sections):  # 2.2 … filled once per bransje/tiltak
                with Horizontal(classes="dialog-row"):
                    yield Label("Tomme kopier per bransje/tiltak/fag (blank): ")
                    yield Input("1", compact=True, type="integer", max_length=2, id="copies")
            with Horizontal(classes="dialog-buttons"):
                yield Button(compact=True, label="Eksporter", variant="primary", id="export")
                yield Button(compact=True, label="Avbryt", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#format", RadioSet).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "export":
            self.export()
        else:
            self.dismiss(None)

    def on_key(self, event) -> None:
        # Enter anywhere but on a button exports; stopped here so the same key
        # does not reach the table that gets the focus back.
        if event.key == "enter" and not isinstance(self.focused, Button):
            event.stop()
            event.prevent_default()
            self.export()

    def chosen(self, radio_set: RadioSet) -> RadioButton | None:
        """The button the user sees as chosen: the highlighted one while the set has the focus
        (↓ to Markdown, Enter exports Markdown), else the pressed one.  Textual marks the
        highlight with the ``-selected`` class (pinned by tests/test_dialog_own_keys.py)."""
        if radio_set.has_focus:
            highlighted = radio_set.query(RadioButton).filter(".-selected")
            if highlighted:
                return highlighted.first()
        return radio_set.pressed_button

    def export(self) -> None:
        fmt = self.chosen(self.query_one("#format", RadioSet))
        scope = self.chosen(self.query_one("#scope", RadioSet))
        scope_id = scope.id if scope is not None else "all"
        step = section = None
        if scope_id == "step" and self.section is not None:
            step = self.template.part_of(self.section.id).id
        elif scope_id == "section" and self.section is not None:
            section = self.section.id.split("~", 1)[0]  # a group draft: its section (the draft: "Grupper")
        format_id = fmt.id if fmt is not None and fmt.id and fmt.id in FORMATS else DEFAULT_FORMAT
        # a format that is no handout (JSON: the whole workshop, for import) never leaves the answers out
        blank = self.query_one("#blank", Checkbox).value and FORMATS[format_id].handout
        fields = self.query("#copies")
        count = int(fields.first(Input).value or 1) if fields else 1
        boxes = self.query("#groups")
        groups = bool(boxes) and boxes.first(Checkbox).value and FORMATS[format_id].handout
        self.dismiss(ExportChoice(format_id, blank, step, section, max(1, min(count, MAX_COPIES)), groups))

    @on(RadioSet.Changed, "#format")
    def format_changed(self, event: RadioSet.Changed) -> None:
        """The Blank box only for a format that can be a handout (the registry's ``handout``)."""
        chosen = FORMATS.get(event.pressed.id or "")
        self.query_one("#blank", Checkbox).disabled = chosen is not None and not chosen.handout

    def action_cancel(self) -> None:
        self.dismiss(None)
