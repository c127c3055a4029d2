"""Forms gather and type the input; the services decide whether it is acceptable."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import Team, User
from safehold.accounts.selectors import organisation_case_workers, organisation_teams
from safehold.cases.models import (
    REOPEN_STATUSES,
    Case,
    CaseAssignment,
    CaseStatus,
    ChildOutcome,
    LegalBasis,
    Outcome,
    Person,
    PersonRole,
)
from safehold.cases.selectors import legal_bases_by_language
from safehold.cases.services import CaseFields, ChildOutcomeFields
from safehold.core.forms import DateField, KernFormMixin, required_when, shown_if
from safehold.core.validation import LONG, TEXT

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CaseFilterForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        help_text=_("Reference, family name or anyone's name"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Any status")), *CaseStatus.choices])
    # Every worker and team of the organisation: hundreds of options on every load of the list, which is why
    # selects are written in Python (core/form_renderer.py).
    worker = forms.TypedChoiceField(label=_("Worker"), required=False, coerce=int, empty_value=None)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        # Hundreds of workers: read as tuples, a model instance each took a tenth of the search page's time.
        workers = organisation_case_workers(organisation_id=organisation_id).values_list(
            "pk", "first_name", "last_name", "username")
        cast(forms.TypedChoiceField, self.fields["worker"]).choices = [("", _("Any worker"))] + [
            (pk, User.display_name(first, last, username)) for pk, first, last, username in workers
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
        label=_("Team"), queryset=None, empty_label=_("Choose a team"),
        help_text=_("Its team lead sees the case."),
        error_messages={"required": _("Choose the team that works on this case: its team lead sees it.")},
    )
    opened_on = DateField(label=_("Opened on"))
    summary = forms.CharField(label=_("Reason for involvement"), required=False, max_length=LONG,
                              widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("Who raised which worry, in a few plain sentences."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, organisation_id: int, can_assign: bool = True, case: Case | None = None,
                 opener_teams: list[Team] | None = None, **kwargs):
        """`opener_teams`: on opening a case, the teams of the one who opens it (a single one is chosen for
        them; having none is explained beside the field)."""
        if opener_teams is not None and len(opener_teams) == 1:
            kwargs["initial"] = {**kwargs.get("initial", {}), "team": opener_teams[0]}
        super().__init__(*args, **kwargs)
        self._offer_legal_bases(legal_bases_by_language(organisation_id=organisation_id, case=case))
        if case is not None:
            # Editing: the save must name the version it started from (optimistic locking).
            self.fields["version"].required = True
        team = cast("forms.ModelChoiceField[Team]", self.fields["team"])
        team.queryset = organisation_teams(organisation_id=organisation_id)
        if opener_teams is not None and not opener_teams:
            self._hint("team", _("You belong to no team: choose the team that works on this case, or ask your "
                                 "organisation's administrator to add you to one."))
        if not can_assign:
            team.disabled = True
            # A case opened before every case needed a team keeps none until its team lead chooses one.
            team.required = False
            self._hint("team", _("Only the team lead can move a case to another team."))

    def _hint(self, name: str, text: StrOrPromise) -> None:
        # The bound field, made when the form was set up (KernFormMixin), keeps the hint it was made with.
        self.fields[name].help_text = self[name].help_text = text

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


# What a child's outcome may be when it is given now: the general "placed" is kept for cases closed before
# outcomes were kept per child, and not offered.
CHILD_OUTCOME_CHOICES = [(value, label) for value, label in ChildOutcome.Kind.choices
                         if value != ChildOutcome.Kind.PLACED]


class TransitionForm(KernFormMixin, forms.Form):
    """The status change; closing asks for each child's outcome (one select and a date per child still in the
    plan) and the case's outcome, which any child without one of their own takes."""

    status = forms.ChoiceField(label=_("New status"))
    outcome = forms.ChoiceField(label=_("Outcome"), required=False, choices=[("", _("Choose when closing")),
                                                                              *Outcome.choices])
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("On closing: what happened, in a sentence or two."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, case: Case, children: Iterable[Person] | None = None,
                 left: Iterable[ChildOutcome] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = [(s, CaseStatus(s).label) for s in case.allowed_transitions()]
        closing = CaseStatus.CLOSED in case.allowed_transitions()
        if left is None:
            left = case.child_outcomes.filter(current=True, closing=None) if closing else ()
        left_ids = {row.child_id for row in left}
        if children is None:
            children = case.people.filter(role=PersonRole.CHILD) if closing else ()
        # The children still in the plan, in the order they are named; their fields come before the case's.
        self.children = [child for child in children if child.is_child and child.pk not in left_ids]
        if not closing:
            return
        fields = {name: self.fields.pop(name) for name in ("outcome", "note", "version")}
        for child in self.children:
            self.fields[f"child_{child.pk}"] = forms.ChoiceField(
                label=child.full_name, required=False,
                choices=[("", _("As chosen below for every child")), *CHILD_OUTCOME_CHOICES])
            self.fields[f"child_{child.pk}_on"] = DateField(
                label=_("Date (%(name)s)") % {"name": child.full_name}, required=False,
                initial=timezone.localdate)
            for name in (f"child_{child.pk}", f"child_{child.pk}_on"):
                shown_if(self.fields[name], self["status"].auto_id, CaseStatus.CLOSED)
        self.fields.update(fields)
        if self.children:
            self.fields["outcome"].label = _("Outcome for every child without their own")
        else:
            # Closing cannot do without it (the service refuses), any other change has none.
            required_when(self.fields["outcome"], _("required when closing"))
        shown_if(self.fields["outcome"], self["status"].auto_id, CaseStatus.CLOSED)

    def child_outcomes(self) -> list[ChildOutcomeFields]:
        """Each child's own outcome as the service takes it (the children given one, in the form's order)."""
        data = self.cleaned_data
        return [ChildOutcomeFields(child=child.pk, outcome=data[f"child_{child.pk}"],
                                   on=data.get(f"child_{child.pk}_on"))
                for child in self.children if data.get(f"child_{child.pk}")]

    def under_field_names(self, error: ValidationError) -> ValidationError:
        """A service's refusal with its names ("outcomes.1.on", "outcomes") as this form's fields."""
        if not hasattr(error, "error_dict"):
            return error
        given = [child.pk for child in self.children if self.cleaned_data.get(f"child_{child.pk}")]
        renamed: dict[str, list[str]] = {}
        for name, messages in error.message_dict.items():
            parts = name.split(".")
            if name == "outcomes":
                name = "outcome"
            elif parts[0] == "outcomes" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(given):
                pk = given[int(parts[1])]
                name = f"child_{pk}_on" if parts[2] == "on" else f"child_{pk}"
            renamed.setdefault(name, []).extend(messages)
        return ValidationError(renamed)


class ChildOutcomeForm(KernFormMixin, forms.Form):
    """A child leaves the plan while the case stays open."""

    outcome = forms.ChoiceField(label=_("What became of the child"), choices=[("", "–"), *CHILD_OUTCOME_CHOICES])
    on = DateField(label=_("Since"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False, max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Where the child lives now and why, in a sentence or two."))


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
