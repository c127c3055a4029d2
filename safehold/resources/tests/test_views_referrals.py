"""The referral pages without script: the need searched in the directory (fitting offers first, the others marked),
a referral to the chosen offer or "no suitable offer exists", the full offer's warning, the steps with their dates,
the provider's contact kept out of family documents until consent, edits with conflicts, deleting, access and the
audit of reads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.resources import referrals as services
from safehold.resources.models import Capacity, Referral, ReferralStatus
from safehold.resources.tests.test_referrals import make_district, make_offer, mother, refer

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def district(organisation):
    return make_district(organisation)


@pytest.fixture
def parent(case):
    return mother(case)


@pytest.fixture
def offer(organisation, district):
    return make_offer(organisation, district=district)


def _need(parent, district, **values) -> dict:
    return {"person": parent.pk, "need_kind": "parenting_course", "district": district.pk, "language": "de",
            "need_words": "Abends wird es laut", **values}


def _referral_post(parent, district, **values) -> dict:
    return {**_need(parent, district), "referred_on": TODAY().isoformat(), "follow_up_on": "", "consent_on": "",
            "note": "", **values}


def test_the_search_shows_fitting_offers_first_and_marks_the_others(caseworker, case, parent, district, organisation,
                                                                    client_for):
    make_offer(organisation, key="fits", name="Starke Eltern", district=district)
    make_offer(organisation, key="danish", name="Forældrekursus Øst", languages=",da,")
    make_offer(organisation, key="full", name="Kurs am Abend", capacity=Capacity.FULL)
    make_offer(organisation, key="other-need", name="Schuldnerberatung", kind="debt")
    response = client_for(caseworker).get(f"/cases/{case.pk}/referrals/new/", _need(parent, district))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Starke Eltern") < page.index("do not fit the person") < page.index("Forældrekursus Øst")
    assert "language does not fit" in page and "Not offered in de (only da)" in page
    assert "Kurs am Abend" in page and "The offer is marked full" in page
    assert "Schuldnerberatung" not in page
    assert 'name="no_offer"' in page


def test_the_search_without_a_need_kind_says_so_beside_the_field(caseworker, case, parent, district, client_for):
    response = client_for(caseworker).get(f"/cases/{case.pk}/referrals/new/", _need(parent, district, need_kind=""))
    assert response.status_code == 400
    assert 'id="need-need_kind_error"' in response.content.decode()


def test_a_worker_refers_the_mother_to_the_chosen_offer(caseworker, case, parent, district, offer, client_for):
    client = client_for(caseworker)
    response = client.post(f"/cases/{case.pk}/referrals/new/", _referral_post(
        parent, district, offer=offer.pk, refer="", consent_on=TODAY().isoformat()))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/referrals/{referral.pk}/"
    assert referral.offer == offer and referral.person == parent and referral.consent_on == TODAY()
    page = client.get(response["Location"]).content.decode()
    assert "Starke Eltern" in page and "Frau Demir" in page and "may name this contact" in page


def test_no_suitable_offer_is_recorded_from_the_same_form(caseworker, case, parent, district, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/referrals/new/",
                                           _referral_post(parent, district, no_offer=""))
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == ReferralStatus.NO_OFFER and referral.offer is None


def test_no_suitable_offer_without_the_need_in_words_is_refused_beside_the_field(caseworker, case, parent, district,
                                                                                client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/referrals/new/",
                                           _referral_post(parent, district, need_words="", no_offer=""))
    assert response.status_code == 400
    assert 'id="referral-need_words_error"' in response.content.decode()
    assert not Referral.objects.exists()


def test_a_full_offer_warns_and_is_recorded_when_confirmed(caseworker, case, parent, district, organisation,
                                                           client_for):
    full = make_offer(organisation, key="full", name="Kurs am Abend", capacity=Capacity.FULL)
    client = client_for(caseworker)
    url = f"/cases/{case.pk}/referrals/new/"
    response = client.post(url, _referral_post(parent, district, offer=full.pk))
    page = response.content.decode()
    assert response.status_code == 400 and "is marked full" in page and 'id="referral-full_confirmed_error"' in page
    assert f'value="{full.pk}" id="offer-{full.pk}" checked' in page  # the choice is kept
    response = client.post(url, _referral_post(parent, district, offer=full.pk, full_confirmed="on"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "referred although full" in page and "The offer was marked full" in page


def test_an_offer_that_does_not_fit_is_marked_on_the_referral_and_in_the_list(caseworker, case, district,
                                                                              organisation, client_for):
    from safehold.testing.factories import PersonFactory

    child = PersonFactory(case=case, role="child", first_name="Freja", birth_date=TODAY() - timedelta(days=3300))
    adults = make_offer(organisation, key="adults", age_from=18)
    referral = refer(caseworker, case, child, adults)
    client = client_for(caseworker)
    assert "age does not fit" in client.get(f"/cases/{case.pk}/referrals/").content.decode()
    assert "the person is 9" in client.get(f"/cases/{case.pk}/referrals/{referral.pk}/").content.decode()


def test_without_consent_the_provider_s_contact_is_marked_as_not_for_family_documents(caseworker, case, parent,
                                                                                    offer, client_for):
    referral = refer(caseworker, case, parent, offer)
    client = client_for(caseworker)
    url = f"/cases/{case.pk}/referrals/{referral.pk}/"
    page = client.get(url).content.decode()
    assert "Not in family documents until consent." in page and "Record the family's consent" in page
    response = client.post(f"{url}consent/", {"version": 1, "consent_on": TODAY().isoformat()})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Not in family documents until consent." not in page and "Withdraw the consent" in page
    assert client.post(f"{url}consent/", {"version": 2, "withdraw": ""}).status_code == 302
    referral.refresh_from_db()
    assert referral.consent_on is None


def test_consent_in_the_future_is_refused_on_the_page(caseworker, case, parent, offer, client_for):
    referral = refer(caseworker, case, parent, offer)
    response = client_for(caseworker).post(f"/cases/{case.pk}/referrals/{referral.pk}/consent/", {
        "version": 1, "consent_on": (TODAY() + timedelta(days=2)).isoformat()})
    assert response.status_code == 400 and "The date cannot be in the future." in response.content.decode()


def test_the_detail_offers_the_next_steps_and_records_one_with_its_date(caseworker, case, parent, offer,
                                                                        client_for):
    referral = refer(caseworker, case, parent, offer, referred_on=TODAY() - timedelta(days=3))
    client = client_for(caseworker)
    url = f"/cases/{case.pk}/referrals/{referral.pk}/"
    page = client.get(url).content.decode()
    for label in ("Provider contacted", "Waiting for a place", "Started", "Declined by the family",
                  "Refused by the provider"):
        assert f'<span class="kern-label">{label}</span></button>' in page
    assert "Completed</span></button>" not in page
    response = client.post(f"{url}step/", {"version": 1, "status": "started", "on": TODAY().isoformat(),
                                           "note": "Erster Termin war gut"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Erster Termin war gut" in page and "Completed</span></button>" in page


def test_a_step_dated_before_the_last_is_refused_beside_its_date(caseworker, case, parent, offer, client_for):
    referral = refer(caseworker, case, parent, offer)
    response = client_for(caseworker).post(f"/cases/{case.pk}/referrals/{referral.pk}/step/", {
        "version": 1, "status": "contacted", "on": (TODAY() - timedelta(days=5)).isoformat()})
    page = response.content.decode()
    assert response.status_code == 400 and "cannot be dated before the one before it" in page
    assert 'id="move-contacted-on_error"' in page


def test_a_step_off_the_path_is_refused(caseworker, case, parent, offer, client_for):
    referral = refer(caseworker, case, parent, offer)
    response = client_for(caseworker).post(f"/cases/{case.pk}/referrals/{referral.pk}/step/", {
        "version": 1, "status": "completed", "on": TODAY().isoformat()})
    assert response.status_code == 400 and "cannot become" in response.content.decode()
    assert Referral.objects.get().status == ReferralStatus.SUGGESTED


def test_two_people_editing_the_same_referral_the_second_gets_a_conflict(caseworker, consultant, case, parent,
                                                                         offer, client_for):
    referral = refer(caseworker, case, parent, offer)
    url = f"/cases/{case.pk}/referrals/{referral.pk}/edit/"
    first, second = client_for(caseworker), client_for(consultant)
    assert "Abends" not in first.get(url).content.decode()  # the need words as saved
    data = {"version": 1, "need_words": "", "district": "", "language": "de", "follow_up_on": "", "note": ""}
    assert first.post(url, {**data, "note": "Mine"}).status_code == 302
    response = second.post(url, {**data, "note": "Theirs"})
    page = response.content.decode()
    assert response.status_code == 409 and "Someone else saved this in the meantime" in page
    assert "Theirs" in page and "Mine" in page  # their entry kept, the saved one shown
    assert Referral.objects.get().note == "Mine"


def test_a_need_without_offer_gets_an_offer_on_its_own_page(caseworker, case, parent, district, offer, client_for):
    referral = refer(caseworker, case, parent, None, no_offer=True, district=district.pk)
    client = client_for(caseworker)
    detail = client.get(f"/cases/{case.pk}/referrals/{referral.pk}/").content.decode()
    assert "Choose an offer now" in detail
    url = f"/cases/{case.pk}/referrals/{referral.pk}/offer/"
    assert "Starke Eltern" in client.get(url).content.decode()
    response = client.post(url, {"version": 1, "offer": offer.pk, "on": TODAY().isoformat(), "note": ""})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SUGGESTED and referral.offer == offer
    assert client.get(url).status_code == 302  # it has one now


def test_deleting_asks_first_and_is_refused_once_the_referral_moved(caseworker, case, parent, offer, client_for):
    client = client_for(caseworker)
    gone = refer(caseworker, case, parent, offer)
    url = f"/cases/{case.pk}/referrals/{gone.pk}/delete/"
    assert "Delete this referral?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302 and not Referral.objects.filter(pk=gone.pk).exists()
    kept = refer(caseworker, case, parent, offer)
    services.referral_move(actor=caseworker, case=case, referral=kept, expected_version=1, status="started",
                           on=TODAY(), note="")
    response = client.post(f"/cases/{case.pk}/referrals/{kept.pk}/delete/")
    assert response.status_code == 400 and Referral.objects.filter(pk=kept.pk).exists()


def test_reading_a_referral_is_audited_with_the_referral(caseworker, case, parent, offer, client_for):
    referral = refer(caseworker, case, parent, offer)
    client_for(caseworker).get(f"/cases/{case.pk}/referrals/{referral.pk}/")
    read = AuditEvent.objects.filter(action="view").latest("pk")
    assert (read.object_type, read.object_id, read.case_id) == ("resources.referral", str(referral.pk), case.pk)


def test_the_auditor_reads_nothing_and_others_find_nothing(caseworker, auditor, colleague, stranger, case, parent,
                                                           offer, client_for):
    referral = refer(caseworker, case, parent, offer)
    url = f"/cases/{case.pk}/referrals/{referral.pk}/"
    assert client_for(auditor).get(url).status_code == 403
    for user in (colleague, stranger):
        assert client_for(user).get(url).status_code == 404


def test_a_closed_case_s_referrals_are_read_but_no_new_one_is_made(consultant, closed_case, client_for):
    client = client_for(consultant)
    assert client.get(f"/cases/{closed_case.pk}/referrals/").status_code == 200
    response = client.get(f"/cases/{closed_case.pk}/referrals/new/")
    assert response.status_code == 403 and "This case is closed" in response.content.decode()


def test_the_list_takes_a_fixed_number_of_queries(caseworker, case, parent, offer, district, organisation,
                                                  client_for, django_assert_max_num_queries):
    client = client_for(caseworker)
    url = f"/cases/{case.pk}/referrals/"
    refer(caseworker, case, parent, offer)
    client.get(url)
    with django_assert_max_num_queries(16) as few:
        client.get(url)
    for index in range(6):
        other = make_offer(organisation, key=f"o{index}", district=district)
        referral = refer(caseworker, case, parent, other)
        services.referral_move(actor=caseworker, case=case, referral=referral, expected_version=1,
                               status="contacted", on=TODAY(), note="")
    refer(caseworker, case, parent, None, no_offer=True, district=district.pk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("/referrals/") >= 8


def test_the_need_and_the_referral_forms_on_one_page_have_ids_of_their_own(caseworker, case, parent, district,
                                                                          client_for):
    import re

    page = client_for(caseworker).get(f"/cases/{case.pk}/referrals/new/", _need(parent, district)).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert 'for="referral-need_words"' in page and 'id="referral-need_words"' in page
