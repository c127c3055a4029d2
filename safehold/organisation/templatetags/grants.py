"""`{% load grants %}`: on the start page, the roles waiting for the user to confirm them (team leads and organisation
admins), so that a team lead learns of them where they work."""

from __future__ import annotations

from django import template

from safehold.accounts.models import User
from safehold.organisation.access import may_see_grants
from safehold.organisation.selectors_grants import waiting_grants

register = template.Library()


@register.inclusion_tag("organisation/_grants_waiting.html")
def grants_waiting(user: object) -> dict[str, int]:
    """How many grants wait that `user` sees: one query, and none for anyone who confirms nothing."""
    if not isinstance(user, User) or not may_see_grants(user):
        return {"count": 0}
    return {"count": waiting_grants(user=user).exclude(granted_by=user).exclude(user=user).count()}
