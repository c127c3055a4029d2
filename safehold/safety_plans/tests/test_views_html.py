"""The safety plan pages as a caseworker and a team lead use them: rules in place with htmx, the rest as plain
forms."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.services import case_transition
from safehold.core import validation
from safehold.mapping import services as mapping
from safehold.mapping.models import Part
from safehold.safety_plans import services
from safehold.safety_plans import urls as safety_plan_urls
from safehold.safety_plans.coverage import CELLS, WEEKDAYS, cells_for
from safehold.safety_plans.models import CheckIn, PlanStatus, Rule, SafetyPlan, SignOff

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def plan(case, caseworker, parent):
    plan = services.plan_create(actor=caseworker, case=case)
    services.rule_create(actor=caseworker, case=case, plan=plan, text="Mum walks Freja to school",
                         responsible=parent.pk, periods=cells_for(WEEKDAYS, ["morning"]))
    return plan


def url(name, case, plan=None, **kwargs):
    params = {"case_id": case.pk, **({"plan_id": plan.pk} if plan else {}), **kwargs}
    return reverse(f"safety_plans:{name}", kwargs=params)


def _cover_the_week(case, caseworker, plan, person) -> Rule:
    return services.rule_create(actor=caseworker, case=case, plan=plan, text="Grandma stays in the house",
                                responsible=person.pk, periods=list(CELLS))


def _activate(case, caseworker, team_lead, plan) -> None:
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    services.plan_transition(actor=team_lead, case=case, plan=plan, to_status=PlanStatus.APPROVED)
    services.plan_transition(actor=caseworker, case=case, plan=plan, to_status=PlanStatus.ACTIVE)


def test_the_plans_page_starts_the_first_plan(client_for, caseworker, case):
    client = client_for(caseworker)
    page = client.get(url("plans", case)).content.decode()
    assert "Start the plan" in page
    response = client.post(url("plan_create", case))
    plan = SafetyPlan.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == url("plan_detail", case, plan)
    assert "Version 1" in client.get(url("plans", case)).content.decode()


def test_a_second_open_version_is_refused_with_a_message(client_for, caseworker, case, plan):
    response = client_for(caseworker).post(url("plan_create", case), follow=True)
    assert "This case already has a plan in draft or proposed." in response.content.decode()
    assert SafetyPlan.objects.filter(case=case).count() == 1


def test_the_plan_page_shows_every_section_and_is_audited(client_for, caseworker, case, plan):
    response = client_for(caseworker).get(url("plan_detail", case, plan))
    page = response.content.decode()
    assert response.status_code == 200
    for heading in ("The plan", "Rules", "Cover around the clock", "Contacts", "Agreements with professionals",
                    "Who agreed to this version", "Check-ins"):
        assert heading in page, heading
    assert "Mum walks Freja to school" in page and "Camilla Sørensen" in page
    assert AuditEvent.objects.filter(actor=caseworker, case=case, action="view",
                                     object_type="safety_plans.safetyplan").count() == 1


def test_a_rule_added_in_place_answers_with_the_rules_and_the_cover(client_for, caseworker, case, plan, child):
    danger = mapping.entry_create(actor=caseworker, case=case, map_=mapping.map_create(actor=caseworker,
                                  case=case), part=Part.FUTURE_DANGER, voice=f"user:{caseworker.pk}",
                                  worried="The school", behaviour="dad hits Freja when drunk", impact="hurt")
    response = client_for(caseworker).post(url("rule_create", case, plan), {
        "text": "Freja sleeps at grandma's on Saturdays", "responsible": child.pk,
        "periods": ["sat:evening", "sat:night"], "holidays": "on", "answers": danger.pk,
    }, **HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="rules"' in page and "Freja sleeps at grandma&#x27;s on Saturdays" in page
    assert "<svg" in page
    rule = plan.rules.get(text__startswith="Freja sleeps")
    assert rule.periods == ["sat:evening", "sat:night"] and rule.holidays and rule.answers == danger


def test_a_rule_without_text_or_periods_is_refused_next_to_the_fields(client_for, caseworker, case, plan, parent):
    response = client_for(caseworker).post(url("rule_create", case, plan), {"text": " ", "responsible": parent.pk},
                                           **HTMX)
    assert response.status_code == 400
    assert response["HX-Retarget"] == "#new-rule"
    page = response.content.decode()
    assert "Write down what exactly happens, in the family&#x27;s words." in page
    assert plan.rules.count() == 1


def test_a_rule_without_periods_situation_or_holidays_is_refused_by_the_service(client_for, caseworker, case, plan,
                                                                               parent):
    response = client_for(caseworker).post(url("rule_create", case, plan), {"text": "Mum calls", "responsible":
                                                                            parent.pk})
    assert response.status_code == 400
    assert "Say when the rule applies: periods of the week, holidays or a situation." in response.content.decode()


def test_the_second_save_of_a_changed_rule_is_refused_showing_both_versions(client_for, caseworker, consultant,
                                                                            case, plan, parent):
    rule = plan.rules.get()
    form = {"responsible": parent.pk, "periods": rule.periods, "version": rule.version}
    first = client_for(caseworker).post(url("rule_edit", case, plan, rule_id=rule.pk),
                                        {**form, "text": "Mum walks Freja to school at 7.30"}, **HTMX)
    assert first.status_code == 200
    second = client_for(consultant).post(url("rule_edit", case, plan, rule_id=rule.pk),
                                         {**form, "text": "Grandma walks Freja to school"}, **HTMX)
    assert second.status_code == 409
    assert second["HX-Retarget"] == f"#rule-{rule.pk}"
    page = second.content.decode()
    assert "Mum walks Freja to school at 7.30" in page and "Grandma walks Freja to school" in page
    rule.refresh_from_db()
    assert rule.text == "Mum walks Freja to school at 7.30"


def test_a_rule_is_deleted_in_place(client_for, caseworker, case, plan):
    rule = plan.rules.get()
    response = client_for(caseworker).post(url("rule_delete", case, plan, rule_id=rule.pk), **HTMX)
    assert response.status_code == 200 and "No rules yet." in response.content.decode()
    assert not plan.rules.exists()


def test_the_second_save_of_the_plan_is_refused_showing_both_versions(client_for, caseworker, consultant, case,
                                                                      plan):
    form = {"review_every_days": 14, "version": plan.version}
    first = client_for(caseworker).post(url("plan_edit", case, plan), {**form, "minimum_requirements": "No hitting"})
    assert first.status_code == 302
    second = client_for(consultant).post(url("plan_edit", case, plan), {**form, "minimum_requirements": "Sober"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "No hitting" in page and "Sober" in page
    plan.refresh_from_db()
    assert plan.minimum_requirements == "No hitting"


def test_a_review_interval_over_90_days_is_refused_next_to_the_field(client_for, caseworker, case, plan):
    response = client_for(caseworker).post(url("plan_edit", case, plan),
                                           {"review_every_days": 120, "version": plan.version})
    assert response.status_code == 400
    assert "Review at least every 90 days, at most every day." in response.content.decode()


def test_the_gaps_are_shown_red_in_the_grid_and_listed_as_text(client_for, caseworker, case, plan):
    page = client_for(caseworker).get(url("plan_detail", case, plan)).content.decode()
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg
    assert svg.count('fill="#fbe3e1"') == 23 and svg.count('fill="#e2f3e4"') == 5
    assert "Monday, Morning: Camilla Sørensen" in svg and "Monday, Night: nobody" in svg
    assert "Not covered</strong>: Monday, Day;" in page.replace("Not covered:</strong>", "Not covered</strong>:")


def test_proposing_with_uncovered_periods_and_no_reason_is_refused_with_a_message(client_for, caseworker, case,
                                                                                 plan):
    response = client_for(caseworker).post(url("plan_transition", case, plan), {"to_status": "proposed"},
                                           follow=True)
    assert "Nobody covers Monday, Day" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT


def test_approval_by_the_caseworker_is_refused_with_a_message(client_for, caseworker, team_lead, case, plan,
                                                              child):
    _cover_the_week(case, caseworker, plan, child)
    client = client_for(caseworker)
    client.post(url("plan_transition", case, plan), {"to_status": "proposed"})
    response = client.post(url("plan_transition", case, plan), {"to_status": "approved"}, follow=True)
    assert "Only the team lead of the case&#x27;s team can approve a plan." in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.PROPOSED
    client_for(team_lead).post(url("plan_transition", case, plan), {"to_status": "approved"})
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED and plan.approved_by == team_lead


def test_a_sign_off_is_recorded(client_for, caseworker, case, plan, parent):
    response = client_for(caseworker).post(url("sign_off", case, plan), {
        "person": parent.pk, "how": "phone", "signed_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    assert SignOff.objects.get(plan=plan).how == "phone"


def test_a_sign_off_in_the_future_is_refused_next_to_the_field(client_for, caseworker, case, plan, parent):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(caseworker).post(url("sign_off", case, plan), {
        "person": parent.pk, "how": "in_person", "signed_on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert _error_of(response, "id_signed_on") == "The date cannot be in the future."
    assert not SignOff.objects.exists()


def _error_of(response, field_id: str) -> str:
    """The message shown next to the field whose id is `field_id`."""
    page = response.content.decode()
    start = page.index(">", page.index(f'id="{field_id}_error"')) + 1
    return re.sub(r"<[^>]+>", "", page[start:page.index("</p>", start)]).strip()


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_date_no_case_can_mean_is_refused_next_to_the_field(client_for, caseworker, team_lead, case, plan,
                                                               parent, child, day):
    client = client_for(caseworker)
    response = client.post(url("sign_off", case, plan), {"person": parent.pk, "how": "phone", "signed_on": day})
    assert response.status_code == 400
    assert _error_of(response, "id_signed_on") == "Enter a date between 1900 and 2199."
    _cover_the_week(case, caseworker, plan, child)
    _activate(case, caseworker, team_lead, plan)
    response = client.post(url("check_in_create", case, plan), {"source": "call", "checked_on": day})
    assert response.status_code == 400
    assert _error_of(response, "check-in-checked_on") == "Enter a date between 1900 and 2199."
    assert not SignOff.objects.exists() and not CheckIn.objects.exists()


def test_a_text_longer_than_the_api_takes_is_refused_next_to_its_field(client_for, caseworker, case, plan, parent):
    client = client_for(caseworker)
    too_long = "x" * (validation.TEXT + 1)
    response = client.post(url("rule_create", case, plan), {"text": too_long, "responsible": parent.pk,
                                                            "periods": ["mon:night"]}, **HTMX)
    assert response.status_code == 400
    assert "at most 2000 characters" in _error_of(response, "new-rule-text")
    response = client.post(url("plan_edit", case, plan), {"minimum_requirements": too_long, "review_every_days": 14,
                                                          "version": plan.version})
    assert response.status_code == 400
    assert "at most 2000 characters" in _error_of(response, "id_minimum_requirements")
    assert f'maxlength="{validation.TEXT}"' in client.get(url("plan_edit", case, plan)).content.decode()
    plan.refresh_from_db()
    assert (plan.rules.count(), plan.minimum_requirements, plan.version) == (1, "", 1)


def test_contacts_and_agreements_are_added(client_for, caseworker, case, plan, parent):
    client = client_for(caseworker)
    assert client.post(url("contact_add", case, plan), {"person": parent.pk, "role": "Keeps the plan"}
                       ).status_code == 302
    assert client.post(url("agreement_add", case, plan), {"agency": "School", "agreement": "Calls if Freja is absent"}
                       ).status_code == 302
    page = client.get(url("plan_detail", case, plan)).content.decode()
    assert "Keeps the plan" in page and "Calls if Freja is absent" in page
    refused = client.post(url("agreement_add", case, plan), {"agency": "", "agreement": ""})
    assert refused.status_code == 400 and "Write down what they agreed to do." in refused.content.decode()


def test_a_check_in_is_recorded_and_shown_in_the_history(client_for, caseworker, team_lead, case, plan,
                                                         child):
    grandma = _cover_the_week(case, caseworker, plan, child)
    _activate(case, caseworker, team_lead, plan)
    mum = plan.rules.get(text="Mum walks Freja to school")
    client = client_for(caseworker)
    assert client.get(url("check_in_create", case, plan)).status_code == 200
    response = client.post(url("check_in_create", case, plan), {
        "source": "home_visit", "checked_on": timezone.localdate().isoformat(), "safety_score": "6",
        "note": "Calm at home", f"result_{mum.pk}": "held", f"result_{grandma.pk}": "broken",
        f"note_{grandma.pk}": "Grandma was away on Sunday"})
    assert response.status_code == 302
    check_in = CheckIn.objects.get(plan=plan)
    assert check_in.safety_score == 6
    assert dict(check_in.rule_checks.values_list("rule_id", "result")) == {mum.pk: "held", grandma.pk: "broken"}
    page = client.get(url("plan_detail", case, plan)).content.decode()
    assert "Calm at home" in page and "Grandma was away on Sunday" in page


def test_a_check_in_with_a_score_over_10_is_refused(client_for, caseworker, team_lead, case, plan, child):
    _cover_the_week(case, caseworker, plan, child)
    _activate(case, caseworker, team_lead, plan)
    response = client_for(caseworker).post(url("check_in_create", case, plan), {"source": "call",
                                                                                "safety_score": "11"})
    assert response.status_code == 400 and "Choose a whole number from 0 to 10." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_case_page_shows_the_active_plan_and_its_warnings(client_for, caseworker, team_lead, case, plan,
                                                              child):
    grandma = _cover_the_week(case, caseworker, plan, child)
    _activate(case, caseworker, team_lead, plan)
    plan.activated_on = timezone.localdate() - timedelta(days=7)
    SafetyPlan.objects.filter(pk=plan.pk).update(activated_on=plan.activated_on)
    for days_ago in (2, 1):
        services.check_in_create(actor=caseworker, case=case, plan=plan, source="call",
                                 checked_on=timezone.localdate() - timedelta(days=days_ago),
                                 results={grandma.pk: ("broken", "")})
    SafetyPlan.objects.filter(pk=plan.pk).update(next_review_on=timezone.localdate() - timedelta(days=1))
    page = client_for(caseworker).get(reverse("cases:detail", kwargs={"case_id": case.pk})).content.decode()
    assert "24/7 safety plan" in page and "Version 1" in page
    assert "Rule broken twice in a row" in page and "Grandma stays in the house" in page
    assert "Review overdue since" in page
    assert url("plan_detail", case, plan) in page


def test_a_closed_case_shows_the_plan_without_editing(client_for, caseworker, case, plan):
    case.status = "closed"
    case.save(update_fields=["status"])
    page = client_for(caseworker).get(url("plan_detail", case, plan)).content.decode()
    assert "Mum walks Freja to school" in page
    assert url("rule_create", case, plan) not in page


@pytest.mark.parametrize("rules", [3, 30])
def test_the_plan_page_runs_a_constant_number_of_queries(client_for, caseworker, team_lead, case, plan,
                                                         parent, child, rules, django_assert_max_num_queries):
    for n in range(rules - 1):
        services.rule_create(actor=caseworker, case=case, plan=plan, text=f"Rule {n}",
                             responsible=(parent if n % 2 else child).pk, periods=[CELLS[n % len(CELLS)]])
    _cover_the_week(case, caseworker, plan, child)
    _activate(case, caseworker, team_lead, plan)
    for _ in range(2 if rules == 3 else 25):  # more check-ins than a page holds
        services.check_in_create(actor=caseworker, case=case, plan=plan, source="call")
    client = client_for(caseworker)
    # With the page's own warnings (broken twice), whom the worry is about and the stories a version in force
    # may still link; and the read audit's chain head (audit/chain.py).
    with django_assert_max_num_queries(22):
        response = client.get(url("plan_detail", case, plan))
    assert response.status_code == 200


def test_the_plan_page_lists_the_newest_ten_check_ins_and_pages_the_rest(client_for, caseworker, team_lead,
                                                                         case, plan, child):
    _cover_the_week(case, caseworker, plan, child)
    _activate(case, caseworker, team_lead, plan)
    SafetyPlan.objects.filter(pk=plan.pk).update(activated_on=timezone.localdate() - timedelta(days=30))
    plan.refresh_from_db()
    for days_ago in range(12, 0, -1):
        services.check_in_create(actor=caseworker, case=case, plan=plan, source="call",
                                 checked_on=timezone.localdate() - timedelta(days=days_ago),
                                 note=f"Visit {days_ago} days ago.")
    client = client_for(caseworker)

    first = client.get(url("plan_detail", case, plan)).content.decode()
    shown = [days for days in range(1, 13) if f"Visit {days} days ago." in first]
    assert shown == list(range(1, 11))
    assert "page=2#check-ins" in first
    assert "Page 1 of 2" in first

    second = client.get(url("plan_detail", case, plan) + "?page=2").content.decode()
    assert [days for days in range(1, 13) if f"Visit {days} days ago." in second] == [11, 12]
    assert "page=1#check-ins" in second
    # A page number that is no page shows the last, never an error.
    assert "Visit 12 days ago." in client.get(url("plan_detail", case, plan) + "?page=99").content.decode()


def test_danger_statements_of_the_map_no_rule_answers_are_listed_until_one_does(client_for, caseworker, case,
                                                                                plan, parent):
    first_map = mapping.map_create(actor=caseworker, case=case)
    drinking = mapping.entry_create(actor=caseworker, case=case, map_=first_map, voice=f"user:{caseworker.pk}",
                                    part=Part.FUTURE_DANGER, worried="The school",
                                    behaviour="dad hits Freja when drunk", impact="hurt")
    # The plan builds on a later copy of the map; a rule answering the first map's statement still counts.
    later_map = mapping.map_create(actor=caseworker, case=case)
    mapping.entry_create(actor=caseworker, case=case, map_=later_map, voice=f"user:{caseworker.pk}",
                         part=Part.FUTURE_DANGER, worried="The police",
                         behaviour="mum leaves Freja alone at night", impact="alone and afraid")
    services.plan_update(actor=caseworker, case=case, plan=plan, expected_version=plan.version, map=later_map.pk)
    page = client_for(caseworker).get(url("plan_detail", case, plan)).content.decode()
    assert "Danger statements no rule answers yet" in page
    assert "dad hits Freja when drunk" in page.split("Danger statements no rule answers yet")[1]

    services.rule_create(actor=caseworker, case=case, plan=plan, text="Dad does not drink at home",
                         responsible=parent.pk, periods=list(CELLS), answers=drinking.pk)
    section = client_for(caseworker).get(url("plan_detail", case, plan)).content.decode().split(
        "Danger statements no rule answers yet")[1].split("</ul>")[0]
    assert "dad hits Freja when drunk" not in section
    assert "mum leaves Freja alone at night" in section


# --- a closed case ---------------------------------------------------------------------------------------

READ_ONLY = {"plans", "compare", "plan_detail", "rules", "plan_pdf"}
CHANGES = sorted(pattern.name for pattern in safety_plan_urls.urlpatterns if pattern.name not in READ_ONLY)


def test_every_change_of_the_plan_is_in_the_closed_case_test():
    assert len(CHANGES) == 14 and "plan_create" in CHANGES and "check_in_create" in CHANGES


@pytest.mark.parametrize("name", CHANGES)
def test_every_change_on_a_closed_case_answers_403_saying_why(name, client_for, caseworker, case, plan, parent):
    rule = plan.rules.get()
    contact = services.contact_add(actor=caseworker, case=case, plan=plan, name="Grandma", phone="110")
    agreement = services.agreement_add(actor=caseworker, case=case, plan=plan, agency="School",
                                       agreement="Calls when Freja is absent")
    ids = {"plan_id": plan.pk, "rule_id": rule.pk, "contact_id": contact.pk, "agreement_id": agreement.pk}
    pattern = next(p for p in safety_plan_urls.urlpatterns if p.name == name)
    kwargs = {key: value for key, value in ids.items() if f"<int:{key}>" in str(pattern.pattern)}
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    plan.refresh_from_db()
    before = (SafetyPlan.objects.count(), plan.version, rule.version, contact.version, agreement.version)

    response = client_for(caseworker).post(reverse(f"safety_plans:{name}", kwargs={"case_id": case.pk, **kwargs}), {
        "text": "Changed", "responsible": parent.pk, "periods": ["mon:night"], "name": "Changed", "agency": "Changed",
        "agreement": "Changed", "person": parent.pk, "how": "phone", "source": "call", "review_every_days": 14,
        "to_status": "proposed", "version": 1})

    assert response.status_code == 403
    assert "This case is closed. Reopen it to change it." in response.content.decode()
    for row in (plan, rule, contact, agreement):
        row.refresh_from_db()
    assert (SafetyPlan.objects.count(), plan.version, rule.version, contact.version, agreement.version) == before
    assert not SignOff.objects.exists() and not CheckIn.objects.exists()
