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

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from safehold.accounts.models import Role, User
from safehold.accounts.selectors import UserContext, user_context
from safehold.cases.models import Case, CaseAssignment
from safehold.cases.perms import NO_PERMS, CaseClosed, CasePerms, Perm

__all__ = ["CaseClosed", "CasePerms", "Perm", "access_case", "case_permissions", "require_case_perm",
           "visible_cases"]

_WORKER_PERMS = frozenset({Perm.VIEW, Perm.CHANGE})
_LEAD_PERMS = frozenset({Perm.VIEW, Perm.CHANGE, Perm.ASSIGN, Perm.APPROVE, Perm.VIEW_ACCESS_LOG})
_AUDITOR_PERMS = frozenset({Perm.VIEW_ACCESS_LOG})


def case_permissions(user: User, case: Case, *, assigned: bool | None = None) -> CasePerms:
    """What `user` may do on `case`. `assigned` may be passed when the caller already knows it.

    A closed case is read-only: whoever could change it may only reopen it (assigning workers and reading
    the access log stay as they were)."""
    ctx = user_context(user)
    if ctx.organisation_id is None or case.organisation_id != ctx.organisation_id:
        return NO_PERMS
    perms: set[Perm] = set()
    if ctx.has_role(Role.AUDITOR):
        perms |= _AUDITOR_PERMS
    if ctx.has_role(Role.TEAM_LEAD) and case.team_id is not None and case.team_id in ctx.led_team_ids:
        perms |= _LEAD_PERMS
    if ctx.has_role(Role.CASEWORKER, Role.CONSULTANT, Role.TEAM_LEAD) and Perm.CHANGE not in perms:
        if assigned is None:
            assigned = CaseAssignment.objects.filter(case=case, user_id=ctx.user_id).exists()
        if assigned:
            perms |= _WORKER_PERMS
    if case.is_closed and Perm.CHANGE in perms:
        perms = (perms - {Perm.CHANGE, Perm.APPROVE}) | {Perm.REOPEN}
    return CasePerms(perms)


def _refuse(perms: CasePerms, perm: Perm) -> None:
    """403 for what the user may not do on a case they may otherwise touch; a closed case says so."""
    if perm not in perms:
        if perm in (Perm.CHANGE, Perm.APPROVE) and Perm.REOPEN in perms:
            raise CaseClosed
        raise PermissionDenied


def _content_filter(ctx: UserContext) -> Q:
    """The cases whose content `ctx` may see, as a filter (for lists)."""
    if ctx.organisation_id is None or not ctx.does_case_work:
        return Q(pk__in=[])
    assigned = Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user_id=ctx.user_id))
    condition = Q(assigned)
    if ctx.led_team_ids:
        condition |= Q(team_id__in=ctx.led_team_ids)
    return Q(organisation_id=ctx.organisation_id) & condition


def visible_cases(user: User) -> QuerySet[Case]:
    """Every case whose content `user` may see."""
    return Case.objects.filter(_content_filter(user_context(user)))


def may_list_cases(user: User) -> bool:
    """Case lists are for the roles that do case work; what each list holds is visible_cases()."""
    ctx = user_context(user)
    return ctx.organisation_id is not None and ctx.does_case_work


def may_read_audit_trail(user: User) -> bool:
    """The organisation's whole trail (metadata, never case content) is for auditors."""
    ctx = user_context(user)
    return ctx.organisation_id is not None and ctx.has_role(Role.AUDITOR)


def may_create_case(user: User) -> bool:
    ctx = user_context(user)
    return ctx.organisation_id is not None and ctx.has_role(Role.CASEWORKER, Role.TEAM_LEAD)


def access_case(user: User, case_id: int | str, perm: Perm = Perm.VIEW) -> tuple[Case, CasePerms]:
    """Load a case for `user` to do `perm` on it, with everything they may do on it (for the page to show
    only that): 404 if they may not touch it at all, 403 if not this (CaseClosed for a change of a closed
    case)."""
    ctx = user_context(user)
    try:
        case_pk = int(case_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if ctx.organisation_id is None or not 0 < case_pk < 2**63:  # no organisation, no cases
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
    _refuse(perms, perm)
    return case, perms


def require_case_perm(user: User, case: Case, perm: Perm) -> None:
    """For a case already loaded (through access_case), check one permission again: services do, so that no
    caller (a page, the API, a command) can skip the policy."""
    _refuse(case_permissions(user, case), perm)
