"""The family's plan, the contact card and the authority's version as real PDFs in the case's language."""

from __future__ import annotations

import io
import time

import pytest
from pypdf import PdfReader

from safehold.cases import services as case_services
from safehold.cases.access import Perm, access_case
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS, cells_for
from safehold.safety_plans.documents import contact_card_pdf, plan_pdf


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


@pytest.fixture
def plan(case, caseworker, team_lead, parent):
    loaded = access_case(caseworker, case.pk, Perm.CHANGE)
    grandma = case_services.person_create(actor=caseworker, case=loaded, role="network", first_name="Inge",
                                          last_name="Holm", relationship="grandmother", phone="+45 20 30 40 50")
    plan = services.plan_create(actor=caseworker, case=loaded)
    services.plan_update(actor=caseworker, case=loaded, plan=plan, expected_version=plan.version,
                         coordinator=grandma, if_worries_who_is_called="Inge calls the social worker at once.")
    services.rule_create(actor=caseworker, case=loaded, plan=plan, text="Mum takes Freja to school",
                         responsible=parent.pk, periods=cells_for(["mon", "tue", "wed", "thu", "fri"], ["morning"]))
    services.rule_create(actor=caseworker, case=loaded, plan=plan, text="Grandma sleeps over",
                         responsible=grandma.pk, periods=[c for c in CELLS if not c.endswith(":morning")])
    services.contact_add(actor=caseworker, case=loaded, plan=plan, person=grandma.pk, role="network coordinator")
    return plan


def test_the_family_pdf_names_who_does_what_and_the_coordinators_number(case, plan):
    text = _text(plan_pdf(case, plan))
    assert "Mum takes Freja to school" in text and "Grandma sleeps over" in text
    assert "+45 20 30 40 50" in text
    assert "Monitoring" not in text  # the family's version has no monitoring history


def test_the_contact_card_is_one_page_with_the_coordinator(case, plan):
    pdf = contact_card_pdf(case, plan)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "Inge Holm" in _text(pdf) and "+45 20 30 40 50" in _text(pdf)


def test_the_plan_prints_in_the_cases_language(case, plan):
    case.language = "da"
    case.save(update_fields=["language"])
    text = _text(plan_pdf(case, plan))
    assert "Who does what, and when" not in text


def test_a_30_rule_plan_renders_in_under_two_seconds(case, caseworker, parent, plan):
    loaded = access_case(caseworker, case.pk, Perm.CHANGE)
    for n in range(28):
        services.rule_create(actor=caseworker, case=loaded, plan=plan, responsible=parent.pk,
                             text=f"Rule {n}: who does what exactly, and what happens if it does not work out.",
                             periods=[CELLS[n]])
    plan_pdf(case, plan)  # the first document loads fonts and stylesheets
    started = time.perf_counter()
    pdf = plan_pdf(case, plan)
    assert time.perf_counter() - started < 2.0
    assert "Rule 27" in _text(pdf)


def test_a_person_who_keeps_a_rule_cannot_be_removed_from_the_case(case, caseworker, parent, plan, client_for):
    from django.core.exceptions import ValidationError

    loaded = access_case(caseworker, case.pk, Perm.CHANGE)
    with pytest.raises(ValidationError):
        case_services.person_delete(actor=caseworker, case=loaded, person=parent)
    parent.refresh_from_db()
    response = client_for(caseworker).post(f"/cases/{case.pk}/people/{parent.pk}/delete/")
    assert response.status_code == 302
    assert case.people.filter(pk=parent.pk).exists()
