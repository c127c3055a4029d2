"""The referral services: a person of the case referred to an offer (or the need recorded when none exists), the
warnings a worker may go on after (a full offer confirmed, an offer that does not fit the person's age or
language), the status path with its dates, the edits under optimistic locking, consent, deleting, and the case's
access policy on every one of them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.accounts.models import Organisation
from safehold.audit.models import AuditEvent
from safehold.cases.perms import CaseClosed
from safehold.core.versioning import ConflictError
from safehold.resources import referrals as services
from safehold.resources.models import (
    Capacity,
    DirectoryShare,
    District,
    Offer,
    Referral,
    ReferralEvent,
    ReferralStatus,
)
from safehold.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def make_district(organisation: Organisation, name: str = "Nordstadt") -> District:
    return District.objects.create(organisation=organisation, name=name)


def make_offer(organisation: Organisation, *, key: str = "course", name: str = "Starke Eltern",
               district: District | None = None, **values) -> Offer:
    defaults = {"provider": "Familienbildung Nord", "kind": "parenting_course", "legal_domain": "sgb_viii",
                "languages": ",de,tr,", "age_from": 18, "age_to": None, "contact_name": "Frau Demir",
                "phone": "0231 555 010", "email": "kurs@example.org", "capacity": Capacity.OPEN}
    return Offer.objects.create(organisation=organisation, key=key, name=name, district=district,
                                **{**defaults, **values})


def mother(case, *, born: date = date(1990, 3, 1)):
    return PersonFactory(case=case, role="parent", first_name="Camilla", birth_date=born)


def refer(actor, case, person, offer, **values) -> Referral:
    return services.referral_create(**{
        "actor": actor, "case": case, "person": person.pk, "need_kind": "parenting_course",
        "need_words": "Ich schaffe es abends nicht mit den Kindern", "offer": offer.pk if offer else None,
        "district": None, "language": "de", "referred_on": TODAY(), "follow_up_on": None, "note": "",
        **values})


def refused(call) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call()
    return caught.value.message_dict


@pytest.fixture
def district(organisation):
    return make_district(organisation)


@pytest.fixture
def offer(organisation, district):
    return make_offer(organisation, district=district)


@pytest.fixture
def parent(case):
    return mother(case)


def test_a_referral_to_an_offer_is_suggested_with_its_first_step_and_audited(caseworker, case, parent, offer,
                                                                              district):
    referral = refer(caseworker, case, parent, offer, district=district.pk, follow_up_on=TODAY() + timedelta(14))
    assert referral.status == ReferralStatus.SUGGESTED and referral.offer == offer
    assert referral.referred_by == caseworker and referral.status_on == TODAY() and not referral.offer_was_full
    [event] = ReferralEvent.objects.filter(referral=referral)
    assert (event.status, event.on, event.recorded_by) == (ReferralStatus.SUGGESTED, TODAY(), caseworker)
    audit = AuditEvent.objects.get(object_type="resources.referral", action="create")
    assert audit.case_id == case.pk and "offer" in audit.changed_fields
    assert "abends" not in str(audit.changed_fields)  # no case content on the trail


def test_the_person_must_be_of_this_case_and_not_a_professional(caseworker, case, organisation, team, offer):
    elsewhere = PersonFactory(case=CaseFactory(organisation=organisation, team=team), role="parent")
    professional = PersonFactory(case=case, role="professional", first_name="Dr. Berg")
    for person in (elsewhere, professional):
        assert "person" in refused(lambda p=person: refer(caseworker, case, p, offer))
    assert not Referral.objects.exists()


def test_an_offer_the_worker_may_not_read_or_no_longer_in_the_directory_is_refused(caseworker, case, parent,
                                                                                    other_organisation, offer):
    foreign = make_offer(other_organisation, key="foreign")
    retired = make_offer(case.organisation, key="retired", is_active=False)
    for chosen in (foreign, retired):
        assert refused(lambda o=chosen: refer(caseworker, case, parent, o)) == {
            "offer": ["Choose an offer of the directory."]}


def test_a_partner_s_shared_offer_may_be_chosen(caseworker, case, parent, other_organisation):
    shared = make_offer(other_organisation, key="partner")
    DirectoryShare.objects.create(owner=other_organisation, partner=case.organisation, accepted_at=timezone.now())
    assert refer(caseworker, case, parent, shared).offer == shared


def test_a_full_offer_warns_and_is_recorded_once_confirmed(caseworker, case, parent, organisation):
    full = make_offer(organisation, key="full", capacity=Capacity.FULL)
    errors = refused(lambda: refer(caseworker, case, parent, full))
    assert list(errors) == ["full_confirmed"] and "is marked full" in errors["full_confirmed"][0]
    referral = refer(caseworker, case, parent, full, full_confirmed=True)
    assert referral.offer_was_full
    assert "offer_was_full" in AuditEvent.objects.get(action="create").changed_fields


def test_an_offer_that_does_not_fit_age_or_language_is_accepted_and_says_so(caseworker, case, organisation):
    child = PersonFactory(case=case, role="child", first_name="Freja", birth_date=TODAY() - timedelta(days=365 * 9))
    for_parents = make_offer(organisation, key="adults", age_from=18, languages=",de,")
    referral = refer(caseworker, case, child, for_parents, language="tr")
    misfits = services.referral_misfits(referral)
    assert [m.kind for m in misfits] == ["age", "language"]
    assert "18 and older" in misfits[0].message and "the person is 8" in misfits[0].message
    assert "Not offered in tr (only de)" in misfits[1].message


def test_an_offer_that_fits_or_a_person_of_unknown_age_has_no_misfits(caseworker, case, parent, offer):
    unknown = PersonFactory(case=case, role="network", first_name="Oma")
    assert services.referral_misfits(refer(caseworker, case, parent, offer)) == []
    assert services.referral_misfits(refer(caseworker, case, unknown, offer, language="")) == []


def test_no_suitable_offer_needs_the_need_in_words_and_the_district(caseworker, case, parent, district):
    errors = refused(lambda: refer(caseworker, case, parent, None, no_offer=True, need_words=""))
    assert set(errors) == {"need_words", "district"}
    referral = refer(caseworker, case, parent, None, no_offer=True, district=district.pk)
    assert referral.status == ReferralStatus.NO_OFFER and referral.offer is None
    assert referral.events.get().status == ReferralStatus.NO_OFFER


def test_a_referral_names_an_offer_or_says_none_exists_never_both(caseworker, case, parent, offer, district):
    assert "offer" in refused(lambda: refer(caseworker, case, parent, None))
    assert "offer" in refused(lambda: refer(caseworker, case, parent, offer, no_offer=True, district=district.pk))


def test_dates_of_the_past_cannot_be_in_the_future_but_the_follow_up_may(caseworker, case, parent, offer):
    tomorrow = TODAY() + timedelta(days=1)
    assert "referred_on" in refused(lambda: refer(caseworker, case, parent, offer, referred_on=tomorrow))
    assert "consent_on" in refused(lambda: refer(caseworker, case, parent, offer, consent_on=tomorrow))
    assert "follow_up_on" in refused(lambda: refer(caseworker, case, parent, offer,
                                                   follow_up_on=TODAY() - timedelta(days=1)))
    assert refer(caseworker, case, parent, offer, follow_up_on=tomorrow).follow_up_on == tomorrow


def test_a_district_of_another_organisation_is_refused(caseworker, case, parent, offer, other_organisation):
    theirs = make_district(other_organisation, "Roskilde Øst")
    assert refused(lambda: refer(caseworker, case, parent, offer, district=theirs.pk)) == {
        "district": ["Choose a district of your organisation."]}


def test_the_referral_goes_its_path_step_by_step_with_dates(caseworker, case, parent, offer):
    referral = refer(caseworker, case, parent, offer, referred_on=TODAY() - timedelta(days=20))
    for step, days_ago in (("contacted", 15), ("waiting", 10), ("started", 5), ("completed", 0)):
        services.referral_move(actor=caseworker, case=case, referral=referral, expected_version=referral.version,
                               status=step, on=TODAY() - timedelta(days=days_ago), note=f"{step} note")
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED and not referral.is_open
    assert [e.status for e in referral.events.all()] == ["suggested", "contacted", "waiting", "started", "completed"]
    assert [e.note for e in referral.events.all()][-1] == "completed note"


def test_a_step_off_the_path_before_the_last_one_or_in_the_future_is_refused(caseworker, case, parent, offer):
    referral = refer(caseworker, case, parent, offer, referred_on=TODAY() - timedelta(days=3))

    def move(status: str, on: date):
        return lambda: services.referral_move(actor=caseworker, case=case, referral=referral,
                                              expected_version=referral.version, status=status, on=on, note="")

    assert "status" in refused(move("completed", TODAY()))
    assert "status" in refused(move("made_up", TODAY()))
    assert "on" in refused(move("contacted", TODAY() - timedelta(days=4)))
    assert "on" in refused(move("contacted", TODAY() + timedelta(days=1)))
    assert referral.events.count() == 1


def test_a_stale_version_of_a_step_is_a_conflict(caseworker, consultant, case, parent, offer):
    referral = refer(caseworker, case, parent, offer)
    theirs = Referral.objects.get(pk=referral.pk)
    services.referral_move(actor=consultant, case=case, referral=theirs, expected_version=1, status="contacted",
                           on=TODAY(), note="")
    with pytest.raises(ConflictError):
        services.referral_move(actor=caseworker, case=case, referral=referral, expected_version=1,
                               status="declined", on=TODAY(), note="")
    assert Referral.objects.get(pk=referral.pk).status == ReferralStatus.CONTACTED


def test_a_need_without_an_offer_becomes_suggested_only_with_an_offer(caseworker, case, parent, district,
                                                                       organisation):
    referral = refer(caseworker, case, parent, None, no_offer=True, district=district.pk)
    full = make_offer(organisation, key="opened", capacity=Capacity.FULL)

    def suggest(**values):
        return lambda: services.referral_move(actor=caseworker, case=case, referral=referral,
                                              expected_version=referral.version, status="suggested", on=TODAY(),
                                              note="", **values)

    assert "offer" in refused(suggest())
    assert "full_confirmed" in refused(suggest(offer=full.pk))
    suggest(offer=full.pk, full_confirmed=True)()
    referral.refresh_from_db()
    assert (referral.status, referral.offer, referral.offer_was_full) == ("suggested", full, True)
    assert [e.status for e in referral.events.all()] == ["no_offer", "suggested"]


def test_an_offer_is_chosen_only_for_a_referral_that_found_none(caseworker, case, parent, offer, organisation):
    referral = refer(caseworker, case, parent, offer)
    other = make_offer(organisation, key="other")
    assert "offer" in refused(lambda: services.referral_move(
        actor=caseworker, case=case, referral=referral, expected_version=1, status="contacted", on=TODAY(),
        note="", offer=other.pk))


def test_an_edit_changes_what_it_sends_and_a_second_editor_gets_a_conflict(caseworker, consultant, case, parent,
                                                                          offer, district):
    referral = refer(caseworker, case, parent, offer)
    theirs = Referral.objects.get(pk=referral.pk)
    changed = services.referral_update(actor=consultant, case=case, referral=theirs, expected_version=1,
                                       follow_up_on=TODAY() + timedelta(days=7), district=district.pk)
    assert sorted(changed) == ["district", "follow_up_on"]
    with pytest.raises(ConflictError) as caught:
        services.referral_update(actor=caseworker, case=case, referral=referral, expected_version=1,
                                 note="Mine")
    assert caught.value.current.version == 2
    assert Referral.objects.get(pk=referral.pk).note == ""
    assert services.referral_update(actor=caseworker, case=case, referral=theirs, expected_version=2,
                                    need_words=theirs.need_words) == []


def test_an_edit_keeps_a_need_without_offer_countable_and_refuses_other_fields(caseworker, case, parent,
                                                                               district, offer):
    referral = refer(caseworker, case, parent, None, no_offer=True, district=district.pk)
    assert set(refused(lambda: services.referral_update(
        actor=caseworker, case=case, referral=referral, expected_version=1, need_words="", district=None))) == {
        "need_words", "district"}
    with pytest.raises(ValueError):
        services.referral_update(actor=caseworker, case=case, referral=referral, expected_version=1,
                                 offer=offer.pk)


def test_consent_is_recorded_and_withdrawn_with_the_audit(caseworker, case, parent, offer):
    referral = refer(caseworker, case, parent, offer)
    assert not referral.may_name_provider
    assert "consent_on" in refused(lambda: services.referral_consent(
        actor=caseworker, case=case, referral=referral, on=TODAY() + timedelta(days=1)))
    services.referral_consent(actor=caseworker, case=case, referral=referral, on=TODAY())
    referral.refresh_from_db()
    assert referral.may_name_provider and referral.consent_recorded_by == caseworker
    services.referral_consent_withdraw(actor=caseworker, case=case, referral=referral)
    referral.refresh_from_db()
    assert referral.consent_on is None and referral.consent_recorded_by is None
    assert AuditEvent.objects.filter(action="update", changed_fields=["consent_on"]).count() == 2
    assert refused(lambda: services.referral_consent_withdraw(actor=caseworker, case=case, referral=referral))


def test_only_a_referral_nobody_acted_on_yet_may_be_deleted(caseworker, case, parent, offer, district):
    started = refer(caseworker, case, parent, offer)
    services.referral_move(actor=caseworker, case=case, referral=started, expected_version=1, status="started",
                           on=TODAY(), note="")
    assert refused(lambda: services.referral_delete(actor=caseworker, case=case, referral=started))
    for referral in (refer(caseworker, case, parent, offer),
                     refer(caseworker, case, parent, None, no_offer=True, district=district.pk)):
        services.referral_delete(actor=caseworker, case=case, referral=referral)
    assert list(Referral.objects.all()) == [started]
    assert AuditEvent.objects.filter(action="delete", object_type="resources.referral").count() == 2


def test_a_closed_case_refuses_every_change(caseworker, case, parent, offer):
    referral = refer(caseworker, case, parent, offer)
    from safehold.cases.services import case_transition

    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    case.refresh_from_db()
    changes = [
        lambda: refer(caseworker, case, parent, offer),
        lambda: services.referral_move(actor=caseworker, case=case, referral=referral, expected_version=1,
                                       status="contacted", on=TODAY(), note=""),
        lambda: services.referral_update(actor=caseworker, case=case, referral=referral, expected_version=1,
                                         note="x"),
        lambda: services.referral_consent(actor=caseworker, case=case, referral=referral, on=TODAY()),
        lambda: services.referral_delete(actor=caseworker, case=case, referral=referral),
    ]
    for change in changes:
        with pytest.raises(CaseClosed):
            change()


def test_those_who_may_only_read_the_case_cannot_refer(auditor, case, parent, offer):
    with pytest.raises(PermissionDenied):
        refer(auditor, case, parent, offer)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(language=st.text(max_size=8), words=st.text(max_size=300))
def test_any_language_or_words_typed_are_saved_cleaned_or_refused_on_their_field(caseworker, case, parent, offer,
                                                                                language, words):
    try:
        referral = refer(caseworker, case, parent, offer, language=language, need_words=words)
    except ValidationError as error:
        assert set(error.message_dict) <= {"language", "need_words"}
    else:
        assert referral.language == language.strip().lower() and len(referral.language) in (0, 2, 3)


def test_a_parent_fits_a_course_about_children_when_one_of_the_case_s_children_is_in_its_age_range(
        caseworker, case, organisation):
    parent = mother(case)
    PersonFactory(case=case, role="child", first_name="Mia", birth_date=TODAY() - timedelta(days=7 * 365 + 30))
    course = make_offer(organisation, key="kids-2-12", age_from=2, age_to=12)
    teens = make_offer(organisation, key="teens", age_from=13, age_to=17)
    assert services.referral_misfits(refer(caseworker, case, parent, course)) == []
    misfits = services.referral_misfits(refer(caseworker, case, parent, teens))
    assert [m.kind for m in misfits] == ["age"] and "13–17" in misfits[0].message
    # The child referred to the same offer is measured by their own age.
    child = case.people.get(first_name="Mia")
    assert services.offer_misfits(teens, age=child.age(), language="",
                                  children_ages=services.children_ages_for(child, [], TODAY())) != []
