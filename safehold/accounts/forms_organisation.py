"""Forms of the organisation admin's pages: users and their roles, teams, the list of legal bases."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import CASE_ROLES, Role, Team
from safehold.accounts.selectors import organisation_teams
from safehold.core.forms import KernFormMixin


class UserForm(KernFormMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False,
                             help_text=_("New users choose their password through a link sent here."))
    roles = forms.MultipleChoiceField(label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple)
    member_of = forms.ModelMultipleChoiceField(
        label=_("Works in the teams"), queryset=Team.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text=_("For caseworkers and consultants."))
    leads = forms.ModelMultipleChoiceField(
        label=_("Leads the teams"), queryset=Team.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For team leads: they see and assign every case of these teams."))
    is_active = forms.BooleanField(label=_("Can log in"), required=False, initial=True)

    def __init__(self, *args, organisation_id: int, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("member_of", "leads"):
            cast("forms.ModelMultipleChoiceField[Team]", self.fields[name]).queryset = organisation_teams(
                organisation_id=organisation_id)
        if editing:
            self.fields["username"].disabled = True
        else:
            del self.fields["is_active"]

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


class TeamForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)


class LegalBasisForm(KernFormMixin, forms.Form):
    code = forms.CharField(label=_("Provision"), max_length=60, help_text=_("For example: SGB VIII § 8a"))
    label = forms.CharField(label=_("Description"), max_length=200)
