"""The outcome report: what became of the children whose case had a safety plan (seed 004, Roskilde).

The acceptance test builds the seed's own history: 123 plans in force, 133 children, the cases closed through
`case_transition` with an outcome for each child; 115 children kept at home and 18 placed. The cases, children
and plan versions in force are written in bulk (factories, bulk_create: bringing 123 plans into force through
the plan services would take the unit suite too long); everything the report counts, the closing and the
children's outcomes, goes through the case service.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, timedelta
from typing import cast

import pytest
from django.utils import timezone

from safehold.accounts.models import Role, Team
from safehold.cases.models import Case, CaseAssignment, CaseStatus, ChildOutcome, Person, PersonRole
from safehold.cases.services import case_reopen, case_transition, child_outcome_record
from safehold.reports import outcomes
from safehold.reports.base import Period, Scope
from safehold.reports.registry import REPORTS
from safehold.reports.suppression import SUPPRESSED
from safehold.safety_plans.models import PlanStatus, SafetyPlan
from safehold.testing.factories import CaseFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
OPENED = TODAY - timedelta(days=200)
IN_FORCE = TODAY - timedelta(days=180)
CLOSED = TODAY - timedelta(days=30)  # the children's outcome date
QUERY = f"from={TODAY - timedelta(days=100):%Y-%m-%d}&to={TODAY:%Y-%m-%d}"
PERIOD = Period(TODAY - timedelta(days=100), TODAY)

KEPT, PLACED = ChildOutcome.Kind.KEPT_HOME, ChildOutcome.Kind.PLACED
PLACEMENTS = [ChildOutcome.Kind.KINSHIP_CARE, ChildOutcome.Kind.FOSTER_CARE, ChildOutcome.Kind.RESIDENTIAL_CARE]


def _cases(organisation, team, children_per_case: list[int], *, worker, in_force: bool = True) -> list[Case]:
    """Open cases in safety planning, assigned to `worker`, with their children (and a parent, never counted),
    each with its plan in force when `in_force`: rows written in bulk."""
    cases = [cast(Case, CaseFactory(organisation=organisation, team=team, opened_on=OPENED,
                                    status=CaseStatus.SAFETY_PLANNING)) for _n in children_per_case]
    CaseAssignment.objects.bulk_create(CaseAssignment(case=case, user=worker) for case in cases)
    people = [Person(case=case, role=PersonRole.CHILD, first_name=f"Kind {n}", last_name=case.family_name)
              for case, count in zip(cases, children_per_case, strict=True) for n in range(count)]
    people += [Person(case=case, role=PersonRole.PARENT, first_name="Elternteil", last_name=case.family_name)
               for case in cases]
    Person.objects.bulk_create(people)
    if in_force:
        SafetyPlan.objects.bulk_create(SafetyPlan(case=case, version_no=1, status=PlanStatus.ACTIVE,
                                                  activated_on=IN_FORCE) for case in cases)
    return cases


def _close(actor, case: Case, kinds: Sequence[str], on: date = CLOSED) -> None:
    kids = list(case.people.filter(role=PersonRole.CHILD).order_by("pk"))
    case_transition(actor=actor, case=case, to_status=CaseStatus.CLOSED,
                    outcomes=[{"child": kid.pk, "outcome": kind, "on": on}
                              for kid, kind in zip(kids, kinds, strict=True)])


def _roskilde(organisation, team, actor) -> list[Case]:
    """123 cases with a plan in force and 133 children: 113 with one child, 10 with two. 115 children kept at
    home; 18 placed in kinship, foster or residential care (a family may have one child at home, one placed)."""
    cases = _cases(organisation, team, [1] * 113 + [2] * 10, worker=actor)
    kinds = [KEPT] * 115 + [PLACEMENTS[n % 3] for n in range(18)]
    at = 0
    for case in cases:
        count = 2 if case in cases[113:] else 1
        _close(actor, case, kinds[at:at + count])
        at += count
    return cases


def _table(body: dict) -> dict[str, dict]:
    return {row["outcome"]: row for row in body["rows"]}


def test_the_outcome_report_comes_first():
    assert REPORTS[0] is outcomes and outcomes.SLUG == "outcomes"


def test_the_roskilde_figure_on_the_page_in_the_csv_and_in_the_api(organisation, team, org_admin, client_for,
                                                                     api_client_for, caseworker):
    cases = _roskilde(organisation, team, caseworker)
    assert ChildOutcome.objects.filter(current=True).count() == 133
    assert not SafetyPlan.objects.filter(case__in=cases, status=PlanStatus.ACTIVE).exists()  # ended on closing

    body = api_client_for(org_admin).get(f"/api/v1/reports/outcomes?{QUERY}").json()
    rows = _table(body)
    assert rows["Kept at home with the family's and network's help"]["children"] == 115
    assert rows["Placed away from home, in all"]["children"] == 18
    assert rows["Total"]["children"] == 133 and rows["Total"]["plans"] == 123
    assert rows["Placed in kinship or network care"]["children"] == 6
    assert rows["Placed in foster care"]["children"] == 6
    assert rows["Placed in residential care"]["children"] == 6
    assert rows["Returned home"]["children"] == 0
    assert rows["Kept at home with the family's and network's help"]["share"] == round(115 / 133, 4)

    lines = list(csv.reader(io.StringIO(
        client_for(org_admin).get(f"/reports/outcomes/?{QUERY}&format=csv").getvalue().decode())))
    assert lines[0] == ["Outcome", "Children", "Share of the children", "Safety plans"]
    by_label = {line[0]: line[1:] for line in lines[1:]}
    assert by_label["Kept at home with the family's and network's help"][0] == "115"
    assert by_label["Placed away from home, in all"][0] == "18"
    assert by_label["Total"] == ["133", "1.0", "123"]

    page = client_for(org_admin).get(f"/reports/outcomes/?{QUERY}").content.decode()
    table = page.split("<table")[1]
    for figure in ("115", "18", "133", "123"):
        assert f">{figure}<" in table


def test_the_children_and_the_plans_are_counted_separately(organisation, team, caseworker):
    # one family: one child kept at home, two placed; another: one child kept at home
    first, second = _cases(organisation, team, [3, 1], worker=caseworker)
    _close(caseworker, first, [KEPT, ChildOutcome.Kind.FOSTER_CARE, ChildOutcome.Kind.FOSTER_CARE])
    _close(caseworker, second, [KEPT])
    scope = Scope(organisation.pk)
    assert outcomes.by_outcome(scope, PERIOD) == {KEPT: (2, 2), ChildOutcome.Kind.FOSTER_CARE: (2, 1)}
    found = outcomes.totals(scope, PERIOD)
    assert (found["kids"], found["plans"], found["placed_kids"], found["placed_plans"]) == (4, 2, 2, 1)


def test_a_case_without_a_plan_in_force_is_not_counted(organisation, team, caseworker):
    (never,) = _cases(organisation, team, [2], in_force=False, worker=caseworker)
    (draft,) = _cases(organisation, team, [1], in_force=False, worker=caseworker)
    SafetyPlan.objects.create(case=draft, version_no=1, status=PlanStatus.DRAFT)
    _close(caseworker, never, [KEPT, KEPT])
    _close(caseworker, draft, [KEPT])
    assert outcomes.by_outcome(Scope(organisation.pk), PERIOD) == {}


def test_a_plan_that_came_into_force_after_the_childs_outcome_does_not_count_for_it(organisation, team,
                                                                                    caseworker):
    (case,) = _cases(organisation, team, [1], in_force=False, worker=caseworker)
    SafetyPlan.objects.create(case=case, version_no=1, status=PlanStatus.ACTIVE, activated_on=CLOSED)
    _close(caseworker, case, [KEPT], on=CLOSED - timedelta(days=1))
    assert outcomes.by_outcome(Scope(organisation.pk), PERIOD) == {}


def test_only_outcomes_dated_in_the_period_count(organisation, team, caseworker):
    early, late = _cases(organisation, team, [1, 1], worker=caseworker)
    _close(caseworker, early, [KEPT], on=PERIOD.start - timedelta(days=1))
    _close(caseworker, late, [ChildOutcome.Kind.RESIDENTIAL_CARE], on=PERIOD.start)
    assert outcomes.by_outcome(Scope(organisation.pk), PERIOD) == {ChildOutcome.Kind.RESIDENTIAL_CARE: (1, 1)}


def test_a_case_reopened_and_closed_again_counts_once_with_its_latest_outcomes(organisation, team, caseworker):
    (case,) = _cases(organisation, team, [2], worker=caseworker)
    _close(caseworker, case, [KEPT, KEPT])
    case.refresh_from_db()
    case_reopen(actor=caseworker, case=case, to_status=CaseStatus.SAFETY_PLANNING, reason="Neue Sorge")
    case.refresh_from_db()
    _close(caseworker, case, [KEPT, ChildOutcome.Kind.KINSHIP_CARE], on=CLOSED + timedelta(days=5))
    scope = Scope(organisation.pk)
    assert outcomes.by_outcome(scope, PERIOD) == {KEPT: (1, 1), ChildOutcome.Kind.KINSHIP_CARE: (1, 1)}
    assert outcomes.totals(scope, PERIOD)["plans"] == 1


def test_a_case_closed_before_outcomes_per_child_counts_its_children_as_placed(organisation, team, caseworker):
    (case,) = _cases(organisation, team, [2], worker=caseworker)
    case_transition(actor=caseworker, case=case, to_status=CaseStatus.CLOSED, outcome="placed")
    table = {row.cells["outcome"].value: row.cells["children"].value
             for row in outcomes.compute(Scope(organisation.pk), Period(PERIOD.start, TODAY)).table.rows}
    assert table["Placed away from home"] == 2 and table["Placed away from home, in all"] == 2


def test_another_organisations_outcomes_never_count(organisation, team, other_organisation, org_admin,
                                                    api_client_for):
    foreign_worker = UserFactory(username="fremd", organisation=other_organisation, roles=[Role.CASEWORKER])
    (foreign,) = _cases(other_organisation, None, [3], worker=foreign_worker)
    _close(foreign_worker, foreign, [KEPT, KEPT, KEPT])
    assert outcomes.by_outcome(Scope(organisation.pk), PERIOD) == {}
    rows = _table(api_client_for(org_admin).get(f"/api/v1/reports/outcomes?{QUERY}").json())
    assert rows["Total"]["children"] == 0 and rows["Total"]["plans"] == 0


def test_a_team_lead_sees_only_their_team(organisation, team, team_lead, org_admin, api_client_for, caseworker):
    other_team = cast(Team, TeamFactory(organisation=organisation, name="ASD Süd"))
    (own,) = _cases(organisation, team, [1], worker=caseworker)
    (theirs,) = _cases(organisation, other_team, [2], worker=caseworker)
    (no_team,) = _cases(organisation, None, [1], worker=caseworker)
    for case in (own, theirs, no_team):
        _close(caseworker, case, [KEPT] * case.people.filter(role=PersonRole.CHILD).count())
    client = api_client_for(team_lead)
    assert _table(client.get(f"/api/v1/reports/outcomes?{QUERY}").json())["Total"]["children"] == 1
    assert client.get(f"/api/v1/reports/outcomes?{QUERY}&team={other_team.pk}").status_code == 400
    whole = _table(api_client_for(org_admin).get(f"/api/v1/reports/outcomes?{QUERY}").json())
    assert whole["Total"]["children"] == 4


def test_a_caseworker_may_not_open_it(client_for, caseworker):
    assert client_for(caseworker).get("/reports/outcomes/").status_code == 403


def test_the_csv_for_publication_shows_small_counts_as_under_five(organisation, team, org_admin, client_for,
                                                                caseworker):
    cases = _cases(organisation, team, [1] * 7, worker=caseworker)
    for case in cases[:5]:
        _close(caseworker, case, [KEPT])
    for case in cases[5:]:
        _close(caseworker, case, [ChildOutcome.Kind.FOSTER_CARE])
    client = client_for(org_admin)
    working = {line[0]: line[1:] for line in csv.reader(io.StringIO(
        client.get(f"/reports/outcomes/?{QUERY}&format=csv").getvalue().decode()))}
    assert working["Placed in foster care"] == ["2", "0.2857", "2"]
    published = {line[0]: line[1:] for line in csv.reader(io.StringIO(
        client.get(f"/reports/outcomes/?{QUERY}&format=csv&publication=on").getvalue().decode()))}
    assert published["Kept at home with the family's and network's help"] == ["5", "0.7143", "5"]
    assert published["Placed in foster care"] == [SUPPRESSED, SUPPRESSED, SUPPRESSED]
    assert published["Total"] == ["7", "1.0", "7"]


def test_the_page_takes_a_fixed_number_of_queries_however_many_children(organisation, team, org_admin,
                                                                        client_for,
                                                                        django_assert_max_num_queries, caseworker):
    client = client_for(org_admin)
    url = f"/reports/outcomes/?{QUERY}"

    def grow(n: int) -> None:
        for case in _cases(organisation, team, [2] * n, worker=caseworker):
            _close(caseworker, case, [KEPT, ChildOutcome.Kind.FOSTER_CARE])

    grow(2)
    client.get(url)  # sessions and the like settle
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200
    grow(12)
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(3):
        outcomes.compute(Scope(organisation.pk), PERIOD)


def test_a_child_who_left_the_plan_earlier_counts_with_that_outcome(organisation, team, caseworker):
    (case,) = _cases(organisation, team, [2], worker=caseworker)
    first, second = case.people.filter(role=PersonRole.CHILD).order_by("pk")
    child_outcome_record(actor=caseworker, case=case, child=first.pk, outcome=ChildOutcome.Kind.MOVED_AWAY,
                         on=CLOSED - timedelta(days=10))
    assert outcomes.by_outcome(Scope(organisation.pk), PERIOD) == {ChildOutcome.Kind.MOVED_AWAY: (1, 1)}
    case.refresh_from_db()
    case_transition(actor=caseworker, case=case, to_status=CaseStatus.CLOSED,
                    outcomes=[{"child": second.pk, "outcome": KEPT, "on": CLOSED}])
    found = outcomes.totals(Scope(organisation.pk), PERIOD)
    assert (found["kids"], found["plans"]) == (2, 1)


def test_a_parent_is_never_counted(organisation, team, caseworker):
    (case,) = _cases(organisation, team, [1], worker=caseworker)
    PersonFactory(case=case, role=PersonRole.PARENT)
    _close(caseworker, case, [KEPT])
    assert outcomes.totals(Scope(organisation.pk), PERIOD)["kids"] == 1
