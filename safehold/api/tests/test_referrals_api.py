"""GET/POST /api/v1/cases/{case_id}/referrals and GET/PATCH/DELETE …/referrals/{referral_id}: referrals are case
data, under the case's access policy and audited like every other case router; the provider's contact only once
the family's consent is recorded; a full offer only when confirmed; 400 with field errors, 409 on a stale
version, a PATCH all or nothing."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.models import AuditEvent
from safehold.cases.models import Person
from safehold.resources import referrals as services
from safehold.resources.models import Capacity, District, Offer, Referral, ReferralEvent
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"
TODAY = timezone.localdate()
LAST_WEEK = TODAY - timedelta(days=7)
CLOSED = "This case is closed. Reopen it to change it."
CONTACT = {"contact_name": "Frau Demir", "phone": "0231 555 010", "email": "kurs@example.org",
           "website": "https://example.org/kurs", "address": "Nordstraße 1"}


def _url(case, referral=None) -> str:
    base = f"/api/v1/cases/{case.pk}/referrals"
    return base if referral is None else f"{base}/{referral.pk}"


def _patch(client, case, referral, body):
    return client.patch(_url(case, referral), json.dumps(body), content_type=JSON)


def make_offer(organisation, *, key: str = "course", district=None, **values) -> Offer:
    defaults = {"name": "Starke Eltern", "provider": "Familienbildung Nord", "kind": "parenting_course",
                "legal_domain": "sgb_viii", "languages": ",de,tr,", "age_from": 18, "capacity": Capacity.OPEN,
                **CONTACT}
    return Offer.objects.create(organisation=organisation, key=key, district=district, **{**defaults, **values})


def refer(actor, case, person, offer, **values) -> Referral:
    return services.referral_create(**{
        "actor": actor, "case": case, "person": person.pk, "need_kind": "parenting_course",
        "need_words": "Abends schaffe ich es nicht", "offer": offer.pk if offer else None, "language": "de",
        "referred_on": LAST_WEEK, **values})


@pytest.fixture
def district(organisation):
    return District.objects.create(organisation=organisation, name="Nordstadt")


@pytest.fixture
def offer(organisation, district):
    return make_offer(organisation, district=district)


@pytest.fixture
def referral(caseworker, case, parent, offer):
    return refer(caseworker, case, parent, offer)


def _created(response) -> dict:
    assert response.status_code == 201, response.content
    return response.json()


# --- create ---------------------------------------------------------------------------------------------------

def test_a_referral_is_posted_to_an_offer_and_answered_with_its_first_step(alice, caseworker, case, parent, offer,
                                                                          district):
    body = _created(alice.post(_url(case), {
        "person": parent.pk, "need_kind": "parenting_course", "need_words": "Hilfe am Abend", "offer": offer.pk,
        "district": district.pk, "language": " DE ", "referred_on": LAST_WEEK.isoformat(),
        "follow_up_on": TODAY.isoformat(), "note": "Sie kennt den Kurs"}, content_type=JSON))
    assert body["person"] == {"id": parent.pk, "name": "Camilla Sørensen", "role": "parent"}
    assert (body["need_kind"], body["need_words"], body["language"]) == ("parenting_course", "Hilfe am Abend", "de")
    assert body["district"] == {"id": district.pk, "name": "Nordstadt"}
    assert body["offer"]["id"] == offer.pk and body["offer"]["provider"] == "Familienbildung Nord"
    assert (body["status"], body["status_on"], body["referred_by"]) == ("suggested", LAST_WEEK.isoformat(),
                                                                  caseworker.get_full_name())
    assert [(s["status"], s["on"]) for s in body["steps"]] == [("suggested", LAST_WEEK.isoformat())]
    assert "started" in body["allowed_next"] and "completed" not in body["allowed_next"]
    assert body["version"] == 1 and body["misfits"] == []
    assert AuditEvent.objects.filter(action="create", object_type="resources.referral", case=case).count() == 1


def test_without_consent_the_provider_contact_is_withheld(alice, case, parent, offer):
    body = _created(alice.post(_url(case), {"person": parent.pk, "need_kind": "parenting_course",
                                            "offer": offer.pk, "referred_on": LAST_WEEK.isoformat()},
                               content_type=JSON))
    assert body["consent_on"] is None and body["offer"]["provider_contact_withheld"] is True
    assert all(body["offer"][field] is None for field in CONTACT)
    assert "Frau Demir" not in json.dumps(alice.get(_url(case)).json())


def test_with_consent_the_provider_contact_is_shown(alice, case, parent, offer):
    body = _created(alice.post(_url(case), {"person": parent.pk, "need_kind": "parenting_course",
                                            "offer": offer.pk, "referred_on": LAST_WEEK.isoformat(),
                                            "consent_on": LAST_WEEK.isoformat()}, content_type=JSON))
    assert body["consent_on"] == LAST_WEEK.isoformat()
    assert body["offer"]["provider_contact_withheld"] is False
    assert {field: body["offer"][field] for field in CONTACT} == CONTACT


def test_a_full_offer_is_refused_on_full_confirmed_until_confirmed_then_recorded(alice, case, parent, organisation):
    full = make_offer(organisation, key="full", name="Elterncafé", capacity=Capacity.FULL)
    sent = {"person": parent.pk, "need_kind": "parenting_course", "offer": full.pk,
            "referred_on": LAST_WEEK.isoformat()}
    refused = alice.post(_url(case), sent, content_type=JSON)
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"full_confirmed"}
    assert "Elterncafé is marked full" in refused.json()["errors"]["full_confirmed"][0]
    assert not Referral.objects.exists()
    body = _created(alice.post(_url(case), {**sent, "full_confirmed": True}, content_type=JSON))
    assert body["offer_was_full"] is True


def test_no_suitable_offer_is_recorded_with_the_need_and_the_district(alice, case, parent, district):
    refused = alice.post(_url(case), {"person": parent.pk, "need_kind": "parent_group", "no_offer": True,
                                      "referred_on": LAST_WEEK.isoformat()}, content_type=JSON)
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) == {"need_words", "district"}
    body = _created(alice.post(_url(case), {
        "person": parent.pk, "need_kind": "parent_group", "no_offer": True, "need_words": "Andere Mütter treffen",
        "district": district.pk, "referred_on": LAST_WEEK.isoformat()}, content_type=JSON))
    assert (body["status"], body["offer"]) == ("no_offer", None)
    assert body["allowed_next"] == ["suggested"]


def test_bad_input_answers_400_with_an_error_on_each_field(alice, case, child, offer, organisation):
    other_case = CaseFactory(organisation=organisation)
    stranger_child = cast(Person, PersonFactory(case=other_case, role="child"))
    response = alice.post(_url(case), {"person": stranger_child.pk, "need_kind": "parenting_course",
                                       "offer": offer.pk, "language": "deutsch",
                                       "follow_up_on": "2300-01-01"}, content_type=JSON)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"person", "language", "referred_on", "follow_up_on"}
    response = alice.post(_url(case), {"person": child.pk, "need_kind": "astrology", "offer": "x"},
                          content_type=JSON)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"need_kind", "offer"}
    response = alice.post(_url(case), {"person": child.pk, "need_kind": "debt", "offer": offer.pk,
                                       "no_offer": True, "referred_on": TODAY.isoformat()}, content_type=JSON)
    assert response.status_code == 400 and "offer" in response.json()["errors"]
    assert not Referral.objects.exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(language=st.text(max_size=12), words=st.text(max_size=1100))
def test_any_language_or_words_are_saved_cleaned_or_refused_on_their_field(alice, case, parent, offer, language,
                                                                          words):
    response = alice.post(_url(case), json.dumps({
        "person": parent.pk, "need_kind": "parenting_course", "offer": offer.pk, "language": language,
        "need_words": words, "referred_on": LAST_WEEK.isoformat()}), content_type=JSON)
    if response.status_code == 201:
        body = response.json()
        assert body["language"] == language.strip().lower() and len(body["language"]) in (0, 2, 3)
        assert len(body["need_words"]) <= len(words)
    else:
        assert response.status_code == 400, response.content
        assert set(response.json()["errors"]) <= {"language", "need_words"}


# --- read -------------------------------------------------------------------------------------------------------

def test_the_list_answers_the_case_referrals_and_is_audited_once(alice, caseworker, case, parent, offer, district):
    refer(caseworker, case, parent, offer)
    refer(caseworker, case, parent, None, no_offer=True, district=district.pk, need_kind="debt")
    body = alice.get(_url(case)).json()
    assert body["count"] == 2 and {r["status"] for r in body["items"]} == {"suggested", "no_offer"}
    reads = AuditEvent.objects.filter(action="view", case=case)
    assert list(reads.values_list("object_type", flat=True)) == ["resources.referral_list"]


def test_a_referral_is_read_with_its_misfits_and_the_read_audited(alice, caseworker, case, organisation):
    young = PersonFactory(case=case, role="parent", first_name="Lea", birth_date=TODAY - timedelta(days=16 * 365))
    # Counselling for adults: the age range is the person's own (for a parenting course it is the children's).
    course = make_offer(organisation, key="adults", languages=",de,", kind="counselling")
    referral = refer(caseworker, case, young, course, language="ar", need_kind="counselling")
    body = alice.get(_url(case, referral)).json()
    assert [m["kind"] for m in body["misfits"]] == ["age", "language"]
    assert all(m["message"] for m in body["misfits"])
    read = AuditEvent.objects.get(action="view", case=case)
    assert (read.object_type, read.object_id) == ("resources.referral", str(referral.pk))


def test_a_referral_of_another_case_is_404(alice, caseworker, case, organisation, team, offer):
    other_case = CaseFactory(organisation=organisation, team=team)
    AssignmentFactory(case=other_case, user=caseworker)
    theirs = refer(caseworker, other_case, PersonFactory(case=other_case, role="parent"), offer)
    assert alice.get(_url(case, theirs)).status_code == 404
    assert _patch(alice, case, theirs, {"version": 1, "note": "x"}).status_code == 404
    assert alice.delete(_url(case, theirs)).status_code == 404
    assert alice.get(f"{_url(case)}/{2**70}").status_code in (400, 404)
    assert Referral.objects.get(pk=theirs.pk).note == ""


def test_the_list_takes_as_many_queries_for_twenty_referrals_as_for_two(alice, caseworker, case, organisation,
                                                                        django_assert_max_num_queries):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert alice.get(_url(case)).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        for i in range(n):
            made = Referral.objects.count()
            person = PersonFactory(case=case, role="parent", first_name=f"P{made}")
            district = District.objects.create(organisation=organisation, name=f"D{made}")
            offer = make_offer(organisation, key=f"o{made}", district=district)
            referral = refer(caseworker, case, person, offer, district=district.pk,
                             consent_on=LAST_WEEK if i % 2 else None)
            services.referral_move(actor=caseworker, case=case, referral=referral, expected_version=1,
                                   status="contacted", on=TODAY, note="Angerufen")

    add(2)
    count()  # the token's first use is recorded once
    with_two = count()
    add(18)
    with django_assert_max_num_queries(with_two):
        body = alice.get(_url(case)).json()
    assert body["count"] == 20 and all(len(r["steps"]) == 2 for r in body["items"])
    assert count() == with_two


# --- change -----------------------------------------------------------------------------------------------------

def test_a_patch_changes_the_details_sent_and_keeps_the_others(alice, case, referral, district):
    response = _patch(alice, case, referral, {"version": 1, "need_words": "Mehr Ruhe abends", "language": "tr",
                                              "district": district.pk, "follow_up_on": TODAY.isoformat()})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["need_words"], body["language"], body["follow_up_on"]) == ("Mehr Ruhe abends", "tr",
                                                                           TODAY.isoformat())
    assert body["version"] == 2 and body["note"] == "" and body["status"] == "suggested"
    cleared = _patch(alice, case, referral, {"version": 2, "follow_up_on": None, "district": None}).json()
    assert (cleared["follow_up_on"], cleared["district"]) == (None, None)
    assert _patch(alice, case, referral, {"version": 3, "need_words": None}).status_code == 400


def test_a_patch_moves_the_referral_to_its_next_step(alice, caseworker, case, referral):
    body = _patch(alice, case, referral, {"version": 1, "status": "started", "on": TODAY.isoformat(),
                                          "step_note": "Erster Abend war gut"}).json()
    assert (body["status"], body["status_on"]) == ("started", TODAY.isoformat())
    assert body["steps"][-1] == {"status": "started", "status_label": "Started", "on": TODAY.isoformat(),
                                 "note": "Erster Abend war gut", "recorded_by": caseworker.get_full_name()}
    assert body["note"] == "" and body["allowed_next"] == ["completed", "declined"]


def test_a_move_off_the_path_is_400_on_status_and_the_whole_patch_is_undone(alice, case, referral):
    response = _patch(alice, case, referral, {"version": 1, "note": "geändert", "status": "completed",
                                              "on": TODAY.isoformat()})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status"}
    referral.refresh_from_db()
    assert (referral.note, referral.status, referral.version) == ("", "suggested", 1)
    response = _patch(alice, case, referral, {"version": 1, "status": "contacted", "step_note": "x" * 3000})
    assert response.status_code == 400 and "step_note" in response.json()["errors"]
    response = _patch(alice, case, referral, {"version": 1, "status": "contacted"})
    assert response.status_code == 400 and set(response.json()["errors"]) == {"on"}
    assert ReferralEvent.objects.filter(referral=referral).count() == 1


def test_the_parts_of_a_step_without_its_status_are_refused(alice, case, referral, offer):
    response = _patch(alice, case, referral, {"version": 1, "on": TODAY.isoformat(), "offer": offer.pk})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"on", "offer"}


def test_a_need_without_an_offer_gets_one_through_a_patch(alice, caseworker, case, parent, district,
                                                          organisation):
    need = refer(caseworker, case, parent, None, no_offer=True, district=district.pk)
    full = make_offer(organisation, key="full", capacity=Capacity.FULL)
    sent = {"version": 1, "status": "suggested", "on": TODAY.isoformat(), "offer": full.pk}
    refused = _patch(alice, case, need, sent)
    assert refused.status_code == 400 and set(refused.json()["errors"]) == {"full_confirmed"}
    body = _patch(alice, case, need, {**sent, "full_confirmed": True}).json()
    assert (body["status"], body["offer"]["id"], body["offer_was_full"]) == ("suggested", full.pk, True)


def test_consent_recorded_shows_the_contact_and_withdrawn_hides_it_again(alice, case, referral):
    body = _patch(alice, case, referral, {"version": 1, "consent_on": LAST_WEEK.isoformat()}).json()
    assert body["consent_on"] == LAST_WEEK.isoformat() and body["offer"]["phone"] == CONTACT["phone"]
    assert alice.get(_url(case, referral)).json()["offer"]["provider_contact_withheld"] is False
    body = _patch(alice, case, referral, {"version": 2, "consent_on": None}).json()
    assert body["consent_on"] is None and body["offer"]["phone"] is None
    assert body["offer"]["provider_contact_withheld"] is True
    assert AuditEvent.objects.filter(action="update", changed_fields=["consent_on"]).count() == 2
    future = _patch(alice, case, referral, {"version": 3, "consent_on": (TODAY + timedelta(days=1)).isoformat()})
    assert future.status_code == 400 and set(future.json()["errors"]) == {"consent_on"}


def test_one_patch_changes_details_moves_and_records_consent_together(alice, case, referral):
    body = _patch(alice, case, referral, {"version": 1, "note": "Mit Oma", "status": "contacted",
                                          "on": TODAY.isoformat(), "consent_on": TODAY.isoformat()}).json()
    assert (body["note"], body["status"], body["consent_on"]) == ("Mit Oma", "contacted", TODAY.isoformat())
    assert body["version"] == 4


def test_a_stale_version_is_409_with_the_current_referral(alice, api_client_for, consultant, case, referral):
    assert _patch(api_client_for(consultant), case, referral, {"version": 1, "note": "Carla war da"}
                  ).status_code == 200
    for late in ({"version": 1, "note": "Alice"}, {"version": 1, "status": "contacted", "on": TODAY.isoformat()},
                 {"version": 1, "consent_on": TODAY.isoformat()}, {"version": 1}):
        stale = _patch(alice, case, referral, late)
        assert stale.status_code == 409, late
        assert stale.json()["current"]["note"] == "Carla war da" and stale.json()["current"]["version"] == 2
        assert "version" in stale.json()["errors"]
    referral.refresh_from_db()
    assert (referral.note, referral.status, referral.consent_on) == ("Carla war da", "suggested", None)


def test_delete_removes_a_suggested_referral_and_refuses_one_acted_on(alice, caseworker, case, referral, parent,
                                                                      offer):
    assert alice.delete(_url(case, referral)).status_code == 204
    assert not Referral.objects.filter(pk=referral.pk).exists()
    started = refer(caseworker, case, parent, offer)
    services.referral_move(actor=caseworker, case=case, referral=started, expected_version=1, status="started",
                           on=TODAY)
    refused = alice.delete(_url(case, started))
    assert refused.status_code == 400 and refused.json()["errors"]["__all__"]
    assert Referral.objects.filter(pk=started.pk).exists()


# --- who may -----------------------------------------------------------------------------------------------------

def test_without_a_token_every_route_is_401(anonymous, case, referral):
    for method, url in (("get", _url(case)), ("post", _url(case)), ("get", _url(case, referral)),
                        ("patch", _url(case, referral)), ("delete", _url(case, referral))):
        assert anonymous.generic(method.upper(), url, "{}", content_type=JSON).status_code == 401, (method, url)


def test_the_auditor_is_refused_with_403(api_client_for, auditor, case, parent, referral):
    client = api_client_for(auditor)
    assert client.get(_url(case)).status_code == 403
    assert client.get(_url(case, referral)).status_code == 403
    assert client.post(_url(case), {"person": parent.pk, "need_kind": "debt", "no_offer": True},
                       content_type=JSON).status_code == 403
    assert _patch(client, case, referral, {"version": 1, "note": "x"}).status_code == 403
    assert client.delete(_url(case, referral)).status_code == 403
    assert Referral.objects.get().note == ""


def test_another_organisation_gets_404_and_sees_nothing(api_client_for, stranger, case, parent, referral):
    client = api_client_for(stranger)
    answers = [client.get(_url(case)), client.get(_url(case, referral)),
               client.post(_url(case), {"person": parent.pk, "need_kind": "debt", "no_offer": True},
                           content_type=JSON),
               _patch(client, case, referral, {"version": 1, "note": "x"}), client.delete(_url(case, referral))]
    assert [a.status_code for a in answers] == [404] * 5
    assert all(b"Camilla" not in a.content for a in answers)
    assert Referral.objects.get().note == ""


def test_a_closed_case_is_read_but_refuses_every_change(alice, case, parent, referral, closed_case):
    assert alice.get(_url(case)).status_code == 200
    assert alice.get(_url(case, referral)).status_code == 200
    for response in (
            alice.post(_url(case), {"person": parent.pk, "need_kind": "debt", "no_offer": True}, content_type=JSON),
            _patch(alice, case, referral, {"version": 1, "note": "x"}),
            alice.delete(_url(case, referral))):
        assert response.status_code == 403
        assert response.json()["message"] == CLOSED
    assert Referral.objects.get().note == ""
