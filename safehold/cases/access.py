"""The access policy: who may see or do what on a case. The only place this is decided.

- Assigned caseworkers and consultants see and change their cases.
- A team lead sees and changes the cases of the teams they lead, assigns workers, and reads the case's
  access log.
- Auditors read access logs and the audit trail of their organisation, never case content.
- Organisation admins manage users, teams and lists; they see no case content unless also assigned.
- Nobody sees anything of another organisation's cases.

A case the user may not touch at all answers 404, whatever the reason, so that nobody learns that a
case (say, about their neighbour) exists. 403 is only for a case the user can see but an action they
may not take on it.

Every HTML view and API endpoint loads cases through `access_case` / `visible_cases`; the access-matrix
test (cases/tests/test_access_matrix.py) walks every URL to hold them to it.

One thing a caseworker can learn about a case they are not on: that its reference is taken (references
are unique in the organisation, and opening a case with a taken one is refused). The reference is a file
number, not content; the refusal says nothing else about that case.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from safehold.accounts.models import Role
from safehold.accounts.selectors import UserContext, user_context
from safehold.cases.models import Case, CaseAssignment


class Perm(StrEnum):
    VIEW = "view"  # read case content
    CHANGE = "change"  # change case content, people, status
    ASSIGN = "assign"  # assign workers and the team
    VIEW_ACCESS_LOG = "view_access_log"  # read who touched the case


_WORKER_PERMS = frozenset({Perm.VIEW, Perm.CHANGE})
_LEAD_PERMS = frozenset({Perm.VIEW, Perm.CHANGE, Perm.ASSIGN, Perm.VIEW_ACCESS_LOG})
_AUDITOR_PERMS = frozenset({Perm.VIEW_ACCESS_LOG})


def case_permissions(user, case: Case, *, assigned: bool | None = None) -> frozenset[Perm]:
    """What `user` may do on `case`. `assigned` may be passed when the caller already knows it."""
    ctx = user_context(user)
    if ctx.organisation_id is None or case.organisation_id != ctx.organisation_id:
        return frozenset()
    perms: set[Perm] = set()
    if ctx.has_role(Role.AUDITOR):
        perms |= _AUDITOR_PERMS
    if ctx.has_role(Role.TEAM_LEAD) and case.team_id is not None and case.team_id in ctx.led_team_ids:
        perms |= _LEAD_PERMS
    if ctx.has_role(Role.CASEWORKER, Role.CONSULTANT, Role.TEAM_LEAD):
        if assigned is None:
            assigned = CaseAssignment.objects.filter(case=case, user_id=ctx.user_id).exists()
        if assigned:
            perms |= _WORKER_PERMS
    return frozenset(perms)


def _content_filter(ctx: UserContext) -> Q:
    """The cases whose content `ctx` may see, as a filter (for lists)."""
    if ctx.organisation_id is None or not ctx.does_case_work:
        return Q(pk__in=[])
    assigned = Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user_id=ctx.user_id))
    condition = Q(assigned)
    if ctx.led_team_ids:
        condition |= Q(team_id__in=ctx.led_team_ids)
    return Q(organisation_id=ctx.organisation_id) & condition


def visible_cases(user) -> QuerySet[Case]:
    """Every case whose content `user` may see."""
    return Case.objects.filter(_content_filter(user_context(user)))


def may_list_cases(user) -> bool:
    """Case lists are for the roles that do case work; what each list holds is visible_cases()."""
    ctx = user_context(user)
    return ctx.organisation_id is not None and ctx.does_case_work


def may_read_audit_trail(user) -> bool:
    """The organisation's whole trail (metadata, never case content) is for auditors."""
    ctx = user_context(user)
    return ctx.organisation_id is not None and ctx.has_role(Role.AUDITOR)


def may_create_case(user) -> bool:
    ctx = user_context(user)
    return ctx.organisation_id is not None and ctx.has_role(Role.CASEWORKER, Role.TEAM_LEAD)


def access_case(user, case_id: int | str, perm: Perm = Perm.VIEW) -> Case:
    """Load a case for `user` to do `perm` on it: 404 if they may not touch it at all, 403 if not this."""
    ctx = user_context(user)
    try:
        case_pk = int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if ctx.organisation_id is None:  # no organisation, no cases
        raise Http404
    case = (
        Case.objects.select_related("organisation", "team", "legal_basis")
        .filter(pk=case_pk, organisation_id=ctx.organisation_id)
        .first()
    )
    if case is None:
        raise Http404
    perms = case_permissions(user, case)
    if not perms:
        raise Http404
    if perm not in perms:
        raise PermissionDenied
    case.permissions = perms  # the template shows only what the user may do
    case.permissions_of = ctx.user_id  # whose permissions those are (see require_case_perm)
    return case


def require_case_perm(user, case: Case, perm: Perm) -> None:
    """For a case already loaded through access_case, check one more permission."""
    perms = getattr(case, "permissions", None)
    if perms is None or getattr(case, "permissions_of", None) != getattr(user, "pk", None):
        perms = case_permissions(user, case)  # loaded for someone else, or not through access_case
    if perm not in perms:
        raise PermissionDenied
