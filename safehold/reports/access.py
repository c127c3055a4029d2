"""Who sees which report, over which cases. The only place this is decided (the case policy is
cases/access.py; reports count cases without showing any of them).

- Organisation admins and auditors: every report, for the whole organisation or any one of its teams.
- Team leads: every report, for the teams they lead (one of them, or all of them together).
- Caseworkers and consultants: the caseload report, counting only the cases they are assigned to.
- Nobody sees another organisation's figures: every report's query starts from the user's organisation
  (`Scope.cases`), and a team of another organisation is refused like an unknown one.

Reports hold figures, never case content: no family or child names, no case references.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from safehold.accounts.models import Role, Team, User
from safehold.accounts.selectors import organisation_teams, user_context
from safehold.reports.base import Report, Scope
from safehold.reports.registry import REPORTS


class Reach(StrEnum):
    ORGANISATION = "organisation"  # org admins and auditors
    TEAMS = "teams"  # team leads: their teams
    OWN_CASELOAD = "own_caseload"  # caseworkers and consultants: their own cases
    NONE = "none"


@dataclass(frozen=True)
class ReportViewer:
    user_id: int
    organisation_id: int
    reach: Reach
    led_team_ids: frozenset[int]


def viewer(user: User) -> ReportViewer | None:
    """What the user may see of reports; None if nothing."""
    ctx = user_context(user)
    if ctx.organisation_id is None:
        return None
    if ctx.has_role(Role.ORG_ADMIN, Role.AUDITOR):
        reach = Reach.ORGANISATION
    elif ctx.has_role(Role.TEAM_LEAD) and ctx.led_team_ids:
        reach = Reach.TEAMS
    elif ctx.has_role(Role.CASEWORKER, Role.CONSULTANT, Role.TEAM_LEAD):
        reach = Reach.OWN_CASELOAD
    else:
        return None
    return ReportViewer(ctx.user_id, ctx.organisation_id, reach, ctx.led_team_ids)


def may_see_reports(user: User) -> bool:
    return bool(reports_for(user))


def reports_for(user: User) -> list[Report]:
    """The reports the user may open, in the index's order."""
    seen = viewer(user)
    if seen is None:
        return []
    return [r for r in REPORTS if seen.reach != Reach.OWN_CASELOAD or r.FOR_CASEWORKERS]


def report_for(user: User, report: Report) -> ReportViewer:
    """The viewer of one report; PermissionDenied if the user may not open it."""
    seen = viewer(user)
    if seen is None or report not in reports_for(user):
        raise PermissionDenied
    return seen


def offered_teams(seen: ReportViewer) -> QuerySet[Team]:
    """The teams the filter offers: the organisation's for admins and auditors, the led ones for team leads,
    none for a worker's own caseload."""
    teams = organisation_teams(organisation_id=seen.organisation_id)
    if seen.reach == Reach.ORGANISATION:
        return teams
    if seen.reach == Reach.TEAMS:
        return teams.filter(pk__in=seen.led_team_ids)
    return teams.none()


def report_scope(seen: ReportViewer, team: Team | None) -> Scope:
    """The cases a report counts for this viewer and the chosen team (one of `offered_teams`, or None)."""
    if team is not None and (team.organisation_id != seen.organisation_id
                             or (seen.reach == Reach.TEAMS and team.pk not in seen.led_team_ids)
                             or seen.reach == Reach.OWN_CASELOAD):
        raise PermissionDenied
    if seen.reach == Reach.OWN_CASELOAD:
        return Scope(seen.organisation_id, worker_id=seen.user_id)
    if team is not None:
        return Scope(seen.organisation_id, team_ids=frozenset({team.pk}))
    if seen.reach == Reach.TEAMS:
        return Scope(seen.organisation_id, team_ids=seen.led_team_ids)
    return Scope(seen.organisation_id)
