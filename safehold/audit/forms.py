from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from safehold.accounts.selectors import organisation_users
from safehold.audit.models import AuditEvent
from safehold.core.forms import DateInput, KernFormMixin


class TrailFilterForm(KernFormMixin, forms.Form):
    actor = forms.TypedChoiceField(label=_("Who"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label=_("Action"), required=False,
                               choices=[("", _("Any action")), *AuditEvent.Action.choices])
    case_reference = forms.CharField(label=_("Case reference"), required=False, max_length=40)
    channel = forms.ChoiceField(label=_("Channel"), required=False,
                                choices=[("", _("Any channel")), *AuditEvent.Channel.choices])
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["actor"]).choices = [("", _("Anyone"))] + [
            (u.pk, f"{u} ({u.username})") for u in organisation_users(organisation_id=organisation_id)
        ]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data and data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date must not be before the start date."))
        return data


class PeriodForm(KernFormMixin, forms.Form):
    since = forms.DateField(label=_("From"), required=False, widget=DateInput())
    until = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data and data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date must not be before the start date."))
        return data
