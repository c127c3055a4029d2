"""Forms of the network pages. They gather and type the input; the services decide whether it is acceptable."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from safehold.cases.forms_people import PersonForm
from safehold.cases.models import Person, PersonRole, Sex
from safehold.cases.services import PersonFields
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import SHORT
from safehold.network.models import LEGAL_BASIS_LENGTH, Kind, Quality, Relationship


def _label(name: str):
    return capfirst(Relationship._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def person_choices(people: list[Person]) -> list[tuple[int, str]]:
    return [(p.pk, f"{p.full_name} ({p.relationship})" if p.relationship else p.full_name) for p in people]


class NetworkPersonForm(KernFormMixin, forms.ModelForm):
    """Someone new on the case and, in the same step, how they are related to the child (or to anyone)."""

    kind = forms.ChoiceField(label=_("How are they related?"), required=False,
                             choices=[("", _("Not recorded yet")), *Kind.choices])
    related_to = forms.TypedChoiceField(label=_("To whom"), required=False, coerce=int, empty_value=None)
    quality = forms.ChoiceField(label=_label("quality"), choices=Quality.choices, initial=Quality.NORMAL)
    legal_basis = forms.CharField(label=_label("legal_basis"), required=False, max_length=LEGAL_BASIS_LENGTH,
                                  help_text=_("For a contact restriction: the decision or provision it rests on."))
    birth_date = DateField(label=capfirst(Person._meta.get_field("birth_date").verbose_name), required=False)

    class Meta:
        model = Person
        fields = ["first_name", "last_name", "role", "relationship", "sex", "birth_date", "phone"]

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = PersonRole.choices
        self.fields["role"].initial = PersonRole.NETWORK
        self.fields["sex"].required = False  # not known is a fine answer, and the default
        # The children first: most people are added as someone of the child.
        ordered = [p for p in people if p.is_child] + [p for p in people if not p.is_child]
        related_to = cast(forms.TypedChoiceField, self.fields["related_to"])
        related_to.choices = [("", "–"), *person_choices(ordered)]
        if ordered and ordered[0].is_child:
            related_to.initial = ordered[0].pk

    def clean_sex(self) -> str:
        return self.cleaned_data.get("sex") or Sex.UNKNOWN

    def _post_clean(self) -> None:
        # The service validates and saves; the ModelForm must not write to the instance on its own.
        pass


class FamilyPersonForm(PersonForm):
    """Someone new on the case with every field of a person, and how they are related to the children: the
    relationship they are given here goes into the register, so nobody types it twice. The relationship in the
    family's own words ("grandmother on the mother's side") stays a text of its own, typed or left empty."""

    related_to = forms.TypedMultipleChoiceField(
        label=_("Related to which child?"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every child this person is related to in the same way."))
    kind = forms.ChoiceField(label=_("How?"), required=False, choices=[("", _("Not recorded yet")), *Kind.choices],
                             help_text=_("As it reads from the new person to the child."))
    quality = forms.ChoiceField(label=_label("quality"), choices=Quality.choices, initial=Quality.NORMAL,
                                required=False)
    legal_basis = forms.CharField(label=_label("legal_basis"), required=False, max_length=LEGAL_BASIS_LENGTH,
                                  help_text=_("For a contact restriction: the decision or provision it rests on."))

    TIE_FIELDS = ("related_to", "kind", "quality", "legal_basis")

    def __init__(self, *args: Any, children: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["related_to"]).choices = [
            (child.pk, child.full_name) for child in children]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("related_to") and not data.get("kind"):
            self.add_error("kind", _("Choose how they are related to the children you ticked."))
        elif data.get("kind") and not data.get("related_to"):
            self.add_error("related_to", _("Tick the child they are related to."))
        return data

    def person_fields(self) -> PersonFields:
        return cast(PersonFields, {k: v for k, v in self.cleaned_data.items()
                                   if k != "version" and k not in self.TIE_FIELDS})

    def tie_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"kind": data["kind"], "related_to": data["related_to"], "quality": data["quality"] or Quality.NORMAL,
                "legal_basis": data["legal_basis"]}


class RelationshipForm(KernFormMixin, forms.Form):
    person_a = forms.TypedChoiceField(label=_label("person_a"), coerce=int)
    kind = forms.ChoiceField(label=_label("kind"), choices=Kind.choices)
    person_b = forms.TypedChoiceField(label=_label("person_b"), coerce=int)
    quality = forms.ChoiceField(label=_label("quality"), choices=Quality.choices, initial=Quality.NORMAL)
    legal_basis = forms.CharField(label=_label("legal_basis"), required=False, max_length=LEGAL_BASIS_LENGTH,
                                  help_text=_("For a contact restriction: the decision or provision it rests on."))
    note = forms.CharField(label=_label("note"), required=False, max_length=SHORT)

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "–"), *person_choices(people)]
        cast(forms.TypedChoiceField, self.fields["person_a"]).choices = choices
        cast(forms.TypedChoiceField, self.fields["person_b"]).choices = choices


class RelationshipEditForm(KernFormMixin, forms.Form):
    """Who a relationship joins stays; what it is and how it is may change."""

    kind = forms.ChoiceField(label=_label("kind"), choices=Kind.choices)
    quality = forms.ChoiceField(label=_label("quality"), choices=Quality.choices)
    legal_basis = forms.CharField(label=_label("legal_basis"), required=False, max_length=LEGAL_BASIS_LENGTH,
                                  help_text=_("For a contact restriction: the decision or provision it rests on."))
    note = forms.CharField(label=_label("note"), required=False, max_length=SHORT)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CoordinatorForm(forms.Form):
    """Who coordinates the network: a person's id, or nothing for nobody. The service checks who it may be."""

    person = forms.IntegerField(required=False)


class CirclePlaceForm(forms.Form):
    """Someone moved to a circle from today on. The service checks the person and the circle."""

    person = forms.IntegerField(required=False)
    circle = forms.CharField(required=False)
