"""A case is offered the legal bases of its country's law: the country of its language where the organisation
keeps that list, else the organisation's own; one of another country's law is refused next to the field."""

import importlib
import json
import re

import pytest

from safehold.accounts.models import Organisation
from safehold.cases import services
from safehold.cases.models import Case, LegalBasis
from safehold.cases.selectors import legal_bases_by_language

DE, DK = Organisation.Country.GERMANY, Organisation.Country.DENMARK
NEW_CASE = {"reference": "BU-2026-0400", "family_name": "Holm", "opened_on": "2026-11-01", "summary": "",
            "legal_basis_note": ""}


@pytest.fixture
def sgb(organisation) -> LegalBasis:
    return LegalBasis.objects.create(organisation=organisation, code="SGB VIII § 8a", label="Schutzauftrag",
                                     country=DE)


@pytest.fixture
def barnets_lov(organisation) -> LegalBasis:
    """The German organisation keeps the Danish list too, as the demo organisation does."""
    return LegalBasis.objects.create(organisation=organisation, code="Barnets Lov § 20",
                                     label="Børnefaglig undersøgelse", country=DK, position=100)


def _codes(bases) -> list[str]:
    return [basis.code for basis in bases]


def _options(page: str) -> list[str]:
    select = re.search(r'<select name="legal_basis"[^>]*>(.*?)</select>', page, re.S)
    assert select, "no legal basis select"
    return [re.sub(r"\s+", " ", text).strip() for text in re.findall(r"<option[^>]*>(.*?)</option>", select.group(1))]


def test_each_language_is_offered_its_country_s_law_and_english_the_organisation_s(organisation, sgb, barnets_lov):
    offered = legal_bases_by_language(organisation_id=organisation.pk)
    assert _codes(offered["de"]) == ["SGB VIII § 8a"]
    assert _codes(offered["da"]) == ["Barnets Lov § 20"]
    assert _codes(offered["en"]) == ["SGB VIII § 8a"]  # the organisation is German


def test_an_organisation_without_the_language_s_list_offers_its_own_country_s(other_organisation):
    LegalBasis.objects.create(organisation=other_organisation, code="Barnets Lov § 19", label="Afdækning",
                              country=DK)
    offered = legal_bases_by_language(organisation_id=other_organisation.pk)
    assert {language: _codes(bases) for language, bases in offered.items()} == {
        "de": ["Barnets Lov § 19"], "da": ["Barnets Lov § 19"], "en": ["Barnets Lov § 19"]}


def test_provisions_out_of_use_are_not_offered_and_do_not_decide_the_country(organisation, sgb, barnets_lov):
    barnets_lov.is_active = False
    barnets_lov.save()
    assert _codes(legal_bases_by_language(organisation_id=organisation.pk)["da"]) == ["SGB VIII § 8a"]


def test_the_new_case_form_offers_the_danish_list_to_a_danish_speaker(caseworker, sgb, barnets_lov, client_for):
    caseworker.language = "da"
    caseworker.save()
    page = client_for(caseworker).get("/cases/new/").content.decode()
    assert _options(page) == ["Endnu ikke afklaret", "Barnets Lov § 20 – Børnefaglig undersøgelse"]
    # With script the list follows the language select: every language's list is on the select.
    select = re.search(r'<select name="legal_basis"[^>]*>', page).group(0)
    assert 'data-choices-follow="id_language"' in select
    lists = json.loads(re.search(r'data-choices="([^"]*)"', select).group(1).replace("&quot;", '"'))
    assert lists == {"de": [[sgb.pk, str(sgb)]], "da": [[barnets_lov.pk, str(barnets_lov)]],
                     "en": [[sgb.pk, str(sgb)]]}


def test_a_danish_case_on_the_german_law_is_refused_next_to_the_field(caseworker, team, sgb, barnets_lov,
                                                                      client_for):
    response = client_for(caseworker).post("/cases/new/", {**NEW_CASE, "language": "da", "legal_basis": sgb.pk,
                                                           "team": team.pk})
    assert response.status_code == 400
    page = response.content.decode()
    error = re.search(r'<p class="kern-error" id="id_legal_basis_error"[^>]*>(.*?)</p>', page, re.S)
    assert error
    assert ("This provision is of another country&#x27;s law. Choose one for the case language (Danish)."
            in error.group(1))
    # Without script the list now follows the language sent: the Danish provisions to choose from.
    assert _options(page)[1:] == ["Barnets Lov § 20 – Børnefaglig undersøgelse"]
    assert not Case.objects.filter(reference="BU-2026-0400").exists()


