"""The demo's screenings: one per demo case in its language, through the services, once."""

from __future__ import annotations

import pytest

from safehold.cases.models import Case
from safehold.demo.screening import SCREENINGS, ensure_demo_screening
from safehold.demo.seed import DEMO_CASES, OTHER_CASE, PERSPECTIVE_CASE, seed_demo
from safehold.screening import rules, services
from safehold.screening.models import Screening

pytestmark = pytest.mark.django_db


def test_every_demo_case_has_a_screening_spec():
    assert {c.reference for c in [*DEMO_CASES, PERSPECTIVE_CASE, OTHER_CASE]} == set(SCREENINGS)


@pytest.fixture(scope="module")
def demo(build_once):
    with build_once():
        users = seed_demo(password="demo-password-1")
        for case in Case.objects.filter(reference__in=list(SCREENINGS)):
            worker = users["other-caseworker"] if case.reference == OTHER_CASE.reference else users["demo-caseworker"]
            ensure_demo_screening(case, worker)
        return users


def test_each_demo_case_gets_one_screening_and_a_second_run_adds_none(demo):
    assert Screening.objects.count() == len(SCREENINGS)
    for case in Case.objects.filter(reference__in=list(SCREENINGS)):
        ensure_demo_screening(case, demo["demo-caseworker"])
    assert Screening.objects.count() == len(SCREENINGS)


def test_the_danish_case_fits_in_the_seed_s_words_and_is_decided(demo):
    screening = Screening.objects.get(case__reference="BU-2026-0311")
    assert screening.complete and screening.outcome == rules.FITS and screening.worker_decision == "fits"
    assert "massiv støtte" in screening.worker_reason
    assert screening.answers.get(item="safety_risk").map_entries.exists()


def test_the_german_case_fits_through_gross_and_repeated_neglect(demo):
    screening = Screening.objects.get(case__reference="JA-2026-0147")
    result = services.result_of(screening)
    assert result.risks[rules.NEGLECT] == rules.YES and result.neglect.counted == 3
    assert screening.outcome == rules.FITS and not screening.worker_decision


def test_the_drafts_say_what_is_missing(demo):
    screening = Screening.objects.get(case__reference="JA-2026-0212")
    assert not screening.complete and screening.child.first_name == "Emil"
    assert "ordinary_not_enough" in services.result_of(screening).missing


def test_the_demo_organisation_asks_for_the_team_lead_s_decision_and_the_danish_case_has_it(demo):
    screening = Screening.objects.get(case__reference="BU-2026-0311")
    assert screening.case.organisation.screening_needs_team_lead
    assert screening.lead_decision == "fits" and screening.lead_decided_by == demo["demo-teamlead"]
    hughes = Screening.objects.get(case__reference="CP-2026-0058")
    assert hughes.worker_decision == "fits" and not hughes.lead_decision
