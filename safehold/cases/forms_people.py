"""The forms of the people on a case: who they are, how to reach them."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Person, PersonRole, Sex
from safehold.cases.services import PersonFields
from safehold.core.forms import DateField, DateInput, KernFormMixin
from safehold.core.validation import LONG, TEXT


class PersonForm(KernFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A change made because the person asked for their data to be corrected (their right to rectification): the
    # audit record says so.
    correction = forms.BooleanField(label=_("This corrects their data at their request"), required=False,
                                    help_text=_("Recorded as a correction in the audit trail."))

    class Meta:
        model = Person
        fields = ["role", "first_name", "last_name", "relationship", "birth_date", "sex", "deceased", "deceased_on",
                  "phone", "email", "address", "preferred_language", "interpreter_needed", "notes"]
        widgets = {
            "birth_date": DateInput(),
            "deceased_on": DateInput(),
            "address": forms.Textarea(attrs={"rows": 2, "maxlength": TEXT}),
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": LONG}),
        }
        field_classes = {"birth_date": DateField, "deceased_on": DateField}

    # The form only checks and shapes what was typed: it is built without the person (their values come as
    # `initial`), so that cleaning it never touches the record the service then compares and saves.

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = PersonRole.choices
        self.fields["sex"].required = False  # not known is a fine answer, and the default
        if editing:
            self.fields["version"].required = True  # editing: optimistic locking needs the version read
        else:
            del self.fields["correction"]  # someone new: nothing to correct yet

    def clean_sex(self) -> str:
        return self.cleaned_data.get("sex") or Sex.UNKNOWN

    def clean_address(self) -> str:
        return _within(self.cleaned_data["address"], TEXT)

    def clean_notes(self) -> str:
        return _within(self.cleaned_data["notes"], LONG)

    def person_fields(self) -> PersonFields:
        return cast(PersonFields, {k: v for k, v in self.cleaned_data.items() if k not in ("version", "correction")})


def _within(text: str, limit: int) -> str:
    if len(text) > limit:
        raise forms.ValidationError(_("Keep this to %(limit)d characters.") % {"limit": limit})
    return text
