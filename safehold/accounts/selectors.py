"""Reads about users and what they may do."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from safehold.accounts.models import CASE_ROLES, ApiToken, Membership, Role, Team, User
from safehold.core.ids import as_pk, pk_or_404


@dataclass(frozen=True)
class UserContext:
    """A user's organisation and roles, read once per request (memberships change rarely)."""

    user_id: int
    organisation_id: int | None
    roles: frozenset[str]
    led_team_ids: frozenset[int]

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def does_case_work(self) -> bool:
        return bool(self.roles & CASE_ROLES)


_ANONYMOUS = UserContext(0, None, frozenset(), frozenset())


def user_context(user: User | AnonymousUser | None) -> UserContext:
    if not isinstance(user, User) or not user.is_active:
        return _ANONYMOUS
    cached: UserContext | None = getattr(user, "_safehold_context", None)
    if cached is not None:
        return cached
    rows = list(Membership.objects.filter(user_id=user.pk).values_list("role", "team_id"))
    context = UserContext(
        user_id=user.pk,
        organisation_id=user.organisation_id,
        roles=frozenset(role for role, _ in rows) if user.organisation_id else frozenset(),
        led_team_ids=frozenset(team for role, team in rows if role == Role.TEAM_LEAD and team),
    )
    user._safehold_context = context  # type: ignore[attr-defined]  # read once per request, kept on the user
    return context


def require_org_admin(user: User) -> int:
    """The organisation `user` administers; PermissionDenied if they are not an organisation admin."""
    ctx = user_context(user)
    if not ctx.has_role(Role.ORG_ADMIN) or ctx.organisation_id is None:
        raise PermissionDenied
    return ctx.organisation_id


def organisation_users(*, organisation_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(organisation_id=organisation_id)
        .prefetch_related("memberships__team")
        .order_by("last_name", "first_name", "username")
    )


def organisation_member(*, organisation_id: int, user_id: object) -> User:
    """A user of the organisation; 404 for anyone else's."""
    user = User.objects.filter(organisation_id=organisation_id, pk=pk_or_404(user_id)).first()
    if user is None:
        raise Http404
    return user


def organisation_case_workers(*, organisation_id: int) -> QuerySet[User]:
    """Users who can be assigned to cases: active, with a case-work role."""
    return (
        User.objects.filter(organisation_id=organisation_id, is_active=True, memberships__role__in=CASE_ROLES)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def organisation_teams(*, organisation_id: int) -> QuerySet[Team]:
    return Team.objects.filter(organisation_id=organisation_id).order_by("name")


def chosen_team(*, organisation_id: int, team_id: object) -> Team | None:
    """The organisation's team a form or an API body names, else None."""
    pk = as_pk(team_id)
    return organisation_teams(organisation_id=organisation_id).filter(pk=pk).first() if pk is not None else None


def user_token(*, user: User, token_id: object) -> ApiToken:
    """One of the user's own API tokens; 404 for anyone else's."""
    token = user_tokens(user=user).filter(pk=pk_or_404(token_id)).first()
    if token is None:
        raise Http404
    return token


def user_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")
