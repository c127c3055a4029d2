"""Giving a role with four eyes: an organisation admin grants a role that sees case content (or the admin role),
a second person confirms it (organisation/access.py says who), and only then does the user hold it.

The admin's pages create and change users here: accounts.services applies what needs no second person (and takes
roles away at once), and these services ask for the confirmation of the rest. Each grant, confirmation, refusal
and withdrawal is an audit record naming the role, the team and the people involved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from safehold.accounts import services as accounts
from safehold.accounts.models import CASE_ROLES, Membership, Organisation, Role, Team, User
from safehold.accounts.selectors import require_org_admin
from safehold.accounts.services import FOUR_EYES_ROLES
from safehold.accounts.sessions import DISABLED
from safehold.audit.services import Action, audit_record
from safehold.core import validation
from safehold.organisation.access import may_decide, may_withdraw
from safehold.organisation.models import RoleGrant

RolePairs = list[tuple[str, Team | None]]


@dataclass
class Saved:
    """What saving a user did: the fields that changed and the grants now waiting for a second person."""

    user: User
    changed: list[str] = field(default_factory=list)
    waiting: list[RoleGrant] = field(default_factory=list)


def _detail(grant: RoleGrant, **more: object) -> dict[str, object]:
    """What the trail says about a grant: the role, the team and the people, by id and user name."""
    granter = grant.granted_by
    return {
        "grant_id": grant.pk, "role": grant.role,
        "team_id": grant.team_id, "team": grant.team.name if grant.team else "",
        "user_id": grant.user_id, "user": grant.user.username,
        "granted_by_id": grant.granted_by_id, "granted_by": granter.username if granter else "",
        **more,
    }


def _refuse_auditor_content(user: User, role: str) -> None:
    if role in CASE_ROLES and user.memberships.filter(role=Role.AUDITOR).exists():
        raise ValidationError({"roles": _("The auditor's role cannot be combined with a role that sees case "
                                          "content.")})


@transaction.atomic
def grant_request(*, actor: User, user: User, role: str, team: Team | None, why: str = "") -> RoleGrant | None:
    """Grant `user` a role in FOUR_EYES_ROLES, to take effect once a second person confirms it. None if they
    hold it already; the waiting grant if there is one. `why` ("email_changed") goes into the trail."""
    if require_org_admin(actor) != user.organisation_id:
        raise PermissionDenied
    if role not in FOUR_EYES_ROLES:
        raise ValueError(f"{role} needs no confirmation: give it through accounts.services")
    if team is not None and team.organisation_id != user.organisation_id:
        raise ValidationError({"roles": _("Choose one of your organisation's teams.")})
    if user.pk == actor.pk:
        raise ValidationError({"roles": _("Another organisation admin must give you a case-work role.")})
    _refuse_auditor_content(user, role)
    if Membership.objects.filter(user=user, role=role, team=team).exists():
        return None
    # Locks the user's waiting grants, so that two saves at once do not both add one.
    waiting = RoleGrant.objects.select_for_update().filter(user=user, role=role, team=team,
                                                           status=RoleGrant.Status.PENDING).first()
    if waiting is not None:
        return waiting
    grant = RoleGrant.objects.create(organisation_id=user.organisation_id, user=user, role=role, team=team,
                                     granted_by=actor)
    audit_record(actor=actor, action=Action.GRANT, obj=grant, organisation_id=grant.organisation_id,
                 detail=_detail(grant, **({"because": why} if why else {})))
    return grant


def _locked(grant: RoleGrant) -> RoleGrant:
    """The grant again, locked: two people deciding at once must not both succeed."""
    return (RoleGrant.objects.select_for_update(of=("self",)).select_related("user", "team", "granted_by")
            .get(pk=grant.pk))


def _decide(grant: RoleGrant, *, actor: User, status: str, reason: str) -> None:
    grant.status, grant.decided_by, grant.decided_at, grant.reason = status, actor, timezone.now(), reason
    grant.save(update_fields=["status", "decided_by", "decided_at", "reason"])


@transaction.atomic
def grant_confirm(*, actor: User, grant: RoleGrant, reason: str = "") -> Membership:
    """Confirm a waiting grant: the user now holds the role. Never by whoever granted it or gets it."""
    grant = _locked(grant)
    if not may_decide(actor, grant):
        raise PermissionDenied
    errors = validation.Errors()
    reason = validation.clean_text(reason, "reason", errors, limit=validation.TEXT)
    errors.raise_if_any()
    # Disabling an account withdraws its waiting grants (user_update), but the Django admin's does not.
    if grant.user.organisation_id != grant.organisation_id or not grant.user.is_active:
        raise PermissionDenied
    _refuse_auditor_content(grant.user, grant.role)
    membership, _created = Membership.objects.get_or_create(user=grant.user, role=grant.role, team=grant.team)
    _decide(grant, actor=actor, status=RoleGrant.Status.CONFIRMED, reason=reason)
    audit_record(actor=actor, action=Action.CONFIRM, obj=grant, organisation_id=grant.organisation_id,
                 detail=_detail(grant, decision="confirmed", confirmed_by_id=actor.pk,
                                confirmed_by=actor.username))
    return membership


@transaction.atomic
def grant_decline(*, actor: User, grant: RoleGrant, reason: str) -> None:
    """Refuse a waiting grant, saying why: the user does not get the role."""
    grant = _locked(grant)
    if not may_decide(actor, grant):
        raise PermissionDenied
    errors = validation.Errors()
    reason = validation.clean_text(reason, "reason", errors, limit=validation.TEXT,
                                   required=_("Say why you decline the role."))
    errors.raise_if_any()
    _decide(grant, actor=actor, status=RoleGrant.Status.DECLINED, reason=reason)
    audit_record(actor=actor, action=Action.UPDATE, obj=grant, organisation_id=grant.organisation_id,
                 changed_fields=["status"],
                 detail=_detail(grant, decision="declined", declined_by_id=actor.pk, declined_by=actor.username))


@transaction.atomic
def grant_withdraw(*, actor: User, grant: RoleGrant, reason: str = "", why: str = "") -> None:
    """An admin takes back a waiting grant (on the user's page, by taking the role off or disabling the account).
    `why` ("disabled") goes into the trail."""
    grant = _locked(grant)
    if not may_withdraw(actor, grant):
        raise PermissionDenied
    errors = validation.Errors()
    reason = validation.clean_text(reason, "reason", errors, limit=validation.TEXT)
    errors.raise_if_any()
    _decide(grant, actor=actor, status=RoleGrant.Status.WITHDRAWN, reason=reason)
    audit_record(actor=actor, action=Action.UPDATE, obj=grant, organisation_id=grant.organisation_id,
                 changed_fields=["status"],
                 detail=_detail(grant, decision="withdrawn", withdrawn_by_id=actor.pk,
                                withdrawn_by=actor.username, **({"because": why} if why else {})))


# --- users, as the admin's pages save them -------------------------------------------------------------

def _key(role: str, team: Team | None) -> tuple[str, int | None]:
    return role, team.pk if team else None


@transaction.atomic
def user_create(*, actor: User, organisation: Organisation, username: str, first_name: str = "",
                last_name: str = "", email: str = "", roles: RolePairs) -> Saved:
    """A new user: the roles that need no second person at once, the others as grants waiting for one."""
    user = accounts.user_create(actor=actor, organisation=organisation, username=username, first_name=first_name,
                                last_name=last_name, email=email, roles=roles)
    saved = Saved(user=user)
    for role, team in dict.fromkeys(roles):
        if role in FOUR_EYES_ROLES and (grant := grant_request(actor=actor, user=user, role=role, team=team)):
            saved.waiting.append(grant)
    return saved


@transaction.atomic
def user_update(*, actor: User, user: User, first_name: str, last_name: str, email: str, is_active: bool,
                roles: RolePairs) -> Saved:
    """Change a user: roles taken off go at once (a waiting grant of one is withdrawn), roles added wait for a
    second person. A changed e-mail address sends the user's roles that see case content back to waiting: the
    password-reset link goes to the new address, and whoever set it should not get the account's access alone."""
    waiting = {(g.role, g.team_id): g for g in RoleGrant.objects.select_for_update().filter(
        user=user, status=RoleGrant.Status.PENDING)}
    held = set(user.memberships.values_list("role", "team_id"))
    saved = Saved(user=user, changed=accounts.user_update(
        actor=actor, user=user, first_name=first_name, last_name=last_name, email=email, is_active=is_active,
        roles=roles))
    wanted = {_key(role, team): (role, team) for role, team in roles}
    for key, grant in waiting.items():
        if key not in wanted:
            grant_withdraw(actor=actor, grant=grant)
            saved.changed.append("roles")
    # (An address taken away sends no link anywhere: nothing to confirm again.)
    again = "email" in saved.changed and bool(user.email) and user.pk != actor.pk
    for key, (role, team) in wanted.items():
        if role not in FOUR_EYES_ROLES:
            continue
        if key in held and again:
            Membership.objects.filter(user=user, role=role, team=team).delete()
            requested = grant_request(actor=actor, user=user, role=role, team=team, why="email_changed")
        elif key not in held and key not in waiting:
            requested = grant_request(actor=actor, user=user, role=role, team=team)
        else:
            continue
        if requested is not None:
            saved.waiting.append(requested)
    if "is_active" in saved.changed and not user.is_active:
        # Disabled: every grant waiting for the account is withdrawn (those just sent back to waiting too), so
        # that none is confirmed while it is disabled or after it is enabled again; an admin grants afresh.
        pending = list(RoleGrant.objects.filter(user=user, status=RoleGrant.Status.PENDING))
        for grant in pending:
            grant_withdraw(actor=actor, grant=grant, why=DISABLED)
        if pending and "roles" not in saved.changed:
            saved.changed.append("roles")
        saved.waiting = []
    if saved.waiting and "roles" not in saved.changed:
        saved.changed.append("roles")
    return saved
