"""Deleting a placement, a contact, an assignment or the recommendation: what goes with it, what only loses a
link (kept, its version moved on, audited), the page that asks first and says so, the POST that deletes, a
deleted record answering 404, a closed case and the wrong people refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation

from safehold.audit.models import AuditEvent
from safehold.cases.access import CaseClosed
from safehold.cases.services import case_transition
from safehold.meetings import services as meetings
from safehold.perspective import services
from safehold.perspective.models import Assignment, Contact, HelpPlan, Placement, Recommendation
from safehold.testing.factories import PersonFactory, voice_key

START = date(2026, 3, 2)


@pytest.fixture
def placement(caseworker, case, child):
    return services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                     starts_on=START, time_frame_months=6)


@pytest.fixture
def contacts(caseworker, case, placement, parent):
    return [services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, day),
                                    status="held", present=[parent.pk]) for day in (9, 16)]


@pytest.fixture
def assignment(caseworker, case, contacts):
    return services.assignment_create(actor=caseworker, case=case, question="Liest die Mutter die Signale?",
                                      status="answered", findings="Ja", contacts=[contacts[0].pk])


@pytest.fixture
def recommendation(caseworker, case, placement, contacts, assignment):
    return services.recommendation_save(actor=caseworker, case=case, placement=placement, expected_version=None,
                                        option="return_home", reasons="Bindung trägt",
                                        assignments=[assignment.pk], contacts=[contacts[1].pk])


@pytest.fixture
def sibling_placement(caseworker, case):
    """A placement of another child of the case whose recommendation links a contact of `placement`."""
    sibling = PersonFactory(case=case, role="child", first_name="Oskar")
    return services.placement_create(actor=caseworker, case=case, child=sibling.pk, setting="kinship",
                                     starts_on=START)


def url(name: str, case, **kwargs) -> str:
    return reverse(f"perspective:{name}", kwargs={"case_id": case.pk, **kwargs})


def deleted(label: str, pk: int) -> bool:
    return AuditEvent.objects.filter(action="delete", object_type=f"perspective.{label}", object_id=str(pk)).exists()


def unlinked(obj, name: str) -> bool:
    return AuditEvent.objects.filter(action="update", object_type=obj._meta.label_lower, object_id=str(obj.pk),
                                     changed_fields=[name]).exists()


# --- the services ------------------------------------------------------------------------------------------

def test_a_placement_goes_with_its_contacts_and_recommendation_each_audited(caseworker, case, placement, contacts,
                                                                           recommendation, assignment):
    gone = [("placement", placement.pk), *(("contact", c.pk) for c in contacts),
            ("recommendation", recommendation.pk)]
    services.placement_delete(actor=caseworker, case=case, placement=placement)
    assert not Placement.objects.exists() and not Contact.objects.exists()
    assert not Recommendation.objects.exists()
    assert all(deleted(label, pk) for label, pk in gone)
    event = AuditEvent.objects.get(action="delete", object_type="perspective.placement")
    assert event.changed_fields == ["contacts", "recommendation"]
    # The assignment linked one of its contacts: kept, without the link, and changed.
    kept = Assignment.objects.get(pk=assignment.pk)
    assert list(kept.contacts.all()) == [] and kept.version == assignment.version + 1
    assert unlinked(assignment, "contacts")


def test_a_recommendation_of_another_placement_loses_only_the_link(caseworker, case, placement, contacts,
                                                                  sibling_placement):
    other = services.recommendation_save(actor=caseworker, case=case, placement=sibling_placement,
                                         expected_version=None, option="kinship", reasons="Oma",
                                         contacts=[contacts[0].pk])
    services.placement_delete(actor=caseworker, case=case, placement=placement)
    other.refresh_from_db()
    assert list(other.contacts.all()) == [] and other.version == 2
    assert unlinked(other, "contacts")


def test_a_hilfeplan_naming_the_placement_is_kept_without_it(client_for, caseworker, case, child, parent,
                                                             placement):
    meeting = meetings.meeting_record(actor=caseworker, case=case, kind="care_plan", held_on=START,
                                      participants=[meetings.ParticipantInput(voice=voice_key(parent))])
    plan = HelpPlan.objects.create(case=case, meeting=meeting, child=child, placement=placement)
    page = client_for(caseworker).get(url("placement_delete", case, placement_id=placement.pk)).content.decode()
    assert "The care plan of the meeting on 02/03/2026" in page
    services.placement_delete(actor=caseworker, case=case, placement=placement)
    kept = HelpPlan.objects.get()
    assert kept.placement is None and kept.version == plan.version + 1
    assert unlinked(plan, "placement")


def test_a_contact_goes_and_the_records_linking_it_are_kept_without_the_link(caseworker, case, contacts,
                                                                            assignment, recommendation):
    ids = [c.pk for c in contacts]
    services.contact_delete(actor=caseworker, case=case, contact=contacts[0])
    services.contact_delete(actor=caseworker, case=case, contact=contacts[1])
    assert not Contact.objects.exists() and deleted("contact", ids[0]) and deleted("contact", ids[1])
    assert Assignment.objects.get().contacts.count() == 0 and unlinked(assignment, "contacts")
    assert Recommendation.objects.get().contacts.count() == 0 and unlinked(recommendation, "contacts")


def test_an_assignment_goes_and_the_recommendation_keeps_the_rest(caseworker, case, assignment, recommendation):
    pk = assignment.pk
    services.assignment_delete(actor=caseworker, case=case, assignment=assignment)
    assert not Assignment.objects.exists() and deleted("assignment", pk)
    kept = Recommendation.objects.get()
    assert kept.assignments.count() == 0 and kept.reasons == "Bindung trägt" and unlinked(kept, "assignments")


def test_the_recommendation_goes_and_can_be_written_again(caseworker, case, placement, recommendation):
    pk = recommendation.pk
    services.recommendation_delete(actor=caseworker, case=case, recommendation=recommendation)
    assert not Recommendation.objects.exists() and deleted("recommendation", pk)
    placement = Placement.objects.get()
    services.recommendation_save(actor=caseworker, case=case, placement=placement, expected_version=None,
                                 option="kinship", reasons="neu")
    assert Recommendation.objects.get().option == "kinship"


def test_a_form_opened_before_a_link_went_is_a_conflict(client_for, caseworker, case, contacts, assignment):
    services.contact_delete(actor=caseworker, case=case, contact=contacts[0])
    response = client_for(caseworker).post(url("assignment_edit", case, clarification_id=assignment.pk), {
        "version": str(assignment.version), "question": "Liest die Mutter die Signale?", "status": "answered",
        "findings": "Ja", "contacts": [contacts[1].pk]})
    assert response.status_code == 409


def test_nothing_is_deleted_on_a_closed_case(caseworker, case, placement, contacts, assignment, recommendation):
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    case.refresh_from_db()
    for call in (lambda: services.placement_delete(actor=caseworker, case=case, placement=placement),
                 lambda: services.contact_delete(actor=caseworker, case=case, contact=contacts[0]),
                 lambda: services.assignment_delete(actor=caseworker, case=case, assignment=assignment),
                 lambda: services.recommendation_delete(actor=caseworker, case=case, recommendation=recommendation)):
        with pytest.raises(CaseClosed):
            call()
    assert Placement.objects.count() == 1 and Contact.objects.count() == 2
    assert Assignment.objects.count() == 1 and Recommendation.objects.count() == 1


def test_an_auditor_deletes_nothing(auditor, case, placement):
    with pytest.raises(PermissionDenied):
        services.placement_delete(actor=auditor, case=case, placement=placement)
    assert Placement.objects.exists()


# --- the pages ---------------------------------------------------------------------------------------------

def test_the_page_asks_first_saying_what_goes_and_what_loses_a_link(client_for, caseworker, case, placement,
                                                                    contacts, recommendation, assignment):
    response = client_for(caseworker).get(url("placement_delete", case, placement_id=placement.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Delete the placement of \u2068Freja Sørensen\u2069?" in html  # the name isolated (FSI … PDI)
    assert "<title>Delete the placement of \u2068Freja Sørensen\u2069? · " in html
    assert "2 contacts" in html and "the recommendation: Return home" in html
    assert "Liest die Mutter die Signale?" in html  # the assignment that only loses its link
    assert Placement.objects.exists()
    assert AuditEvent.objects.filter(action="view", object_type="perspective.placement").exists()


def test_the_post_deletes_and_the_placement_answers_404_afterwards(client_for, caseworker, case, placement, contacts):
    client = client_for(caseworker)
    response = client.post(url("placement_delete", case, placement_id=placement.pk))
    assert response.status_code == 302 and response["Location"] == url("placements", case)
    assert not Placement.objects.exists()
    for name, kwargs in (("placement_detail", {}), ("placement_delete", {}), ("placement_timeline_svg", {}),
                         ("contact_detail", {"contact_visit_id": contacts[0].pk})):
        assert client.get(url(name, case, placement_id=placement.pk, **kwargs)).status_code == 404


def test_a_contact_is_deleted_from_its_page(client_for, caseworker, case, placement, contacts, recommendation):
    client = client_for(caseworker)
    delete_url = url("contact_delete", case, placement_id=placement.pk, contact_visit_id=contacts[1].pk)
    page = client.get(delete_url).content.decode()
    assert "The recommendation for <bdi>Freja Sørensen</bdi>: Return home" in page
    response = client.post(delete_url)
    assert response.status_code == 302
    assert response["Location"] == url("placement_detail", case, placement_id=placement.pk)
    assert list(Contact.objects.all()) == [contacts[0]]
    assert client.get(delete_url).status_code == 404


def test_an_assignment_is_deleted_from_its_page(client_for, caseworker, case, assignment, recommendation):
    client = client_for(caseworker)
    delete_url = url("assignment_delete", case, clarification_id=assignment.pk)
    assert "The recommendation for <bdi>Freja Sørensen</bdi>" in client.get(delete_url).content.decode()
    assert client.post(delete_url)["Location"] == url("assignments", case)
    assert not Assignment.objects.exists()
    assert client.get(url("assignment_detail", case, clarification_id=assignment.pk)).status_code == 404


def test_the_recommendation_is_deleted_from_its_page_and_then_there_is_none(client_for, caseworker, case, placement,
                                                                          recommendation):
    client = client_for(caseworker)
    delete_url = url("recommendation_delete", case, placement_id=placement.pk)
    assert "Delete the recommendation (Return home)?" in client.get(delete_url).content.decode()
    assert client.post(delete_url).status_code == 302
    assert not Recommendation.objects.exists()
    assert client.get(delete_url).status_code == 404
    page = client.get(url("recommendation", case, placement_id=placement.pk)).content.decode()
    assert "No recommendation yet." in page


def test_the_detail_page_offers_deleting_only_while_the_case_can_change(client_for, caseworker, team_lead, case,
                                                                       placement):
    delete_url = url("placement_delete", case, placement_id=placement.pk)
    assert delete_url in client_for(caseworker).get(url("placement_detail", case, placement_id=placement.pk)
                                                    ).content.decode()
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    page = client_for(team_lead).get(url("placement_detail", case, placement_id=placement.pk)).content.decode()
    assert delete_url not in page


def test_deleting_needs_a_login_the_case_and_the_role(client, client_for, colleague, stranger, auditor, case,
                                                      placement):
    delete_url = url("placement_delete", case, placement_id=placement.pk)
    assert client.post(delete_url)["Location"].startswith("/accounts/login/")
    assert client_for(colleague).post(delete_url).status_code == 404
    assert client_for(stranger).post(delete_url).status_code == 404
    assert client_for(auditor).post(delete_url).status_code == 403
    assert Placement.objects.exists()


def test_a_closed_case_refuses_the_post_saying_why(client_for, caseworker, case, placement):
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    response = client_for(caseworker).post(url("placement_delete", case, placement_id=placement.pk))
    assert response.status_code == 403
    assert "This case is closed." in response.content.decode()
    assert Placement.objects.exists()


@pytest.mark.parametrize(("language", "words"), [
    ("de", ["Unterbringung von \u2068Freja Sørensen\u2069 löschen?", "2 Umgangskontakte", "Rückkehr in die Familie"]),
    ("da", ["Slet anbringelsen af \u2068Freja Sørensen\u2069?", "2 samvær", "Hjemgivelse"]),
])
def test_the_question_speaks_the_users_language(client_for, caseworker, case, placement, contacts, recommendation,
                                                language, words):
    caseworker.language = language
    caseworker.save(update_fields=["language"])
    with translation.override("en"):  # the request activates the user's language: not for the tests after it
        html = client_for(caseworker).get(url("placement_delete", case, placement_id=placement.pk)).content.decode()
    for word in words:
        assert word in html
