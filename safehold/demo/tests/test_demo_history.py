"""The demo's closed history (safehold/demo/history.py): made once, through the services, with dates that hold
together, and enough of it that every report shows a picture for the demo organisation."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from safehold.accounts.models import Organisation
from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, CaseStatus, ChildOutcome, StatusChange
from safehold.demo.history import HISTORY_PREFIX
from safehold.reports.base import Kind, Period, Scope
from safehold.reports.registry import REPORTS
from safehold.safety_plans.models import SafetyPlan

pytestmark = pytest.mark.django_db

PLACED = {ChildOutcome.Kind.KINSHIP_CARE, ChildOutcome.Kind.FOSTER_CARE, ChildOutcome.Kind.RESIDENTIAL_CARE}


@pytest.fixture(scope="module")
def seeded(build_once):
    # Seeded once for the module (each test's own changes are rolled back): a seed takes seconds.
    with build_once():
        call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        return Organisation.objects.get(name="Demo")


def _history(organisation):
    return Case.objects.filter(organisation=organisation, reference__startswith=HISTORY_PREFIX)


def test_the_history_is_made_once(seeded):
    counts = (_history(seeded).count(), ChildOutcome.objects.count(), SafetyPlan.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (_history(seeded).count(), ChildOutcome.objects.count(), SafetyPlan.objects.count()) == counts


def test_at_least_twenty_closed_cases_in_three_languages_with_several_children_on_some(seeded):
    history = _history(seeded)
    assert history.count() >= 20
    assert not history.exclude(status=CaseStatus.CLOSED).exists()
    assert set(history.values_list("language", flat=True)) == {"de", "da", "en"}
    children = Counter(history.filter(people__role="child").values_list("pk", flat=True))
    assert len(children) == history.count() and max(children.values()) >= 2


def test_every_child_has_an_outcome_most_kept_at_home_some_returned_some_placed(seeded):
    history = _history(seeded)
    outcomes = Counter(ChildOutcome.objects.filter(case__in=history, current=True).values_list("outcome", flat=True))
    assert sum(outcomes.values()) == history.filter(people__role="child").count()
    kept = outcomes[ChildOutcome.Kind.KEPT_HOME]
    assert kept > sum(outcomes.values()) / 2
    assert outcomes[ChildOutcome.Kind.RETURNED_HOME] >= 1
    assert sum(outcomes[kind] for kind in PLACED) >= 3
    assert all(outcomes[kind] for kind in PLACED)


def test_dates_hold_together_opened_then_plan_in_force_then_closed_all_in_the_past(seeded):
    today = timezone.localdate()
    for case in _history(seeded).prefetch_related("safety_plans", "maps", "child_outcomes"):
        plan = case.safety_plans.get()
        assert case.opened_on >= today - timedelta(days=549), case.reference
        assert case.opened_on < plan.activated_on < case.closed_on < today, case.reference
        assert plan.ended_on == case.closed_on and plan.approved_at.date() < plan.activated_on
        assert {row.on for row in case.child_outcomes.all()} == {case.closed_on}
        assert all(case.opened_on < m.drawn_on < case.closed_on for m in case.maps.all()), case.reference
        closing = StatusChange.objects.get(case=case, to_status=CaseStatus.CLOSED)
        assert timezone.localtime(closing.changed_at).date() == case.closed_on


def test_the_history_went_through_the_services_with_an_audit_trail(seeded):
    case = _history(seeded).first()
    objects = set(AuditEvent.objects.filter(case_reference=case.reference).values_list("object_type", flat=True))
    assert {"safety_plans.safetyplan", "cases.childoutcome"} <= objects


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: r.SLUG)
def test_every_report_shows_figures_for_the_demo_organisation_over_eighteen_months(seeded, report):
    today = timezone.localdate()
    result = report.compute(Scope(organisation_id=seeded.pk), Period(today - timedelta(days=549), today))
    figures = [cell.value for row in result.table.rows for cell in row.cells.values()
               if cell.kind != Kind.LABEL and isinstance(cell.value, int | float)]
    assert any(figures), report.SLUG


def test_the_outcome_report_if_present_counts_the_history(seeded):
    outcomes = pytest.importorskip("safehold.reports.outcomes")
    today = timezone.localdate()
    result = outcomes.compute(Scope(organisation_id=seeded.pk), Period(today - timedelta(days=549), today))
    figures = [cell.value for row in result.table.rows for cell in row.cells.values()
               if cell.kind != Kind.LABEL and isinstance(cell.value, int | float)]
    assert max(figures) >= 20


def test_the_history_feeds_practice_fidelity_danger_statements_goals_and_children_heard(seeded):
    from safehold.reports import fidelity

    today = timezone.localdate()
    period = Period(today - timedelta(days=548), today)
    history = Scope(seeded.pk)
    statements = fidelity.danger_statements(history, period)
    # One danger statement on each history case's latest map, answered on three cases in four, and the open
    # demo cases' own.
    assert statements["total"] >= 24 and statements["met"] >= 18
    assert 0 < statements["met"] < statements["total"]
    sizes = dict(fidelity.network_sizes(history, period))
    assert sum(sizes.values()) >= 24 and sizes.get(1, 0) >= 20
