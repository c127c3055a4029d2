"""Forms gather and type the input; the services decide whether it is acceptable."""

from __future__ import annotations

import json
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import Team, User
from safehold.accounts.selectors import organisation_case_workers, organisation_teams
from safehold.cases.models import (
    REOPEN_STATUSES,
    Case,
    CaseAssignment,
    CaseStatus,
    LegalBasis,
    Outcome,
)
from safehold.cases.selectors import legal_bases_by_language
from safehold.cases.services import CaseFields
from safehold.core.forms import DateField, KernFormMixin, required_when, shown_if
from safehold.core.validation import LONG


class CaseFilterForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        help_text=_("Reference, family name or anyone's name"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *CaseStatus.choices])
    worker = forms.TypedChoiceField(label=_("Worker"), required=False, coerce=int, empty_value=None)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["worker"]).choices = [("", _("Any worker"))] + [
            (u.pk, str(u)) for u in organisation_case_workers(organisation_id=organisation_id)
        ]
        cast(forms.TypedChoiceField, self.fields["team"]).choices = [("", _("Any team"))] + [
            (t.pk, t.name) for t in organisation_teams(organisation_id=organisation_id)
        ]


class CaseForm(KernFormMixin, forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=40,
                                help_text=_("Your organisation's file number for this case."))
    family_name = forms.CharField(label=_("Family name"), max_length=120)
    language = forms.ChoiceField(label=_("Case language"), choices=settings.LANGUAGES,
                                 help_text=_("The language of the documents the family receives."))
    legal_basis = forms.TypedChoiceField(label=_("Legal basis"), required=False, coerce=int, empty_value=None,
                                         help_text=_("The provisions of the law that applies to a case in the "
                                                     "language chosen above."))
    legal_basis_note = forms.CharField(label=_("Legal basis, in words"), max_length=200, required=False,
                                       help_text=_("Anything the list does not cover."))
    team: forms.ModelChoiceField[Team] = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("No team"),
    )
    opened_on = DateField(label=_("Opened on"))
    summary = forms.CharField(label=_("Reason for involvement"), required=False, max_length=LONG,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Who raised which worry, in a few plain sentences."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation_id: int, can_assign: bool = True, case: Case | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_legal_bases(legal_bases_by_language(organisation_id=organisation_id, case=case))
        if case is not None:
            # Editing: the save must name the version it started from (optimistic locking).
            self.fields["version"].required = True
        team = cast("forms.ModelChoiceField[Team]", self.fields["team"])
        team.queryset = organisation_teams(organisation_id=organisation_id)
        if not can_assign:
            team.disabled = True
            team.help_text = _("Only the team lead can move a case to another team.")

    def _offer_legal_bases(self, offered: dict[str, list[LegalBasis]]) -> None:
        """Offer the provisions for the case's language: the one sent (without script the list follows it
        after a refused save), else the one the form starts with. Every provision of the organisation's lists
        passes the form, so that the service can say why one of another country's law is refused; with script
        the list follows the language select (safehold.js, data-choices)."""
        field = cast(forms.TypedChoiceField, self.fields["legal_basis"])
        empty = ("", _("Not yet decided"))
        every = {basis.pk: str(basis) for bases in offered.values() for basis in bases}
        field.choices = [empty, *every.items()]
        sent = self.data.get(self.add_prefix("language")) if self.is_bound else None
        language = sent if sent in offered else self.initial.get("language") or self.fields["language"].initial
        field.widget.choices = [empty, *((basis.pk, str(basis)) for basis in offered.get(language, []))]
        field.widget.attrs["data-choices-follow"] = self["language"].auto_id
        field.widget.attrs["data-choices"] = json.dumps(
            {code: [[basis.pk, str(basis)] for basis in bases] for code, bases in offered.items()},
            ensure_ascii=False)

    def case_fields(self) -> CaseFields:
        """What the services take: the legal basis and the team by id."""
        data = self.cleaned_data
        return CaseFields(
            reference=data["reference"], family_name=data["family_name"], language=data["language"],
            legal_basis=data["legal_basis"],
            legal_basis_note=data["legal_basis_note"], summary=data["summary"], opened_on=data["opened_on"],
            team=data["team"].pk if data["team"] else None,
        )


class TransitionForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("New status"))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", _("Choose when closing")),
                                                                              *Outcome.choices])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("On closing: what happened, in a sentence or two."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = [(s, CaseStatus(s).label) for s in case.allowed_transitions()]
        if CaseStatus.CLOSED in case.allowed_transitions():
            # Closing cannot do without it (the service refuses), any other change has none.
            required_when(self.fields["outcome"], _("required when closing"))
            shown_if(self.fields["outcome"], self["status"].auto_id, CaseStatus.CLOSED)


class ReopenForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Reopen the case in"),
                               choices=[(s, CaseStatus(s).label) for s in REOPEN_STATUSES])
    reason = forms.CharField(label=_("Why is the case reopened?"), widget=forms.Textarea(attrs={"rows": 3}),
                             required=False)


class AssignmentForm(KernFormMixin, forms.Form):
    user: forms.ModelChoiceField[User] = forms.ModelChoiceField(label=_("Colleague"), queryset=None)
    role = forms.ChoiceField(label=_("Role on the case"), choices=CaseAssignment.Role.choices)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        user = cast("forms.ModelChoiceField[User]", self.fields["user"])
        user.queryset = organisation_case_workers(organisation_id=organisation_id)
