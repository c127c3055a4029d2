"""An active, approved 24/7 safety plan for each demo case, in the case's language, built on its latest map.

The plan goes through the safety plan services like one made in the interface: drafted and proposed by the
caseworker, approved by the team lead, signed off by the family and network, put in force, then monitored
with check-ins. The words of each plan are in `plans_de`, `plans_da` and `plans_en`; people there are the
first names of the people on the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.demo.maps import _content as map_content
from safehold.mapping.models import Entry, Map, Part
from safehold.safety_plans import services as safety_plans
from safehold.safety_plans.models import PlanStatus, RuleResult, SafetyPlan


@dataclass(frozen=True)
class Rule:
    """A rule of the plan. `key` names it for the check-ins; `answers` is the key of a danger statement on
    the case's maps (see maps_de / maps_da / maps_en); `kind` what the rule is (only "presence", someone safe
    being there, covers periods of the week)."""

    key: str
    who: str
    text: str
    kind: str = "presence"
    periods: tuple[str, ...] = ()
    situation: str = ""
    holidays: bool = False
    answers: str = ""


@dataclass(frozen=True)
class Contact:
    role: str
    person: str = ""  # a first name on the case: the contact's name and phone come from the person
    name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Result:
    """How a rule went, when it did not simply hold (or held, with something worth saying)."""

    rule: str
    result: str
    note: str


@dataclass(frozen=True)
class CheckIn:
    days_ago: int
    source: str
    score: int
    note: str
    results: tuple[Result, ...] = ()  # rules not named here held


@dataclass(frozen=True)
class Plan:
    activated_days_ago: int
    review_every_days: int
    coordinator: str
    minimum_requirements: str
    child_explanation: str
    information_given: str
    if_worries_who_notices: str
    if_worries_who_is_called: str
    if_worries_authority: str
    rules: tuple[Rule, ...]
    contacts: tuple[Contact, ...]
    agreements: tuple[tuple[str, str], ...]  # (who, what they agreed)
    sign_offs: tuple[tuple[str, str], ...]  # (first name, "in_person" or "phone")
    check_ins: tuple[CheckIn, ...]
    # The first names of the people the danger statements are about: their rules never count as cover.
    worry_about: tuple[str, ...] = ()
    uncovered_reason: str = ""  # where the cover has a real gap, why the plan still holds
    approval_comment: str = ""  # the team lead's, on approving


def _content() -> dict[str, Plan]:
    # The content modules import the types above, so they are loaded here rather than at the top.
    from safehold.demo import plans_da, plans_de, plans_en

    return {**plans_de.PLANS, **plans_da.PLANS, **plans_en.PLANS}


def ensure_demo_plan(case: Case, worker: User, lead: User) -> SafetyPlan | None:
    """Make the demo case's safety plan, once: a case that already has a plan is left as it is (so running
    the seed again duplicates nothing and keeps what a demo user changed)."""
    spec = _content().get(case.reference)
    if spec is None or case.safety_plans.exists():
        return None
    people = {person.first_name: person for person in case.people.all()}
    latest = case.maps.order_by("-drawn_on", "-id").first()
    statements = _danger_statements(case.reference, latest)

    plan = safety_plans.plan_create(actor=worker, case=case)
    # The story the parents agreed explains the plan to the children (safehold/demo/stories.py).
    story = case.stories.filter(agreed_on__isnull=False).order_by("-version_no").first()
    safety_plans.plan_update(
        actor=worker, case=case, plan=plan, expected_version=plan.version,
        minimum_requirements=spec.minimum_requirements, coordinator=people[spec.coordinator].pk,
        child_explanation=spec.child_explanation, information_given=spec.information_given,
        if_worries_who_notices=spec.if_worries_who_notices, if_worries_who_is_called=spec.if_worries_who_is_called,
        if_worries_authority=spec.if_worries_authority, review_every_days=spec.review_every_days,
        map=latest.pk if latest else None, story=story.pk if story else None,
        worry_about=[people[name].pk for name in spec.worry_about], uncovered_reason=spec.uncovered_reason,
    )
    rules = {
        rule.key: safety_plans.rule_create(
            actor=worker, case=case, plan=plan, kind=rule.kind, text=rule.text, responsible=people[rule.who].pk,
            periods=list(rule.periods), holidays=rule.holidays, situation=rule.situation,
            answers=statements[rule.answers].pk if rule.answers in statements else None,
        )
        for rule in spec.rules
    }
    for contact in spec.contacts:
        safety_plans.contact_add(actor=worker, case=case, plan=plan, role=contact.role, name=contact.name,
                                 phone=contact.phone, person=people[contact.person].pk if contact.person else None)
    for agency, agreement in spec.agreements:
        safety_plans.agreement_add(actor=worker, case=case, plan=plan, agency=agency, agreement=agreement)

    activated_on = timezone.localdate() - timedelta(days=spec.activated_days_ago)
    agreed_on = activated_on - timedelta(days=1)  # the network meeting where the plan was gone through
    for name, how in spec.sign_offs:
        safety_plans.sign_off(actor=worker, case=case, plan=plan, person=people[name].pk, how=how,
                              signed_on=agreed_on)
    safety_plans.plan_transition(actor=worker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    safety_plans.plan_transition(actor=lead, case=case, plan=plan, to_status=PlanStatus.APPROVED,
                                 comment=spec.approval_comment)
    safety_plans.plan_transition(actor=worker, case=case, plan=plan, to_status=PlanStatus.ACTIVE)

    # The service puts a plan in force today, and check-ins cannot predate that. For the demo only, the plan is
    # dated back to when it would have come into force, as seed._spread_history dates the case's history (the
    # audit trail keeps the true time); the check-ins since are then recorded through the service.
    SafetyPlan.objects.filter(pk=plan.pk).update(
        activated_on=activated_on,
        approved_at=timezone.make_aware(datetime.combine(agreed_on, time(16, 0))),
        next_review_on=activated_on + timedelta(days=spec.review_every_days),
    )
    for check_in in spec.check_ins:
        named = {result.rule: (result.result, result.note) for result in check_in.results}
        safety_plans.check_in_create(
            actor=worker, case=case, plan=plan, source=check_in.source,
            checked_on=timezone.localdate() - timedelta(days=check_in.days_ago), safety_score=check_in.score,
            note=check_in.note,
            results={rule.pk: named.get(key, (RuleResult.HELD, "")) for key, rule in rules.items()},
        )
    plan.refresh_from_db()
    return plan


def _danger_statements(reference: str, map_: Map | None) -> dict[str, Entry]:
    """The danger statements on `map_`, by the key the demo maps gave them. A copied entry keeps its words,
    so it is found by its behaviour; one a demo user deleted or rewrote is not found, and the rule then
    answers none."""
    if map_ is None:
        return {}
    meetings = map_content().get(reference, ())
    behaviours = {say.behaviour: say.key for meeting in meetings for say in meeting.add if say.key and say.behaviour}
    statements = map_.entries.live().filter(part=Part.FUTURE_DANGER, behaviour__in=list(behaviours))
    return {behaviours[entry.behaviour]: entry for entry in statements}
