"""The family's plan and the authority's version are two documents: the family's stays "our plan" and shows the
safety network as the worker chose (never the worker's whole ecomap); the authority's has its own title and a
first page with the case, and keeps the ecomap and the genogram."""

from __future__ import annotations

import io

import pytest
from django.utils.safestring import mark_safe
from pypdf import PdfReader

from safehold.network.pictures import NetworkPictures
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS
from safehold.safety_plans.documents import plan_pdf

pytestmark = pytest.mark.django_db
MARKER = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="20"><text x="0" y="15">{}</text></svg>'


@pytest.fixture
def plan(case, caseworker, parent, child):
    case.language = "en"
    case.save(update_fields=["language"])
    plan = services.plan_create(actor=caseworker, case=case)
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Camilla is at home", responsible=parent.pk,
                         periods=list(CELLS))
    return plan


@pytest.fixture
def pictures(monkeypatch):
    for name in ("for_family", "ecomap", "genogram"):
        monkeypatch.setattr(NetworkPictures, name, property(lambda self, n=name: mark_safe(MARKER.format(n))))


def _text(case, plan, audience="family") -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(plan_pdf(case, plan, audience=audience))).pages)


def test_the_family_plan_shows_the_safety_network_by_default(case, plan, pictures):
    text = _text(case, plan)
    assert "Who is in our safety network" in text and "for_family" in text
    assert "ecomap" not in text and "genogram" not in text


def test_the_worker_can_leave_the_picture_out_of_the_family_plan(case, caseworker, plan, pictures):
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         family_network_picture="none")
    text = _text(case, plan)
    assert "Who is in our safety network" not in text and "for_family" not in text


def test_an_unknown_picture_choice_is_refused(case, caseworker, plan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                             family_network_picture="ecomap")
    assert "family_network_picture" in refused.value.message_dict


def test_the_authoritys_version_has_its_own_first_page_and_the_whole_network(case, plan, pictures, child,
                                                                            caseworker):
    pdf = PdfReader(io.BytesIO(plan_pdf(case, plan, audience="authority")))
    first = pdf.pages[0].extract_text().replace("\n", " ")
    assert first.startswith("Safety plan – version for the authority")
    assert case.reference in first and child.full_name in first
    assert (caseworker.get_full_name() or caseworker.username) in first
    assert "Not approved yet." in first
    assert "The safety plan of the" not in first
    rest = " ".join(p.extract_text() for p in pdf.pages[1:])
    assert "ecomap" in rest and "genogram" in rest and "for_family" not in rest
