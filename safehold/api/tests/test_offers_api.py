"""GET/POST /api/v1/offers, GET/PATCH /api/v1/offers/{offer_id}, the districts and the cooperation agreements:
the directory of offers with the pages' access rule, services and optimistic locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.accounts.models import Role
from safehold.audit.models import AuditEvent
from safehold.resources import services
from safehold.resources.models import DirectoryShare, Offer
from safehold.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/offers"
JSON = "application/json"


def offer(actor, **fields) -> Offer:
    data = {"name": "Elternkurs Starke Eltern", "provider": "Familienbildungsstätte Nord", "kind": "parenting_course",
            "legal_domain": "sgb_viii", **fields}
    return services.offer_create(actor=actor, data=data)


@pytest.fixture
def lead(team_lead, api_client_for):
    """The team lead edits the directory (the organisation's default editor role)."""
    return api_client_for(team_lead)


@pytest.fixture
def eving(team_lead):
    return services.district_create(actor=team_lead, name="Eving")


@pytest.fixture
def other_admin(other_organisation):
    return UserFactory(username="ole", organisation=other_organisation, roles=[Role.ORG_ADMIN])


@pytest.fixture
def third_admin(db):
    """The admin of an organisation that shares nothing with anyone."""
    return UserFactory(username="alma", organisation=OrganisationFactory(name="Aarhus Kommune"), roles=[Role.ORG_ADMIN])


@pytest.fixture
def theirs(other_admin):
    return offer(other_admin, name="Forældrekursus", provider="Roskilde Familiehus", languages="da")


@pytest.fixture
def shared(theirs, other_organisation, organisation):
    DirectoryShare.objects.create(owner=other_organisation, partner=organisation, accepted_at=timezone.now())
    return theirs


# --- the search ---------------------------------------------------------------------------------------------

def test_a_worker_finds_a_parenting_course_in_the_familys_district_and_language(alice, team_lead, eving):
    found = offer(team_lead, district=eving.pk, languages="de,tr", age_from=0, age_to=12,
                  verified_on=timezone.localdate())
    offer(team_lead, name="Elternkurs Innenstadt", languages="de", district="", kind="parenting_course")
    offer(team_lead, name="Schuldnerberatung", kind="debt", languages="de,tr", district=eving.pk)
    offer(team_lead, name="Kurs auf Polnisch", languages="pl", district=eving.pk)

    response = alice.get(BASE, {"kind": "parenting_course", "district": eving.pk, "language": "tr", "age": 4})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == found.pk
    assert item["languages"] == ["de", "tr"]
    assert item["district"] == {"id": eving.pk, "name": "Eving"}
    assert item["organisation"] == "Jugendamt Dortmund"
    assert item["needs_verifying"] is False
    assert item["version"] == 1
    assert item["kind"] == "parenting_course" and item["age_to"] == 12


def test_an_offer_without_a_district_serves_every_district(alice, team_lead, eving):
    offer(team_lead, name="Online-Elternkurs")

    response = alice.get(BASE, {"district": eving.pk})

    assert [i["name"] for i in response.json()["items"]] == ["Online-Elternkurs"]
    assert response.json()["items"][0]["district"] is None


def test_words_are_searched_without_accents_and_stale_offers_are_flagged(alice, team_lead):
    offer(team_lead, name="Mütterfrühstück", kind="parent_group",
          verified_on=timezone.localdate() - timedelta(days=400))

    [item] = alice.get(BASE, {"q": "mutterfruhstuck"}).json()["items"]

    assert item["needs_verifying"] is True


def test_inactive_offers_show_only_when_asked_for(alice, team_lead):
    offer(team_lead, name="Alter Kurs", is_active=False)

    assert alice.get(BASE).json()["count"] == 0
    assert alice.get(BASE, {"include_inactive": "true"}).json()["count"] == 1


def test_the_list_is_paged(alice, team_lead):
    for n in range(5):
        offer(team_lead, name=f"Kurs {n}")

    body = alice.get(BASE, {"limit": 2, "offset": 2}).json()

    assert body["count"] == 5
    assert [i["name"] for i in body["items"]] == ["Kurs 2", "Kurs 3"]


def test_a_shared_directory_is_searched_too(alice, shared):
    [item] = alice.get(BASE, {"language": "da"}).json()["items"]

    assert item["id"] == shared.pk and item["organisation"] == "Roskilde Kommune"


def test_another_organisations_directory_is_not_searched_without_a_share(alice, theirs):
    assert alice.get(BASE).json() == {"items": [], "count": 0}


@pytest.mark.parametrize(("params", "field"), [
    ({"kind": "knitting"}, "kind"),
    ({"age": "-1"}, "age"),
    ({"age": "x"}, "age"),
    ({"language": "deutsch"}, "language"),
    ({"limit": "101"}, "limit"),
    ({"limit": "0"}, "limit"),
    ({"offset": "-5"}, "offset"),
    ({"district": "abc"}, "district"),
])
def test_bad_search_parameters_answer_400_on_their_field(alice, params, field):
    response = alice.get(BASE, params)

    assert response.status_code == 400
    assert field in response.json()["errors"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=st.text(max_size=250), language=st.text(max_size=5), age=st.text(max_size=4))
def test_any_search_text_answers_a_result_or_a_400_naming_the_field(alice, q, language, age):
    response = alice.get(BASE, {"q": q, "language": language, "age": age})

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert set(response.json()["errors"]) <= {"q", "language", "age"}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(max_size=320), languages=st.lists(st.text(max_size=4), max_size=4))
def test_any_name_and_languages_for_a_new_offer_are_saved_or_refused_by_field(lead, name, languages):
    with transaction.atomic():
        response = lead.post(BASE, {"name": name, "provider": "Träger", "kind": "counselling",
                                    "legal_domain": "sgb_viii", "languages": languages}, content_type=JSON)
        assert response.status_code in (201, 400)
        if response.status_code == 400:
            assert set(response.json()["errors"]) <= {"name", "languages"}
        else:
            assert response.json()["languages"] == list(dict.fromkeys(c.strip().lower() for c in languages
                                                                      if c.strip()))
        transaction.set_rollback(True)


