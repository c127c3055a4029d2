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
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"), queryset=Team.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("The teams a caseworker or consultant belongs to, or a team lead leads."))
    is_active = forms.BooleanField(label=_("Can log in"), required=False, initial=True)

    def __init__(self, *args, organisation_id: int, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        teams = cast("forms.ModelMultipleChoiceField[Team]", self.fields["teams"])
        teams.queryset = organisation_teams(organisation_id=organisation_id)
        if editing:
            self.fields["username"].disabled = True
        else:
            del self.fields["is_active"]

    def role_pairs(self) -> list[tuple[str, Team | None]]:
        """Each case-work role once for each chosen team (or without a team); the other roles once."""
        teams = list(self.cleaned_data.get("teams") or [])
        pairs: list[tuple[str, Team | None]] = []
        for role in dict.fromkeys(self.cleaned_data["roles"]):
            if role in CASE_ROLES and teams:
                pairs += [(role, team) for team in teams]
            else:
                pairs.append((role, None))
        return pairs


class TeamForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=120)


class LegalBasisForm(KernFormMixin, forms.Form):
    code = forms.CharField(label=_("Provision"), max_length=60, help_text=_("For example: SGB VIII § 8a"))
    label = forms.CharField(label=_("Description"), max_length=200)
