"""The family's plan, the contact card and the authority's version as real PDFs in the case's language."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from safehold.cases import services as case_services
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS, cells_for
from safehold.safety_plans.documents import contact_card_pdf, plan_pdf


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


@pytest.fixture
def plan(case, caseworker, team_lead, parent):
    grandma = case_services.person_create(actor=caseworker, case=case, role="network", first_name="Inge",
                                          last_name="Holm", relationship="grandmother", phone="+45 20 30 40 50")
    plan = services.plan_create(actor=caseworker, case=case)
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         coordinator=grandma.pk, if_worries_who_is_called="Inge calls the social worker at once.")
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Mum takes Freja to school",
                         responsible=parent.pk, periods=cells_for(["mon", "tue", "wed", "thu", "fri"], ["morning"]))
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Grandma sleeps over",
                         responsible=grandma.pk, periods=[c for c in CELLS if not c.endswith(":morning")])
    services.contact_add(actor=caseworker, case=case, plan=plan, person=grandma.pk, role="network coordinator")
    return plan


def test_the_family_pdf_names_who_does_what_and_the_coordinators_number(case, plan):
    text = _text(plan_pdf(case, plan))
    assert "Mum takes Freja to school" in text and "Grandma sleeps over" in text
    assert "+45 20 30 40 50" in text
    assert _in_case_language(case, "Monitoring") not in text  # the family's version has no monitoring history


def test_the_contact_card_is_one_page_with_the_coordinator(case, plan):
    pdf = contact_card_pdf(case, plan)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "Inge Holm" in _text(pdf) and "+45 20 30 40 50" in _text(pdf)


def test_the_plan_prints_in_the_cases_language(case, plan):
    case.language = "da"
    case.save(update_fields=["language"])
    text = _text(plan_pdf(case, plan))
    assert "Who does what, and when" not in text


def test_a_30_rule_plan_prints_every_rule_on_a_few_pages(case, caseworker, parent, plan):
    # How long it takes is measured by bench/plans.py (docs/PERFORMANCE.md), not asserted here.
    for n in range(28):
        services.rule_create(actor=caseworker, case=case, plan=plan, responsible=parent.pk,
                             text=f"Rule {n}: who does what exactly, and what happens if it does not work out.",
                             periods=[CELLS[n]])
    pdf = plan_pdf(case, plan)
    text = _text(pdf)
    assert all(f"Rule {n}:" in text for n in range(28))
    assert "Mum takes Freja to school" in text and "Grandma sleeps over" in text
    assert 2 <= len(PdfReader(io.BytesIO(pdf)).pages) <= 6


def test_a_person_who_keeps_a_rule_cannot_be_removed_from_the_case(case, caseworker, parent, plan, client_for):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        case_services.person_delete(actor=caseworker, case=case, person=parent)
    parent.refresh_from_db()
    response = client_for(caseworker).post(f"/cases/{case.pk}/people/{parent.pk}/delete/")
    assert response.status_code == 302
    assert case.people.filter(pk=parent.pk).exists()


# --- downloads: from the plan's page and through the API, each an audited export ------------------------------

def _in_case_language(case, text: str) -> str:
    from django.utils import translation

    with translation.override(case.language):
        return translation.gettext(text)


@pytest.mark.parametrize(("kind", "expected"), [
    ("family", "Grandma sleeps over"), ("authority", "Monitoring"), ("contact-card", "+45 20 30 40 50"),
])
def test_each_document_downloads_from_the_plan_page_and_is_audited(case, plan, caseworker, client_for, kind,
                                                                   expected):
    from safehold.audit.models import AuditEvent

    response = client_for(caseworker).get(f"/cases/{case.pk}/safety-plans/{plan.pk}/pdf/{kind}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"-v{plan.version_no}.pdf" in response["Content-Disposition"]
    assert _in_case_language(case, expected) in _text(response.content)
    event = AuditEvent.objects.filter(actor=caseworker, action="export").latest("pk")
    assert (event.case_id, event.object_type) == (case.pk, f"safety_plans.pdf.{kind}")


def test_an_unknown_document_is_404(case, plan, caseworker, client_for):
    assert client_for(caseworker).get(f"/cases/{case.pk}/safety-plans/{plan.pk}/pdf/passport/").status_code == 404


def test_the_plan_page_links_the_documents(case, plan, caseworker, client_for):
    page = client_for(caseworker).get(f"/cases/{case.pk}/safety-plans/{plan.pk}/").content.decode()
    for kind in ("family", "authority", "contact-card"):
        assert f"/cases/{case.pk}/safety-plans/{plan.pk}/pdf/{kind}/" in page


def test_the_api_serves_the_family_plan_by_default_and_the_others_by_kind(case, plan, caseworker, api_client_for):
    from safehold.audit.models import AuditEvent

    api = api_client_for(caseworker)
    url = f"/api/v1/cases/{case.pk}/safety-plans/{plan.pk}/pdf"
    monitoring = _in_case_language(case, "Monitoring")
    family = api.get(url)
    assert family.status_code == 200 and family["Content-Type"] == "application/pdf"
    assert "+45 20 30 40 50" in _text(family.content) and monitoring not in _text(family.content)
    authority = api.get(url, {"kind": "authority"})
    assert monitoring in _text(authority.content)
    assert AuditEvent.objects.filter(actor=caseworker, action="export", case_id=case.pk).count() == 2
    refused = api.get(url, {"kind": "passport"})
    assert refused.status_code == 400 and "kind" in str(refused.json()["errors"])


def test_another_organisations_plan_is_404_through_the_api(case, plan, stranger, api_client_for):
    response = api_client_for(stranger).get(f"/api/v1/cases/{case.pk}/safety-plans/{plan.pk}/pdf")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
