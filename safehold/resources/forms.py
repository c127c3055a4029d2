"""Forms of the directory's pages: the search, an offer, a district, the directory's settings. They shape the
input (a number is a number, a date a date); the services (`services.clean_offer`, `sharing`) decide what is
acceptable and their reasons land next to these fields, which carry the services' names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import Organisation, Role
from safehold.core.forms import DateField, KernFormMixin, StrOrPromise
from safehold.core.validation import SHORT, TEXT, Errors
from safehold.resources import services
from safehold.resources.access import EDITOR_ROLE_CHOICES
from safehold.resources.models import Access, Capacity, District, LegalDomain, Offer, OfferKind

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise  # the stubs' name for a lazily translated text


def _label(name: str) -> str | _StrPromise:
    field = Offer._meta.get_field(name)
    return capfirst(getattr(field, "verbose_name", name))


def _district_choices(districts: QuerySet[District] | list[District],
                      empty: StrOrPromise) -> list[tuple[Any, StrOrPromise]]:
    return [("", empty), *[(d.pk, d.name) for d in districts]]


class DirectorySearchForm(KernFormMixin, forms.Form):
    """A worker looks for an offer for a family's need; every part may stay empty."""

    q = forms.CharField(label=_("Words"), required=False, max_length=100,
                        help_text=_("From the name, the provider or the target group"))
    kind = forms.ChoiceField(label=_("Need"), required=False, choices=[("", _("Any kind")), *OfferKind.choices])
    district = forms.TypedChoiceField(label=_("District"), required=False, coerce=int, empty_value=None)
    language = forms.CharField(label=_("Language"), required=False, max_length=3,
                               help_text=_("A code such as de, da, tr"))
    age = forms.IntegerField(label=_("Age"), required=False, min_value=0, max_value=120,
                             help_text=_("The age of the person the help is for"))

    def __init__(self, *args: Any, districts: QuerySet[District] | list[District], languages: list[str],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["district"]).choices = _district_choices(districts,
                                                                                           _("Any district"))
        self.fields["language"].widget.attrs["list"] = "directory-languages"
        self.languages = languages

    def clean_language(self) -> str:
        return str(self.cleaned_data.get("language") or "").strip().lower()


class OfferForm(KernFormMixin, forms.Form):
    """Every field of an offer. Required fields carry the services' own messages."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_label("name"), max_length=SHORT,
                           error_messages={"required": _("Enter the offer's name.")})
    provider = forms.CharField(label=_label("provider"), max_length=SHORT,
                               error_messages={"required": _("Enter who provides the offer.")})
    kind = forms.ChoiceField(label=_label("kind"), choices=[("", "–"), *OfferKind.choices],
                             error_messages={"required": _("Choose the kind of offer.")})
    district = forms.TypedChoiceField(label=_label("district"), required=False, coerce=int, empty_value=None)
    address = forms.CharField(label=_label("address"), required=False, max_length=TEXT,
                              widget=forms.Textarea(attrs={"rows": 2}))
    target_group = forms.CharField(label=_label("target_group"), required=False, max_length=TEXT,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    age_from = forms.IntegerField(label=_label("age_from"), required=False)
    age_to = forms.IntegerField(label=_label("age_to"), required=False)
    languages = forms.CharField(label=_label("languages"), required=False, max_length=200,
                                help_text=_("Language codes between commas, such as de, tr, uk"))
    legal_domain = forms.ChoiceField(label=_label("legal_domain"), choices=[("", "–"), *LegalDomain.choices],
                                     error_messages={"required": _("Choose the law the help is given under.")})
    cost = forms.CharField(label=_label("cost"), required=False, max_length=SHORT)
    access = forms.ChoiceField(label=_label("access"), choices=Access.choices, initial=Access.BOTH)
    contact_name = forms.CharField(label=_label("contact_name"), required=False, max_length=SHORT)
    phone = forms.CharField(label=_label("phone"), required=False, max_length=40)
    email = forms.CharField(label=_label("email"), required=False, max_length=254)
    website = forms.CharField(label=_label("website"), required=False, max_length=200)
    capacity = forms.ChoiceField(label=_label("capacity"), choices=Capacity.choices, initial=Capacity.OPEN)
    verified_on = DateField(label=_label("verified_on"), required=False,
                            help_text=_("The day someone last checked the details with the provider"))
    key = forms.CharField(label=_label("key"), required=False, max_length=60,
                          help_text=_("Names the offer across imports. Left empty, it is made from the name."))

    SERVICE_FIELDS = ("key", "name", "provider", "kind", "district", "address", "target_group", "age_from",
                      "age_to", "languages", "legal_domain", "cost", "access", "contact_name", "phone", "email",
                      "website", "capacity", "verified_on")

    def __init__(self, *args: Any, organisation_id: int, districts: QuerySet[District] | list[District],
                 offer: Offer | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["district"]).choices = _district_choices(
            districts, _("No district: the whole area"))
        self.fields["version"].required = offer is not None
        self.organisation_id = organisation_id
        self.offer = offer

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            # The service is not asked while the form refuses something (a name left empty): ask its rules now,
            # so that every reason shows at once, not one round after another.
            reasons = Errors()
            services.clean_offer(self.organisation_id, {k: v for k, v in data.items() if k in self.SERVICE_FIELDS},
                                 reasons, current=self.offer)
            for name, message in reasons.items():
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
        return data

    @staticmethod
    def initial_for(offer: Offer) -> dict[str, Any]:
        initial: dict[str, Any] = {name: getattr(offer, name) for name in OfferForm.SERVICE_FIELDS}
        initial["district"] = offer.district_id
        initial["languages"] = ", ".join(offer.language_codes)
        initial["version"] = offer.version
        return initial

    def service_data(self) -> dict[str, Any]:
        """The fields as the services take them (the district by its id, the languages as typed)."""
        return {name: self.cleaned_data.get(name) for name in self.SERVICE_FIELDS}


class OfferActiveForm(KernFormMixin, forms.Form):
    """Take an offer out of the directory or put it back: a button on the offer's page."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    is_active = forms.TypedChoiceField(widget=forms.HiddenInput, choices=[("yes", "yes"), ("no", "no")],
                                       coerce=lambda value: value == "yes")


class DistrictForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the district"), max_length=120,
                           error_messages={"required": _("Enter the district's name.")})


class EditorsForm(KernFormMixin, forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Who edits the directory"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(role.value, role.label) for role in EDITOR_ROLE_CHOICES],
        help_text=_("Organisation admins always do. The roles ticked here add, change and verify offers too."))

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, Any]:
        return {"roles": [r for r in organisation.directory_editor_roles.split(",") if r in Role.values]}


class ShareForm(KernFormMixin, forms.Form):
    partner = forms.TypedChoiceField(
        label=_("Partner organisation"), coerce=int, empty_value=None,
        error_messages={"required": _("Choose the organisation to share the directory with.")},
        help_text=_("Its workers read your offers once its admin accepts. Either side may end it."))

    def __init__(self, *args: Any, partners: QuerySet[Organisation] | list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["partner"]).choices = [("", "–"),
                                                                         *[(o.pk, o.name) for o in partners]]
