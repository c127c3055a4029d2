"""How long an organisation keeps what it no longer works with: closed cases, and the audit trail.

Both rules are off until an organisation admin sets them: nothing is ever deleted by default, as the periods
are the organisation's legal decision (they differ by country, kind of help and the organisation's own
policy). `manage.py apply_retention`, run by the operator on a schedule, applies them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class RetentionRules(models.Model):
    organisation = models.OneToOneField("accounts.Organisation", on_delete=models.CASCADE,
                                        related_name="retention_rules")
    # Counted from the day the case was closed (Case.closed_on). Empty: closed cases are kept.
    closed_case_years = models.PositiveSmallIntegerField(_("delete closed cases after (years)"), null=True,
                                                         blank=True)
    # Counted from the day the record was written. Empty: the audit trail is kept.
    audit_years = models.PositiveSmallIntegerField(_("delete audit records after (years)"), null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")

    class Meta:
        verbose_name = _("retention rules")
        verbose_name_plural = _("retention rules")

    def __str__(self) -> str:
        return f"retention rules of organisation #{self.organisation_id}"
