"""The organisation keeps its own list of legal bases, starting from its country's."""

from safehold.cases.models import LegalBasis


def test_the_list_of_legal_bases_is_kept_by_the_admin(org_admin, client_for):
    client = client_for(org_admin)
    assert client.post("/organisation/legal-bases/", {"code": "SGB VIII § 35a", "label": "Eingliederungshilfe"}
                       ).status_code == 302
    basis = LegalBasis.objects.get(code="SGB VIII § 35a")
    client.post(f"/organisation/legal-bases/{basis.pk}/toggle/")
    basis.refresh_from_db()
    assert not basis.is_active
    response = client.post("/organisation/legal-bases/", {"code": "SGB VIII § 35a", "label": "again"})
    assert "code" in response.context["form"].errors


def test_a_new_organisation_starts_with_its_country_s_legal_bases(db):
    from safehold.organisation.services import organisation_create

    german = organisation_create(name="Jugendamt Essen", kind="youth_office", country="DE")
    danish = organisation_create(name="Køge Kommune", kind="municipality", country="DK")
    assert set(german.legal_bases.values_list("code", flat=True)) == {
        "SGB VIII § 8a", "SGB VIII § 27", "SGB VIII § 33", "SGB VIII § 34", "SGB VIII § 36", "SGB VIII § 42"}
    assert all(code.startswith("Barnets Lov") for code in danish.legal_bases.values_list("code", flat=True))


def test_a_new_organisation_s_provisions_are_of_its_country_s_law(db):
    from safehold.organisation.services import legal_bases_add_country, organisation_create

    german = organisation_create(name="Jugendamt Kiel", kind="youth_office", country="DE")
    assert set(german.legal_bases.values_list("country", flat=True)) == {"DE"}
    legal_bases_add_country(organisation=german, country="DK", first_position=100)  # as the demo does
    danish = german.legal_bases.filter(country="DK")
    assert danish.count() == 7 and all(code.startswith("Barnets Lov") for code in danish.values_list("code", flat=True))
    assert min(danish.values_list("position", flat=True)) == 100


def test_the_admin_says_whose_law_a_new_provision_is_of(org_admin, client_for):
    client = client_for(org_admin)
    page = client.get("/organisation/legal-bases/").content.decode()
    assert '<option value="DE" selected>' in page  # the organisation's country first
    client.post("/organisation/legal-bases/", {"code": "Barnets Lov § 32", "label": "Støttende indsatser",
                                               "country": "DK"})
    assert LegalBasis.objects.get(code="Barnets Lov § 32").country == "DK"
    client.post("/organisation/legal-bases/", {"code": "SGB VIII § 35a", "label": "Eingliederungshilfe"})
    assert LegalBasis.objects.get(code="SGB VIII § 35a").country == "DE"  # none given: the organisation's
    response = client.post("/organisation/legal-bases/", {"code": "X § 1", "label": "x", "country": "XX"})
    assert "country" in response.context["form"].errors
