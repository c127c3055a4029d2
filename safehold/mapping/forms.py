"""Forms gather and type the input; the services decide whether it is acceptable. Text fields are as long as
the services (and the API) accept, from core.validation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import PersonRole
from safehold.cases.voices import Voice
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import SCALE_MAX, SCALE_MIN, SHORT, TEXT, Errors, clean_score
from safehold.mapping.models import (
    LABEL_LENGTH,
    PART_HINTS,
    PART_ORDER,
    Entry,
    GoalKind,
    Part,
    ScaleKind,
    WorriedNumber,
)
from safehold.meetings.models import MeetingKind

SCORE_CHOICES = [(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)]
_SCORES = {str(n): n for n in range(SCALE_MIN, SCALE_MAX + 1)}


def _voice_choices(voices: list[Voice]) -> list[tuple[str, Any]]:
    return [("", _("Choose whose words these are")), *((v.key, v.label) for v in voices)]


def _focus_on_open(form: forms.Form, name: str) -> None:
    """A form opened in place on the map puts the cursor where the typing starts (htmx honours autofocus in
    what it swaps in). Not when it comes back with errors: then the first field in error takes the focus."""
    if not form.is_bound:
        form.fields[name].widget.attrs["autofocus"] = True


def _set_hint(form: forms.Form, name: str, hint: str) -> None:
    """Change a field's hint after the form is built: the bound field (made by KernFormMixin to link the hint)
    keeps its own copy."""
    form.fields[name].help_text = hint
    form[name].help_text = hint
    if not hint:
        form.fields[name].widget.attrs.pop("aria-describedby", None)  # no hint to point to


class MapForm(KernFormMixin, forms.Form):
    drawn_on = DateField(label=_("Date"))
    title = forms.CharField(label=_("Title"), max_length=LABEL_LENGTH, required=False,
                            help_text=_("For example: first network meeting, review after four weeks."))
    meeting_kind = forms.ChoiceField(label=_("Meeting"), required=False,
                                     choices=[("", _("Not in a meeting")), *MeetingKind.choices])
    participants = forms.MultipleChoiceField(label=_("Who took part"), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    copy_latest = forms.BooleanField(label=_("Start from a copy of the latest map"), required=False, initial=True,
                                     help_text=_("The team then works on what has changed."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, voices: list[Voice], creating: bool, has_maps: bool = True,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [(v.key, v.label) for v in voices]  # type: ignore[attr-defined]
        if not creating or not has_maps:
            del self.fields["copy_latest"]
        if creating:
            del self.fields["version"]


class EntryForm(KernFormMixin, forms.Form):
    """An entry of any part. Fields that do not belong to the part are left out; the statement's hint is the
    part's own (one hint for every part told a strength or a goal to say when something happened, and how it
    hurt)."""

    part = forms.ChoiceField(label=_("Part of the map"),
                             choices=[(p, Part(p).label) for p in PART_ORDER],
                             help_text=_("Change it to move the entry to another part."))
    text = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT,
                           help_text=_("Short and concrete: what was done or seen, by whom, when."),
                           error_messages={"required": _("Write the statement: an entry cannot be empty.")})
    voice = forms.ChoiceField(label=_("Whose words"))
    # A new goal is by default of the kind its speaker would mean (services: default_goal_kind), so that a
    # parent's goal does not become a safety goal because nobody changed a pre-set choice.
    goal_kind = forms.ChoiceField(
        label=_("Kind of goal"), widget=forms.RadioSelect, initial="", required=False,
        choices=[("", _("As the speaker means it")), *GoalKind.choices],
        help_text=_("Unless you choose: a family goal in the words of the child, the family or the network; a "
                    "safety goal in the words of a worker or another professional."))
    answers = forms.TypedChoiceField(label=_("Answers the danger statement"), required=False, coerce=int,
                                     empty_value=None)
    responsible = forms.CharField(label=_("Who"), max_length=LABEL_LENGTH, required=False)
    due_on = DateField(label=_("By when"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, part: str, voices: list[Voice], danger_statements: list[Entry],
                 editing: bool = False, choose_part: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voice"].choices = _voice_choices(voices)  # type: ignore[attr-defined]
        if part in Part.values:
            _set_hint(self, "text", str(PART_HINTS[Part(part)]))
        self.fields["answers"].choices = [  # type: ignore[attr-defined]
            ("", _("None")), *((e.pk, e.behaviour[:90] or e.text[:90]) for e in danger_statements)]
        if part != Part.GOALS:
            del self.fields["goal_kind"], self.fields["answers"]
        elif editing:
            # A goal has its kind: changing it is a choice of one of the two.
            self.fields["goal_kind"].choices = GoalKind.choices  # type: ignore[attr-defined]
            _set_hint(self, "goal_kind", "")
        if part != Part.NEXT_STEPS:
            del self.fields["responsible"], self.fields["due_on"]
        if not editing:
            if not choose_part:
                self.fields["part"].widget = forms.HiddenInput()
            self.fields["part"].help_text = ""
            del self.fields["version"]
        _focus_on_open(self, "text")


class DangerStatementForm(KernFormMixin, forms.Form):
    """Guides the writing of a danger statement: who is worried (one or several), about what behaviour, what
    impact. The hints say how to write each part so that the sentence the service composes from them reads
    right in the case's language (services.compose_danger_statement)."""

    # Required like the service requires them, so that the form does not call them optional.
    worried = forms.CharField(
        label=_("Who is worried?"), max_length=SHORT, error_messages={"required": _("Say who is worried.")},
        help_text=_("Name the people or services, for example: the social worker, the school and grandmother."))
    worried_number = forms.ChoiceField(
        label=_("How many are worried?"), choices=WorriedNumber.choices, widget=forms.RadioSelect,
        initial=WorriedNumber.ONE, error_messages={"required": _("Say whether one or several are worried.")})
    behaviour = forms.CharField(
        label=_("What are they worried someone will do?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT,
        error_messages={"required": _("Describe the behaviour the worry is about.")},
        # Translators: the sentence goes on from "… is worried that": say how to write it in your language
        # (in German without "dass" and with the verb last), with an example written that way.
        help_text=_("Describe the behaviour, not a label. Write it as it goes on from “… is worried that”, "
                    "without “that”: for example, dad drinks a lot in the evening and then shouts at and hits "
                    "the children."))
    impact = forms.CharField(
        label=_("What could that mean for the child?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT,
        error_messages={"required": _("Say what it could mean for the child.")},
        # Translators: the sentence goes on from "If nothing changes, there is a danger that": say how to
        # write it in your language (in German without "dass" and with the verb last), with an example.
        help_text=_("The harm that could come to the child if nothing changes. Write it as it goes on from "
                    "“there is a danger that”, without “that”: for example, Mia will be hurt and be too scared "
                    "to go home."))
    voice = forms.ChoiceField(label=_("Whose words"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, voices: list[Voice], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voice"].choices = _voice_choices(voices)  # type: ignore[attr-defined]
        if not editing:
            del self.fields["version"]
        _focus_on_open(self, "worried")


class StanceForm(KernFormMixin, forms.Form):
    voice = forms.ChoiceField(label=_("Who"))
    agrees = forms.TypedChoiceField(
        label=_("Do they agree?"), widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        choices=[("yes", _("Agrees")), ("no", _("Disagrees"))],
        error_messages={"required": _("Say whether they agree.")})
    words = forms.CharField(label=_("In their words"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                            max_length=TEXT,
                            help_text=_("Write down what they say, as they say it."))

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voice"].choices = _voice_choices(voices)  # type: ignore[attr-defined]
        _focus_on_open(self, "voice")


class ScoreRadio(forms.RadioSelect):
    """0 to 10 as a row of large buttons, easy to tap on a tablet."""

    template_name = "mapping/widgets/score.html"


class ScoreField(forms.Field):
    """A score from 0 to 10 as a row of buttons, held to the services' rule and message
    (core.validation.clean_score), whether it is missing, out of range or no number at all."""

    widget = ScoreRadio

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.choices = SCORE_CHOICES  # type: ignore[attr-defined]

    def to_python(self, value: Any) -> Any:
        # The browser sends the number of the button as text; anything else is left for the rule to refuse.
        if isinstance(value, str) and value.strip() in _SCORES:
            return _SCORES[value.strip()]
        return None if value in self.empty_values else value

    def validate(self, value: Any) -> None:
        errors = Errors()
        clean_score(value, "score", errors, required=self.required)
        if errors:
            raise ValidationError(errors["score"], code="score")


class ScaleForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Scale"), choices=ScaleKind.choices, initial=ScaleKind.SAFETY)
    voice = forms.ChoiceField(label=_("Whose score"))
    about = forms.TypedChoiceField(
        label=_("About whom"), required=False, coerce=int, empty_value=None,
        help_text=_("Only for willingness, capacity and confidence: the parent or network member scored."))
    score = ScoreField(label=_("Score"))
    reason = forms.CharField(label=_("Why this number?"), widget=forms.Textarea(attrs={"rows": 2}), required=False,
                             max_length=TEXT,
                             help_text=_("In their words: what makes it this number and not one lower?"))

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voice"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose whose score this is")), *((v.key, v.label) for v in voices)]
        self.fields["about"].choices = [("", _("Not needed for the safety scale"))] + [  # type: ignore[attr-defined]
            (v.person_id, v.label) for v in voices
            if v.person_id and v.kind in (PersonRole.PARENT, PersonRole.CAREGIVER, PersonRole.NETWORK)]