def test_a_district_of_another_organisation_is_refused_on_its_field(alice, other_admin):
    theirs = services.district_create(actor=other_admin, name="Himmelev")

    response = alice.get(BASE, {"district": theirs.pk})

    assert response.status_code == 400
    assert response.json()["errors"] == {"district": ["Choose a district of your organisation."]}


def test_the_search_takes_as_many_queries_for_40_offers_as_for_3(alice, team_lead, eving,
                                                                 django_assert_max_num_queries):
    for n in range(3):
        offer(team_lead, name=f"Kurs {n}", district=eving.pk, languages="de")
    with django_assert_max_num_queries(8) as few:
        assert alice.get(BASE, {"limit": 100}).json()["count"] == 3
    for n in range(3, 40):
        offer(team_lead, name=f"Kurs {n}", district=eving.pk, languages="de")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert alice.get(BASE, {"limit": 100}).json()["count"] == 40


# --- who may ------------------------------------------------------------------------------------------------

def test_every_call_needs_a_token(anonymous, team_lead):
    found = offer(team_lead)
    for method, path in (("get", BASE), ("post", BASE), ("get", f"{BASE}/{found.pk}"),
                         ("patch", f"{BASE}/{found.pk}"), ("get", f"{BASE}/districts"),
                         ("get", f"{BASE}/agreements")):
        response = getattr(anonymous, method)(path, {}, content_type=JSON) if method != "get" else anonymous.get(path)
        assert response.status_code == 401, (method, path)


def test_a_user_without_a_role_may_not_read_the_directory(organisation, team_lead, api_client_for):
    found = offer(team_lead)
    nobody = api_client_for(UserFactory(username="nina", organisation=organisation))

    for path in (BASE, f"{BASE}/{found.pk}", f"{BASE}/districts", f"{BASE}/agreements"):
        assert nobody.get(path).status_code == 403, path


def test_a_caseworker_reads_but_does_not_write_unless_the_organisation_says_so(alice, team_lead):
    found = offer(team_lead)

    assert alice.get(f"{BASE}/{found.pk}").status_code == 200
    created = alice.post(BASE, {"name": "X", "provider": "Y", "kind": "debt", "legal_domain": "other"},
                         content_type=JSON)
    changed = alice.patch(f"{BASE}/{found.pk}", {"version": 1, "name": "Z"}, content_type=JSON)

    assert (created.status_code, changed.status_code) == (403, 403)
    assert Offer.objects.get().name == "Elternkurs Starke Eltern"


