"""The directory's services: the rules every offer follows (clean_offer, shared by page, API and import), making,
changing and verifying offers under optimistic locking, districts, and the audit record of each change."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.models import AuditEvent
from safehold.core.validation import Errors
from safehold.core.versioning import ConflictError
from safehold.resources import services
from safehold.resources.models import District, Offer
from safehold.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = {"name": "Elternkurs Starke Eltern", "provider": "Familienzentrum Nord", "kind": "parenting_course",
        "legal_domain": "sgb_viii"}


def _offer(actor, **data) -> Offer:
    return services.offer_create(actor=actor, data={**GOOD, **data})


def _refused(organisation, data, current=None) -> Errors:
    errors = Errors()
    services.clean_offer(organisation.pk, data, errors, current=current)
    return errors


# --- clean_offer ---------------------------------------------------------------------------------------------


def test_a_new_offer_needs_a_name_a_provider_a_kind_and_a_law(organisation):
    errors = _refused(organisation, {})
    assert set(errors) == {"name", "provider", "kind", "legal_domain"}
    assert errors["name"] == "Enter the offer's name."


def test_a_kind_or_law_not_on_the_list_is_refused(organisation):
    errors = _refused(organisation, {**GOOD, "kind": "magic", "legal_domain": "sgb_xx"})
    assert errors == {"kind": "Choose one of the listed values.", "legal_domain": "Choose one of the listed values."}


def test_languages_are_kept_as_codes_between_commas_once_each(organisation):
    values = services.clean_offer(organisation.pk, {**GOOD, "languages": "DE, tr tr;uk"}, Errors())
    assert values["languages"] == ",de,tr,uk,"


def test_a_language_that_is_no_code_is_named_in_the_refusal(organisation):
    errors = _refused(organisation, {**GOOD, "languages": "de, Deutsch, t1"})
    assert "deutsch, t1" in errors["languages"]


def test_an_age_range_that_ends_before_it_starts_is_refused(organisation):
    assert _refused(organisation, {**GOOD, "age_from": 12, "age_to": 6})["age_to"] == \
        "The age range ends before it starts."


def test_an_age_beyond_a_lifetime_or_not_a_number_is_refused(organisation):
    errors = _refused(organisation, {**GOOD, "age_from": 121, "age_to": "7"})
    assert set(errors) == {"age_from", "age_to"}


def test_a_change_of_the_lower_age_is_checked_against_the_saved_upper_one(org_admin, organisation):
    offer = _offer(org_admin, age_from=0, age_to=6)
    assert "age_to" in _refused(organisation, {"age_from": 10}, current=offer)


def test_email_and_website_must_be_addresses(organisation):
    errors = _refused(organisation, {**GOOD, "email": "not an address", "website": "javascript:alert(1)"})
    assert set(errors) == {"email", "website"}


def test_a_key_with_spaces_is_refused(organisation):
    assert "key" in _refused(organisation, {**GOOD, "key": "two words"})


def test_the_district_is_found_by_id_or_by_name_but_only_the_organisation_s_own(organisation, other_organisation):
    nord = District.objects.create(organisation=organisation, name="Nord")
    theirs = District.objects.create(organisation=other_organisation, name="Syd")
    assert services.clean_offer(organisation.pk, {**GOOD, "district": str(nord.pk)}, Errors())["district"] == nord
    assert services.clean_offer(organisation.pk, {**GOOD, "district": " nord "}, Errors())["district"] == nord
    assert "district" in _refused(organisation, {**GOOD, "district": theirs.pk})


def test_a_verification_in_the_future_is_refused(organisation):
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert "verified_on" in _refused(organisation, {**GOOD, "verified_on": tomorrow})


def test_is_active_must_be_yes_or_no(organisation):
    assert "is_active" in _refused(organisation, {**GOOD, "is_active": "yes"})


TEXT_FIELDS = ("key", "name", "provider", "kind", "district", "address", "target_group", "age_from", "age_to",
               "languages", "legal_domain", "cost", "access", "contact_name", "phone", "email", "website",
               "capacity", "verified_on", "is_active")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(st.sampled_from(TEXT_FIELDS), st.text(max_size=400), max_size=len(TEXT_FIELDS)))
def test_any_text_input_gives_field_errors_or_values_never_an_exception(organisation, data):
    errors = Errors()
    values = services.clean_offer(organisation.pk, data, errors)
    assert set(errors) <= set(TEXT_FIELDS)
    assert all(isinstance(message, str) and message for message in errors.values())
    if not errors:
        assert {"name", "provider", "kind", "legal_domain"} <= set(values)


def test_a_district_named_with_control_characters_is_looked_up_as_cleaned(organisation):
    """An imported row's district by name: a NUL (which PostgreSQL refuses in a query) or only control characters
    is a field error or the district as its name was saved, never a database error (found by the fuzzing)."""
    north = District.objects.create(organisation=organisation, name="Nordstadt", position=1)
    assert "district" in _refused(organisation, {**GOOD, "district": "\x00"})
    errors = Errors()
    assert services.clean_offer(organisation.pk, {**GOOD, "district": " nord\x00stadt "}, errors)["district"] == north
    assert not errors


# --- offer_create / offer_update / offer_verify --------------------------------------------------------------


def test_an_editor_makes_an_offer_with_a_key_from_its_name_and_an_audit_record(org_admin, organisation):
    offer = _offer(org_admin, languages="de,tr", age_from=0, age_to=3)
    second = _offer(org_admin)
    assert offer.organisation == organisation and offer.key == "elternkurs-starke-eltern"
    assert second.key == "elternkurs-starke-eltern-2"
    assert offer.search_key == "elternkurs starke eltern familienzentrum nord"
    event = AuditEvent.objects.get(object_type="resources.offer", object_id=str(offer.pk))
    assert event.action == "create" and event.organisation_id == organisation.pk and event.case_id is None


def test_a_key_another_offer_has_is_refused(org_admin):
    _offer(org_admin, key="kurs-1")
    with pytest.raises(ValidationError) as refused:
        _offer(org_admin, key="kurs-1")
    assert refused.value.message_dict == {"key": ["Another offer has this key."]}


def test_a_caseworker_does_not_edit_the_directory_unless_the_organisation_says_so(caseworker, organisation):
    with pytest.raises(PermissionDenied):
        _offer(caseworker)
    organisation.directory_editor_roles = "team_lead,caseworker"
    organisation.save()
    caseworker.refresh_from_db()
    assert _offer(caseworker).created_by == caseworker


def test_a_change_saves_the_fields_that_changed_bumps_the_version_and_names_them_in_the_audit(org_admin):
    offer = _offer(org_admin)
    changed = services.offer_update(actor=org_admin, offer=offer, expected_version=1,
                                    data={"name": "Elternkurs Starke Eltern", "capacity": "full", "phone": "0231 1"})
    offer.refresh_from_db()
    assert sorted(changed) == ["capacity", "phone"] and offer.version == 2 and offer.capacity == "full"
    event = AuditEvent.objects.filter(action="update", object_id=str(offer.pk)).get()
    assert event.changed_fields == ["capacity", "phone"]


def test_a_change_of_the_name_refreshes_the_search_key(org_admin):
    offer = _offer(org_admin)
    services.offer_update(actor=org_admin, offer=offer, expected_version=1, data={"name": "Mütterkreis Süd"})
    offer.refresh_from_db()
    assert offer.search_key.startswith("mutterkreis sud")


def test_a_change_based_on_an_older_version_is_a_conflict_never_an_overwrite(org_admin, team_lead):
    offer = _offer(org_admin)
    services.offer_update(actor=org_admin, offer=offer, expected_version=1, data={"capacity": "full"})
    with pytest.raises(ConflictError) as conflict:  # the team lead opened the form at version 1
        services.offer_update(actor=team_lead, offer=Offer.objects.get(pk=offer.pk), expected_version=1,
                              data={"capacity": "waiting_list"})
    current = cast(Offer, conflict.value.current)
    assert current.capacity == "full" and current.version == 2
    assert Offer.objects.get(pk=offer.pk).capacity == "full"


def test_nothing_changed_writes_no_audit_and_keeps_the_version(org_admin):
    offer = _offer(org_admin)
    assert services.offer_update(actor=org_admin, offer=offer, expected_version=1, data={"name": GOOD["name"]}) == []
    assert Offer.objects.get(pk=offer.pk).version == 1
    assert not AuditEvent.objects.filter(action="update").exists()


def test_another_organisation_s_offer_is_not_changed(org_admin, other_organisation):
    their_admin = UserFactory(organisation=other_organisation, roles=["org_admin"])
    theirs = _offer(their_admin)
    with pytest.raises(PermissionDenied):
        services.offer_update(actor=org_admin, offer=theirs, expected_version=1, data={"capacity": "full"})
    with pytest.raises(PermissionDenied):
        services.offer_verify(actor=org_admin, offer=theirs)


def test_verifying_sets_today_and_is_audited(org_admin):
    offer = _offer(org_admin, verified_on=date(2020, 1, 1))
    assert offer.needs_verifying()
    services.offer_verify(actor=org_admin, offer=offer)
    offer.refresh_from_db()
    assert offer.verified_on == timezone.localdate() and not offer.needs_verifying()
    assert AuditEvent.objects.filter(action="update", changed_fields=["verified_on"]).count() == 1


# --- districts -----------------------------------------------------------------------------------------------


def test_districts_are_added_in_order_and_a_name_twice_is_refused(org_admin):
    first = services.district_create(actor=org_admin, name="Nord")
    second = services.district_create(actor=org_admin, name="Süd")
    assert (first.position, second.position) == (0, 1)
    with pytest.raises(ValidationError) as refused:
        services.district_create(actor=org_admin, name="nord")
    assert "name" in refused.value.message_dict
    assert AuditEvent.objects.filter(object_type="resources.district", action="create").count() == 2


def test_a_district_offers_name_is_not_deleted_an_empty_one_is(org_admin):
    used = services.district_create(actor=org_admin, name="Nord")
    empty = services.district_create(actor=org_admin, name="Süd")
    _offer(org_admin, district=used.pk)
    with pytest.raises(ValidationError) as refused:
        services.district_delete(actor=org_admin, district=used)
    assert refused.value.message_dict["name"] == ["Offers are in this district. Move them to another district first."]
    services.district_delete(actor=org_admin, district=empty)
    assert list(District.objects.values_list("name", flat=True)) == ["Nord"]
    assert AuditEvent.objects.filter(object_type="resources.district", action="delete").count() == 1
