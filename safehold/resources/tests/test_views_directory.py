"""The directory's pages: the search without script and in place, an offer and its agreements, the editor's
form with its refusals and conflicts, verifying, taking an offer out and back, the districts and the settings."""

from __future__ import annotations

from datetime import date
from typing import cast

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from safehold.accounts.models import Organisation, Role, User
from safehold.audit.models import AuditEvent
from safehold.resources import services, sharing
from safehold.resources.models import DirectoryShare, District, Offer
from safehold.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

DIRECTORY = "/resources/"


def _offer(actor, name="Elternkurs Starke Eltern", **data) -> Offer:
    return services.offer_create(actor=actor, data={"name": name, "provider": "Familienzentrum Nord",
                                                    "kind": "parenting_course", "legal_domain": "sgb_viii",
                                                    "verified_on": timezone.localdate(), **data})


def _form(**data) -> dict:
    return {"name": "Mütterkreis", "provider": "Diakonie", "kind": "parent_group", "district": "",
            "address": "", "target_group": "", "age_from": "", "age_to": "", "languages": "de, tr",
            "legal_domain": "sgb_viii", "cost": "", "access": "both", "contact_name": "", "phone": "", "email": "",
            "website": "", "capacity": "open", "verified_on": "", "key": "", **data}


def _page(response) -> str:
    return response.content.decode()


@pytest.fixture
def their_admin(other_organisation):
    return UserFactory(username="tilde", organisation=other_organisation, roles=[Role.ORG_ADMIN])


# --- the directory -------------------------------------------------------------------------------------------


def test_the_directory_shows_each_offer_s_facts_and_how_many_were_found(org_admin, caseworker, client_for):
    nord = services.district_create(actor=org_admin, name="Nordstadt")
    _offer(org_admin, district=nord.pk, languages="de,tr", age_from=0, age_to=6, capacity="full")
    _offer(org_admin, "Schuldnerberatung", kind="debt", capacity="waiting_list", verified_on=date(2020, 1, 1))
    page = _page(client_for(caseworker).get(DIRECTORY))
    assert "2 offers found" in page
    assert "Elternkurs Starke Eltern" in page and "Familienzentrum Nord" in page and "Parenting course" in page
    assert "Nordstadt" in page and "de, tr" in page and "0–6 years" in page and "kern-badge--danger" in page
    assert "Waiting list" in page and "the whole area" in page and "any age" in page
    assert page.count("not verified for a year") == 1


def test_the_search_works_without_script_and_keeps_its_filters_in_the_pages(org_admin, caseworker, client_for):
    nord = services.district_create(actor=org_admin, name="Nord")
    _offer(org_admin, "Türkischer Elternkurs", district=nord.pk, languages="de,tr", age_from=0, age_to=6)
    _offer(org_admin, "Deutscher Elternkurs", district=nord.pk, languages="de")
    _offer(org_admin, "Jugendtreff", kind="open_youth_work", languages="tr", age_from=12)
    response = client_for(caseworker).get(DIRECTORY, {"kind": "parenting_course", "district": nord.pk,
                                                      "language": "tr", "age": "4", "q": "elternkurs"})
    page = _page(response)
    assert response.status_code == 200 and "1 offer found" in page
    assert "Türkischer Elternkurs" in page and "Deutscher Elternkurs" not in page and "Jugendtreff" not in page
    assert '<option value="tr"></option>' in page  # the languages present, offered beside the field


def test_an_htmx_search_answers_only_the_results(org_admin, caseworker, client_for):
    _offer(org_admin)
    response = client_for(caseworker).get(DIRECTORY, {"q": "starke"}, headers={"HX-Request": "true"})
    page = _page(response)
    assert "1 offer found" in page and "<html" not in page and 'role="search"' not in page


def test_an_age_that_is_no_number_is_named_next_to_its_field(org_admin, caseworker, client_for):
    _offer(org_admin)
    response = client_for(caseworker).get(DIRECTORY, {"age": "ten"})
    assert response.status_code == 400
    assert 'id="id_age_error"' in _page(response) and "1 offer found" in _page(response)


def test_results_come_25_to_a_page(org_admin, caseworker, client_for):
    for n in range(27):
        _offer(org_admin, f"Angebot {n:02d}")
    client = client_for(caseworker)
    first = _page(client.get(DIRECTORY, {"kind": "parenting_course"}))
    second = _page(client.get(DIRECTORY, {"kind": "parenting_course", "page": 2}))
    assert "27 offers found" in first and "Angebot 24" in first and "Angebot 25" not in first
    assert "Angebot 25" in second and "Page 2 of 2" in second
    assert "?kind=parenting_course&amp;page=2" in first


