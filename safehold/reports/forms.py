"""The filter every report takes: the period, the team (or the whole organisation), and "for publication".

The same form checks the page's query and the API's (`?from=&to=&team=&publication=`), so both answer a bad
filter with the same message on the same field.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import Team
from safehold.core.forms import DateField, KernFormMixin
from safehold.reports.base import Period

FIELDS = ("from", "to", "team", "publication")


def default_period(today: date | None = None) -> Period:
    """The last twelve months, today included."""
    today = today or timezone.localdate()
    return Period(today - timedelta(days=364), today)


class ReportFilterForm(KernFormMixin, forms.Form):
    """`from`, `to` (without them: the last twelve months), `team` (one of those offered; none: all of them),
    `publication`. A report of today's figures takes no period."""

    def __init__(self, *args: Any, teams: QuerySet[Team], uses_period: bool = True,
                 whole_organisation: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team = cast(forms.ModelChoiceField, self.fields["team"])
        team.empty_label = _("The whole organisation") if whole_organisation else _("All my teams")
        team.queryset = teams
        self.uses_period = uses_period
        if not uses_period:
            del self.fields["from"], self.fields["to"]
        self.offers_teams = teams.exists()
        if not self.offers_teams:
            team.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data is not None and self.uses_period:
            default = default_period()
            start = data.get("from") or (default.start if not data.get("to") else data["to"] - timedelta(days=364))
            end = data.get("to") or (default.end if not data.get("from") else max(start, default.end))
            if "from" not in self.errors and "to" not in self.errors:
                if end < start:
                    self.add_error("to", _("The period must not end before it starts."))
                else:
                    data["from"], data["to"] = start, end
        return data

    @property
    def period(self) -> Period:
        data = self.cleaned_data
        if not self.uses_period:
            return default_period()
        return Period(cast(date, data["from"]), cast(date, data["to"]))

    @property
    def team(self) -> Team | None:
        return cast(Team | None, self.cleaned_data.get("team"))

    @property
    def publication(self) -> bool:
        return bool(self.cleaned_data.get("publication"))


# The query says `from` and `to`, which Python cannot name as class attributes: the fields are listed here.
ReportFilterForm.base_fields = {
    "from": DateField(label=_("From"), required=False),
    "to": DateField(label=_("To"), required=False),
    "team": forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none(), required=False,
                                   error_messages={"invalid_choice": _("Choose one of the teams offered.")}),
    "publication": forms.BooleanField(
        label=_("For publication"), required=False,
        help_text=_("Counts under 5, and figures made from them, are shown as < 5.")),
}
