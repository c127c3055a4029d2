"""The meetings' forms. They shape the input; the services check the rules (so the API is held to them too)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safehold.cases.voices import Voice
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import LONG, SHORT, TEXT
from safehold.meetings.models import Meeting, MeetingKind, Presence
from safehold.meetings.services import EXPECTING_ROLES


class MeetingForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=MeetingKind.choices,
                             error_messages={"required": _("Choose the kind of meeting.")})
    held_on = DateField(label=_("Date"), error_messages={"required": _("Enter the date of the meeting.")})
    place = forms.CharField(label=_("Place"), max_length=SHORT, required=False)
    participants = forms.MultipleChoiceField(
        label=_("Who takes part from the case"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Professionals from outside are added on the meeting's page."))
    agenda = forms.CharField(label=_("Agenda"), widget=forms.Textarea(attrs={"rows": 4}), max_length=LONG,
                             required=False)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 8}), max_length=LONG,
                              required=False)
    next_on = DateField(label=_("Next meeting"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, voices: list[Voice], creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = [(v.key, v.label) for v in voices]  # type: ignore[attr-defined]
        if creating:
            del self.fields["version"]


class PresenceForm(KernFormMixin, forms.Form):
    """Present or excused, for each participant (`participant_<id>`) and professional (`professional_<id>`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for participant in meeting.participants.all():
            self.fields[f"participant_{participant.pk}"] = forms.ChoiceField(
                label=participant.voice_label, choices=Presence.choices, widget=forms.RadioSelect,
                initial=participant.presence)
        for professional in meeting.professionals.all():
            label = (f"{professional.name} ({professional.organisation})" if professional.organisation
                     else professional.name)
            self.fields[f"professional_{professional.pk}"] = forms.ChoiceField(
                label=label, choices=Presence.choices, widget=forms.RadioSelect, initial=professional.presence)

    def presences(self, prefix: str) -> dict[int, str]:
        return {int(name.split("_", 1)[1]): value for name, value in self.cleaned_data.items()
                if name.startswith(f"{prefix}_")}


class ProfessionalForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=SHORT,
                           error_messages={"required": _("Enter the professional's name.")})
    organisation = forms.CharField(label=_("Organisation"), max_length=SHORT, required=False,
                                   help_text=_("For example: the youth office, the day care centre, a therapist."))
    presence = forms.ChoiceField(label=_("Presence"), choices=Presence.choices, widget=forms.RadioSelect,
                                 initial=Presence.PRESENT)


class ExpectationForm(KernFormMixin, forms.Form):
    voice = forms.ChoiceField(label=_("Whose expectation"),
                              error_messages={"required": _("Choose a parent or a child of this case.")})
    text = forms.CharField(label=_("In their words"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT,
                           help_text=_("What they hope for from the meeting, as they said it beforehand."),
                           error_messages={"required": _("Write down what they expect, in their words.")})

    def __init__(self, *args: Any, voices: list[Voice], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["voice"].choices = [("", _("Choose")), *[  # type: ignore[attr-defined]
            (v.key, v.label) for v in voices if v.kind in EXPECTING_ROLES]]


class AgreementForm(KernFormMixin, forms.Form):
    what = forms.CharField(label=_("What"), widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT,
                           error_messages={"required": _("Write down what was agreed.")})
    who = forms.CharField(label=_("Who"), max_length=SHORT, error_messages={"required": _("Say who does it.")})
    due_on = DateField(label=_("By when"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if creating:
            del self.fields["version"]