def test_the_directory_takes_as_many_queries_for_60_offers_as_for_3(org_admin, their_admin, organisation,
                                                                    caseworker, client_for,
                                                                    django_assert_max_num_queries):
    nord = services.district_create(actor=org_admin, name="Nord")
    share = sharing.directory_share_offer(actor=their_admin, partner_id=organisation.pk)
    sharing.directory_share_accept(actor=org_admin, share=share)
    _offer(their_admin, "Geteilt 1")
    for n in range(2):
        _offer(org_admin, f"Angebot {n}", district=nord.pk, languages="de")
    client = client_for(caseworker)
    client.get(DIRECTORY)
    with CaptureQueriesContext(connection) as few:
        assert "3 offers found" in _page(client.get(DIRECTORY, {"district": nord.pk}))
    for n in range(2, 59):
        _offer(org_admin if n % 2 else their_admin, f"Angebot {n}", district=nord.pk if n % 2 else None,
               languages="de,tr" if n % 3 else "uk", age_from=n % 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = _page(client.get(DIRECTORY, {"district": nord.pk}))
    assert "60 offers found" in page and "shared by Roskilde Kommune" in page


def test_editors_see_the_links_to_keep_the_directory_readers_do_not(caseworker, team_lead, org_admin, client_for):
    reader = _page(client_for(caseworker).get(DIRECTORY))
    editor = _page(client_for(team_lead).get(DIRECTORY))
    admin = _page(client_for(org_admin).get(DIRECTORY))
    for link in ("/resources/offers/new/", "/resources/districts/"):
        assert link not in reader and link in editor and link in admin
    assert "/resources/settings/" not in editor and "/resources/settings/" in admin


def test_reading_the_directory_writes_no_audit_record(org_admin, caseworker, client_for):
    offer = _offer(org_admin)
    before = AuditEvent.objects.count()
    client = client_for(caseworker)
    client.get(DIRECTORY)
    client.get(reverse("resources:offer", kwargs={"offer_id": offer.pk}))
    assert AuditEvent.objects.count() == before


# --- an offer ------------------------------------------------------------------------------------------------


def test_an_offer_shows_every_field_and_the_agreements_covering_it(org_admin, caseworker, client_for):
    offer = _offer(org_admin, address="Hauptstraße 1", target_group="Eltern mit Babys", cost="kostenlos",
                   contact_name="Frau Yilmaz", phone="0231 123", email="kurs@example.org",
                   website="https://example.org/kurs", access="self_referral")
    agreement = services.agreement_create(actor=org_admin, data={
        "title": "Kooperation Frühe Hilfen", "partner": "Gesundheitsamt", "valid_from": date(2026, 1, 1),
        "offers": [offer.pk]})
    page = _page(client_for(caseworker).get(reverse("resources:offer", kwargs={"offer_id": offer.pk})))
    for text in ("Hauptstraße 1", "Eltern mit Babys", "kostenlos", "Frau Yilmaz", "0231 123",
                 "mailto:kurs@example.org", "https://example.org/kurs", "Families come on their own",
                 "SGB VIII (child and youth welfare)", "Kooperation Frühe Hilfen", "Gesundheitsamt"):
        assert text in page, text
    assert "Edit" not in page and "/verify/" not in page
    try:
        url = reverse("resources:agreement", kwargs={"cooperation_id": agreement.pk})
    except NoReverseMatch:
        url = None
    if url:
        assert url in page


def test_an_editor_sees_edit_verify_and_remove(org_admin, team_lead, client_for):
    offer = _offer(org_admin)
    page = _page(client_for(team_lead).get(reverse("resources:offer", kwargs={"offer_id": offer.pk})))
    assert f"/resources/offers/{offer.pk}/edit/" in page and f"/resources/offers/{offer.pk}/verify/" in page
    assert "Remove from the directory" in page


def test_a_new_offer_is_made_on_the_page(team_lead, organisation, client_for):
    nord = District.objects.create(organisation=organisation, name="Nord")
    response = client_for(team_lead).post("/resources/offers/new/", _form(district=nord.pk, age_from="0",
                                                                         age_to="3", verified_on="2026-01-05"))
    offer = Offer.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/resources/offers/{offer.pk}/"
    assert (offer.name, offer.district, offer.languages, offer.age_to, offer.created_by) == (
        "Mütterkreis", nord, ",de,tr,", 3, team_lead)
    assert offer.verified_on == date(2026, 1, 5)


def test_refused_input_is_shown_next_to_its_field_with_status_400(team_lead, client_for):
    response = client_for(team_lead).post("/resources/offers/new/", _form(
        name="", languages="deutsch", age_from="12", age_to="6", website="ftp://x"))
    page = _page(response)
    assert response.status_code == 400 and not Offer.objects.exists()
    for field, message in (("name", "Enter the offer&#x27;s name."),
                           ("languages", "Not a language code: deutsch."),
                           ("age_to", "The age range ends before it starts."),
                           ("website", "Enter a web address starting with https:// or http://.")):
        assert f'id="id_{field}_error"' in page and message in page, field


def test_an_edit_saves_and_a_stale_version_shows_the_conflict_with_409(org_admin, team_lead, client_for):
    offer = _offer(org_admin)
    url = f"/resources/offers/{offer.pk}/edit/"
    form_page = _page(client_for(team_lead).get(url))
    assert 'name="version" value="1"' in form_page and "Elternkurs Starke Eltern" in form_page
    saved = client_for(org_admin).post(url, _form(name="Elternkurs", capacity="full", version="1"))
    assert saved.status_code == 302
    stale = client_for(team_lead).post(url, _form(name="Elternkurs Süd", capacity="open", version="1"))
    page = _page(stale)
    assert stale.status_code == 409 and "Someone else saved this in the meantime" in page
    assert "Elternkurs Süd" in page and 'name="version" value="2"' in page  # typed kept, next save applies to 2
    offer.refresh_from_db()
    assert (offer.name, offer.capacity, offer.version) == ("Elternkurs", "full", 2)


def test_verify_today_marks_the_offer_verified(org_admin, team_lead, client_for):
    offer = _offer(org_admin, verified_on=date(2020, 1, 1))
    response = client_for(team_lead).post(f"/resources/offers/{offer.pk}/verify/")
    offer.refresh_from_db()
    assert response.status_code == 302 and offer.verified_on == timezone.localdate()


def test_an_offer_is_taken_out_of_the_directory_and_put_back(org_admin, team_lead, caseworker, client_for):
    offer = _offer(org_admin)
    client = client_for(team_lead)
    assert client.post(f"/resources/offers/{offer.pk}/active/", {"version": 1, "is_active": "no"}).status_code == 302
    assert "0 offers found" in _page(client_for(caseworker).get(DIRECTORY))
    page = _page(client.get(f"/resources/offers/{offer.pk}/"))
    assert "Put back into the directory" in page and "the search does not find it" in page
    assert client.post(f"/resources/offers/{offer.pk}/active/", {"version": 2, "is_active": "yes"}).status_code == 302
    assert Offer.objects.get(pk=offer.pk).is_active


def test_taking_out_an_offer_someone_changed_meanwhile_is_a_conflict(org_admin, team_lead, client_for):
    offer = _offer(org_admin)
    services.offer_update(actor=org_admin, offer=offer, expected_version=1, data={"capacity": "full"})
    response = client_for(team_lead).post(f"/resources/offers/{offer.pk}/active/", {"version": 1, "is_active": "no"})
    assert response.status_code == 409 and "Someone else saved this in the meantime" in _page(response)
    assert Offer.objects.get(pk=offer.pk).is_active


def test_a_version_missing_from_the_button_is_refused_with_400(org_admin, team_lead, client_for):
    offer = _offer(org_admin)
    response = client_for(team_lead).post(f"/resources/offers/{offer.pk}/active/", {"is_active": "no"})
    assert response.status_code == 400 and Offer.objects.get(pk=offer.pk).is_active


# --- districts -----------------------------------------------------------------------------------------------


def test_districts_are_added_listed_with_their_offers_and_deleted(org_admin, team_lead, client_for,
                                                                  django_assert_max_num_queries):
    client = client_for(team_lead)
    assert client.post("/resources/districts/", {"name": "Nord"}).status_code == 302
    assert client.post("/resources/districts/", {"name": "Süd"}).status_code == 302
    nord, sued = District.objects.all()
    _offer(org_admin, district=nord.pk)
    with django_assert_max_num_queries(8):
        page = _page(client.get("/resources/districts/"))
    assert "Nord" in page and "Süd" in page
    assert client.post(f"/resources/districts/{sued.pk}/delete/").status_code == 302
    refused = client.post(f"/resources/districts/{nord.pk}/delete/")
    assert refused.status_code == 400
    assert "Offers are in this district. Move them to another district first." in _page(refused)
    assert list(District.objects.values_list("name", flat=True)) == ["Nord"]


def test_a_district_name_twice_is_refused_next_to_the_field(org_admin, team_lead, client_for):
    services.district_create(actor=org_admin, name="Nord")
    response = client_for(team_lead).post("/resources/districts/", {"name": "nord"})
    assert response.status_code == 400 and 'id="id_name_error"' in _page(response)


# --- settings ------------------------------------------------------------------------------------------------


def test_the_admin_decides_who_edits_on_the_settings_page(org_admin, organisation, caseworker, client_for):
    client = client_for(org_admin)
    page = _page(client.get("/resources/settings/"))
    assert 'value="team_lead"' in page and 'value="caseworker"' in page and 'value="org_admin"' not in page
    assert client.post("/resources/settings/editors/", {"roles": ["caseworker"]}).status_code == 302
    organisation.refresh_from_db()
    assert organisation.directory_editor_roles == "caseworker"
    assert "/resources/offers/new/" in _page(client_for(caseworker).get(DIRECTORY))
    refused = client.post("/resources/settings/editors/", {"roles": ["auditor"]})
    assert refused.status_code == 400


def test_sharing_is_offered_accepted_and_ended_on_the_settings_pages(org_admin, their_admin, organisation,
                                                                     other_organisation, caseworker, client_for):
    ours, theirs = client_for(org_admin), client_for(their_admin)
    assert "Roskilde Kommune" in _page(ours.get("/resources/settings/"))
    assert ours.post("/resources/settings/shares/", {"partner": other_organisation.pk}).status_code == 302
    share = DirectoryShare.objects.get()
    assert "waiting for their answer" in _page(ours.get("/resources/settings/"))
    assert "Jugendamt Dortmund" in _page(theirs.get("/resources/settings/"))
    assert theirs.post(f"/resources/settings/shares/{share.pk}/accept/").status_code == 302
    assert DirectoryShare.objects.get().agreed
    assert "End sharing" in _page(ours.get("/resources/settings/"))
    assert ours.post(f"/resources/settings/shares/{share.pk}/accept/").status_code == 403
    assert ours.post(f"/resources/settings/shares/{share.pk}/end/").status_code == 302
    assert not DirectoryShare.objects.exists()


def test_offering_to_share_twice_is_refused_next_to_the_field(org_admin, other_organisation, client_for):
    client = client_for(org_admin)
    client.post("/resources/settings/shares/", {"partner": other_organisation.pk})
    response = client.post("/resources/settings/shares/", {"partner": other_organisation.pk})
    assert response.status_code == 400 and 'id="id_partner_error"' in _page(response)
    assert client.post("/resources/settings/shares/", {"partner": ""}).status_code == 400


def test_the_settings_page_takes_as_many_queries_for_many_shares_as_for_one(org_admin, organisation, client_for,
                                                                           django_assert_max_num_queries):
    client = client_for(org_admin)
    sharing.directory_share_offer(actor=org_admin, partner_id=Organisation.objects.create(name="Erste").pk)
    with CaptureQueriesContext(connection) as one:
        client.get("/resources/settings/")
    for n in range(5):
        partner = Organisation.objects.create(name=f"Partner {n}")
        sharing.directory_share_offer(actor=org_admin, partner_id=partner.pk)
        admin = cast(User, UserFactory(organisation=partner, roles=[Role.ORG_ADMIN]))
        share = sharing.directory_share_offer(actor=admin, partner_id=organisation.pk)
        sharing.directory_share_accept(actor=org_admin, share=share)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/resources/settings/")


@pytest.mark.parametrize(("language", "words"), [
    ("de", ("Angebote", "1 Angebot gefunden", "Sozialraum", "Neues Angebot")),
    ("da", ("Tilbud", "1 tilbud fundet", "Område", "Nyt tilbud")),
])
def test_the_directory_speaks_the_user_s_language(language, words, org_admin, client_for):
    offer = _offer(org_admin)
    org_admin.language = language
    org_admin.save()
    client = client_for(org_admin)
    page = _page(client.get(DIRECTORY))
    assert all(word in page for word in words), [w for w in words if w not in page]
    for url in (f"/resources/offers/{offer.pk}/", f"/resources/offers/{offer.pk}/edit/", "/resources/districts/",
                "/resources/settings/"):
        assert client.get(url).status_code == 200
