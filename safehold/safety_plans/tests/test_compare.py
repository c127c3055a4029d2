"""What changed between two versions of a safety plan, and the page that shows it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safehold.audit.models import AuditEvent
from safehold.cases.models import CaseAssignment
from safehold.mapping import services as mapping
from safehold.mapping.models import Part
from safehold.safety_plans import services
from safehold.safety_plans.compare import compare_plans
from safehold.safety_plans.coverage import CELLS, WEEKDAYS, cells_for
from safehold.safety_plans.models import Contact, PlanStatus, ProfessionalAgreement, Rule, SafetyPlan
from safehold.testing.factories import (
    AssignmentFactory,
    CaseFactory,
    PersonFactory,
    RuleFactory,
    SafetyPlanFactory,
    voice_key,
)


@pytest.fixture
def grandma(case):
    return PersonFactory(case=case, role="network", first_name="Inge", last_name="Holm")


@pytest.fixture
def danger(case, caseworker):
    map_ = mapping.map_create(actor=caseworker, case=case)
    return mapping.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(caseworker),
                                part=Part.FUTURE_DANGER, worried="The authority",
                                behaviour="Dad hits Freja when he has been drinking", impact="Freja gets hurt")


def _approve(case, caseworker, team_lead, plan: SafetyPlan) -> None:
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.APPROVED,
                             comment="Dad is away at night: agreed.")


@pytest.fixture
def first(case, caseworker, team_lead, parent):
    """Version 1, approved: three rules, two contacts, two agreements."""
    plan = services.plan_create(actor=caseworker, case=case)
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version,
                         coordinator=parent.pk, minimum_requirements="Freja is never alone with dad",
                         uncovered_reason="Dad is away at night")
    for text, periods, situation in (("Mum walks Freja to school", cells_for(WEEKDAYS, ["morning"]), ""),
                                     ("Mum calls grandma", [], "when dad has been drinking"),
                                     ("Dad stays at his brother's", cells_for(WEEKDAYS, ["evening"]), "")):
        services.rule_create(actor=caseworker, case=case, plan=plan, text=text, responsible=parent.pk,
                             periods=periods, situation=situation)
    services.contact_add(actor=caseworker, case=case, plan=plan, person=parent.pk)
    services.contact_add(actor=caseworker, case=case, plan=plan, name="Grandpa", phone="0171 1234")
    services.agreement_add(actor=caseworker, case=case, plan=plan, agency="School",
                           agreement="Calls if Freja is absent")
    services.agreement_add(actor=caseworker, case=case, plan=plan, agency="GP", agreement="Sees Freja monthly")
    _approve(case, caseworker, team_lead, plan)
    return plan


@pytest.fixture
def second(first, case, caseworker):
    return services.plan_create(actor=caseworker, case=case)


def _rule(plan: SafetyPlan, text: str) -> Rule:
    return plan.rules.get(text=text)


def _fresh(plan: SafetyPlan) -> SafetyPlan:
    return SafetyPlan.objects.get(pk=plan.pk)


def url(case, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("safety_plans:compare", kwargs={"case_id": case.pk}) + (f"?{query}" if query else "")


# --- the comparison -------------------------------------------------------------------------------------

def test_an_unchanged_copy_shows_no_differences(first, second):
    comparison = compare_plans(_fresh(first), _fresh(second))
    assert comparison.is_empty
    assert comparison.unchanged_rules == 3


def test_changed_sections_name_the_field_with_before_and_after(first, second, case, caseworker, grandma):
    services.plan_update(actor=caseworker, case=case, plan=second, expected_version=second.version,
                         coordinator=grandma.pk, review_every_days=7,
                         minimum_requirements="Freja is never alone with dad, not even for a moment")
    sections = {c.name: c for c in compare_plans(_fresh(first), _fresh(second)).sections}
    assert set(sections) == {"coordinator", "minimum_requirements", "review_every_days"}
    assert (sections["coordinator"].before, sections["coordinator"].after) == ("Camilla Sørensen", "Inge Holm")
    assert (sections["review_every_days"].before, sections["review_every_days"].after) == ("14", "7")
    assert str(sections["minimum_requirements"].label) == "minimum requirements"


def test_rules_added_removed_and_changed_are_matched_by_lineage(first, second, case, caseworker, grandma,
                                                                danger):
    walk = _rule(second, "Mum walks Freja to school")
    services.rule_update(actor=caseworker, case=case, rule=walk, expected_version=walk.version,
                         text="Grandma walks Freja to school", responsible=grandma.pk, holidays=True, answers=danger.pk)
    call = _rule(second, "Mum calls grandma")
    services.rule_update(actor=caseworker, case=case, rule=call, expected_version=call.version,
                         situation="when dad has been drinking or shouting")
    services.rule_delete(actor=caseworker, case=case, rule=_rule(second, "Dad stays at his brother's"))
    services.rule_create(actor=caseworker, case=case, plan=second, text="Grandma sleeps over",
                         responsible=grandma.pk, periods=cells_for(["sat"], ["night"]))

    comparison = compare_plans(_fresh(first), _fresh(second))
    changes = {(c.change, c.rule.text): c for c in comparison.rules}
    assert set(changes) == {("changed", "Grandma walks Freja to school"), ("changed", "Mum calls grandma"),
                            ("removed", "Dad stays at his brother's"), ("added", "Grandma sleeps over")}
    walked = {f.name: (f.before, f.after) for f in changes[("changed", "Grandma walks Freja to school")].fields}
    assert walked == {
        "text": ("Mum walks Freja to school", "Grandma walks Freja to school"),
        "responsible": ("Camilla Sørensen", "Inge Holm"),
        "holidays": ("No", "Yes"),
        "answers": ("", "Dad hits Freja when he has been drinking"),
    }
    called = changes[("changed", "Mum calls grandma")].fields
    assert [(f.name, f.after) for f in called] == [("situation", "when dad has been drinking or shouting")]
    assert comparison.unchanged_rules == 0


def test_a_rule_whose_periods_changed_says_which_periods_came_and_went(first, second, case, caseworker):
    walk = _rule(second, "Mum walks Freja to school")
    periods = [c for c in walk.periods if c != "mon:morning"] + ["sat:morning", "sun:morning"]
    services.rule_update(actor=caseworker, case=case, rule=walk, expected_version=walk.version, periods=periods)
    (change,) = compare_plans(_fresh(first), _fresh(second)).rules
    assert [f.name for f in change.fields] == ["periods"]
    assert change.periods_added == ["Saturday, Morning", "Sunday, Morning"]
    assert change.periods_removed == ["Monday, Morning"]


def test_contacts_are_matched_by_person_else_by_name_and_phone(first, second, case, caseworker, grandma):
    Contact.objects.filter(plan=second, person__isnull=False).update(phone="0160 999")
    Contact.objects.filter(plan=second, name="Grandpa").update(phone="0171 5678")  # another number: another contact
    services.contact_add(actor=caseworker, case=case, plan=second, person=grandma.pk)
    changes = sorted((c.change, c.contact.name, c.contact.phone)
                     for c in compare_plans(_fresh(first), _fresh(second)).contacts)
    assert changes == [("added", "Grandpa", "0171 5678"), ("added", "Inge Holm", ""),
                       ("changed", "Camilla Sørensen", "0160 999"), ("removed", "Grandpa", "0171 1234")]


def test_agreements_are_matched_by_agency(first, second, case, caseworker):
    ProfessionalAgreement.objects.filter(plan=second, agency="School").update(agreement="Calls the same morning")
    ProfessionalAgreement.objects.filter(plan=second, agency="GP").delete()
    services.agreement_add(actor=caseworker, case=case, plan=second, agency="Police", agreement="Drives by")
    comparison = compare_plans(_fresh(first), _fresh(second))
    changes = {(c.change, c.agreement.agency): c for c in comparison.agreements}
    assert set(changes) == {("changed", "School"), ("removed", "GP"), ("added", "Police")}
    school = changes[("changed", "School")]
    assert (school.before.agreement, school.after.agreement) == ("Calls if Freja is absent", "Calls the same morning")


@pytest.mark.parametrize("rules", [3, 30])
def test_comparing_takes_a_fixed_number_of_queries(rules, case, caseworker, parent,
                                                   django_assert_max_num_queries):
    older = SafetyPlanFactory(case=case, version_no=1, status=PlanStatus.APPROVED, coordinator=parent)
    RuleFactory.create_batch(rules, plan=older, responsible=parent, periods=list(CELLS))
    for index in range(rules):
        Contact.objects.create(plan=older, name=f"Neighbour {index}", phone=str(index))
        ProfessionalAgreement.objects.create(plan=older, agency=f"Agency {index}", agreement="Calls")
    newer = services.plan_create(actor=caseworker, case=case)
    Rule.objects.filter(plan=newer).update(text="Someone else", periods=["mon:morning"])
    older, newer = _fresh(older), _fresh(newer)
    with django_assert_max_num_queries(5):
        comparison = compare_plans(older, newer)
        _ = [(c.rule.responsible.full_name, c.fields, c.periods_removed) for c in comparison.rules]
    assert len(comparison.rules) == rules


# --- the page -------------------------------------------------------------------------------------------

def test_the_page_compares_the_two_latest_versions_names_both_and_is_audited(client_for, caseworker, case, first,
                                                                               second):
    services.contact_add(actor=caseworker, case=case, plan=second, name="Aunt Lise", phone="0151 42")
    response = client_for(caseworker).get(url(case))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Version 1</a> → <a" in page and "Version 2</a>" in page
    assert "Aunt Lise" in page
    assert AuditEvent.objects.filter(actor=caseworker, case=case, action="view").count() == 1


def test_the_plan_page_links_to_the_version_before_and_the_link_compares_the_two(client_for, caseworker, case,
                                                                                   first, second):
    client = client_for(caseworker)
    detail = client.get(reverse("safety_plans:plan_detail", kwargs={"case_id": case.pk, "plan_id": second.pk}))
    assert "Compare with version 1" in detail.content.decode()
    assert "Compare versions" in client.get(reverse("safety_plans:plans", kwargs={"case_id": case.pk})).content.decode()
    response = client.get(url(case, b=second.pk))
    assert response.context["comparison"].older == first


def test_an_unchanged_copy_says_nothing_changed(client_for, caseworker, case, first, second):
    page = client_for(caseworker).get(url(case, a=first.pk, b=second.pk)).content.decode()
    assert "Nothing changed between these versions." in page


def test_versions_given_the_wrong_way_round_are_compared_oldest_first(client_for, caseworker, case, first, second):
    response = client_for(caseworker).get(url(case, a=second.pk, b=first.pk))
    assert (response.context["comparison"].older, response.context["comparison"].newer) == (first, second)


@pytest.mark.parametrize("params", [{"a": "x", "b": "second"}, {"a": "99999999999999999999"}, {"a": "same"},
                                    {"b": "first"}])
def test_unusable_choices_answer_400_with_a_message(params, client_for, caseworker, case, first, second):
    # Ids are looked up here: a literal id would belong to whichever case the database numbered first.
    ids = {"same": first.pk, "first": first.pk, "second": second.pk}
    params = {k: ids.get(v, v) for k, v in params.items()}
    if params.get("a") == first.pk:
        params["b"] = first.pk
    response = client_for(caseworker).get(url(case, **params))
    assert response.status_code == 400
    assert response.context["error"] and response.context["comparison"] is None


def test_both_left_empty_in_the_form_compares_the_two_latest(client_for, caseworker, case, first, second):
    response = client_for(caseworker).get(url(case, a="", b=""))
    assert (response.status_code, response.context["comparison"].newer) == (200, second)


def test_a_single_version_says_a_comparison_needs_two(client_for, caseworker, case, first):
    response = client_for(caseworker).get(url(case))
    assert response.status_code == 200
    assert "A comparison needs two versions of the plan." in response.content.decode()


def test_a_plan_of_another_case_is_404(client_for, caseworker, organisation, team, case, first, second):
    other = CaseFactory(organisation=organisation, team=team)
    AssignmentFactory(case=other, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    elsewhere = SafetyPlanFactory(case=other, version_no=1)
    response = client_for(caseworker).get(url(case, a=elsewhere.pk, b=second.pk))
    assert response.status_code == 404


def test_a_case_of_another_organisation_is_404(client_for, stranger, case, first, second):
    assert client_for(stranger).get(url(case, a=first.pk, b=second.pk)).status_code == 404


def test_the_page_takes_as_many_queries_for_30_rules_as_for_3(client_for, caseworker, case, first, second,
                                                               parent):
    client = client_for(caseworker)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url(case)).status_code == 200
        return len(queries)

    Rule.objects.filter(plan=second).update(text="Changed")
    few = count()
    RuleFactory.create_batch(27, plan=second, responsible=parent, periods=["mon:night"])
    assert count() == few
