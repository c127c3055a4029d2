"""An agreement with a professional can point to a referral of the case (issue 16, item 2): chosen by id and
refused on its field when it is not of this case, kept by the next version, frozen with an approved one, shown on
the plan page with a link to the referral, and read and written through the API. The family's documents name
the help agreed, but the provider's name and contact only once the family consented to share data with it."""

from __future__ import annotations

import io
from datetime import date
from typing import cast

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, Person
from safehold.resources import referrals as referral_services
from safehold.resources.models import Capacity, District, Offer, Referral
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS
from safehold.safety_plans.documents import agreed_help, plan_pdf, plan_pdf_context
from safehold.safety_plans.models import PlanStatus, ProfessionalAgreement
from safehold.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"
CONTACT = ("Frau Demir", "0231 555 010", "kurs@example.org", "Hafenstraße 4")


def make_offer(organisation, *, key: str = "course", name: str = "Starke Eltern") -> Offer:
    return Offer.objects.create(
        organisation=organisation, key=key, name=name, provider="Familienbildung Nord", kind="parenting_course",
        legal_domain="sgb_viii", languages=",de,en,", contact_name=CONTACT[0], phone=CONTACT[1], email=CONTACT[2],
        address=CONTACT[3], capacity=Capacity.OPEN)


def refer(actor, case, person, offer: Offer | None, **values) -> Referral:
    if offer is None:  # the need is recorded: no suitable offer exists
        district = District.objects.create(organisation=case.organisation, name=f"Nordstadt {case.pk}")
        values = {"no_offer": True, "district": district.pk, **values}
    return referral_services.referral_create(
        actor=actor, case=case, person=person.pk, need_kind="parenting_course",
        need_words="Ich schaffe es abends nicht mit den Kindern", offer=offer.pk if offer else None,
        referred_on=timezone.localdate(), **values)


@pytest.fixture
def english_case(case):
    case.language = "en"
    case.save(update_fields=["language"])
    return case


@pytest.fixture
def plan(english_case, caseworker):
    return services.plan_create(actor=caseworker, case=english_case)


@pytest.fixture
def offer(organisation):
    return make_offer(organisation)


@pytest.fixture
def referral(english_case, caseworker, parent, offer):
    return refer(caseworker, english_case, parent, offer)


@pytest.fixture
def elsewhere(organisation, caseworker, offer):
    """A referral of another case of the same organisation (one the caseworker does not work on)."""
    other = cast(Case, CaseFactory(organisation=organisation))
    return Referral.objects.create(case=other, person=cast(Person, PersonFactory(case=other, role="parent")),
                                   need_kind="parenting_course", offer=offer)


def add(case, caseworker, plan, **values) -> ProfessionalAgreement:
    return services.agreement_add(actor=caseworker, case=case, plan=plan, **{
        "agency": "Familienbildung", "agreement": "Camilla goes to the course on Tuesdays.", **values})


def approve(case, caseworker, team_lead, plan, child) -> None:
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Grandma stays in the house",
                         responsible=child.pk, periods=list(CELLS))
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.APPROVED)
    plan.refresh_from_db()


def consent(case, caseworker, referral: Referral) -> None:
    referral_services.referral_consent(actor=caseworker, case=case, referral=referral, on=timezone.localdate(),
                                       expected_version=referral.version)


# --- services ------------------------------------------------------------------------------------------------

def test_an_agreement_points_to_a_referral_of_the_case(english_case, caseworker, plan, referral):
    row = add(english_case, caseworker, plan, referral=referral.pk)
    row.refresh_from_db()
    assert row.referral == referral
    assert list(referral.plan_agreements.all()) == [row]


def test_a_referral_of_another_case_is_refused_on_its_field(english_case, caseworker, plan, elsewhere):
    with pytest.raises(ValidationError) as refused:
        add(english_case, caseworker, plan, referral=elsewhere.pk)
    assert refused.value.message_dict == {"referral": ["Choose a referral of this case."]}
    assert plan.agreements.count() == 0


