"""Who sees and decides the role grants that wait for a second person (organisation/models.py, RoleGrant).

- Organisation admins see every grant of their organisation; a team lead sees those for the teams they lead and
  the grants of the admin role (so that an organisation with one admin can get a second).
- Whoever sees a waiting grant may confirm or decline it, unless they granted it or would get it.
- Organisation admins may withdraw a waiting grant.

Only confirmed roles count: a waiting grant of team lead confirms nothing.
"""

from __future__ import annotations

from django.db.models import Q

from safehold.accounts.models import Role, User
from safehold.accounts.selectors import UserContext, user_context
from safehold.organisation.models import RoleGrant


def may_see_grants(user: User) -> bool:
    """The page of waiting grants is for organisation admins and team leads."""
    ctx = user_context(user)
    return ctx.organisation_id is not None and (ctx.has_role(Role.ORG_ADMIN) or bool(ctx.led_team_ids))


def grants_filter(ctx: UserContext) -> Q:
    """The grants `ctx` sees, as a filter."""
    if ctx.organisation_id is None:
        return Q(pk__in=[])
    if ctx.has_role(Role.ORG_ADMIN):
        return Q(organisation_id=ctx.organisation_id)
    if not ctx.led_team_ids:
        return Q(pk__in=[])
    return Q(organisation_id=ctx.organisation_id) & (Q(team_id__in=ctx.led_team_ids) | Q(role=Role.ORG_ADMIN))


def may_decide(user: User, grant: RoleGrant) -> bool:
    """Whether `user` may confirm or decline `grant`: four eyes, so never the granter nor the grantee."""
    ctx = user_context(user)
    if not grant.is_pending or ctx.organisation_id != grant.organisation_id:
        return False
    if ctx.user_id in (grant.user_id, grant.granted_by_id):
        return False
    if ctx.has_role(Role.ORG_ADMIN):
        return True
    if grant.role == Role.ORG_ADMIN:
        return bool(ctx.led_team_ids)
    return grant.team_id is not None and grant.team_id in ctx.led_team_ids


def may_withdraw(user: User, grant: RoleGrant) -> bool:
    ctx = user_context(user)
    return grant.is_pending and ctx.organisation_id == grant.organisation_id and ctx.has_role(Role.ORG_ADMIN)
