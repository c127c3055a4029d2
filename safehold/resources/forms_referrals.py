"""Forms of the referral pages. Making a referral takes two steps that work without script: the need (who, what
kind, in their words, district, language) is a GET search of the directory; the referral itself is a POST
carrying the need on, with the offer chosen from the results (or "no suitable offer exists"). The services
decide what is acceptable; their errors land next to these fields (the services' own names)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Person
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import LONG, TEXT
from safehold.resources.models import District, OfferKind, Referral

NEED_FIELDS = ("person", "need_kind", "district", "language")


def _person_choices(people: list[Person]) -> list[tuple[Any, Any]]:
    return [("", "–"), *[(p.pk, f"{p.full_name} ({p.get_role_display()})") for p in people]]


def _district_choices(districts: list[District]) -> list[tuple[Any, Any]]:
    return [("", _("No district")), *[(d.pk, d.name) for d in districts]]


def _language_field() -> forms.CharField:
    return forms.CharField(label=_("Language the help must be given in"), required=False, max_length=3,
                           help_text=_("A code such as de, da, en or tr."))


class NeedSearchForm(KernFormMixin, forms.Form):
    """The first step: the need, searched in the directory (GET)."""

    person = forms.TypedChoiceField(label=_("For whom"), coerce=int)
    need_kind = forms.ChoiceField(label=_("Kind of need"), choices=[("", "–"), *OfferKind.choices])
    need_words = forms.CharField(label=_("The need in the family's words"), required=False, max_length=TEXT,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    district = forms.TypedChoiceField(label=_("The family's district"), coerce=int, empty_value=None,
                                      required=False)
    language = _language_field()
    text = forms.CharField(label=_("Words in the offer's name, provider or target group"), required=False,
                           max_length=100)

    def __init__(self, *args: Any, people: list[Person], districts: list[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = _person_choices(people)  # type: ignore[attr-defined]
        self.fields["district"].choices = _district_choices(districts)  # type: ignore[attr-defined]


class ReferralForm(KernFormMixin, forms.Form):
    """The second step (POST): the need carried on from the search, the offer chosen among the results or none,
    and the referral's dates."""

    person = forms.CharField(widget=forms.HiddenInput, required=False)
    need_kind = forms.CharField(widget=forms.HiddenInput, required=False)
    district = forms.CharField(widget=forms.HiddenInput, required=False)
    language = forms.CharField(widget=forms.HiddenInput, required=False, max_length=3)
    need_words = forms.CharField(label=_("The need in the family's words"), required=False, max_length=TEXT,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=_("Needed when no suitable offer exists."))
    offer = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the results' radio buttons
    full_confirmed = forms.BooleanField(label=_("I know the offer is full and refer to it all the same"),
                                        required=False)
    referred_on = DateField(label=_("Referred on"), initial=timezone.localdate)
    follow_up_on = DateField(label=_("Follow up on"), required=False,
                             help_text=_("The referral shows on your start page from this day."))
    consent_on = DateField(label=_("The family agreed to share their data with the provider on"), required=False,
                           help_text=_("Until consent is recorded, no family document names the provider's "
                                       "contact."))
    note = forms.CharField(label=_("Note"), required=False, max_length=LONG, widget=forms.Textarea(attrs={"rows": 2}))

    def service_fields(self, *, no_offer: bool) -> dict[str, Any]:
        data = self.cleaned_data
        return {"person": data["person"], "need_kind": data["need_kind"], "need_words": data["need_words"],
                "district": data["district"], "language": data["language"],
                "offer": None if no_offer else data["offer"], "no_offer": no_offer,
                "full_confirmed": data["full_confirmed"], "referred_on": data["referred_on"],
                "follow_up_on": data["follow_up_on"], "consent_on": data["consent_on"], "note": data["note"]}


class ReferralEditForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    need_words = forms.CharField(label=_("The need in the family's words"), required=False, max_length=TEXT,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    district = forms.TypedChoiceField(label=_("The family's district"), coerce=int, empty_value=None,
                                      required=False)
    language = _language_field()
    follow_up_on = DateField(label=_("Follow up on"), required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=LONG, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, districts: list[District], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].choices = _district_choices(districts)  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(referral: Referral) -> dict[str, Any]:
        return {"version": referral.version, "need_words": referral.need_words, "district": referral.district_id,
                "language": referral.language, "follow_up_on": referral.follow_up_on, "note": referral.note}


class MoveForm(KernFormMixin, forms.Form):
    """One next step of the referral, with its date (one such form per allowed status on the page)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.CharField(widget=forms.HiddenInput)
    on = DateField(label=_("Date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=TEXT)


class OfferForm(KernFormMixin, forms.Form):
    """A referral that found no offer gets one (it becomes "suggested"): chosen among the search results."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    offer = forms.IntegerField(required=False, widget=forms.HiddenInput)  # the results' radio buttons
    full_confirmed = forms.BooleanField(label=_("I know the offer is full and refer to it all the same"),
                                        required=False)
    on = DateField(label=_("Referred on"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=TEXT)


class ConsentForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    consent_on = DateField(label=_("The family agreed on"), initial=timezone.localdate)
