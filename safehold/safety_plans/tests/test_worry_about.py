"""The people the worry is about: chosen on the plan, never counted as the safe adult. A presence rule they
keep is marked on the plan page, leaves its periods as gaps, and the family's week table does not name them."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from safehold.core.versioning import ConflictError
from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS
from safehold.safety_plans.documents import plan_pdf
from safehold.safety_plans.models import PlanStatus, RuleKind
from safehold.testing.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def father(case):
    return PersonFactory(case=case, role="parent", first_name="Jonas", last_name="Sørensen")


@pytest.fixture
def plan(case, caseworker, father, parent):
    plan = services.plan_create(actor=caseworker, case=case)
    services.rule_create(actor=caseworker, case=case, plan=plan, kind=RuleKind.PRESENCE, responsible=father.pk,
                         text="Jonas is at home with Freja", periods=[c for c in CELLS if c != "sun:night"])
    services.rule_create(actor=caseworker, case=case, plan=plan, kind=RuleKind.PRESENCE, responsible=parent.pk,
                         text="Camilla is at home on Sunday nights", periods=["sun:night"])
    return plan


def _worry(caseworker, case, plan, *people):
    plan.refresh_from_db()
    return services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                                worry_about=[p.pk for p in people])


def test_a_rule_of_the_person_the_worry_is_about_covers_nothing(case, caseworker, plan, father):
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)  # covered
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.DRAFT, reason="Jonas")
    assert _worry(caseworker, case, plan, father) == ["worry_about"]
    with pytest.raises(ValidationError) as refused:
        services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    message = refused.value.message_dict["uncovered_reason"][0]
    assert "Monday, Morning" in message and "Sunday, Night" not in message


def test_only_adults_of_the_case_can_be_chosen(case, caseworker, plan, child):
    stranger = PersonFactory(case=CaseFactory(organisation=case.organisation), role="parent")
    for person in (child, stranger):
        with pytest.raises(ValidationError) as refused:
            _worry(caseworker, case, plan, person)
        assert refused.value.message_dict["worry_about"] == ["Choose adults of this case."]
    assert list(plan.worry_about.all()) == []


def test_changing_who_the_worry_is_about_moves_the_version_on_and_is_audited(case, caseworker, plan, father):
    from safehold.audit.models import AuditEvent

    before = plan.version
    _worry(caseworker, case, plan, father)
    assert plan.version == before + 1
    assert any("worry_about" in event.changed_fields
               for event in AuditEvent.objects.filter(object_id=str(plan.pk), action="update"))
    with pytest.raises(ConflictError):
        services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=before, worry_about=[])


def test_a_new_version_keeps_whom_the_worry_is_about(case, caseworker, team_lead, plan, father):
    _worry(caseworker, case, plan, father)
    plan.refresh_from_db()
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         uncovered_reason="Jonas moves out next week")
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.APPROVED,
                             comment="Until Jonas has moved out.")
    second = services.plan_create(actor=caseworker, case=case)
    assert list(second.worry_about.all()) == [father]


def test_the_plan_page_warns_and_the_grid_does_not_name_him(client_for, case, caseworker, plan, father):
    client = client_for(caseworker)
    response = client.post(f"/cases/{case.pk}/safety-plans/{plan.pk}/edit/", {
        "worry_about": [father.pk], "review_every_days": 14, "family_network_picture": "safety_network",
        "version": plan.version})
    assert response.status_code == 302
    page = client.get(f"/cases/{case.pk}/safety-plans/{plan.pk}/").content.decode()
    assert ("<bdi>Jonas Sørensen</bdi> is someone the worry is about: this rule does not count as a safe adult being "
            "there.") in page
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "Jonas" not in svg
    assert "Sunday, Night: Camilla Sørensen" in svg and "Monday, Morning: nobody" in svg


def test_the_family_pdf_names_who_is_there_not_the_person_the_worry_is_about(case, caseworker, plan, father):
    _worry(caseworker, case, plan, father)
    case.language = "en"
    case.save(update_fields=["language"])
    pdf = PdfReader(io.BytesIO(plan_pdf(case, plan)))
    text = " ".join(page.extract_text() for page in pdf.pages)
    week = text[text.index("The week: who is there"):]
    assert "Camilla" in week and "Jonas" not in week.split("Not covered")[0]
    assert "periods a week" not in text
