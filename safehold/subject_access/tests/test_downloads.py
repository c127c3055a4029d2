"""The export downloaded from the person's page and through the API: who may, what the audit trail keeps, and a
number of queries that does not grow with what the person has on the case."""

from __future__ import annotations

import json

import pytest

from safehold.audit.models import AuditEvent
from safehold.subject_access.tests.world import fill
from safehold.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

WEB = "/cases/{case}/people/{person}/subject-access/{fmt}/"
API = "/api/v1/cases/{case}/people/{person}/subject-access"

# The page's and the API's ceiling, with every tool's records on the case (a fixed number per tool).
QUERIES = 60


@pytest.fixture
def filled(case, caseworker, child, parent):
    fill(case, caseworker, child, parent)
    return case


def _web(case, person, fmt):
    return WEB.format(case=case.pk, person=person.pk, fmt=fmt)


def _api(case, person, pdf=False):
    return API.format(case=case.pk, person=person.pk) + ("/pdf" if pdf else "")


def test_the_person_page_offers_both_downloads(case, parent, client_for, caseworker):
    page = client_for(caseworker).get(f"/cases/{case.pk}/people/{parent.pk}/").content.decode()
    assert _web(case, parent, "pdf") in page and _web(case, parent, "json") in page


def test_the_json_download_is_the_persons_export(filled, parent, client_for, caseworker):
    response = client_for(caseworker).get(_web(filled, parent, "json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Camilla" not in response["Content-Disposition"] and "Sørensen" not in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    data = json.loads(response.content)
    assert data["person"]["id"] == parent.pk and data["audience"] == "parents"
    assert "HOUSE-ITEM-PARENTS-0" in response.content.decode()
    assert "HOUSE-ITEM-WORKER-0" not in response.content.decode()


def test_the_pdf_download_is_a_pdf(filled, child, client_for, caseworker):
    response = client_for(caseworker).get(_web(filled, child, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_each_download_is_an_audited_export_naming_the_person_and_nothing_of_its_content(
        filled, parent, client_for, caseworker, fmt):
    client_for(caseworker).get(_web(filled, parent, fmt))
    event = AuditEvent.objects.filter(action="export", actor=caseworker).latest("pk")
    assert (event.case_id, event.object_type, event.object_id) == (filled.pk, f"subject_access.{fmt}",
                                                                   str(parent.pk))
    assert "Camilla" not in json.dumps(event.detail) and not event.changed_fields


@pytest.mark.parametrize("pdf", [False, True])
def test_each_api_call_is_an_audited_export_naming_the_person(filled, parent, caseworker, api_client_for, pdf):
    response = api_client_for(caseworker).get(_api(filled, parent, pdf))
    assert response.status_code == 200
    event = AuditEvent.objects.filter(action="export", actor=caseworker).latest("pk")
    assert (event.object_type, event.object_id) == (f"subject_access.{'pdf' if pdf else 'json'}", str(parent.pk))


def test_the_api_answers_the_same_export_as_the_page(filled, child, caseworker, api_client_for, client_for):
    by_api = api_client_for(caseworker).get(_api(filled, child)).json()
    by_page = json.loads(client_for(caseworker).get(_web(filled, child, "json")).content)
    by_api.pop("made_at"), by_page.pop("made_at")
    assert by_api == by_page


def test_the_api_pdf_is_a_pdf(filled, parent, caseworker, api_client_for):
    response = api_client_for(caseworker).get(_api(filled, parent, pdf=True))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_the_team_lead_and_the_consultant_may_export_but_not_the_auditor(case, parent, client_for, team_lead,
                                                                         consultant, auditor, fmt):
    assert client_for(team_lead).get(_web(case, parent, fmt)).status_code == 200
    assert client_for(consultant).get(_web(case, parent, fmt)).status_code == 200
    assert client_for(auditor).get(_web(case, parent, fmt)).status_code == 403


def test_a_closed_case_can_still_be_exported(closed_case, parent, client_for, caseworker):
    # The right of access outlives the work on the case.
    assert client_for(caseworker).get(_web(closed_case, parent, "json")).status_code == 200


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_another_organisation_a_colleague_not_on_the_case_and_the_admin_get_404(case, parent, client_for, stranger,
                                                                              colleague, org_admin, fmt):
    for user in (stranger, colleague, org_admin):
        response = client_for(user).get(_web(case, parent, fmt))
        assert response.status_code == 404
        assert b"Camilla" not in response.content
    assert not AuditEvent.objects.filter(action="export").exists()


def test_a_person_of_another_case_is_404_even_on_a_case_the_user_may_open(case, organisation, team, caseworker,
                                                                         client_for, api_client_for):
    from safehold.testing.factories import AssignmentFactory

    other = CaseFactory(organisation=organisation, team=team)
    AssignmentFactory(case=other, user=caseworker)
    elsewhere = PersonFactory(case=other, first_name="Oskar")
    assert client_for(caseworker).get(_web(case, elsewhere, "json")).status_code == 404
    assert api_client_for(caseworker).get(_api(case, elsewhere)).status_code == 404


def test_the_api_answers_another_organisations_case_404(case, parent, stranger, api_client_for):
    assert api_client_for(stranger).get(_api(case, parent)).status_code == 404
    assert api_client_for(stranger).get(_api(case, parent, pdf=True)).status_code == 404


def test_the_export_needs_a_login(case, parent, client):
    assert client.get(_web(case, parent, "json")).status_code == 302
    assert client.get(_api(case, parent)).status_code == 401


@pytest.mark.parametrize("who", ["child", "parent"])
def test_the_number_of_queries_does_not_grow_with_the_persons_data(filled, caseworker, child, parent, client_for,
                                                                   api_client_for, django_assert_max_num_queries,
                                                                   who):
    person = child if who == "child" else parent
    client, api = client_for(caseworker), api_client_for(caseworker)
    with django_assert_max_num_queries(QUERIES) as once:
        assert client.get(_web(filled, person, "json")).status_code == 200
    fill(filled, caseworker, child, parent, n=1)  # a second map, conversation, house, meeting, screening…
    with django_assert_max_num_queries(QUERIES) as twice:
        response = client.get(_web(filled, person, "json"))
    assert ("MAP-CHILD-SAID-1" if who == "child" else "MAP-NAMES-PARENT-1") in response.content.decode()
    assert len(twice) == len(once)
    with django_assert_max_num_queries(QUERIES):
        assert api.get(_api(filled, person)).status_code == 200
