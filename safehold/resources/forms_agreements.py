"""The cooperation agreement's form. It shapes the input; `services.agreement_create/update` check the rules (the
dates' order, that the offers are the organisation's own), so the API and the pages are held to the same."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import SHORT, TEXT
from safehold.resources.models import CooperationAgreement, Offer


class AgreementForm(KernFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=SHORT,
                            error_messages={"required": _("Enter a title for the agreement.")})
    partner = forms.CharField(label=_("Partner"), max_length=SHORT,
                              help_text=_("The organisation the agreement is with, for example an adult psychiatry "
                                          "or a health office."),
                              error_messages={"required": _("Enter who the agreement is with.")})
    legal_domains = forms.CharField(label=_("Legal domains"), max_length=200, required=False,
                                    help_text=_("The partners' laws, between commas, for example SGB VIII, SGB V."))
    contacts = forms.CharField(label=_("Contact persons"), max_length=TEXT, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("Who to call on each side, with their phone or e-mail."))
    contingent = forms.CharField(label=_("Agreed hours or contingents"), max_length=TEXT, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text=_("For example: 20 consultation hours a year."))
    terms = forms.CharField(label=_("What is agreed"), max_length=TEXT, required=False,
                            widget=forms.Textarea(attrs={"rows": 5}))
    valid_from = DateField(label=_("Valid from"),
                           error_messages={"required": _("Enter the day the agreement starts.")})
    valid_to = DateField(label=_("Valid to"), required=False, help_text=_("Empty: until further notice."))
    offers = forms.MultipleChoiceField(label=_("Offers covered"), required=False,
                                       widget=forms.CheckboxSelectMultiple,
                                       help_text=_("The offers of your directory the agreement stands behind."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, offers: list[Offer], editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offers"].choices = [  # type: ignore[attr-defined]
            (str(offer.pk), f"{offer.name} ({offer.provider})") for offer in offers]
        if not editing:
            del self.fields["version"]

    @staticmethod
    def initial_for(agreement: CooperationAgreement) -> dict[str, Any]:
        return {"title": agreement.title, "partner": agreement.partner, "legal_domains": agreement.legal_domains,
                "contacts": agreement.contacts, "contingent": agreement.contingent, "terms": agreement.terms,
                "valid_from": agreement.valid_from, "valid_to": agreement.valid_to,
                "offers": [str(offer.pk) for offer in agreement.offers.all()], "version": agreement.version}

    def service_data(self) -> dict[str, Any]:
        """What the service takes: every field but the version."""
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}
