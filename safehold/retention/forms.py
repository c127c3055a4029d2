"""The organisation admin's form for the retention rules. It shapes the input; the service checks the range."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from safehold.core.forms import KernFormMixin
from safehold.retention.services import MAX_YEARS, MIN_YEARS

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


def _years(label: _StrPromise, help_text: _StrPromise) -> forms.IntegerField:
    return forms.IntegerField(label=label, help_text=help_text, required=False,
                              widget=forms.NumberInput(attrs={"min": MIN_YEARS, "max": MAX_YEARS, "step": 1}))


class RetentionRulesForm(KernFormMixin, forms.Form):
    closed_case_years = _years(
        _("Delete closed cases after (years)"),
        _("Counted from the day a case was closed. A case is deleted with everything in it: the map, plans, the "
          "child's words, drawings and other files. Leave empty to keep closed cases."))
    audit_years = _years(
        _("Delete audit records after (years)"),
        _("Counted from the day a record was written. Leave empty to keep the audit trail."))