@pytest.mark.parametrize("named", [0, -1, 2**40, "abc", "1.5", [1]])
def test_an_id_that_names_no_referral_is_refused_on_its_field(english_case, caseworker, plan, named):
    with pytest.raises(ValidationError) as refused:
        add(english_case, caseworker, plan, referral=named)
    assert list(refused.value.message_dict) == ["referral"]


def test_the_referral_of_an_agreement_is_changed_and_cleared_with_an_audit_record(english_case, caseworker, plan,
                                                                                   referral):
    row = add(english_case, caseworker, plan)
    assert services.agreement_update(actor=caseworker, case=english_case, professional_agreement=row,
                                     expected_version=1, referral=referral.pk) == ["referral"]
    assert AuditEvent.objects.filter(action="update", object_type="safety_plans.professionalagreement",
                                     object_id=str(row.pk), changed_fields=["referral"]).exists()
    # A change of the text alone keeps the referral.
    services.agreement_update(actor=caseworker, case=english_case, professional_agreement=row, expected_version=2,
                              agreement="Camilla goes on Thursdays.")
    row.refresh_from_db()
    assert (row.referral_id, row.agreement) == (referral.pk, "Camilla goes on Thursdays.")
    services.agreement_update(actor=caseworker, case=english_case, professional_agreement=row, expected_version=3,
                              referral=None)
    row.refresh_from_db()
    assert row.referral is None


def test_an_agreement_cannot_be_changed_to_a_referral_of_another_case(english_case, caseworker, plan, referral,
                                                                      elsewhere):
    row = add(english_case, caseworker, plan, referral=referral.pk)
    with pytest.raises(ValidationError) as refused:
        services.agreement_update(actor=caseworker, case=english_case, professional_agreement=row,
                                  expected_version=1, referral=elsewhere.pk)
    assert list(refused.value.message_dict) == ["referral"]
    row.refresh_from_db()
    assert (row.referral_id, row.version) == (referral.pk, 1)


def test_the_next_version_keeps_the_link_and_the_approved_one_cannot_change_it(english_case, caseworker, team_lead,
                                                                              plan, referral, child):
    row = add(english_case, caseworker, plan, referral=referral.pk)
    approve(english_case, caseworker, team_lead, plan, child)
    with pytest.raises(ValidationError, match="An approved version cannot be changed"):
        services.agreement_update(actor=caseworker, case=english_case, professional_agreement=row,
                                  expected_version=1, referral=None)
    row.refresh_from_db()
    assert row.referral_id == referral.pk

    following = services.plan_create(actor=caseworker, case=english_case)
    [copied] = following.agreements.all()
    assert (copied.agency, copied.referral_id) == (row.agency, referral.pk)


def test_a_referral_deleted_as_a_mistake_leaves_the_agreement_without_one(english_case, caseworker, plan,
                                                                          referral):
    row = add(english_case, caseworker, plan, referral=referral.pk)
    referral_services.referral_delete(actor=caseworker, case=english_case, referral=referral)
    row.refresh_from_db()
    assert (row.referral, row.agreement) == (None, "Camilla goes to the course on Tuesdays.")


# --- pages ------------------------------------------------------------------------------------------------------

def plan_url(case, plan, name: str = "plan_detail", **kwargs) -> str:
    return reverse(f"safety_plans:{name}", kwargs={"case_id": case.pk, "plan_id": plan.pk, **kwargs})


def test_the_agreement_form_offers_the_cases_referrals_by_need_offer_and_status(client_for, english_case,
                                                                               caseworker, plan, referral, parent,
                                                                               elsewhere):
    unmet = refer(caseworker, english_case, parent, None)
    page = client_for(caseworker).get(plan_url(english_case, plan)).content.decode()
    assert "Referral" in page
    assert f'<option value="{referral.pk}">Parenting course · Starke Eltern · Suggested</option>' in page
    assert f'<option value="{unmet.pk}">Parenting course · no suitable offer · No suitable offer exists</option>' \
        in page
    assert f'<option value="{elsewhere.pk}"' not in page