def test_an_auditor_reads_the_directory(auditor, api_client_for, team_lead):
    found = offer(team_lead)

    assert api_client_for(auditor).get(f"{BASE}/{found.pk}").status_code == 200


# --- one offer ----------------------------------------------------------------------------------------------

def test_an_offer_is_read_with_every_field(alice, team_lead, eving):
    found = offer(team_lead, district=eving.pk, languages="de,ar", contact_name="Frau Öztürk",
                  email="kurs@example.org", website="https://example.org/kurs", capacity="waiting_list",
                  cost="kostenlos", access="self_referral", address="Evinger Platz 2", target_group="Eltern",
                  verified_on=date(2020, 1, 1))

    body = alice.get(f"{BASE}/{found.pk}").json()

    assert body["languages"] == ["de", "ar"]
    assert body["capacity"] == "waiting_list" and body["access"] == "self_referral"
    assert body["needs_verifying"] is True and body["verified_on"] == "2020-01-01"
    assert body["key"] == "elternkurs-starke-eltern"
    assert {"contact_name", "email", "website", "cost", "address", "target_group", "legal_domain",
            "is_active", "created_at", "updated_at", "kind_label"} <= set(body)


def test_a_shared_offer_is_read_but_another_organisations_answers_404(alice, shared, third_admin):
    unshared = offer(third_admin, name="Nur für Aarhus")

    assert alice.get(f"{BASE}/{shared.pk}").status_code == 200
    assert alice.get(f"{BASE}/{unshared.pk}").status_code == 404
    assert alice.get(f"{BASE}/999999999").status_code == 404


# --- adding one ---------------------------------------------------------------------------------------------

def test_an_editor_adds_an_offer(lead, eving):
    response = lead.post(BASE, {
        "name": "Mütterfrühstück Eving", "provider": "Familienzentrum Eving", "kind": "parent_group",
        "legal_domain": "sgb_viii", "district": eving.pk, "languages": ["de", "TR"], "age_from": 0, "age_to": 3,
    }, content_type=JSON)

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["languages"] == ["de", "tr"] and body["district"]["name"] == "Eving"
    saved = Offer.objects.get(pk=body["id"])
    assert saved.languages == ",de,tr," and saved.version == 1
    assert AuditEvent.objects.filter(action="create", object_type="resources.offer", object_id=str(saved.pk)).exists()


def test_a_refused_offer_names_each_field(lead, other_admin):
    their_district = services.district_create(actor=other_admin, name="Himmelev")

    response = lead.post(BASE, {
        "name": "  ", "provider": "Träger", "kind": "counselling", "legal_domain": "sgb_viii",
        "district": their_district.pk, "languages": ["deutsch"], "age_from": 12, "age_to": 3,
        "email": "not-an-address", "website": "ftp://example.org",
    }, content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"name", "district", "languages", "age_to", "email", "website"}
    assert not Offer.objects.exists()


def test_a_missing_kind_or_an_unknown_one_is_refused_by_the_schema(lead):
    response = lead.post(BASE, {"name": "Kurs", "provider": "Träger", "kind": "knitting"}, content_type=JSON)

    assert response.status_code == 400
    assert {"kind", "legal_domain"} <= set(response.json()["errors"])


def test_a_key_taken_by_another_offer_is_refused(lead, team_lead):
    offer(team_lead, key="kurs-1")

    response = lead.post(BASE, {"key": "kurs-1", "name": "Kurs", "provider": "Träger", "kind": "counselling",
                                "legal_domain": "sgb_viii"}, content_type=JSON)

    assert response.status_code == 400
    assert response.json()["errors"] == {"key": ["Another offer has this key."]}


# --- changing one -------------------------------------------------------------------------------------------

