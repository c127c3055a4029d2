"""POST /api/v1/cases, GET and PATCH /api/v1/cases/{id}."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.cases.models import Case, CaseAssignment, CaseStatus, StatusChange
from safehold.testing.factories import CaseFactory, LegalBasisFactory, TeamFactory

JSON = "application/json"
URL = "/api/v1/cases"


def case_url(case) -> str:
    return f"{URL}/{case.pk}"


# --- opening a case ---------------------------------------------------------------------------------

def test_a_caseworker_opens_a_case_and_is_assigned_to_it(caseworker, team, organisation, api_client_for):
    basis = LegalBasisFactory(organisation=organisation, code="SGB VIII § 8a")

    response = api_client_for(caseworker).post(URL, {
        "reference": "  JA-2026-0100 ", "family_name": " Øberg ", "language": "da",
        "legal_basis_id": basis.pk, "summary": "  Referral from school.  ", "team_id": team.pk,
        "opened_on": "2026-01-05",
    }, content_type=JSON)

    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert (case.reference, case.family_name) == ("JA-2026-0100", "Øberg")
    assert case.summary == "Referral from school."
    assert (case.organisation, case.team, case.legal_basis) == (organisation, team, basis)
    assert case.language == "da"
    assert case.opened_on.isoformat() == "2026-01-05"
    assert case.status == CaseStatus.REFERRAL
    assert case.created_by == caseworker
    assert list(case.assignments.values_list("user__username", "role")) == [("alice", "caseworker")]
    assert list(StatusChange.objects.filter(case=case).values_list("to_status", flat=True)) == ["referral"]
    assert body["reference"] == "JA-2026-0100"
    assert body["legal_basis"] == {"id": basis.pk, "code": "SGB VIII § 8a", "label": basis.label,
                                   "country": basis.country}
    assert body["team"] == {"id": team.pk, "name": "ASD Nord"}
    assert [w["username"] for w in body["workers"]] == ["alice"]
    assert body["version"] == 1


def test_a_case_opened_without_a_date_is_opened_today(caseworker, api_client_for):
    response = api_client_for(caseworker).post(URL, {"reference": "X-1", "family_name": "Weber"},
                                               content_type=JSON)

    assert response.status_code == 201
    assert response.json()["opened_on"] == timezone.localdate().isoformat()
    assert response.json()["language"] == "de"


def test_a_team_lead_may_open_a_case(team_lead, api_client_for):
    response = api_client_for(team_lead).post(URL, {"reference": "X-2", "family_name": "Weber"},
                                              content_type=JSON)

    assert response.status_code == 201
    assert Case.objects.get(reference="X-2").assignments.get().user == team_lead


@pytest.mark.parametrize("role", ["consultant", "org_admin", "auditor"])
def test_only_caseworkers_and_team_leads_may_open_cases(request, api_client_for, role):
    user = request.getfixturevalue(role)

    response = api_client_for(user).post(URL, {"reference": "X-3", "family_name": "Weber"}, content_type=JSON)

    assert response.status_code == 403
    assert response.json() == {"message": "Only caseworkers and team leads can open cases.", "errors": {}}
    assert not Case.objects.filter(reference="X-3").exists()


def test_a_reference_already_used_in_the_organisation_is_refused(caseworker, case, api_client_for):
    response = api_client_for(caseworker).post(URL, {"reference": " JA-2026-0001", "family_name": "Weber"},
                                               content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["reference"]
    assert Case.objects.filter(reference="JA-2026-0001").count() == 1


def test_another_organisation_may_use_the_same_reference(stranger, case, api_client_for):
    response = api_client_for(stranger).post(URL, {"reference": "JA-2026-0001", "family_name": "Weber"},
                                             content_type=JSON)

    assert response.status_code == 201
    assert Case.objects.filter(reference="JA-2026-0001").count() == 2


@pytest.mark.parametrize("field", ["team_id", "legal_basis_id"])
def test_a_team_or_legal_basis_of_another_organisation_is_refused(
    caseworker, other_organisation, api_client_for, field,
):
    foreign = {
        "team_id": lambda: TeamFactory(organisation=other_organisation),
        "legal_basis_id": lambda: LegalBasisFactory(organisation=other_organisation),
    }[field]()

    response = api_client_for(caseworker).post(
        URL, {"reference": "X-4", "family_name": "Weber", field: foreign.pk}, content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {field: [{
        "team_id": "Choose one of your organisation's teams.",
        "legal_basis_id": "Choose a legal basis from your organisation's list.",
    }[field]]}
    assert not Case.objects.filter(reference="X-4").exists()


def test_a_legal_basis_taken_out_of_use_is_refused_under_the_field_the_client_sent(
    caseworker, organisation, api_client_for,
):
    retired = LegalBasisFactory(organisation=organisation, is_active=False)

    response = api_client_for(caseworker).post(
        URL, {"reference": "X-5", "family_name": "Weber", "legal_basis_id": retired.pk}, content_type=JSON,
    )

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "legal_basis_id": ["Choose a legal basis from your organisation's list."],
    }
    assert not Case.objects.filter(reference="X-5").exists()


def test_an_opening_date_in_the_future_is_refused(caseworker, api_client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)

    payload = {"reference": "X-6", "family_name": "Weber", "opened_on": tomorrow.isoformat()}

    response = api_client_for(caseworker).post(URL, payload, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"opened_on": ["The opening date cannot be in the future."]}
    assert not Case.objects.filter(reference="X-6").exists()


@pytest.mark.parametrize("field", ["reference", "family_name"])
def test_a_blank_reference_or_family_name_is_refused(caseworker, api_client_for, field):
    payload = {"reference": "X-7", "family_name": "Weber", field: "   "}

    response = api_client_for(caseworker).post(URL, payload, content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Case.objects.exists()


# --- reading a case ---------------------------------------------------------------------------------

def test_reading_a_case_returns_all_its_details(caseworker, case, api_client_for):
    response = api_client_for(caseworker).get(case_url(case))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "id", "reference", "family_name", "language", "legal_basis", "legal_basis_note", "summary", "status",
        "opened_on", "closed_on", "outcome", "outcome_note", "team", "workers", "version", "created_at",
        "updated_at", "child_outcomes",
    }
    assert (body["id"], body["reference"], body["family_name"]) == (case.pk, "JA-2026-0001", "Sørensen")
    assert body["workers"] == [
        {"user_id": case.assignments.get(role="caseworker").user_id, "username": "alice",
         "name": str(case.assignments.get(role="caseworker").user), "role": "caseworker"},
        {"user_id": case.assignments.get(role="consultant").user_id, "username": "carla",
         "name": str(case.assignments.get(role="consultant").user), "role": "consultant"},
    ]


def test_reading_a_case_that_does_not_exist_answers_404(caseworker, api_client_for):
    response = api_client_for(caseworker).get(f"{URL}/987654")

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "errors": {}}


# --- changing a case --------------------------------------------------------------------------------

def test_patching_a_case_changes_the_fields_sent_and_bumps_the_version(caseworker, case, api_client_for):
    response = api_client_for(caseworker).patch(
        case_url(case), {"version": 1, "family_name": " Sørensen-Holm ", "summary": "New worries."},
        content_type=JSON,
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["family_name"], body["summary"], body["version"]) == ("Sørensen-Holm", "New worries.", 2)
    assert body["reference"] == "JA-2026-0001"
    case.refresh_from_db()
    assert (case.family_name, case.summary, case.version) == ("Sørensen-Holm", "New worries.", 2)
    assert "holm" in case.search_key


def test_patching_without_a_version_is_refused(caseworker, case, api_client_for):
    response = api_client_for(caseworker).patch(case_url(case), {"family_name": "Holm"}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"version": ["Field required"]}
    case.refresh_from_db()
    assert case.family_name == "Sørensen"


def test_patching_with_a_stale_version_answers_409_with_the_current_case(caseworker, consultant, case,
                                                                          api_client_for):
    first = api_client_for(consultant).patch(case_url(case), {"version": 1, "summary": "Carla's note."},
                                             content_type=JSON)
    assert first.status_code == 200

    response = api_client_for(caseworker).patch(case_url(case), {"version": 1, "summary": "Alice's note."},
                                                content_type=JSON)

    assert response.status_code == 409
    body = response.json()
    assert body["errors"] == {"version": ["This is no longer the current version."]}
    assert body["message"].startswith("Someone else saved this since you opened it.")
    assert body["current"]["version"] == 2
    assert body["current"]["summary"] == "Carla's note."
    assert body["current"]["id"] == case.pk
    case.refresh_from_db()
    assert (case.summary, case.version) == ("Carla's note.", 2)


def test_a_patch_that_changes_nothing_keeps_the_version(caseworker, case, api_client_for):
    response = api_client_for(caseworker).patch(case_url(case), {"version": 1, "reference": "JA-2026-0001"},
                                                content_type=JSON)

    assert response.status_code == 200
    assert response.json()["version"] == 1
    case.refresh_from_db()
    assert case.version == 1


@pytest.mark.parametrize("field", [
    "reference", "family_name", "language", "opened_on", "summary", "legal_basis_note",
])
def test_null_is_refused_for_a_field_that_always_has_a_value(caseworker, case, api_client_for, field):
    client = api_client_for(caseworker)

    response = client.patch(case_url(case), {"version": 1, field: None}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {field: ["This field cannot be empty."]}
    case.refresh_from_db()
    assert case.version == 1


def test_null_clears_the_legal_basis(caseworker, case, organisation, api_client_for):
    Case.objects.filter(pk=case.pk).update(legal_basis=LegalBasisFactory(organisation=organisation))

    response = api_client_for(caseworker).patch(case_url(case), {"version": 1, "legal_basis_id": None},
                                                content_type=JSON)

    assert response.status_code == 200
    assert response.json()["legal_basis"] is None
    case.refresh_from_db()
    assert case.legal_basis is None


def test_only_the_team_lead_may_move_a_case_to_another_team(caseworker, team_lead, case, organisation,
                                                             api_client_for):
    other_team = TeamFactory(organisation=organisation)

    refused = api_client_for(caseworker).patch(case_url(case), {"version": 1, "team_id": other_team.pk},
                                               content_type=JSON)
    assert refused.status_code == 403
    assert refused.json() == {"message": "You may not do this.", "errors": {}}
    case.refresh_from_db()
    assert case.team_id != other_team.pk

    moved = api_client_for(team_lead).patch(case_url(case), {"version": 1, "team_id": other_team.pk},
                                            content_type=JSON)
    assert moved.status_code == 200
    assert moved.json()["team"] == {"id": other_team.pk, "name": other_team.name}
    case.refresh_from_db()
    assert case.team_id == other_team.pk


def test_a_caseworker_may_send_the_unchanged_team(caseworker, case, api_client_for):
    payload = {"version": 1, "team_id": case.team_id, "summary": "Still ASD Nord."}

    response = api_client_for(caseworker).patch(case_url(case), payload, content_type=JSON)

    assert response.status_code == 200
    assert response.json()["team"]["id"] == case.team_id


def test_a_reference_of_another_case_of_the_organisation_is_refused(caseworker, case, organisation,
                                                                   api_client_for):
    CaseFactory(organisation=organisation, reference="JA-2026-0002")

    response = api_client_for(caseworker).patch(case_url(case), {"version": 1, "reference": "JA-2026-0002"},
                                                content_type=JSON)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["reference"]
    case.refresh_from_db()
    assert case.reference == "JA-2026-0001"


def test_a_closed_case_cannot_be_changed(caseworker, case, api_client_for):
    Case.objects.filter(pk=case.pk).update(status=CaseStatus.CLOSED, outcome="stayed_home",
                                           closed_on=timezone.localdate())

    response = api_client_for(caseworker).patch(case_url(case), {"version": 1, "summary": "Late note."},
                                                content_type=JSON)

    assert response.status_code == 403
    assert response.json()["message"] == "This case is closed. Reopen it to change it."
    case.refresh_from_db()
    assert case.summary == ""


def test_the_workers_stay_on_the_case_after_a_change(caseworker, case, api_client_for):
    client = api_client_for(caseworker)

    response = client.patch(case_url(case), {"version": 1, "summary": "x"}, content_type=JSON)

    assert [w["username"] for w in response.json()["workers"]] == ["alice", "carla"]
    assert case.assignments.filter(role=CaseAssignment.Role.CONSULTANT).count() == 1


def test_a_date_no_case_can_mean_is_refused_on_its_field(caseworker, api_client_for):
    response = api_client_for(caseworker).post(
        URL, {"reference": "X-5", "family_name": "Weber", "opened_on": "0001-01-01"}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"opened_on": ["Enter a date between 1900 and 2199."]}
