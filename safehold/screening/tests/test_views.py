"""The screening pages: the history, create and edit without script (a draft says what is missing), the result item
by item, the decisions, conflicts, access and the audit of reads."""

from __future__ import annotations

from datetime import date

import pytest

from safehold.audit.models import AuditEvent
from safehold.screening import rules, services
from safehold.screening.models import Screening
from safehold.screening.tests.world import full_answers

DAY = date(2026, 1, 12)


def _post(answers: dict, **head) -> dict:
    data = {"screened_on": DAY.isoformat(), "child": "", "note": "", **head}
    for item, sent in answers.items():
        for name, value in sent.items():
            if value is None:
                continue
            if name == "repeated":
                value = "yes" if value else "no"
            data[f"answers.{item}.{name}"] = value
    return data


@pytest.fixture
def voice(caseworker):
    return f"user:{caseworker.pk}"


@pytest.fixture
def screening(caseworker, case, voice):
    return services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers=full_answers(voice))


def test_a_screening_is_made_on_the_page_and_shows_its_result_item_by_item(caseworker, case, child, client_for,
                                                                           voice):
    client = client_for(caseworker)
    response = client.post(f"/cases/{case.pk}/screening/new/",
                           _post(full_answers(voice, great_safety_risk="no", neglect_repeated=2), child=child.pk))
    screening = Screening.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/screening/{screening.pk}/"
    assert screening.child == child and screening.outcome == rules.FITS
    page = client.get(response["Location"]).content.decode()
    assert "Fits the target group" in page and "2 conditions met repeatedly" in page
    assert "About basic_needs" in page and "Record your decision" in page


def test_a_draft_is_saved_and_lists_what_is_missing(caseworker, case, client_for, voice):
    client = client_for(caseworker)
    answers = full_answers(voice)
    del answers["demands"]
    response = client.post(f"/cases/{case.pk}/screening/new/", _post(answers), follow=True)
    page = response.content.decode()
    assert "Draft: answers missing" in page and "demands far from what fits" in page
    assert "Record your decision" not in page


def test_a_voice_missing_is_shown_next_to_its_field(caseworker, case, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/screening/new/",
                                           _post({"safety_risk": {"answer": "yes"}}))
    assert response.status_code == 400
    assert 'id="id_answers.safety_risk.voice_error"' in response.content.decode()
    assert not Screening.objects.exists()


def test_editing_keeps_the_answers_and_a_stale_version_is_a_conflict(caseworker, case, client_for, screening,
                                                                     voice):
    client = client_for(caseworker)
    url = f"/cases/{case.pk}/screening/{screening.pk}/edit/"
    page = client.get(url).content.decode()
    assert "About ordinary_not_enough" in page
    data = _post(full_answers(voice, massive_support="unknown"), version=1)
    assert client.post(url, data).status_code == 302
    screening.refresh_from_db()
    assert screening.outcome == rules.UNCLEAR
    response = client.post(url, {**data, "note": "late"})
    assert response.status_code == 409 and "Someone else saved this" in response.content.decode()


def test_the_worker_records_a_decision_and_the_reason(caseworker, case, client_for, screening):
    client = client_for(caseworker)
    url = f"/cases/{case.pk}/screening/{screening.pk}/decision/"
    assert client.post(url, {"version": 1, "decision": "fits", "reason": ""}).status_code == 400
    assert client.post(url, {"version": 1, "decision": "fits", "reason": "Clear risk"}).status_code == 302
    screening.refresh_from_db()
    assert screening.worker_decision == "fits" and screening.worker_reason == "Clear risk"


def test_the_team_lead_s_decision_page_is_the_team_lead_s(caseworker, team_lead, case, client_for, screening,
                                                          organisation):
    organisation.screening_needs_team_lead = True
    organisation.save()
    services.screening_decide(actor=caseworker, case=case, screening=screening, expected_version=1,
                              decision="fits", reason="Clear risk")
    url = f"/cases/{case.pk}/screening/{screening.pk}/lead-decision/"
    assert client_for(caseworker).get(url).status_code == 403
    lead = client_for(team_lead)
    assert "Record the team lead" in lead.get(f"/cases/{case.pk}/screening/{screening.pk}/").content.decode()
    assert lead.post(url, {"version": 2, "decision": "does_not_fit", "reason": "Network is strong"}).status_code == 302
    screening.refresh_from_db()
    assert screening.lead_decision == "does_not_fit"


def test_the_history_marks_the_current_screening_of_each_subject(caseworker, case, child, client_for, screening):
    services.screening_create(actor=caseworker, case=case, screened_on=date(2025, 12, 1))
    services.screening_create(actor=caseworker, case=case, screened_on=date(2025, 11, 1), child=child.pk)
    page = client_for(caseworker).get(f"/cases/{case.pk}/screening/").content.decode()
    assert page.count(">current<") == 2


def test_reading_a_screening_is_audited_and_other_organisations_get_404(caseworker, stranger, case, client_for,
                                                                        screening):
    client_for(caseworker).get(f"/cases/{case.pk}/screening/{screening.pk}/")
    assert AuditEvent.objects.filter(action="view", object_type="screening.screening",
                                     object_id=str(screening.pk)).exists()
    assert client_for(stranger).get(f"/cases/{case.pk}/screening/{screening.pk}/").status_code == 404


def test_the_pages_require_login(client, case, screening):
    assert client.get(f"/cases/{case.pk}/screening/").status_code == 302


def test_the_pages_run_a_fixed_number_of_queries(caseworker, case, client_for, screening, voice,
                                                 django_assert_max_num_queries):
    client = client_for(caseworker)
    for _ in range(3):
        services.screening_create(actor=caseworker, case=case, screened_on=DAY, answers=full_answers(voice))
    with django_assert_max_num_queries(14):
        client.get(f"/cases/{case.pk}/screening/")
    with django_assert_max_num_queries(16):
        client.get(f"/cases/{case.pk}/screening/{screening.pk}/")
    with django_assert_max_num_queries(18):
        client.get(f"/cases/{case.pk}/screening/{screening.pk}/edit/")
