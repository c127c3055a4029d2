"""The Perspektivklärung's section on the case page: each placement with its recommendation (none yet, or the
option) and the end of its time frame, marked when it ends within four weeks without a recommendation; the
assignments still open or in progress with their due dates, overdue ones marked; the next care-plan or review
meeting. In a fixed number of queries, however much the case holds."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from safehold.meetings import services as meetings
from safehold.perspective import services
from safehold.perspective.sections import SECTION
from safehold.testing.factories import PersonFactory, voice_key

TODAY = timezone.localdate()


@pytest.fixture
def placement(caseworker, case, child):
    return services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                     starts_on=TODAY - timedelta(days=170), time_frame_months=6)


def _meeting(case, caseworker, parent, held_on, kind="care_plan", next_on=None):
    return meetings.meeting_record(actor=caseworker, case=case, kind=kind, held_on=held_on, next_on=next_on,
                                   participants=[meetings.ParticipantInput(voice=voice_key(parent))])


def section_html(case) -> str:
    extra = SECTION.context(case, None)  # type: ignore[arg-type]
    return render_to_string(SECTION.template, {"case": case, "section": SECTION, "extra": extra})


def test_a_placement_shows_its_recommendation_and_the_end_of_its_time_frame(case, caseworker, placement):
    html = section_html(case)
    assert "time frame 6 months" in html
    assert "none yet" in html and "ends soon, no recommendation yet" in html
    services.recommendation_save(actor=caseworker, case=case, placement=placement, expected_version=None,
                                 option="return_home", reasons="weil")
    html = section_html(case)
    assert "Return home" in html and "none yet" not in html and "ends soon" not in html
    assert reverse("perspective:recommendation", kwargs={"case_id": case.pk, "placement_id": placement.pk}) in html


def test_open_assignments_are_listed_with_their_due_dates_and_the_overdue_marked(case, caseworker, placement):
    services.assignment_create(actor=caseworker, case=case, question="Überfällige Frage",
                               due_on=TODAY - timedelta(days=2))
    services.assignment_create(actor=caseworker, case=case, question="Spätere Frage", status="in_progress",
                               due_on=TODAY + timedelta(days=10))
    services.assignment_create(actor=caseworker, case=case, question="Beantwortete Frage", status="answered",
                               findings="ja")
    html = section_html(case)
    assert html.index("Überfällige Frage") < html.index("Spätere Frage")
    assert "Beantwortete Frage" not in html
    assert html.count('class="ps-overdue"') == 1 and "overdue since" in html and "due on" in html


def test_the_next_care_plan_meeting_is_the_earliest_ahead(case, caseworker, parent, placement):
    agreed = _meeting(case, caseworker, parent, TODAY - timedelta(days=20), next_on=TODAY + timedelta(days=40))
    html = section_html(case)
    assert "Next care-plan meeting" in html and "agreed in the meeting on" in html
    assert reverse("meetings:detail", kwargs={"case_id": case.pk, "meeting_id": agreed.pk}) in html
    ahead = _meeting(case, caseworker, parent, TODAY + timedelta(days=30), kind="review")
    _meeting(case, caseworker, parent, TODAY + timedelta(days=5), kind="network")  # not of the care-plan process
    html = section_html(case)
    assert reverse("meetings:detail", kwargs={"case_id": case.pk, "meeting_id": ahead.pk}) in html
    assert "agreed in the meeting on" not in html


def test_without_a_placement_or_an_open_assignment_there_is_no_process_to_date(case, caseworker, parent,
                                                                              django_assert_num_queries):
    _meeting(case, caseworker, parent, TODAY - timedelta(days=20), next_on=TODAY + timedelta(days=40))
    with django_assert_num_queries(2):
        html = section_html(case)
    assert "No placement recorded." in html and "Next care-plan meeting" not in html


def test_the_section_runs_the_same_queries_however_much_the_case_holds(case, caseworker, parent, placement,
                                                                      django_assert_num_queries):
    services.recommendation_save(actor=caseworker, case=case, placement=placement, expected_version=None,
                                 option="return_home", reasons="weil")
    services.assignment_create(actor=caseworker, case=case, question="Frage", due_on=TODAY)
    _meeting(case, caseworker, parent, TODAY + timedelta(days=3))
    with django_assert_num_queries(4):
        section_html(case)
    for i in range(3):
        sibling = PersonFactory(case=case, role="child")
        services.placement_create(actor=caseworker, case=case, child=sibling.pk, setting="kinship", starts_on=TODAY,
                                  carers=[parent.pk])
        services.assignment_create(actor=caseworker, case=case, question=f"Frage {i}", due_on=TODAY)
        _meeting(case, caseworker, parent, TODAY + timedelta(days=4 + i), kind="review")
    with django_assert_num_queries(4):
        section_html(case)


@pytest.mark.parametrize(("language", "words"), [
    ("de", ["noch keine", "Offene Klärungsaufträge", "Nächstes Hilfeplangespräch"]),
    ("da", ["ingen endnu", "Åbne afklaringsopgaver", "Næste møde om barnets plan"]),
])
def test_the_section_speaks_the_users_language(client_for, caseworker, case, parent, placement, language, words):
    services.assignment_create(actor=caseworker, case=case, question="Frage", due_on=TODAY)
    _meeting(case, caseworker, parent, TODAY + timedelta(days=3))
    caseworker.language = language
    caseworker.save(update_fields=["language"])
    with translation.override("en"):  # the request activates the user's language: not for the tests after it
        html = client_for(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    for word in words:
        assert word in html
