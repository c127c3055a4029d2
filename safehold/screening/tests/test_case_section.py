"""The case page's screening section: the current screening of the family and of each child screened on their
own, with the recommendation and the decisions, in one query however many there are."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from safehold.cases.perms import CasePerms, Perm
from safehold.screening import services
from safehold.screening.sections import screening_section_context
from safehold.screening.tests.world import full_answers

MAY = CasePerms({Perm.VIEW, Perm.CHANGE})


def test_the_section_shows_the_latest_of_each_subject_and_the_decisions(caseworker, case, child, client_for,
                                                                        organisation):
    voice = f"user:{caseworker.pk}"
    services.screening_create(actor=caseworker, case=case, screened_on=date(2025, 6, 1), note="old")
    latest = services.screening_create(actor=caseworker, case=case, screened_on=date(2026, 1, 5),
                                       answers=full_answers(voice))
    services.screening_decide(actor=caseworker, case=case, screening=latest, expected_version=1,
                              decision="fits", reason="Nobody else can keep her safe")
    services.screening_create(actor=caseworker, case=case, screened_on=date(2026, 1, 6), child=child.pk)
    context = screening_section_context(case, MAY)
    assert [s.child_id for s in context["current"]] == [None, child.pk]
    assert context["current"][0] == latest and context["count"] == 3
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert "Target group screening" in page and "Nobody else can keep her safe" in page
    assert "The team lead's decision" not in page
    organisation.screening_needs_team_lead = True
    organisation.save()
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert "The team lead's decision" in page


def test_the_section_takes_one_query_however_many_screenings(caseworker, case, child):
    def count() -> int:
        case.refresh_from_db()
        case.organisation  # noqa: B018 - loaded with the case by the access policy
        with CaptureQueriesContext(connection) as queries:
            screening_section_context(case, MAY)
        return len(queries)

    services.screening_create(actor=caseworker, case=case, screened_on=date(2026, 1, 5))
    few = count()
    for day in range(1, 8):
        services.screening_create(actor=caseworker, case=case, screened_on=date(2025, 1, day), child=child.pk)
    assert count() == few == 1
