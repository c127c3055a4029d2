from datetime import timedelta

from django.utils import timezone

from safehold.cases.models import CaseAssignment
from safehold.testing.factories import AssignmentFactory, CaseFactory


def test_an_old_referral_shows_on_the_worker_s_start_page(caseworker, organisation, team, client_for):
    old = CaseFactory(organisation=organisation, team=team, reference="OLD-1",
                      opened_on=timezone.localdate() - timedelta(days=20))
    fresh = CaseFactory(organisation=organisation, team=team, reference="NEW-1")
    assessed = CaseFactory(organisation=organisation, team=team, reference="ASSESSED-1", status="assessment",
                           opened_on=timezone.localdate() - timedelta(days=40))
    for case in (old, fresh, assessed):
        AssignmentFactory(case=case, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    attention = client_for(caseworker).get("/").context["attention"]
    assert [item.case.reference for item in attention] == ["OLD-1"]
    assert "20" in attention[0].message
