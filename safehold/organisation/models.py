"""Grants of a role that waits for a second person (four eyes) before it takes effect.

An organisation admin manages users but sees no case content. A role that sees case content (and the admin's own,
which may confirm such roles) is therefore given in two steps: the admin grants it, and a team lead of the team or
another admin confirms it — never the one who granted it, never the one who gets it. Until then the user holds no
membership for it, so the access policy (cases/access.py), which reads only memberships, gives them nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import Organisation, Role, Team


class RoleGrant(models.Model):
    """One role for one user (and team), granted by an admin, waiting for, or given or refused by, a second
    person. A confirmed grant has become an accounts.Membership; this row stays as the record of who did what."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waits for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants",
                             verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("team"))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("granted by"))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["granted_at", "id"]
        verbose_name = _("role grant")
        verbose_name_plural = _("role grants")
        constraints = [
            # One grant of a role and team waits at a time (grants without a team are kept to it by the service).
            models.UniqueConstraint(fields=["user", "role", "team"], condition=models.Q(status="pending"),
                                    name="role_grant_one_pending"),
        ]
        indexes = [models.Index(fields=["organisation", "status"], name="role_grant_org_status")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING
