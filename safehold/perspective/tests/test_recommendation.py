"""The placement's recommendation: refused while an assignment of the case is open or in progress (the message
lists their questions), optimistic locking, audit, the pages and the API."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.perspective import services
from safehold.perspective.models import Recommendation

START = date(2026, 3, 2)
JSON = "application/json"


@pytest.fixture
def placement(caseworker, case, child):
    return services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                     starts_on=START, time_frame_months=6)


@pytest.fixture
def answered(caseworker, case):
    return services.assignment_create(actor=caseworker, case=case, question="Can the mother read the signals?",
                                      status="answered", findings="Yes, mostly.")


def _save(actor, case, placement, version=None, **extra):
    return services.recommendation_save(actor=actor, case=case, placement=placement, expected_version=version,
                                        **{"option": "return_home", "help_needed": "Family help at home",
                                           "reasons": "The mother reads the signals.", **extra})


def test_a_recommendation_is_written_linked_and_audited(caseworker, case, placement, answered):
    recommendation = _save(caseworker, case, placement, assignments=[answered.pk], parents_view="We want her home",
                           guardian_view="Agreed")
    assert list(recommendation.assignments.all()) == [answered]
    assert AuditEvent.objects.filter(action="create", object_type="perspective.recommendation").exists()


def test_it_is_refused_while_assignments_are_open_and_the_message_lists_them(caseworker, case, placement,
                                                                             answered):
    services.assignment_create(actor=caseworker, case=case, question="Who in the family could care?")
    services.assignment_create(actor=caseworker, case=case, question="Is the flat safe?", status="in_progress")
    services.assignment_create(actor=caseworker, case=case, question="Withdrawn one", status="withdrawn")
    with pytest.raises(ValidationError) as exc:
        _save(caseworker, case, placement)
    message = exc.value.message_dict["option"][0]
    assert "Who in the family could care?" in message and "Is the flat safe?" in message
    assert "Withdrawn one" not in message and "read the signals" not in message
    assert not Recommendation.objects.exists()


def test_the_refusal_quotes_the_questions_in_the_marks_of_the_language(caseworker, case, placement):
    services.assignment_create(actor=caseworker, case=case, question="Wer kann Emil versorgen?")
    with translation.override("de"), pytest.raises(ValidationError) as exc:
        _save(caseworker, case, placement)
    assert "„Wer kann Emil versorgen?“" in exc.value.message_dict["option"][0]


def test_the_placement_page_shows_the_recommendation(client_for, caseworker, case, placement, answered):
    page = reverse("perspective:placement_detail", kwargs={"case_id": case.pk, "placement_id": placement.pk})
    with translation.override("en"):
        assert "none yet" in client_for(caseworker).get(page).content.decode()
        _save(caseworker, case, placement)
        html = client_for(caseworker).get(page).content.decode()
    assert "Return home</a>: Family help at home" in html


def test_no_reasons_and_anothers_assignment_are_refused(caseworker, case, placement):
    with pytest.raises(ValidationError) as exc:
        _save(caseworker, case, placement, reasons=" ", assignments=[999999], option="adoption")
    assert set(exc.value.message_dict) == {"reasons", "assignments", "option"}


def test_a_change_needs_the_current_version(caseworker, case, placement):
    first = _save(caseworker, case, placement)
    _save(caseworker, case, placement, version=first.version, option="kinship")
    assert Recommendation.objects.get().option == "kinship"
    with pytest.raises(ConflictError):
        _save(caseworker, case, placement, version=1, option="other")
    with pytest.raises(ConflictError):
        _save(caseworker, case, placement, version=None, option="other")


def _url(name, case, placement):
    return reverse(f"perspective:{name}", kwargs={"case_id": case.pk, "placement_id": placement.pk})


def test_the_page_refuses_next_to_the_field_then_saves(client_for, caseworker, case, placement, answered):
    open_one = services.assignment_create(actor=caseworker, case=case, question="Who in the family could care?")
    client = client_for(caseworker)
    body = {"option": "return_home", "reasons": "Because", "assignments": [answered.pk]}
    response = client.post(_url("recommendation_edit", case, placement), body)
    assert response.status_code == 400
    assert "Who in the family could care?" in response.context["form"].errors["option"][0]
    services.assignment_update(actor=caseworker, case=case, assignment=open_one, expected_version=1,
                               status="withdrawn")
    assert client.post(_url("recommendation_edit", case, placement), body).status_code == 302
    page = client.get(_url("recommendation", case, placement)).content.decode()
    assert "Because" in page and "read the signals" in page
    assert AuditEvent.objects.filter(action="view", object_type="perspective.recommendation").exists()


def test_another_organisation_gets_404(client_for, api_client_for, stranger, caseworker, case, placement):
    _save(caseworker, case, placement)
    assert client_for(stranger).get(_url("recommendation", case, placement)).status_code == 404
    api = api_client_for(stranger)
    url = f"/api/v1/cases/{case.pk}/placements/{placement.pk}/recommendation"
    assert api.get(url).status_code == 404
    assert api.put(url, data=json.dumps({"option": "other", "reasons": "x"}), content_type=JSON).status_code == 404


def test_the_api_writes_reads_refuses_and_conflicts(alice, caseworker, case, placement, answered):
    url = f"/api/v1/cases/{case.pk}/placements/{placement.pk}/recommendation"
    assert alice.get(url).status_code == 404
    put = alice.put(url, data=json.dumps({"option": "return_home", "reasons": "Because",
                                          "assignments": [answered.pk]}), content_type=JSON)
    assert put.status_code == 200, put.json()
    assert put.json()["assignments"] == [answered.pk] and put.json()["version"] == 1
    assert alice.get(url).json()["option_label"]
    stale = alice.put(url, data=json.dumps({"option": "other", "reasons": "x"}), content_type=JSON)
    assert stale.status_code == 409 and stale.json()["current"]["option"] == "return_home"
    services.assignment_create(actor=caseworker, case=case, question="Who in the family could care?")
    refused = alice.put(url, data=json.dumps({"version": 1, "option": "other", "reasons": "x"}), content_type=JSON)
    assert refused.status_code == 400
    assert "Who in the family could care?" in refused.json()["errors"]["option"][0]
