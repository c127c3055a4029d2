"""Contacts in the plan and what professionals agreed to do: added to a draft, with an audit record, and
refused rather than cut short when too long."""

import pytest
from django.core.exceptions import ValidationError

from safehold.audit.models import AuditEvent
from safehold.cases.access import Perm, access_case
from safehold.safety_plans import services
from safehold.testing.factories import CaseFactory, PersonFactory


@pytest.fixture
def loaded(case, caseworker):
    return access_case(caseworker, case.pk, Perm.CHANGE)


@pytest.fixture
def plan(loaded, caseworker):
    return services.plan_create(actor=caseworker, case=loaded)


def test_a_contact_of_the_case_takes_name_and_phone_from_the_person(plan, loaded, caseworker, case):
    grandma = PersonFactory(case=case, role="network", first_name="Birte", phone="0171 555 1234")
    contact = services.contact_add(actor=caseworker, case=loaded, plan=plan, person=grandma.pk, role="Oma")
    assert (contact.person, contact.name, contact.phone, contact.role) == (grandma, grandma.full_name,
                                                                           "0171 555 1234", "Oma")
    assert AuditEvent.objects.filter(object_id=str(plan.pk), changed_fields=["contacts"]).exists()


def test_a_contact_outside_the_case_is_written_down_by_name(plan, loaded, caseworker):
    services.contact_add(actor=caseworker, case=loaded, plan=plan, name="Notdienst", phone="110")
    services.contact_add(actor=caseworker, case=loaded, plan=plan, name=" Nachbarin\x00 ", role=None)
    assert [(c.name, c.phone, c.position) for c in plan.contacts.all()] == [("Notdienst", "110", 1),
                                                                            ("Nachbarin", "", 2)]


@pytest.mark.parametrize(("data", "field"), [
    ({"name": ""}, "name"),
    ({"name": "x" * 202}, "name"),
    ({"phone": "0" * 41}, "phone"),
    ({"role": "r" * 201}, "role"),
])
def test_a_bad_contact_is_refused_on_its_field(plan, loaded, caseworker, data, field):
    with pytest.raises(ValidationError) as caught:
        services.contact_add(actor=caseworker, case=loaded, plan=plan, **{"name": "Oma", **data})
    assert list(caught.value.message_dict) == [field]
    assert plan.contacts.count() == 0


def test_a_contact_cannot_be_a_person_of_another_case(plan, loaded, caseworker, organisation):
    neighbour = PersonFactory(case=CaseFactory(organisation=organisation))
    with pytest.raises(ValidationError) as caught:
        services.contact_add(actor=caseworker, case=loaded, plan=plan, person=neighbour.pk)
    assert "person" in caught.value.message_dict


def test_an_agreement_with_a_professional_is_added_with_an_audit_record(plan, loaded, caseworker):
    row = services.agreement_add(actor=caseworker, case=loaded, plan=plan, agency=" Schule ",
                                 agreement="Ruft das Jugendamt an, wenn Freja fehlt")
    assert (row.agency, row.position) == ("Schule", 1)
    assert AuditEvent.objects.filter(object_id=str(plan.pk), changed_fields=["agreements"]).exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"agency": ""}, "agency"),
    ({"agency": "a" * 201}, "agency"),
    ({"agreement": " "}, "agreement"),
    ({"agreement": "a" * 2001}, "agreement"),
])
def test_a_bad_agreement_is_refused_on_its_field(plan, loaded, caseworker, data, field):
    with pytest.raises(ValidationError) as caught:
        services.agreement_add(actor=caseworker, case=loaded, plan=plan,
                               **{"agency": "Kita", "agreement": "Ruft an", **data})
    assert list(caught.value.message_dict) == [field]
    assert plan.agreements.count() == 0
