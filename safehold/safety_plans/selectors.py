"""Reads of safety plans, shared by the pages, the API, the services and the printouts. Each runs a fixed number
of queries, however many rules a plan holds.

Two kinds of loaders: `case_plan`, `plan_rule`… take an id from a URL and answer 404 for anything not of that
case or plan; `chosen_map`, `chosen_story`, `chosen_danger_statement` take an id a form or an API body names
and refuse it with a ValidationError on that field (as `cases.selectors.chosen_person` does for people)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from safehold.cases.models import Case, Person
from safehold.core.ids import as_pk, pk_or_404
from safehold.mapping.models import Entry, Map, Part
from safehold.safety_plans.models import CheckIn, Contact, ProfessionalAgreement, Rule, RuleCheck, SafetyPlan, SignOff
from safehold.words_pictures.models import Story

# --- from a URL: 404 for what is not of this case ------------------------------------------------------------


def case_plan(case: Case, plan_id: int | str) -> SafetyPlan:
    """One version of the case's plan, or 404 (a plan of another case does not exist here)."""
    found = (SafetyPlan.objects.filter(case=case, pk=pk_or_404(plan_id))
             .select_related("coordinator", "approved_by", "sent_back_by", "map", "story").first())
    if found is None:
        raise Http404
    found.case = case
    return found


def plan_rule(plan: SafetyPlan, rule_id: int | str) -> Rule:
    """A rule of this version of the plan, or 404 (a rule of another version does not exist here)."""
    rule = Rule.objects.filter(plan=plan, pk=pk_or_404(rule_id)).select_related("responsible").first()
    if rule is None:
        raise Http404
    rule.plan = plan
    return rule


def plan_contact(plan: SafetyPlan, contact_id: int | str) -> Contact:
    contact = Contact.objects.filter(plan=plan, pk=pk_or_404(contact_id)).first()
    if contact is None:
        raise Http404
    contact.plan = plan
    return contact


def plan_agreement(plan: SafetyPlan, agreement_id: int | str) -> ProfessionalAgreement:
    agreement = ProfessionalAgreement.objects.filter(plan=plan, pk=pk_or_404(agreement_id)).first()
    if agreement is None:
        raise Http404
    agreement.plan = plan
    return agreement


def plan_check_in(plan: SafetyPlan, check_in_id: int | str) -> CheckIn:
    """A check-in on this version with how each rule held, or 404."""
    found = _check_ins(plan).filter(pk=pk_or_404(check_in_id)).first()
    if found is None:
        raise Http404
    return found


# --- lists -----------------------------------------------------------------------------------------------


def case_plans(case: Case) -> list[SafetyPlan]:
    """Every version of the case's plan, oldest first. One query."""
    return list(SafetyPlan.objects.filter(case=case).select_related("coordinator", "approved_by")
                .order_by("version_no", "id"))


def plan_rules(plan: SafetyPlan) -> list[Rule]:
    """The rules of a version in their order, with who keeps each and the danger statement it answers. One
    query."""
    rules = list(plan.rules.select_related("responsible", "answers").order_by("position", "id"))
    for rule in rules:
        rule.plan = plan
    return rules


def _check_ins(plan: SafetyPlan) -> QuerySet[CheckIn]:
    return plan.check_ins.select_related("checked_by").prefetch_related(
        Prefetch("rule_checks", queryset=RuleCheck.objects.select_related("rule").order_by("id")))


CHECK_INS_PER_PAGE = 10


def plan_check_ins_page(plan: SafetyPlan, page: str | None) -> Page:
    """One page of the check-ins on a version, newest first, each with how every rule held. Four queries.

    A plan watched daily has hundreds of check-ins of up to 30 rules each: listing them all made the plan's page
    grow without end (120 check-ins took it from 58 to 130 ms in `make bench`, docs/PERFORMANCE.md)."""
    return Paginator(_check_ins(plan).order_by("-checked_on", "-id"), CHECK_INS_PER_PAGE).get_page(page)


def plan_check_ins(plan: SafetyPlan) -> list[CheckIn]:
    """The check-ins on a version, oldest first, each with how every rule held. Three queries."""
    return list(_check_ins(plan).order_by("checked_on", "id"))


def case_stories(case: Case) -> list[Story]:
    """The case's Words & Pictures stories a plan may name, oldest version first. One query."""
    return list(Story.objects.filter(case=case).order_by("version_no", "id"))


def _danger_statements(case: Case) -> QuerySet[Entry]:
    return Entry.objects.filter(map__case=case, part=Part.FUTURE_DANGER, deleted_at__isnull=True)


def case_danger_statements(case: Case) -> list[Entry]:
    """The danger statements of the case's maps that a rule may answer, oldest map first. One query."""
    return list(_danger_statements(case).exclude(worried="").select_related("map")
                .order_by("map__drawn_on", "position"))


def unanswered_statements(plan: SafetyPlan, rules: list[Rule]) -> list[Entry]:
    """The danger statements of the map the plan builds on that no rule answers yet. A rule may answer the
    statement on an earlier map: the copies share a lineage. One query."""
    if plan.map_id is None:
        return []
    answered = {rule.answers.lineage for rule in rules if rule.answers_id and rule.answers}
    statements = Entry.objects.filter(map_id=plan.map_id, part=Part.FUTURE_DANGER, deleted_at__isnull=True)
    return [entry for entry in statements.exclude(worried="").order_by("position", "id")
            if entry.lineage not in answered]


@dataclass
class PlanContent:
    plan: SafetyPlan
    rules: list[Rule]
    contacts: list[Contact]
    agreements: list[ProfessionalAgreement]
    sign_offs: list[SignOff]
    worry_about: list[Person]

    @property
    def worry_ids(self) -> set[int]:
        return {person.pk for person in self.worry_about}


def plan_worry_about(plan: SafetyPlan) -> list[Person]:
    """The people the plan's worry is about (their rules never count as cover). One query."""
    return list(plan.worry_about.order_by("first_name", "id"))


def plan_content(plan: SafetyPlan) -> PlanContent:
    """Everything on a version of the plan. Five queries."""
    return PlanContent(plan, plan_rules(plan), list(plan.contacts.select_related("person")),
                       list(plan.agreements.all()), list(plan.sign_offs.all()), plan_worry_about(plan))


# --- from input: a ValidationError on the field for what is not of this case -----------------------------------


def chosen_map(case: Case, map_id: object, *, field: str) -> Map:
    """The map of the case a form or an API body names."""
    pk = as_pk(map_id)
    found = None if pk is None else Map.objects.filter(case=case, pk=pk).first()
    if found is None:
        raise ValidationError({field: _("Choose a map of this case.")})
    return found


def chosen_story(case: Case, story_id: object, *, field: str) -> Story:
    """The Words & Pictures story of the case a form or an API body names."""
    pk = as_pk(story_id)
    found = None if pk is None else Story.objects.filter(case=case, pk=pk).first()
    if found is None:
        raise ValidationError({field: _("Choose a Words & Pictures story of this case.")})
    return found


def chosen_danger_statement(case: Case, entry_id: object, *, field: str) -> Entry:
    """A danger statement (an entry in "future danger", not deleted) of the case's maps that input names."""
    pk = as_pk(entry_id)
    found = None if pk is None else _danger_statements(case).filter(pk=pk).select_related("map").first()
    if found is None:
        raise ValidationError({field: _("Choose a danger statement of this case's maps.")})
    return found