def test_an_agreement_added_on_the_page_links_to_its_referral(client_for, english_case, caseworker, plan, referral):
    client = client_for(caseworker)
    response = client.post(plan_url(english_case, plan, "agreement_add"), {
        "agency": "Familienbildung", "agreement": "Course on Tuesdays", "referral": referral.pk})
    assert response.status_code == 302
    assert plan.agreements.get().referral == referral

    page = client.get(plan_url(english_case, plan)).content.decode()
    link = reverse("referrals:detail", kwargs={"case_id": english_case.pk, "referral_id": referral.pk})
    assert f'href="{link}"' in page
    assert "Provider not in the family's plan until consent" in page
    consent(english_case, caseworker, referral)
    assert "Provider not in the family's plan until consent" not in client.get(
        plan_url(english_case, plan)).content.decode()


def test_a_referral_of_another_case_is_refused_next_to_the_field(client_for, english_case, caseworker, plan,
                                                                 elsewhere):
    response = client_for(caseworker).post(plan_url(english_case, plan, "agreement_add"), {
        "agency": "Familienbildung", "agreement": "Course on Tuesdays", "referral": elsewhere.pk})
    assert response.status_code == 400
    assert "Choose a referral of this case." in response.content.decode()
    assert plan.agreements.count() == 0


def test_the_edit_page_shows_the_referral_chosen_and_changes_it(client_for, english_case, caseworker, plan,
                                                                referral, parent):
    row = add(english_case, caseworker, plan, referral=referral.pk)
    other = refer(caseworker, english_case, parent, make_offer(english_case.organisation, key="group",
                                                               name="Müttergruppe"))
    client = client_for(caseworker)
    url = plan_url(english_case, plan, "agreement_edit", agreement_id=row.pk)
    assert f'<option value="{referral.pk}" selected>' in client.get(url).content.decode()
    response = client.post(url, {"agency": row.agency, "agreement": row.agreement, "referral": other.pk,
                                  "version": row.version})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.referral == other


@pytest.mark.parametrize("agreements", [1, 6])
def test_the_plan_page_reads_the_referrals_of_its_agreements_in_a_fixed_number_of_queries(
        client_for, english_case, caseworker, plan, parent, agreements, django_assert_max_num_queries):
    for n in range(agreements):
        found = refer(caseworker, english_case, parent, make_offer(english_case.organisation, key=f"o{n}",
                                                                   name=f"Offer {n}"))
        add(english_case, caseworker, plan, referral=found.pk)
    client = client_for(caseworker)
    with django_assert_max_num_queries(21):  # with the read audit's chain head (audit/chain.py)
        response = client.get(plan_url(english_case, plan))
    assert response.status_code == 200
    assert response.content.decode().count('href="/cases/') >= agreements


# --- API ------------------------------------------------------------------------------------------------------

def api_plan_url(plan) -> str:
    return f"/api/v1/cases/{plan.case_id}/safety-plans/{plan.pk}"


def test_the_api_adds_an_agreement_with_its_referral_and_reads_it_back(alice, plan, referral):
    response = alice.patch(api_plan_url(plan), {"version": plan.version, "agreements": [
        {"agency": "Familienbildung", "agreement": "Course on Tuesdays", "referral": referral.pk},
        {"agency": "School", "agreement": "Calls us when Freja is absent."}]}, content_type=JSON)
    assert response.status_code == 200, response.content
    assert [(a["agency"], a["referral"]) for a in response.json()["agreements"]] == [
        ("Familienbildung", referral.pk), ("School", None)]
    assert [a["referral"] for a in alice.get(api_plan_url(plan)).json()["agreements"]] == [referral.pk, None]


