"""Forms of the Hilfeplan's pages. They gather and type the input; the services in help_plans.py decide whether
it is acceptable (a child of the case, a placement of that child, a legal basis offered to the case, a signer
who took part)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import LegalBasis, Person
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.validation import LONG, SHORT, TEXT
from safehold.perspective.help_plans import Signer
from safehold.perspective.models import HelpPlan, Placement, SignOffHow


def _label(name: str) -> Any:
    return capfirst(HelpPlan._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


class HelpPlanForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    child = forms.TypedChoiceField(label=_label("child"), coerce=int,
                                   error_messages={"required": _("Choose a child of this case.")})
    placement = forms.TypedChoiceField(label=_label("placement"), coerce=int, empty_value=None, required=False,
                                       help_text=_("The child's placement this plan is about, if there is one."))
    situation = forms.CharField(label=_label("situation"), required=False, max_length=LONG,
                                widget=forms.Textarea(attrs={"rows": 6}),
                                help_text=_("How things are now and what led to the help: in plain words the "
                                            "family can read."))
    goals = forms.CharField(label=_label("goals"), required=False, max_length=TEXT,
                            widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=_("One goal a line: the document numbers them."))
    help = forms.CharField(label=_label("help"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("Which help, how much and for how long."),
                           error_messages={"required": _("Say which help was agreed, and how much of it.")})
    provider = forms.CharField(label=_label("provider"), required=False, max_length=SHORT,
                               help_text=_("The service or organisation that gives the help."))
    legal_bases = forms.TypedMultipleChoiceField(label=_label("legal_bases"), coerce=int, required=False,
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, children: list[Person], placements: list[Placement],
                 legal_bases: list[LegalBasis], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["child"]).choices = [
            ("", _("Choose a child")), *[(p.pk, p.full_name) for p in children]]
        cast(forms.TypedChoiceField, self.fields["placement"]).choices = [
            ("", _("No placement")),
            *[(p.pk, f"{p.child.full_name}: {p.get_setting_display()}, {p.starts_on:%d.%m.%Y}") for p in placements]]
        cast(forms.TypedMultipleChoiceField, self.fields["legal_bases"]).choices = [
            (basis.pk, str(basis)) for basis in legal_bases]

    def service_fields(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class HelpPlanSignOffForm(KernFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)  # the version of the text shown
    signer = forms.ChoiceField(label=_("Who agreed"),
                               error_messages={"required": _("Choose someone who took part in the meeting.")})
    how = forms.ChoiceField(label=_("How"), choices=SignOffHow.choices, widget=forms.RadioSelect,
                            error_messages={"required": _("Say whether they agreed in person or by phone.")})
    signed_on = DateField(label=_("Date"), required=False)

    def __init__(self, *args: Any, signers: list[Signer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["signer"]).choices = [
            ("", _("Choose a person")), *[(s.key, s.label) for s in signers]]