def test_an_editor_changes_only_the_fields_sent(lead, team_lead, eving):
    found = offer(team_lead, district=eving.pk, languages="de", phone="0231 1")

    response = lead.patch(f"{BASE}/{found.pk}", {"version": 1, "capacity": "full", "languages": ["de", "uk"]},
                          content_type=JSON)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["capacity"], body["languages"], body["version"]) == ("full", ["de", "uk"], 2)
    assert (body["phone"], body["district"]["id"], body["name"]) == ("0231 1", eving.pk, "Elternkurs Starke Eltern")


def test_null_clears_the_district_but_not_the_name(lead, team_lead, eving):
    found = offer(team_lead, district=eving.pk)

    cleared = lead.patch(f"{BASE}/{found.pk}", {"version": 1, "district": None}, content_type=JSON)
    refused = lead.patch(f"{BASE}/{found.pk}", {"version": 2, "name": None}, content_type=JSON)

    assert cleared.status_code == 200 and cleared.json()["district"] is None
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"name": ["This field cannot be empty."]}


def test_a_change_the_service_refuses_names_the_field(lead, team_lead):
    found = offer(team_lead, age_from=3)

    response = lead.patch(f"{BASE}/{found.pk}", {"version": 1, "age_to": 1, "email": "x"}, content_type=JSON)

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"age_to", "email"}
    assert Offer.objects.get().version == 1


def test_a_stale_version_answers_409_with_the_offer_as_it_is_now(lead, team_lead):
    found = offer(team_lead)
    services.offer_update(actor=team_lead, offer=found, expected_version=1, data={"capacity": "full"})

    response = lead.patch(f"{BASE}/{found.pk}", {"version": 1, "name": "Mein Name"}, content_type=JSON)

    assert response.status_code == 409
    body = response.json()
    assert "version" in body["errors"]
    assert body["current"]["capacity"] == "full" and body["current"]["version"] == 2
    assert Offer.objects.get().name == "Elternkurs Starke Eltern"


def test_a_shared_or_another_organisations_offer_cannot_be_changed(lead, shared, third_admin):
    unshared = offer(third_admin, name="Nur für Aarhus")

    for target in (shared, unshared):
        response = lead.patch(f"{BASE}/{target.pk}", {"version": 1, "name": "Meins"}, content_type=JSON)
        assert response.status_code == 404
    assert not Offer.objects.filter(name="Meins").exists()


def test_a_patch_without_a_version_is_refused(lead, team_lead):
    found = offer(team_lead)

    response = lead.patch(f"{BASE}/{found.pk}", {"name": "Neu"}, content_type=JSON)

    assert response.status_code == 400 and "version" in response.json()["errors"]


# --- districts and agreements ------------------------------------------------------------------------------

def test_the_districts_are_listed_in_the_organisations_order(alice, team_lead, other_admin):
    services.district_create(actor=team_lead, name="Eving")
    services.district_create(actor=team_lead, name="Brackel")
    services.district_create(actor=other_admin, name="Himmelev")

    body = alice.get(f"{BASE}/districts").json()

    assert [d["name"] for d in body["items"]] == ["Eving", "Brackel"] and body["count"] == 2


def test_the_districts_path_is_not_taken_for_an_offer_id(alice):
    assert alice.get(f"{BASE}/districts").status_code == 200
    assert alice.get(f"{BASE}/agreements").status_code == 200


def test_the_agreements_are_listed_with_the_offers_they_cover(alice, team_lead, other_admin):
    covered = offer(team_lead, name="Sprechstunde Erwachsenenpsychiatrie", kind="parent_psychiatry",
                    legal_domain="sgb_v")
    services.agreement_create(actor=team_lead, data={
        "title": "Kooperation Jugendamt – Erwachsenenpsychiatrie", "partner": "LWL-Klinik",
        "contingent": "20 Beratungsstunden im Jahr", "valid_from": date(2025, 1, 1), "offers": [covered.pk]})
    services.agreement_create(actor=other_admin, data={"title": "Their agreement", "partner": "Region",
                                                       "valid_from": date(2025, 1, 1)})

    body = alice.get(f"{BASE}/agreements").json()

    assert body["count"] == 1
    [item] = body["items"]
    assert item["offers"] == [{"id": covered.pk, "name": "Sprechstunde Erwachsenenpsychiatrie"}]
    assert item["holds_today"] is True and item["contingent"] == "20 Beratungsstunden im Jahr"
