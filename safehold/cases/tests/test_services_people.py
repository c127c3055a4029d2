from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.models import AuditEvent
from safehold.cases import services
from safehold.cases.models import Person
from safehold.core.text import clean_text
from safehold.core.versioning import ConflictError


def test_adding_a_child_records_who_added_what(caseworker, case):
    person = services.person_create(actor=caseworker, case=case, role="child",
                                    first_name=" Freja ", last_name="Sørensen", birth_date=date(2016, 5, 21))
    assert person.full_name == "Freja Sørensen"
    assert person.search_key == "freja sorensen"
    event = AuditEvent.objects.get(action="create", object_type="cases.person")
    assert (event.case_id, event.object_id, event.actor_id) == (case.pk, str(person.pk), caseworker.pk)
    assert set(event.changed_fields) == {"role", "first_name", "last_name", "birth_date"}
    # The audit record names the fields, never their values.
    assert "Freja" not in str(event.changed_fields)


def test_a_child_shows_its_age():
    today = date(2026, 11, 25)
    person = Person(birth_date=date(2016, 11, 26))
    assert person.age(on=today) == 9
    person.birth_date = date(2016, 11, 25)
    assert person.age(on=today) == 10
    assert Person(birth_date=None).age(on=today) is None


@pytest.mark.parametrize("fields, field", [
    ({"role": "child", "first_name": "  "}, "first_name"),
    ({"role": "uncle", "first_name": "Bo"}, "role"),
    ({"role": "child", "first_name": "Bo", "birth_date": date.today() + timedelta(days=2)}, "birth_date"),
    ({"role": "parent", "first_name": "Bo", "phone": "call me maybe"}, "phone"),
    ({"role": "parent", "first_name": "Bo", "email": "not-an-address"}, "email"),
])
def test_bad_person_input_is_refused_next_to_its_field(caseworker, case, fields, field):
    with pytest.raises(ValidationError) as error:
        services.person_create(actor=caseworker, case=case, **fields)
    assert field in error.value.message_dict
    assert not Person.objects.exists()


def test_editing_a_person_is_versioned(caseworker, consultant, case, child):
    services.person_update(actor=caseworker, case=case, person=child, expected_version=1,
                           phone="+45 22 33 44 55")
    stale = Person.objects.get(pk=child.pk)
    stale.version = 1
    with pytest.raises(ConflictError) as conflict:
        services.person_update(actor=consultant, case=case, person=stale, expected_version=1,
                               phone="0000")
    assert conflict.value.current.phone == "+45 22 33 44 55"
    assert AuditEvent.objects.get(action="update", object_type="cases.person").changed_fields == ["phone"]


def test_removing_a_person_is_audited(caseworker, case, child):
    child_id = child.pk
    services.person_delete(actor=caseworker, case=case, person=child)
    assert not Person.objects.filter(pk=child_id).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="cases.person", object_id=str(child_id)).exists()


def test_a_person_of_another_case_cannot_be_changed_through_this_one(caseworker, case, organisation):
    from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

    other_case = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other_case, user=caseworker)
    foreign = PersonFactory(case=other_case)
    with pytest.raises(ValidationError):
        services.person_update(actor=caseworker, case=case, person=foreign, expected_version=1,
                               first_name="X")
    with pytest.raises(ValidationError):
        services.person_delete(actor=caseworker, case=case, person=foreign)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.text(max_size=100), last=st.text(max_size=100), notes=st.text(max_size=300))
def test_any_text_is_either_stored_as_typed_or_refused_with_a_field_message(caseworker, case, first, last, notes):
    worker_case = case
    try:
        person = services.person_create(actor=caseworker, case=worker_case, role="network", first_name=first,
                                        last_name=last, notes=notes)
    except ValidationError as error:
        assert set(error.message_dict) <= {"first_name"}
        assert not clean_text(first)
        return
    stored = Person.objects.get(pk=person.pk)
    assert (stored.first_name, stored.last_name, stored.notes) == (clean_text(first), clean_text(last),
                                                                    clean_text(notes))


def test_a_birth_date_today_is_accepted(caseworker, case):
    person = services.person_create(actor=caseworker, case=case, role="child",
                                    first_name="Neugeboren", birth_date=timezone.localdate())
    assert person.age() == 0
