"""The placement and contact services: what they refuse (next to which field), the time frame, optimistic
locking and the audit records."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.models import AuditEvent
from safehold.core.versioning import ConflictError
from safehold.perspective import services
from safehold.perspective.models import Contact, Placement
from safehold.testing.factories import CaseFactory, PersonFactory

START = date(2026, 3, 2)


@pytest.fixture
def carer(case):
    return PersonFactory(case=case, role="caregiver", first_name="Heike", last_name="Brandt")


@pytest.fixture
def placement(caseworker, case, child, carer):
    return services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                     starts_on=START, time_frame_months=6, carers=[carer.pk],
                                     custody="guardian", custody_holder="Amtsvormundschaft Dortmund")


def refused(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        call()
    return info.value.message_dict


def test_a_time_frame_gives_the_planned_end_and_the_create_is_audited(placement, carer):
    assert placement.planned_end_on == date(2026, 9, 2)
    assert list(placement.carers.all()) == [carer]
    event = AuditEvent.objects.get(object_type="perspective.placement", object_id=str(placement.pk))
    assert event.action == "create" and "carers" in event.changed_fields


def test_add_months_keeps_the_end_of_a_short_month():
    assert services.add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert services.add_months(date(2026, 1, 15), 12) == date(2027, 1, 15)


def test_an_end_before_the_start_is_refused_next_to_it(caseworker, case, child):
    errors = refused(lambda: services.placement_create(
        actor=caseworker, case=case, child=child.pk, setting="kinship", starts_on=START,
        planned_end_on=date(2026, 3, 1), ended_on=date(2026, 2, 1)))
    assert set(errors) == {"planned_end_on", "ended_on"}


def test_a_time_frame_that_disagrees_with_the_planned_end_is_refused(caseworker, case, child):
    errors = refused(lambda: services.placement_create(
        actor=caseworker, case=case, child=child.pk, setting="kinship", starts_on=START, time_frame_months=6,
        planned_end_on=date(2026, 12, 1)))
    assert "02/09/2026" in errors["planned_end_on"][0]  # as the reader writes dates (en: day/month/year)


def test_a_placement_without_an_end_is_named_as_such_in_german_dates(caseworker, case, child):
    services.placement_create(actor=caseworker, case=case, child=child.pk, setting="kinship", starts_on=START)
    with translation.override("de"):
        errors = refused(lambda: services.placement_create(
            actor=caseworker, case=case, child=child.pk, setting="foster", starts_on=date(2026, 5, 1)))
    assert "seit 02.03.2026 ohne festgelegtes Ende" in errors["starts_on"][0]


def test_an_overlapping_placement_of_the_same_child_is_refused(caseworker, case, child, placement):
    errors = refused(lambda: services.placement_create(
        actor=caseworker, case=case, child=child.pk, setting="kinship", starts_on=date(2026, 8, 1)))
    assert "overlap" in errors["starts_on"][0]
    assert errors["starts_on"][0].startswith(f"\u2068{child.full_name}\u2069 is already placed")  # name isolated
    # A new placement may start on the day the one before ended.
    services.placement_update(actor=caseworker, case=case, placement=placement, expected_version=1,
                              ended_on=date(2026, 5, 4))
    follow_up = services.placement_create(actor=caseworker, case=case, child=child.pk, setting="kinship",
                                          starts_on=date(2026, 5, 4))
    assert follow_up.pk


def test_another_child_may_be_placed_at_the_same_time(caseworker, case, placement):
    sibling = PersonFactory(case=case, role="child")
    assert services.placement_create(actor=caseworker, case=case, child=sibling.pk, setting="emergency_foster",
                                     starts_on=START).pk


def test_a_child_or_carer_of_another_case_is_refused(caseworker, case, child, parent, organisation):
    other = CaseFactory(organisation=organisation)
    elsewhere = PersonFactory(case=other, role="child")
    errors = refused(lambda: services.placement_create(
        actor=caseworker, case=case, child=elsewhere.pk, setting="kinship", starts_on=START,
        carers=[PersonFactory(case=other, role="caregiver").pk]))
    assert set(errors) == {"child", "carers"}
    errors = refused(lambda: services.placement_create(actor=caseworker, case=case, child=parent.pk,
                                                       setting="kinship", starts_on=START))
    assert set(errors) == {"child"}  # a parent is not a child of the case
    errors = refused(lambda: services.placement_create(actor=caseworker, case=case, child=child.pk,
                                                       setting="kinship", starts_on=START, carers=[child.pk]))
    assert set(errors) == {"carers"}


def test_an_update_on_an_old_version_is_a_conflict(caseworker, case, placement):
    services.placement_update(actor=caseworker, case=case, placement=placement, expected_version=1,
                              youth_office_contact="Frau Yilmaz")
    stale = Placement.objects.get(pk=placement.pk)
    stale.version = 1
    with pytest.raises(ConflictError):
        services.placement_update(actor=caseworker, case=case, placement=stale, expected_version=1, note="x")


def test_an_update_audits_the_names_of_the_fields_changed(caseworker, case, placement, parent):
    changed = services.placement_update(actor=caseworker, case=case, placement=placement, expected_version=1,
                                        carers=[parent.pk], time_frame_months=3)
    assert sorted(changed) == ["carers", "planned_end_on", "time_frame_months"]
    placement.refresh_from_db()
    assert placement.planned_end_on == date(2026, 6, 2) and placement.version == 2
    event = AuditEvent.objects.filter(object_type="perspective.placement", action="update").get()
    assert sorted(event.changed_fields) == sorted(changed)


def test_only_carers_changed_still_moves_the_version(caseworker, case, placement, parent):
    assert services.placement_update(actor=caseworker, case=case, placement=placement, expected_version=1,
                                     carers=[parent.pk]) == ["carers"]
    assert Placement.objects.get(pk=placement.pk).version == 2


def test_only_who_was_there_changed_moves_the_contacts_version_and_is_audited(caseworker, case, placement, parent):
    contact = services.contact_create(actor=caseworker, case=case, placement=placement, on=START)
    assert services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1,
                                   present=[parent.pk]) == ["present"]
    assert Contact.objects.get(pk=contact.pk).version == 2
    assert AuditEvent.objects.get(object_type="perspective.contact", action="update").changed_fields == ["present"]
    stale = Contact.objects.get(pk=contact.pk)
    stale.version = 1
    with pytest.raises(ConflictError):  # a change of the links alone is refused on an old version too
        services.contact_update(actor=caseworker, case=case, contact=stale, expected_version=1, present=[])


def test_nothing_changed_writes_nothing(caseworker, case, placement, carer):
    assert services.placement_update(actor=caseworker, case=case, placement=placement, expected_version=1,
                                     carers=[carer.pk], note="") == []
    assert Placement.objects.get(pk=placement.pk).version == 1
    assert not AuditEvent.objects.filter(action="update").exists()


def test_an_update_of_a_field_the_record_does_not_have_is_a_programming_error(caseworker, case, placement):
    contact = services.contact_create(actor=caseworker, case=case, placement=placement, on=START)
    assignment = services.assignment_create(actor=caseworker, case=case, question="Frage")
    for call in (
        lambda: services.placement_update(actor=caseworker, case=case, placement=placement, expected_version=1,
                                          case_id=2),
        lambda: services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1,
                                        placement=placement),
        lambda: services.assignment_update(actor=caseworker, case=case, assignment=assignment, expected_version=1,
                                           version=5),
    ):
        with pytest.raises(ValueError):
            call()


def test_the_auditor_may_not_record_a_placement(auditor, case, child):
    with pytest.raises(PermissionDenied):
        services.placement_create(actor=auditor, case=case, child=child.pk, setting="kinship", starts_on=START)


# --- contacts ---------------------------------------------------------------------------------------------

def test_a_contact_outside_the_placement_is_refused_next_to_the_date(caseworker, case, placement):
    errors = refused(lambda: services.contact_create(actor=caseworker, case=case, placement=placement,
                                                     on=date(2026, 3, 1)))
    assert list(errors) == ["on"]
    services.placement_update(actor=caseworker, case=case, placement=placement, expected_version=1,
                              ended_on=date(2026, 4, 30))
    errors = refused(lambda: services.contact_create(actor=caseworker, case=case, placement=placement,
                                                     on=date(2026, 5, 1)))
    assert list(errors) == ["on"]
    assert services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 4, 30)).pk


def test_a_cancelled_contact_needs_who_and_why(caseworker, case, placement):
    errors = refused(lambda: services.contact_create(actor=caseworker, case=case, placement=placement,
                                                     on=START, status="cancelled"))
    assert set(errors) == {"cancelled_by", "cancel_reason"}


def test_a_contact_is_recorded_as_held_with_its_observation(caseworker, case, placement, parent):
    contact = services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 9),
                                      present=[parent.pk], setting="supervised")
    changed = services.contact_update(actor=caseworker, case=case, contact=contact, expected_version=1,
                                      status="held", strengths="Mutter tröstet", duration_minutes=90)
    assert sorted(changed) == ["duration_minutes", "status", "strengths"]
    contact = Contact.objects.get(pk=contact.pk)
    assert contact.version == 2 and list(contact.present.all()) == [parent]
    with pytest.raises(ConflictError):
        services.contact_update(actor=caseworker, case=case, contact=Contact.objects.get(pk=contact.pk),
                                expected_version=1, place="x")


def test_someone_of_another_case_at_a_contact_is_refused(caseworker, case, placement, organisation):
    elsewhere = PersonFactory(case=CaseFactory(organisation=organisation), role="parent")
    errors = refused(lambda: services.contact_create(actor=caseworker, case=case, placement=placement, on=START,
                                                     present=[elsewhere.pk]))
    assert list(errors) == ["present"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=date(1890, 1, 1), max_value=date(2300, 1, 1)))
def test_any_contact_date_is_taken_inside_the_placement_and_refused_outside(day, caseworker, case, placement):
    # The fixtures are shared by the examples: contacts pile up on one placement, which changes no answer.
    placement.ended_on = date(2026, 6, 30)
    inside = START <= day <= date(2026, 6, 30)
    try:
        services.contact_create(actor=caseworker, case=case, placement=placement, on=day)
    except ValidationError as error:
        assert not inside and list(error.message_dict) == ["on"]
    else:
        assert inside


def test_a_placement_cannot_be_moved_away_from_its_contacts(caseworker, case, placement):
    services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 4, 6))
    errors = refused(lambda: services.placement_update(actor=caseworker, case=case, placement=placement,
                                                       expected_version=1, ended_on=date(2026, 4, 1)))
    assert list(errors) == ["ended_on"] and "06/04/2026" in errors["ended_on"][0]
    errors = refused(lambda: services.placement_update(actor=caseworker, case=case, placement=placement,
                                                       expected_version=1, starts_on=date(2026, 4, 7)))
    assert list(errors) == ["starts_on"]
