from datetime import timedelta

import pytest

from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, CaseStatus, Person
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

CASE_FORM = {"reference": "JA-2026-0099", "family_name": "Hoffmann", "language": "de", "opened_on": "2026-11-01",
             "summary": "Meldung der Schule", "legal_basis_note": ""}


def test_a_caseworker_opens_a_case_from_the_form(caseworker, team, client_for):
    response = client_for(caseworker).post("/cases/new/", {**CASE_FORM, "team": team.pk})
    case = Case.objects.get(reference="JA-2026-0099")
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.assignments.get().user == caseworker


def test_a_missing_family_name_is_shown_next_to_the_field_and_nothing_is_saved(caseworker, client_for):
    response = client_for(caseworker).post("/cases/new/", {**CASE_FORM, "family_name": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_family_name_error"' in page
    assert 'aria-invalid="true"' in page
    assert 'value="Meldung der Schule"' in page or "Meldung der Schule" in page  # what was typed stays
    assert not Case.objects.exists()


def test_a_duplicate_reference_is_explained_on_the_reference_field(caseworker, case, client_for):
    response = client_for(caseworker).post("/cases/new/", {**CASE_FORM, "reference": case.reference,
                                                           "team": case.team_id})
    assert "reference" in response.context["form"].errors


def test_org_admins_and_auditors_cannot_open_cases(org_admin, auditor, client_for):
    for user in (org_admin, auditor):
        assert client_for(user).get("/cases/new/").status_code == 403
        assert client_for(user).get("/cases/").status_code == 403


def test_the_second_of_two_concurrent_edits_is_refused_with_both_versions(caseworker, consultant, case,
                                                                           client_for):
    form = {**CASE_FORM, "reference": case.reference, "version": case.version}
    client_for(caseworker).post(f"/cases/{case.pk}/edit/", {**form, "family_name": "Version Alice"})
    response = client_for(consultant).post(f"/cases/{case.pk}/edit/", {**form, "family_name": "Version Carla"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Version Alice" in page and "Version Carla" in page  # theirs shown, ours kept in the form
    case.refresh_from_db()
    assert case.family_name == "Version Alice"
    # Saving again after seeing the conflict applies to the current version.
    assert response.context["form"]["version"].value() == str(case.version)


def test_the_status_changes_in_place_with_htmx(caseworker, case, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/",
                                           {"status": "assessment", "outcome": "", "note": "", "version": 1},
                                           HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"] == f"/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSMENT


def test_closing_without_outcome_returns_the_form_with_the_error_for_htmx(caseworker, case, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/",
                                           {"status": "closed", "outcome": "", "note": "", "version": 1},
                                           HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    page = response.content.decode()
    assert "<html" not in page  # the partial, swapped into the page
    assert 'id="id_outcome_error"' in page
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRAL


def test_the_error_is_translated(caseworker, case, client_for):
    caseworker.language = "de"
    caseworker.save()
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/",
                                           {"status": "closed", "outcome": "", "note": "", "version": 1})
    assert "Choose the outcome before closing the case." not in response.content.decode()
    assert response.context["transition_form"].errors["outcome"]


def test_a_closed_case_offers_reopening(caseworker, case, client_for):
    client = client_for(caseworker)
    client.post(f"/cases/{case.pk}/status/", {"status": "closed", "outcome": "placed", "note": "", "version": 1})
    assert client.get(f"/cases/{case.pk}/status/")["Location"] == f"/cases/{case.pk}/reopen/"
    response = client.post(f"/cases/{case.pk}/reopen/", {"status": "assessment", "reason": ""})
    assert "reason" in response.context["form"].errors
    client.post(f"/cases/{case.pk}/reopen/", {"status": "assessment", "reason": "Neue Meldung der Kita"})
    case.refresh_from_db()
    assert case.status == "assessment"




def test_a_person_is_edited_with_conflict_protection(caseworker, consultant, case, child, client_for):
    data = {"role": "child", "first_name": "Freja", "last_name": "Sørensen", "version": 1}
    assert client_for(caseworker).post(f"/cases/{case.pk}/people/{child.pk}/edit/",
                                       {**data, "notes": "Alice"}).status_code == 302
    response = client_for(consultant).post(f"/cases/{case.pk}/people/{child.pk}/edit/", {**data, "notes": "Carla"})
    assert response.status_code == 409
    child.refresh_from_db()
    assert child.notes == "Alice"


def test_removing_a_person_asks_first(caseworker, case, child, client_for):
    client = client_for(caseworker)
    assert "Freja" in client.get(f"/cases/{case.pk}/people/{child.pk}/delete/").content.decode()
    assert Person.objects.filter(pk=child.pk).exists()
    client.post(f"/cases/{case.pk}/people/{child.pk}/delete/")
    assert not Person.objects.filter(pk=child.pk).exists()


def test_search_ignores_accents_and_finds_people_by_name(caseworker, organisation, team, case, client_for):
    other = CaseFactory(organisation=organisation, team=team, family_name="Becker")
    AssignmentFactory(case=other, user=caseworker)
    PersonFactory(case=other, first_name="Jürgen", last_name="Groß")
    client = client_for(caseworker)

    def found(query):
        return [c.reference for c in client.get("/cases/", {"q": query}).context["page"].object_list]

    assert found("Sorensen") == [case.reference]
    assert found("sØrEnSeN") == [case.reference]
    assert found("jurgen gross") == [other.reference]
    assert found(case.reference.lower()) == [case.reference]
    assert found("Nobody") == []


def test_filters_by_status_worker_and_team(caseworker, colleague, organisation, team, case, client_for):
    from safehold.testing.factories import TeamFactory

    second_team = TeamFactory(organisation=organisation)
    other = CaseFactory(organisation=organisation, team=second_team, status="monitoring")
    AssignmentFactory(case=other, user=caseworker)
    AssignmentFactory(case=other, user=colleague)
    client = client_for(caseworker)

    def found(**params):
        return {c.pk for c in client.get("/cases/", params).context["page"].object_list}

    assert found() == {case.pk, other.pk}
    assert found(status="monitoring") == {other.pk}
    assert found(worker=colleague.pk) == {other.pk}
    assert found(team=team.pk) == {case.pk}


def test_the_worker_filter_names_each_worker_as_everywhere_else(caseworker, organisation, team, client_for):
    from django.utils.html import escape

    from safehold.accounts.models import Role
    from safehold.testing.factories import UserFactory

    nameless = UserFactory(username="worker-7", first_name="", last_name="", organisation=organisation,
                           roles=[(Role.CASEWORKER, team)])
    page = client_for(caseworker).get("/cases/").content.decode()
    assert f'<option value="{caseworker.pk}">{escape(str(caseworker))}</option>' in page
    assert str(caseworker) == f"{caseworker.first_name} {caseworker.last_name}"
    assert f'<option value="{nameless.pk}">worker-7</option>' in page


def test_the_list_is_paginated(caseworker, organisation, team, client_for, settings):
    settings.SAFEHOLD_CASES_PER_PAGE = 5
    for _ in range(12):
        AssignmentFactory(case=CaseFactory(organisation=organisation, team=team), user=caseworker)
    client = client_for(caseworker)
    page = client.get("/cases/", {"page": 3}).context["page"]
    assert (page.number, page.paginator.num_pages, len(page.object_list)) == (3, 3, 2)


@pytest.mark.parametrize("user", ["caseworker", "team_lead"])
def test_a_search_is_paged_newest_first_and_counts_only_what_it_found(user, caseworker, organisation, team,
                                                                      client_for, settings, request):
    settings.SAFEHOLD_CASES_PER_PAGE = 5
    found = []
    for index in range(12):
        holm = CaseFactory(organisation=organisation, team=team, family_name="Holm")
        Case.objects.filter(pk=holm.pk).update(updated_at=holm.updated_at.replace(year=2020) + timedelta(days=index))
        AssignmentFactory(case=holm, user=caseworker)
        found.append(holm.pk)
    for _ in range(4):
        AssignmentFactory(case=CaseFactory(organisation=organisation, team=team, family_name="Berg"), user=caseworker)
    client = client_for(request.getfixturevalue(user))
    pages = [client.get("/cases/", {"q": "holm", "page": n}).context["page"] for n in (1, 2, 3)]
    assert [p.paginator.count for p in pages] == [12, 12, 12]
    assert [c.pk for p in pages for c in p.object_list] == found[::-1]  # newest first, each once
    assert all(c.family_name == "Holm" and hasattr(c, "children") for p in pages for c in p.object_list)


def test_the_list_answers_htmx_with_the_table_only(caseworker, case, client_for):
    response = client_for(caseworker).get("/cases/", {"q": "sor"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page and case.reference in page


def test_a_colleague_does_not_see_the_case_in_lists(colleague, case, client_for):
    page = client_for(colleague).get("/cases/").content.decode()
    assert case.reference not in page


def test_the_team_lead_sees_the_team_s_cases_on_the_start_page(team_lead, case, client_for):
    page = client_for(team_lead).get("/").content.decode()
    assert case.reference in page


def test_the_case_list_read_is_audited(caseworker, case, client_for):
    client_for(caseworker).get("/cases/")
    assert AuditEvent.objects.filter(actor=caseworker, action="view", object_type="cases.case_list").exists()


def test_an_edit_without_the_version_it_started_from_is_refused(caseworker, case, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/edit/", {**CASE_FORM, "reference": case.reference})
    assert response.status_code == 400
    assert "version" in response.context["form"].errors
    case.refresh_from_db()
    assert case.family_name != CASE_FORM["family_name"]


def test_the_conflict_page_shows_the_saved_case_in_its_heading(caseworker, consultant, case, client_for):
    form = {**CASE_FORM, "reference": case.reference, "version": case.version}
    client_for(caseworker).post(f"/cases/{case.pk}/edit/", {**form, "family_name": "Saved Name"})
    response = client_for(consultant).post(f"/cases/{case.pk}/edit/", {**form, "family_name": "Typed Name"})
    assert response.context["case"].family_name == "Saved Name"


def test_a_provision_taken_out_of_use_stays_on_the_case_when_it_is_edited(caseworker, case, org_admin,
                                                                          client_for):
    from safehold.testing.factories import LegalBasisFactory

    basis = LegalBasisFactory(organisation=case.organisation, is_active=False)
    case.legal_basis = basis
    case.save()
    client = client_for(caseworker)
    page = client.get(f"/cases/{case.pk}/edit/")
    assert page.context["form"].initial["legal_basis"] == basis.pk
    response = client.post(f"/cases/{case.pk}/edit/", {
        **CASE_FORM, "reference": case.reference, "legal_basis": basis.pk, "summary": "only this changed",
        "version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.legal_basis == basis and case.summary == "only this changed"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("opened_on", "0001-01-01", "Enter a date between 1900 and 2199."),
    ("summary", "x" * 20001, "20000"),
])
def test_a_date_no_case_can_mean_or_an_endless_text_is_refused_next_to_its_field(caseworker, client_for, field,
                                                                                 value, message):
    response = client_for(caseworker).post("/cases/new/", {**CASE_FORM, field: value})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Case.objects.exists()
