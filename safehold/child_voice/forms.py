"""Forms of the child's voice. They gather and type the input; the services decide what is acceptable (a child
of the case, a date not in the future, a choice of who may see it)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Person
from safehold.child_voice.models import (
    AREA_LABELS,
    AREAS,
    HouseArea,
    Setting,
    Tool,
    Visibility,
    WrittenBy,
)
from safehold.child_voice.selectors import ChildHome
from safehold.child_voice.services import CAPTION_LENGTH, TRUSTED_PERSON_LENGTH
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import TEXT
from safehold.mapping.forms import ScoreRadio
from safehold.uploads.forms import UploadForm

SCORE_CHOICES = [(str(n), str(n)) for n in range(11)]


class PersonSelectField(forms.IntegerField):
    """A select of people that leaves the choice to the service: a person who is not a child of the case is
    refused there, with its message next to the field, whoever posts what."""

    widget = forms.Select

    def __init__(self, *, people: list[Person] | None = None, empty: str | Promise = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.set_people(people or [], empty)

    def set_people(self, people: list[Person], empty: str | Promise, *, first: list[Person] | None = None,
                   first_label: str = "") -> None:
        """The people to choose from; with `first`, those people in a group of their own at the top (a placed
        child's carers: where the child lives now) and everyone else after them."""
        choices: list[Any] = [("", empty)]
        if first:
            firsts = {p.pk for p in first}
            choices += [(first_label, [(p.pk, p.full_name) for p in first]),
                        (_("Everyone else on the case"), [(p.pk, p.full_name) for p in people if p.pk not in firsts])]
        else:
            choices += [(p.pk, p.full_name) for p in people]
        self.widget.choices = choices  # type: ignore[attr-defined]


def _people_field(form: forms.BaseForm, name: str) -> PersonSelectField:
    return cast(PersonSelectField, form.fields[name])


def _focus_on_open(form: forms.BaseForm, name: str) -> None:
    """A form opened in place puts the cursor where the typing starts; not when it comes back with errors."""
    if not form.is_bound:
        form.fields[name].widget.attrs["autofocus"] = True


class ConversationForm(KernFormMixin, forms.Form):
    child = PersonSelectField(label=_("Child"), error_messages={"required": _("Choose a child of this case."),
                                                                "invalid": _("Choose a child of this case.")})
    tool = forms.ChoiceField(label=_("Tool"), choices=Tool.choices, widget=forms.RadioSelect, initial=Tool.THREE_HOUSES)
    held_on = DateField(label=_("Date"))
    setting = forms.ChoiceField(label=_("Setting"), choices=Setting.choices, widget=forms.RadioSelect,
                                initial=Setting.ALONE)
    trusted_person = forms.CharField(label=_("Trusted person"), max_length=TRUSTED_PERSON_LENGTH, required=False,
                                     help_text=_("Who was with the child, if not alone."))
    note = forms.CharField(label=_("Worker's note"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=TEXT,
                           help_text=_("For the worker only: never printed for the family or network."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, children: list[Person], creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _people_field(self, "child").set_people(children, _("Choose a child"))
        if creating:
            del self.fields["version"]
        else:
            del self.fields["child"]  # a conversation stays with the child it was held with


class StatementForm(KernFormMixin, forms.Form):
    area = forms.ChoiceField(label=_("Where"))
    text = forms.CharField(label=_("In the child's words"), widget=forms.Textarea(attrs={"rows": 3}),
                           max_length=TEXT,
                           help_text=_("Write it down as the child said it, in the child's own words."),
                           error_messages={"required": _("Write down what the child said.")})
    written_by = forms.ChoiceField(label=_("Who wrote it down"), choices=WrittenBy.choices,
                                   widget=forms.RadioSelect, initial=WrittenBy.WORKER)
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices, widget=forms.RadioSelect,
                                   initial=Visibility.WORKER,
                                   help_text=_("What the child agreed. Only the worker, unless the child says so."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, tool: str, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = AREA_LABELS[Tool(tool)]
        cast(forms.ChoiceField, self.fields["area"]).choices = [(area, labels[area]) for area in AREAS]
        if not editing:
            self.fields["area"].widget = forms.HiddenInput()
            del self.fields["version"]
        _focus_on_open(self, "text")


class VisibilityForm(forms.Form):
    """The one-click change of who may see a statement or an entry."""

    visibility = forms.ChoiceField(choices=Visibility.choices)
    version = forms.IntegerField(required=False)


class SafetyHouseForm(KernFormMixin, forms.Form):
    child = PersonSelectField(label=_("Child"), error_messages={"required": _("Choose a child of this case."),
                                                                "invalid": _("Choose a child of this case.")})
    drawn_on = DateField(label=_("Date"))
    note = forms.CharField(label=_("Worker's note"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                           max_length=TEXT,
                           help_text=_("For the worker only: never printed for the family or network."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, children: list[Person], creating: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _people_field(self, "child").set_people(children, _("Choose a child"))
        if creating:
            del self.fields["version"]
        else:
            del self.fields["child"]


class ScoreForm(KernFormMixin, forms.Form):
    safety_score = forms.TypedChoiceField(
        label=_("How safe does the child feel?"), choices=SCORE_CHOICES, widget=ScoreRadio, coerce=int,
        required=False, empty_value=None, help_text=_("0: not safe at all, 10: completely safe."),
        error_messages={"invalid_choice": _("Choose a whole number from 0 to 10.")})
    score_visibility = forms.ChoiceField(label=_("Who may see the scale"), choices=Visibility.choices,
                                         widget=forms.RadioSelect, initial=Visibility.WORKER)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class HouseItemForm(KernFormMixin, forms.Form):
    area = forms.ChoiceField(label=_("Where"), choices=HouseArea.choices)
    person = PersonSelectField(label=_("Person of the case"), required=False,
                               help_text=_("Or leave this empty and write the name as the child says it."),
                               error_messages={"invalid": _("Choose a person on this case.")})
    text = forms.CharField(label=_("In the child's words"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False, max_length=TEXT,
                           help_text=_("For a person chosen above, their name is used if empty."))
    written_by = forms.ChoiceField(label=_("Who wrote it down"), choices=WrittenBy.choices,
                                   widget=forms.RadioSelect, initial=WrittenBy.WORKER)
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices, widget=forms.RadioSelect,
                                   initial=Visibility.WORKER)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: list[Person], with_person: bool, editing: bool = False,
                 home: ChildHome | None = None, **kwargs: Any) -> None:
        """With `home` (the house's child lives in a placement), its carers are offered first."""
        super().__init__(*args, **kwargs)
        _people_field(self, "person").set_people(people, _("Nobody from the list"),
                                                 first=home.carers if home else None,
                                                 first_label=home.label if home else "")
        if not with_person:
            del self.fields["person"]
        if not editing:
            self.fields["area"].widget = forms.HiddenInput()
            del self.fields["version"]
        _focus_on_open(self, "person" if with_person else "text")


class DrawingForm(UploadForm):
    caption = forms.CharField(label=_("Caption"), max_length=CAPTION_LENGTH, required=False,
                              help_text=_("What it shows, in a few words. Read out to people who cannot see it."))
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices, widget=forms.RadioSelect,
                                   initial=Visibility.WORKER)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Drawing or photo"))
        super().__init__(*args, **kwargs)


class DrawingEditForm(KernFormMixin, forms.Form):
    caption = forms.CharField(label=_("Caption"), max_length=CAPTION_LENGTH, required=False)
    visibility = forms.ChoiceField(label=_("Who may see it"), choices=Visibility.choices, widget=forms.RadioSelect)