def test_a_danish_case_on_the_danish_law_is_opened(caseworker, team, sgb, barnets_lov, client_for):
    response = client_for(caseworker).post("/cases/new/", {**NEW_CASE, "language": "da", "team": team.pk,
                                                           "legal_basis": barnets_lov.pk})
    assert response.status_code == 302
    assert Case.objects.get(reference="BU-2026-0400").legal_basis == barnets_lov


def test_changing_the_language_of_a_case_resting_on_the_german_law_is_refused(caseworker, case, sgb,
                                                                             barnets_lov):
    Case.objects.filter(pk=case.pk).update(legal_basis=sgb, language="de")
    case.refresh_from_db()
    with pytest.raises(services.ValidationError) as refused:
        services.case_update(actor=caseworker, case=case, expected_version=case.version, language="da")
    assert list(refused.value.message_dict) == ["legal_basis"]
    changed = services.case_update(actor=caseworker, case=case, expected_version=case.version, language="da",
                                   legal_basis=barnets_lov.pk)
    assert sorted(changed) == ["language", "legal_basis"]


def test_a_case_already_on_another_country_s_law_can_still_be_edited(caseworker, case, sgb, barnets_lov,
                                                                     client_for):
    Case.objects.filter(pk=case.pk).update(legal_basis=sgb, language="da")
    case.refresh_from_db()
    client = client_for(caseworker)
    page = client.get(f"/cases/{case.pk}/edit/").content.decode()
    assert "SGB VIII § 8a – Schutzauftrag" in _options(page)  # what it rests on stays shown, chosen
    response = client.post(f"/cases/{case.pk}/edit/", {
        **NEW_CASE, "reference": case.reference, "language": "da", "legal_basis": sgb.pk,
        "summary": "only this changed", "version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.legal_basis, case.summary) == (sgb, "only this changed")


def test_the_api_refuses_another_country_s_law_on_the_legal_basis_field(caseworker, sgb, barnets_lov,
                                                                       api_client_for):
    response = api_client_for(caseworker).post("/api/v1/cases", {
        "reference": "BU-2026-0401", "family_name": "Holm", "language": "da", "legal_basis_id": sgb.pk,
    }, content_type="application/json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["legal_basis_id"]


def test_the_api_names_the_country_of_the_legal_basis(caseworker, case, barnets_lov, api_client_for):
    Case.objects.filter(pk=case.pk).update(legal_basis=barnets_lov, language="da")
    body = api_client_for(caseworker).get(f"/api/v1/cases/{case.pk}").json()
    assert body["legal_basis"]["country"] == "DK"


@pytest.mark.parametrize(("code", "organisation_country", "country"), [
    ("SGB VIII § 42", "DK", "DE"),
    ("Barnets Lov § 47", "DE", "DK"),
    ("Serviceloven § 50", "DE", "DK"),
    ("Landesrecht § 3", "DE", "DE"),
    ("Lokal aftale", "DK", "DK"),
])
def test_existing_provisions_get_the_country_of_their_law(code, organisation_country, country):
    migration = importlib.import_module("safehold.cases.migrations.0003_legal_basis_country")
    assert migration.country_of(code, organisation_country) == country


def test_existing_provisions_are_given_their_country(organisation, other_organisation):
    LegalBasis.objects.create(organisation=organisation, code="Barnets Lov § 20", label="x")
    LegalBasis.objects.create(organisation=other_organisation, code="Kommunal praksis", label="y")
    from django.apps import apps

    importlib.import_module("safehold.cases.migrations.0003_legal_basis_country").set_countries(apps, None)
    assert dict(LegalBasis.objects.values_list("code", "country")) == {
        "Barnets Lov § 20": "DK", "Kommunal praksis": "DK"}


