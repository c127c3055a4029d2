"""Who walks through Safehold during the benchmark: caseworkers of the generated organisation, each with an open case
of their own that has an active safety plan and a map, and team leads of the same teams (the load data has none:
they are added here). All get one known password, set through the ORM in the benchmark's database only."""

from __future__ import annotations

from dataclasses import asdict, dataclass

PASSWORD = "bench-load-password"  # noqa: S105 (the generated users of the benchmark's database)


@dataclass
class Journey:
    username: str
    kind: str  # "worker" records a check-in, "lead" reads a report
    case: int
    plan: int
    map: int
    name: str  # a family name to search for


def api_token(username: str) -> str:
    """A new API token of this user (the API's pages in the reference table)."""
    from safehold.accounts.models import User
    from safehold.accounts.services import token_create

    _token, key = token_create(user=User.objects.get(username=username), name="make bench")
    return key


def journeys(*, workers: int, leads: int) -> list[dict]:
    from axes.models import AccessAttempt
    from django.contrib.auth.hashers import make_password

    from safehold.accounts.models import Membership, Organisation, Role, User
    from safehold.cases.models import CaseAssignment, CaseStatus, Person, PersonRole
    from safehold.mapping.models import Map
    from safehold.safety_plans.models import PlanStatus

    organisation = Organisation.objects.get(name="Load")
    # Each worker's first open case with an active plan, in the order of the cases.
    assignments = (CaseAssignment.objects
                   .filter(role=CaseAssignment.Role.CASEWORKER, case__organisation=organisation,
                           case__safety_plans__status=PlanStatus.ACTIVE)
                   .exclude(case__status=CaseStatus.CLOSED)
                   .order_by("case_id")
                   .values_list("user__username", "case_id", "case__team_id", "case__safety_plans__pk"))
    # Distinct workers first; a small organisation (--quick has 13 workers) adds second cases of the same workers,
    # who are then logged in twice, as on a laptop and a tablet.
    first: list[tuple[Journey, int]] = []
    more: list[tuple[Journey, int]] = []
    for username, case_id, team_id, plan_id in assignments.iterator():
        if len(first) == workers:
            break
        map_id = Map.objects.filter(case_id=case_id).order_by("-pk").values_list("pk", flat=True).first()
        name = (Person.objects.filter(case_id=case_id, role=PersonRole.PARENT).exclude(last_name="")
                .values_list("last_name", flat=True).first())
        if map_id is None or name is None:
            continue
        taken = any(j.username == username for j, _team in first)
        (more if taken else first).append((Journey(username, "worker", case_id, plan_id, map_id, name), team_id))
    picked = (first + more)[:workers]
    if len(picked) < workers:
        raise SystemExit(f"only {len(picked)} open cases with an active plan and a map")
    chosen = [journey for journey, _team in picked]
    teams = [team for _journey, team in picked]
    for i in range(leads):
        # Lead i leads the team of worker i and follows that worker's case.
        worker = chosen[i % workers]
        lead, _new = User.objects.get_or_create(username=f"bench-lead-{i + 1}",
                                                defaults={"organisation": organisation})
        Membership.objects.update_or_create(user=lead, role=Role.TEAM_LEAD, defaults={"team_id": teams[i % workers]})
        chosen.append(Journey(lead.username, "lead", worker.case, worker.plan, worker.map, worker.name))
    # One hash for all (PBKDF2 takes a good part of a second); logging in checks it as for anyone.
    User.objects.filter(username__in=[j.username for j in chosen]).update(password=make_password(PASSWORD))
    # Failed logins of an earlier, interrupted run must not lock this one out (django-axes).
    AccessAttempt.objects.all().delete()
    return [asdict(journey) for journey in chosen]
