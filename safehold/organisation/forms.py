"""Forms of the organisation admin's pages: users and their roles, teams, the list of legal bases, the scales'
wording."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import CASE_ROLES, Membership, Organisation, Role, Team, User
from safehold.accounts.selectors import organisation_teams
from safehold.core import validation
from safehold.core.forms import KernFormMixin
from safehold.mapping.models import ScaleKind
from safehold.organisation.models import RoleGrant
from safehold.organisation.selectors import ENDS, LANGUAGE_CODES, anchor_field
from safehold.organisation.services import DESCRIPTION_LENGTH, PROVISION_LENGTH


class UserForm(KernFormMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False,
                             help_text=_("New users choose their password through a link sent here."))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("A role that sees case content, and the organisation admin's, takes effect once a second person "
                    "confirms it: a team lead of the team or another organisation admin. The auditor's role is never "
                    "combined with one that sees case content."))
    member_of = forms.ModelMultipleChoiceField(
        label=_("Works in the teams"), queryset=Team.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("For caseworkers and consultants."))
    leads = forms.ModelMultipleChoiceField(
        label=_("Leads the teams"), queryset=Team.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For team leads: they see and assign every case of these teams."))
    is_active = forms.BooleanField(label=_("Can log in"), required=False, initial=True)

    def __init__(self, *args: Any, organisation_id: int, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("member_of", "leads"):
            cast("forms.ModelMultipleChoiceField[Team]", self.fields[name]).queryset = organisation_teams(
                organisation_id=organisation_id)
        if editing:
            self.fields["username"].disabled = True
        else:
            del self.fields["is_active"]

    @staticmethod
    def initial_for(user: User) -> dict[str, Any]:
        """The form filled in with a user as they are, the roles waiting for confirmation included (saving the form
        unchanged keeps them waiting): the teams they lead apart from those they work in."""
        memberships: list[Membership | RoleGrant] = [
            *user.memberships.all(), *user.role_grants.filter(status=RoleGrant.Status.PENDING)]
        return {
            "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
            "email": user.email, "roles": sorted({m.role for m in memberships}),
            "member_of": sorted({m.team_id for m in memberships if m.team_id and m.role != Role.TEAM_LEAD}),
            "leads": sorted({m.team_id for m in memberships if m.team_id and m.role == Role.TEAM_LEAD}),
            "is_active": user.is_active,
        }

    def role_pairs(self) -> list[tuple[str, Team | None]]:
        """(role, team) memberships: a team lead for each team they lead, caseworkers and consultants for
        each team they work in (or without a team), the other roles once. Leading is never inferred from
        working in a team: it opens every case of the team."""
        member_of = list(self.cleaned_data.get("member_of") or [])
        pairs: list[tuple[str, Team | None]] = []
        for role in dict.fromkeys(self.cleaned_data["roles"]):
            if role == Role.TEAM_LEAD:
                pairs += [(role, team) for team in self.cleaned_data.get("leads") or []] or [(role, None)]
            elif role in CASE_ROLES and member_of:
                pairs += [(role, team) for team in member_of]
            else:
                pairs.append((role, None))
        return pairs


class GrantDecisionForm(KernFormMixin, forms.Form):
    """Confirm, decline or withdraw a waiting grant: the button pressed says which."""

    CONFIRM, DECLINE, WITHDRAW = "confirm", "decline", "withdraw"

    reason = forms.CharField(
        label=_("Reason"), max_length=validation.TEXT, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you decline. Is this the right person, with the right e-mail address, and do they "
                    "need this role?"))
    decision = forms.ChoiceField(choices=[(CONFIRM, CONFIRM), (DECLINE, DECLINE), (WITHDRAW, WITHDRAW)])


class TeamForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)


class LegalBasisForm(KernFormMixin, forms.Form):
    code = forms.CharField(label=_("Provision"), max_length=PROVISION_LENGTH,
                           help_text=_("For example: SGB VIII § 8a"))
    label = forms.CharField(label=_("Description"), max_length=DESCRIPTION_LENGTH)
    country = forms.ChoiceField(label=_("Country"), choices=Organisation.Country.choices, required=False,
                                help_text=_("The country whose law the provision is of."))


class ScaleWordingForm(KernFormMixin, forms.Form):
    """Both ends of every scale in every language, named by anchor_field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The fields depend on the scales and languages; set before Form.__init__ copies them (and the mixin
        # styles them).
        languages = {code: str(name) for code, name in settings.LANGUAGES}
        self.base_fields = {  # type: ignore[misc]
            anchor_field(kind.value, code, end): forms.CharField(
                label=f"{label} ({languages[code]})", max_length=validation.SHORT, required=False)
            for kind in ScaleKind for code in LANGUAGE_CODES
            for end, label in zip(ENDS, (_("0 means"), _("10 means")), strict=True)
        }
        super().__init__(*args, **kwargs)

    def groups(self) -> list[tuple[str, list[list[forms.BoundField]]]]:
        """The fields by scale, then language: what the template lays out."""
        return [(str(kind.label), [[self[anchor_field(kind.value, code, end)] for end in ENDS]
                                   for code in LANGUAGE_CODES]) for kind in ScaleKind]
