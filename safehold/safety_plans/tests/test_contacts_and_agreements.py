"""Contacts in the plan and what professionals agreed to do: added to a draft, changed and removed there,
each with an audit record, refused rather than cut short when too long, and frozen once approved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS
from safehold.safety_plans.models import PlanStatus
from safehold.testing.factories import CaseFactory, PersonFactory


@pytest.fixture
def plan(case, caseworker):
    return services.plan_create(actor=caseworker, case=case)


def test_a_contact_of_the_case_takes_name_and_phone_from_the_person(plan, case, caseworker):
    grandma = PersonFactory(case=case, role="network", first_name="Birte", phone="0171 555 1234")
    contact = services.contact_add(actor=caseworker, case=case, plan=plan, person=grandma.pk, role="Oma")
    assert (contact.person, contact.name, contact.phone, contact.role) == (grandma, grandma.full_name,
                                                                           "0171 555 1234", "Oma")
    assert AuditEvent.objects.filter(object_id=str(plan.pk), changed_fields=["contacts"]).exists()


def test_a_contact_outside_the_case_is_written_down_by_name(plan, case, caseworker):
    services.contact_add(actor=caseworker, case=case, plan=plan, name="Notdienst", phone="110")
    services.contact_add(actor=caseworker, case=case, plan=plan, name=" Nachbarin\x00 ", role=None)
    assert [(c.name, c.phone, c.position) for c in plan.contacts.all()] == [("Notdienst", "110", 1),
                                                                            ("Nachbarin", "", 2)]


@pytest.mark.parametrize(("data", "field"), [
    ({"name": ""}, "name"),
    ({"name": "x" * 202}, "name"),
    ({"phone": "0" * 41}, "phone"),
    ({"role": "r" * 201}, "role"),
])
def test_a_bad_contact_is_refused_on_its_field(plan, case, caseworker, data, field):
    with pytest.raises(ValidationError) as caught:
        services.contact_add(actor=caseworker, case=case, plan=plan, **{"name": "Oma", **data})
    assert list(caught.value.message_dict) == [field]
    assert plan.contacts.count() == 0


def test_a_contact_cannot_be_a_person_of_another_case(plan, case, caseworker, organisation):
    neighbour = PersonFactory(case=CaseFactory(organisation=organisation))
    with pytest.raises(ValidationError) as caught:
        services.contact_add(actor=caseworker, case=case, plan=plan, person=neighbour.pk)
    assert "person" in caught.value.message_dict


def test_an_agreement_with_a_professional_is_added_with_an_audit_record(plan, case, caseworker):
    row = services.agreement_add(actor=caseworker, case=case, plan=plan, agency=" Schule ",
                                 agreement="Ruft das Jugendamt an, wenn Freja fehlt")
    assert (row.agency, row.position) == ("Schule", 1)
    assert AuditEvent.objects.filter(object_id=str(plan.pk), changed_fields=["agreements"]).exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"agency": ""}, "agency"),
    ({"agency": "a" * 201}, "agency"),
    ({"agreement": " "}, "agreement"),
    ({"agreement": "a" * 2001}, "agreement"),
])
def test_a_bad_agreement_is_refused_on_its_field(plan, case, caseworker, data, field):
    with pytest.raises(ValidationError) as caught:
        services.agreement_add(actor=caseworker, case=case, plan=plan,
                               **{"agency": "Kita", "agreement": "Ruft an", **data})
    assert list(caught.value.message_dict) == [field]
    assert plan.agreements.count() == 0


# --- editing and removing ----------------------------------------------------------------------------------

@pytest.fixture
def grandma(case):
    return PersonFactory(case=case, role="network", first_name="Birte", phone="0171 555 1234")


@pytest.fixture
def contact(plan, case, caseworker):
    return services.contact_add(actor=caseworker, case=case, plan=plan, name="Notdienst", role="Nachts",
                                phone="110")


@pytest.fixture
def agreement(plan, case, caseworker):
    return services.agreement_add(actor=caseworker, case=case, plan=plan, agency="Schule",
                                  agreement="Ruft an, wenn Freja fehlt")


def approve(plan, case, caseworker, team_lead, child):
    """A plan the team lead approved: frozen."""
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Oma bleibt im Haus",
                         responsible=child.pk, periods=list(CELLS))
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.APPROVED)
    plan.refresh_from_db()


def url(name, case, plan, **kwargs):
    return reverse(f"safety_plans:{name}", kwargs={"case_id": case.pk, "plan_id": plan.pk, **kwargs})


def test_a_contact_is_changed_with_an_audit_record_of_what_changed(contact, case, caseworker):
    changed = services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1,
                                      phone=" 112 ", role="Nachts")
    contact.refresh_from_db()
    assert (changed, contact.phone, contact.version) == (["phone"], "112", 2)
    assert AuditEvent.objects.filter(action="update", object_type="safety_plans.contact",
                                     object_id=str(contact.pk), changed_fields=["phone"]).exists()


def test_choosing_a_person_for_a_contact_fills_in_what_was_left_empty(contact, case, caseworker, grandma):
    services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1,
                            person=grandma.pk, name="", phone="")
    contact.refresh_from_db()
    assert (contact.person, contact.name, contact.phone) == (grandma, grandma.full_name, "0171 555 1234")


@pytest.mark.parametrize(("data", "field"), [
    ({"name": ""}, "name"),
    ({"phone": "0" * 41}, "phone"),
    ({"role": "r" * 201}, "role"),
])
def test_a_bad_change_to_a_contact_is_refused_on_its_field(contact, case, caseworker, data, field):
    with pytest.raises(ValidationError) as caught:
        services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1, **data)
    assert list(caught.value.message_dict) == [field]
    contact.refresh_from_db()
    assert (contact.name, contact.role, contact.phone, contact.version) == ("Notdienst", "Nachts", "110", 1)


def test_a_contact_cannot_become_a_person_of_another_case(contact, case, caseworker, organisation):
    neighbour = PersonFactory(case=CaseFactory(organisation=organisation))
    with pytest.raises(ValidationError) as caught:
        services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1,
                                person=neighbour.pk)
    assert "person" in caught.value.message_dict


def test_a_change_from_a_stale_copy_of_a_contact_is_a_conflict(contact, case, caseworker):
    services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1, phone="112")
    with pytest.raises(ConflictError) as caught:
        services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1, phone="113")
    assert caught.value.current.phone == "112"


def test_an_agreement_is_changed_with_an_audit_record_of_what_changed(agreement, case, caseworker):
    changed = services.agreement_update(actor=caseworker, case=case, professional_agreement=agreement,
                                        expected_version=1, agency=" Kita ")
    agreement.refresh_from_db()
    assert (changed, agreement.agency, agreement.version) == (["agency"], "Kita", 2)
    assert AuditEvent.objects.filter(action="update", object_type="safety_plans.professionalagreement",
                                     object_id=str(agreement.pk), changed_fields=["agency"]).exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"agency": ""}, "agency"),
    ({"agency": "a" * 201}, "agency"),
    ({"agreement": " "}, "agreement"),
    ({"agreement": "a" * 2001}, "agreement"),
])
def test_a_bad_change_to_an_agreement_is_refused_on_its_field(agreement, case, caseworker, data, field):
    with pytest.raises(ValidationError) as caught:
        services.agreement_update(actor=caseworker, case=case, professional_agreement=agreement,
                                  expected_version=1, **data)
    assert list(caught.value.message_dict) == [field]
    agreement.refresh_from_db()
    assert (agreement.agency, agreement.agreement) == ("Schule", "Ruft an, wenn Freja fehlt")


def test_removing_a_contact_and_an_agreement_is_audited(contact, agreement, plan, case, caseworker):
    contact_pk, agreement_pk = contact.pk, agreement.pk
    services.contact_delete(actor=caseworker, case=case, contact=contact)
    services.agreement_delete(actor=caseworker, case=case, professional_agreement=agreement)
    assert (plan.contacts.count(), plan.agreements.count()) == (0, 0)
    assert AuditEvent.objects.filter(action="delete", object_type="safety_plans.contact",
                                     object_id=str(contact_pk)).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="safety_plans.professionalagreement",
                                     object_id=str(agreement_pk)).exists()


def test_an_approved_plan_keeps_its_contacts_and_agreements(contact, agreement, plan, case, caseworker,
                                                            team_lead, child):
    approve(plan, case, caseworker, team_lead, child)
    refusals = [
        lambda: services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1,
                                        phone="112"),
        lambda: services.contact_delete(actor=caseworker, case=case, contact=contact),
        lambda: services.agreement_update(actor=caseworker, case=case, professional_agreement=agreement,
                                          expected_version=1, agency="Kita"),
        lambda: services.agreement_delete(actor=caseworker, case=case, professional_agreement=agreement),
    ]
    for refused in refusals:
        with pytest.raises(ValidationError, match="An approved version cannot be changed"):
            refused()
    assert list(plan.contacts.values_list("phone", flat=True)) == ["110"]
    assert list(plan.agreements.values_list("agency", flat=True)) == ["Schule"]


def test_an_auditor_cannot_change_contacts(contact, case, auditor):
    with pytest.raises(PermissionDenied):
        services.contact_delete(actor=auditor, case=case, contact=contact)


# --- the pages ---------------------------------------------------------------------------------------------

def test_the_plan_page_offers_to_edit_and_remove_each_contact_and_agreement_of_a_draft(
        contact, agreement, plan, case, caseworker, client_for):
    page = client_for(caseworker).get(url("plan_detail", case, plan)).content.decode()
    assert url("contact_edit", case, plan, contact_id=contact.pk) in page
    assert url("contact_delete", case, plan, contact_id=contact.pk) in page
    assert url("agreement_edit", case, plan, agreement_id=agreement.pk) in page
    assert url("agreement_delete", case, plan, agreement_id=agreement.pk) in page
    # The buttons name their item for screen readers.
    assert 'Remove<span class="sh-visually-hidden">: Notdienst</span>' in page
    assert 'Remove<span class="sh-visually-hidden">: Schule</span>' in page


def test_the_plan_page_offers_no_changes_once_approved(contact, agreement, plan, case, caseworker,
                                                        team_lead, child, client_for):
    approve(plan, case, caseworker, team_lead, child)
    page = client_for(caseworker).get(url("plan_detail", case, plan)).content.decode()
    assert url("contact_edit", case, plan, contact_id=contact.pk) not in page
    assert url("agreement_delete", case, plan, agreement_id=agreement.pk) not in page


def test_editing_a_contact_saves_and_goes_back_to_the_contacts(contact, plan, case, caseworker, client_for):
    client = client_for(caseworker)
    edit = url("contact_edit", case, plan, contact_id=contact.pk)
    form = client.get(edit)
    assert form.status_code == 200 and 'value="Notdienst"' in form.content.decode()
    response = client.post(edit, {"name": "Notdienst", "role": "Nachts", "phone": "112", "version": "1"})
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", case, plan) + "#contacts"
    contact.refresh_from_db()
    assert contact.phone == "112"
    assert AuditEvent.objects.filter(actor=caseworker, action="update", object_id=str(contact.pk),
                                     changed_fields=["phone"]).exists()


def test_a_contact_without_a_name_is_shown_again_with_the_message_at_the_name(contact, plan, case, caseworker,
                                                                               client_for):
    response = client_for(caseworker).post(url("contact_edit", case, plan, contact_id=contact.pk),
                                           {"name": "", "phone": "112", "version": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_name_error"' in page and "Enter the name." in page
    assert 'value="112"' in page  # what was typed is kept in the form
    contact.refresh_from_db()
    assert (contact.name, contact.phone) == ("Notdienst", "110")


def test_editing_an_agreement_saves_and_goes_back_to_the_agreements(agreement, plan, case, consultant,
                                                                     client_for):
    response = client_for(consultant).post(url("agreement_edit", case, plan, agreement_id=agreement.pk),
                                           {"agency": "Kita", "agreement": "Ruft an", "version": "1"})
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", case, plan) + "#agreements"
    agreement.refresh_from_db()
    assert (agreement.agency, agreement.agreement) == ("Kita", "Ruft an")


def test_an_agreement_without_text_is_shown_again_with_the_message_at_the_field(agreement, plan, case,
                                                                                 caseworker, client_for):
    response = client_for(caseworker).post(url("agreement_edit", case, plan, agreement_id=agreement.pk),
                                           {"agency": "Kita", "agreement": "", "version": "1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_agreement_error"' in page and "Write down what they agreed to do." in page
    agreement.refresh_from_db()
    assert agreement.agency == "Schule"


def test_saving_over_someone_elses_change_shows_both_and_keeps_theirs(contact, plan, case, caseworker,
                                                                       consultant, client_for):
    services.contact_update(actor=consultant, case=case, contact=contact, expected_version=1, phone="112")
    response = client_for(caseworker).post(url("contact_edit", case, plan, contact_id=contact.pk),
                                           {"name": "Notdienst", "phone": "113", "version": "1"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "112" in page and 'value="113"' in page and 'name="version" value="2"' in page
    contact.refresh_from_db()
    assert contact.phone == "112"


def test_removing_a_contact_goes_back_to_the_contacts_with_a_message(contact, plan, case, caseworker, client_for):
    client = client_for(caseworker)
    response = client.post(url("contact_delete", case, plan, contact_id=contact.pk))
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", case, plan) + "#contacts"
    assert not plan.contacts.exists()
    assert "Notdienst was removed from the contacts." in client.get(response["Location"]).content.decode()


def test_removing_an_agreement_goes_back_to_the_agreements(agreement, plan, case, consultant, client_for):
    response = client_for(consultant).post(url("agreement_delete", case, plan, agreement_id=agreement.pk))
    assert response["Location"] == url("plan_detail", case, plan) + "#agreements"
    assert not plan.agreements.exists()
    assert AuditEvent.objects.filter(actor=consultant, action="delete", object_id=str(agreement.pk)).exists()


def test_removing_is_not_done_by_get(contact, plan, case, caseworker, client_for):
    response = client_for(caseworker).get(url("contact_delete", case, plan, contact_id=contact.pk))
    assert response.status_code == 405
    assert plan.contacts.exists()


def test_the_pages_refuse_changes_to_an_approved_plan(contact, agreement, plan, case, caseworker,
                                                      team_lead, child, client_for):
    approve(plan, case, caseworker, team_lead, child)
    client = client_for(caseworker)
    response = client.post(url("contact_edit", case, plan, contact_id=contact.pk),
                           {"name": "Notdienst", "phone": "112", "version": "1"})
    assert response.status_code == 400
    assert "An approved version cannot be changed" in response.content.decode()
    response = client.post(url("agreement_delete", case, plan, agreement_id=agreement.pk), follow=True)
    assert "An approved version cannot be changed" in response.content.decode()
    assert (plan.contacts.get().phone, plan.agreements.count()) == ("110", 1)


def test_an_auditor_may_neither_edit_nor_remove(contact, agreement, plan, case, auditor, client_for):
    client = client_for(auditor)
    assert client.get(url("contact_edit", case, plan, contact_id=contact.pk)).status_code == 403
    assert client.post(url("contact_delete", case, plan, contact_id=contact.pk)).status_code == 403
    assert client.post(url("agreement_edit", case, plan, agreement_id=agreement.pk),
                       {"agency": "Kita", "agreement": "x", "version": "1"}).status_code == 403
    assert client.post(url("agreement_delete", case, plan, agreement_id=agreement.pk)).status_code == 403
    assert (plan.contacts.count(), plan.agreements.count()) == (1, 1)


def test_another_organisation_gets_404(contact, agreement, plan, case, stranger, client_for):
    client = client_for(stranger)
    assert client.get(url("contact_edit", case, plan, contact_id=contact.pk)).status_code == 404
    assert client.post(url("contact_delete", case, plan, contact_id=contact.pk)).status_code == 404
    assert client.post(url("agreement_edit", case, plan, agreement_id=agreement.pk),
                       {"agency": "Kita", "agreement": "x", "version": "1"}).status_code == 404
    assert client.post(url("agreement_delete", case, plan, agreement_id=agreement.pk)).status_code == 404
    assert (plan.contacts.count(), plan.agreements.count()) == (1, 1)


def test_a_contact_of_another_version_is_not_found_under_this_one(contact, plan, case, caseworker,
                                                                  team_lead, child, client_for):
    approve(plan, case, caseworker, team_lead, child)
    draft = services.plan_create(actor=caseworker, case=case)
    response = client_for(caseworker).post(url("contact_delete", case, draft, contact_id=contact.pk))
    assert response.status_code == 404
    assert plan.contacts.exists()