def test_the_api_refuses_a_referral_of_another_case_on_its_field(alice, plan, elsewhere):
    response = alice.patch(api_plan_url(plan), {"version": plan.version, "agreements": [
        {"agency": "Familienbildung", "agreement": "Course on Tuesdays", "referral": elsewhere.pk}]},
        content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {"agreements.0.referral": ["Choose a referral of this case."]}
    assert plan.agreements.count() == 0


# --- the documents ----------------------------------------------------------------------------------------------

def document(case, plan, audience: str = "family") -> str:
    """The plan's PDF as HTML, through the context the PDF is rendered with (faster than laying it out)."""
    return render_to_string("safety_plans/pdf/plan.html", plan_pdf_context(case, plan, audience=audience))


def test_without_consent_the_family_plan_names_the_help_but_not_the_provider(english_case, caseworker, plan,
                                                                             referral):
    add(english_case, caseworker, plan, referral=referral.pk)
    family = document(english_case, plan)
    assert "Camilla goes to the course on Tuesdays." in family and "Parenting course" in family
    for withheld in ("Starke Eltern", "Familienbildung Nord", *CONTACT):
        assert withheld not in family
    assert "once you have agreed that your information may be shared with them" in family


def test_with_consent_the_family_plan_names_the_provider_and_its_contact(english_case, caseworker, plan, referral):
    add(english_case, caseworker, plan, referral=referral.pk)
    consent(english_case, caseworker, referral)
    family = document(english_case, plan)
    for shown in ("Parenting course", "Starke Eltern", "Familienbildung Nord", *CONTACT):
        assert shown in family
    assert "once you have agreed" not in family


def test_withdrawn_consent_takes_the_provider_out_of_the_family_plan_again(english_case, caseworker, plan,
                                                                          referral):
    add(english_case, caseworker, plan, referral=referral.pk)
    consent(english_case, caseworker, referral)
    referral.refresh_from_db()
    referral_services.referral_consent_withdraw(actor=caseworker, case=english_case, referral=referral,
                                                expected_version=referral.version)
    assert "Starke Eltern" not in document(english_case, plan)


def test_the_authoritys_version_names_the_provider_and_marks_the_missing_consent(english_case, caseworker, plan,
                                                                                referral):
    add(english_case, caseworker, plan, referral=referral.pk)
    authority = document(english_case, plan, "authority")
    assert "Starke Eltern" in authority and CONTACT[1] in authority
    assert "No consent to share data with the provider yet" in authority
    consent(english_case, caseworker, referral)
    assert "No consent to share data" not in document(english_case, plan, "authority")


def test_a_referral_without_an_offer_prints_the_kind_of_help_alone(english_case, caseworker, plan, parent):
    add(english_case, caseworker, plan, referral=refer(caseworker, english_case, parent, None).pk)
    family = document(english_case, plan)
    assert "Parenting course" in family and "once you have agreed" not in family


def _pdf_text(case, plan) -> str:
    # Words joined by single spaces: a line of the PDF may break anywhere.
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(plan_pdf(case, plan))).pages)
                    .split())


def test_the_family_pdf_names_the_provider_only_after_consent(english_case, caseworker, plan, referral):
    add(english_case, caseworker, plan, referral=referral.pk)
    before = _pdf_text(english_case, plan)
    assert "Parenting course" in before and "Familienbildung Nord" not in before and CONTACT[1] not in before
    consent(english_case, caseworker, referral)
    after = _pdf_text(english_case, plan)
    assert "Familienbildung Nord" in after and CONTACT[1] in after


def test_the_family_pdf_speaks_the_cases_language_about_the_help(english_case, caseworker, plan, referral):
    english_case.language = "de"
    english_case.save(update_fields=["language"])
    add(english_case, caseworker, plan, referral=referral.pk)
    assert "Elternkurs" in document(english_case, plan)


@given(consented=st.booleans(), family=st.booleans(), name=st.text(min_size=1, max_size=20),
       phone=st.text(min_size=1, max_size=20))
def test_the_provider_is_named_unless_it_is_the_familys_document_without_consent(consented, family, name, phone):
    offer = Offer(name=name, provider="Provider", kind="parenting_course", phone=phone)
    referral = Referral(need_kind="parenting_course", status="started", offer=offer,
                        consent_on=date(2025, 1, 2) if consented else None)
    help_ = agreed_help(referral, family=family)
    assert help_ is not None and help_.kind == "Parenting course"
    named = (help_.offer, help_.provider, help_.phone) == (name, "Provider", phone)
    assert named is (consented or not family)
    if not named:
        assert (help_.offer, help_.provider, help_.contact_name, help_.phone, help_.email, help_.address) == \
            ("",) * 6
    assert help_.withheld is not consented
    assert agreed_help(None, family=family) is None
