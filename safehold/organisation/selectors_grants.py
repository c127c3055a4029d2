"""Reads of the role grants waiting for a second person, as organisation/access.py lets each user see them."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from safehold.accounts.models import User
from safehold.accounts.selectors import user_context
from safehold.core.ids import as_pk
from safehold.organisation.access import grants_filter
from safehold.organisation.models import RoleGrant


def visible_grants(*, user: User) -> QuerySet[RoleGrant]:
    """The grants `user` sees, with the people and the team each names (no query per row)."""
    return (RoleGrant.objects.filter(grants_filter(user_context(user)))
            .select_related("user", "team", "granted_by", "decided_by"))


def waiting_grants(*, user: User) -> QuerySet[RoleGrant]:
    """The grants `user` sees that still wait for a decision, oldest first."""
    return visible_grants(user=user).filter(status=RoleGrant.Status.PENDING).order_by("granted_at", "id")


def visible_grant(*, user: User, grant_id: object) -> RoleGrant:
    """One grant `user` sees; 404 for any other."""
    pk = as_pk(grant_id)
    grant = visible_grants(user=user).filter(pk=pk).first() if pk is not None else None
    if grant is None:
        raise Http404
    return grant


def recent_decisions(*, user: User, limit: int = 20) -> list[RoleGrant]:
    """The latest grants `user` sees that were decided: who confirmed, declined or withdrew what."""
    return list(visible_grants(user=user).exclude(status=RoleGrant.Status.PENDING).order_by("-decided_at", "-id")
                [:limit])
