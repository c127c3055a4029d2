"""Closed history for the demo organisation: about two dozen cases of the last eighteen months, each with a
first map (and for most a last one) scored by the worker and the parents with a danger statement (answered by a
safety goal on most), the grandmother in the inner circle, Three Houses conversations with the older children, a
safety plan that came into force, and an outcome for every child, so that every report (safehold/reports) shows a
picture on a fresh demo.

Like Roskilde in miniature (seed 004): most children kept at home, a few returned home, a few placed (in
kinship care, foster care, residential care); several children on some cases; in German, Danish and English.

Everything goes through the services (cases, mapping, safety plans), so the rows obey every rule and carry an
audit trail. The services stamp "today" on some dates: the plan's approval and coming into force, its end when
the case closes, the case's closing day and its status history. For the demo only, those dates are set back
afterwards with a queryset `update()` on the rows that carry them (`SafetyPlan.activated_on`, `approved_at`,
`ended_on`; `Case.closed_on`, `created_at`, `updated_at`; `StatusChange.changed_at`; `CaseAssignment.assigned_at`),
as seed._spread_history and plans.ensure_demo_plan do; the audit trail keeps the true time. The opening day,
the maps' days, sign-offs and the children's outcome days are given to the services directly.

Run once: an organisation that has a case whose reference starts with HISTORY_PREFIX is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from safehold.accounts.models import Organisation, Team, User
from safehold.cases import services as cases
from safehold.cases.models import Case, CaseAssignment, CaseStatus, ChildOutcome, Person, StatusChange
from safehold.child_voice import services as child_voice
from safehold.demo.offers import NORDSTADT
from safehold.mapping import services as mapping
from safehold.mapping.models import GoalKind, Part
from safehold.network import services as network_services
from safehold.network.models import Circle
from safehold.resources import referrals
from safehold.resources.models import District, OfferKind
from safehold.safety_plans import services as safety_plans
from safehold.safety_plans.models import PlanStatus, SafetyPlan

HISTORY_PREFIX = "HIST-"

K, R = ChildOutcome.Kind.KEPT_HOME, ChildOutcome.Kind.RETURNED_HOME
KIN, FOSTER, HOME = (ChildOutcome.Kind.KINSHIP_CARE, ChildOutcome.Kind.FOSTER_CARE,
                     ChildOutcome.Kind.RESIDENTIAL_CARE)

# (language, family name, each child's outcome): 24 cases, 35 children, 27 kept at home, 3 returned home,
# 5 placed.
CASES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("de", "Wagner", (K, K)), ("da", "Jensen", (K,)), ("en", "Taylor", (K, K, K)), ("de", "Krüger", (K,)),
    ("da", "Hansen", (K, FOSTER)), ("en", "Wilson", (K,)), ("de", "Schröder", (R,)), ("da", "Pedersen", (K, K)),
    ("en", "Evans", (KIN,)), ("de", "Neumann", (K, K)), ("da", "Christensen", (K,)), ("en", "Walker", (K, R)),
    ("de", "Schwarz", (HOME,)), ("da", "Rasmussen", (K, K, K)), ("en", "Wright", (K,)), ("de", "Hartmann", (K,)),
    ("da", "Madsen", (R,)), ("en", "Robinson", (K, K)), ("de", "Lange", (FOSTER,)), ("da", "Kristensen", (K,)),
    ("en", "Thompson", (K,)), ("de", "Zimmermann", (K, K)), ("da", "Olsen", (K,)), ("en", "Green", (KIN,)),
)

CHILDREN = {
    "de": ("Lena", "Paul", "Finn"), "da": ("Ida", "William", "Alma"), "en": ("Olivia", "Harry", "Amelia"),
}
PARENTS = {"de": "Julia", "da": "Louise", "en": "Emma"}
NETWORK = {"de": ("Ursula", "Großmutter"), "da": ("Hanne", "mormor"), "en": ("Margaret", "grandmother")}
WORDS = {
    "de": {
        "summary": "Abgeschlossener Fall aus der Demo-Historie: Sicherheitsplan mit Familie und Netzwerk.",
        "first": "Erstes Gespräch", "last": "Abschlussgespräch",
        "minimum": "Die Kinder sind jederzeit mit einem nüchternen, sicheren Erwachsenen zusammen.",
        "rule": "%(name)s kommt sofort und nimmt die Kinder zu sich.",
        "situation": "Wenn es zu Hause Streit gibt",
        "uncovered": "Die Eltern betreuen die Kinder im Alltag; die Regel gilt für die Situationen der Sorge.",
        "approval": "Mit der Familie und dem Netzwerk besprochen.",
        "worried": "Das Jugendamt",
        "behaviour": "die Eltern im Streit laut und handgreiflich werden, während die Kinder dabei sind",
        "impact": "die Kinder verletzt werden und Angst haben, nach Hause zu gehen",
        "goal": "Die Kinder erleben keinen Streit mehr, bei dem jemand verletzt wird.",
    },
    "da": {
        "summary": "Afsluttet sag fra demo-historikken: sikkerhedsplan med familie og netværk.",
        "first": "Første møde", "last": "Afsluttende møde",
        "minimum": "Børnene er altid sammen med en ædru og tryg voksen.",
        "rule": "%(name)s kommer med det samme og tager børnene med hjem.",
        "situation": "Hvis der er skænderi derhjemme",
        "uncovered": "Forældrene passer børnene i hverdagen; reglen gælder i de situationer, der bekymrer.",
        "approval": "Gennemgået med familien og netværket.",
        "worried": "Kommunen",
        "behaviour": "forældrene skændes højlydt og bliver voldsomme, mens børnene er til stede",
        "impact": "børnene kommer til skade og er bange for at tage hjem",
        "goal": "Børnene oplever ikke længere skænderier, hvor nogen kommer til skade.",
    },
    "en": {
        "summary": "Closed case from the demo history: a safety plan with the family and network.",
        "first": "First meeting", "last": "Closing meeting",
        "minimum": "The children are always with a sober, safe adult.",
        "rule": "%(name)s comes at once and takes the children home with her.",
        "situation": "If there is an argument at home",
        "uncovered": "The parents look after the children day to day; the rule covers the worrying situations.",
        "approval": "Gone through with the family and network.",
        "worried": "Children's services",
        "behaviour": "the parents shout and get physical in arguments while the children are there",
        "impact": "the children get hurt and are frightened to go home",
        "goal": "The children no longer see arguments where someone gets hurt.",
    },
}


# Four German families of the last year in the Nordstadt asked for a mothers' group, in German or Turkish, that
# the directory does not have (safehold/demo/offers.py): the cluster of needs without an offer (seed 001: "starting
# a mothers' group where several share a need").
MOTHERS_GROUP = {
    9: ("Eine Gruppe mit anderen Müttern im Viertel, damit ich nicht allein bin.", "de"),
    12: ("Andere Mütter treffen, die auch kleine Kinder haben.", "tr"),
    15: ("Eine Müttergruppe, wo ich über meine Sorgen reden kann.", "de"),
    18: ("Ein Treffen für Mütter in der Nähe, am Vormittag.", "tr"),
}


@dataclass(frozen=True)
class Dates:
    opened: date
    activated: date
    closed: date
    first_map: date
    last_map: date | None


def _dates(index: int, today: date) -> Dates:
    """Opened between about 530 and 90 days ago; the plan in force one to five weeks later; closed two to five
    months after that (and before today); a last map a few days before closing on two cases in three."""
    opened_ago = 530 - index * 19
    activated_ago = opened_ago - (8 + index * 7 % 30)
    closed_ago = max(activated_ago - (60 + index * 23 % 100), 5)
    return Dates(
        opened=today - timedelta(days=opened_ago), activated=today - timedelta(days=activated_ago),
        closed=today - timedelta(days=closed_ago), first_map=today - timedelta(days=opened_ago - 5),
        last_map=today - timedelta(days=closed_ago + 3) if index % 3 != 2 else None,
    )


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def ensure_demo_history(organisation: Organisation, team: Team | None, worker: User, lead: User) -> list[Case]:
    """Add the closed history, once."""
    if Case.objects.filter(organisation=organisation, reference__startswith=HISTORY_PREFIX).exists():
        return []
    today = timezone.localdate()
    return [_past_case(index, spec, team, worker, lead, _dates(index, today))
            for index, spec in enumerate(CASES)]


def _past_case(index: int, spec: tuple[str, str, tuple[str, ...]], team: Team | None, worker: User, lead: User,
               dates: Dates) -> Case:
    language, family, outcomes = spec
    words = WORDS[language]
    case = cases.case_create(
        actor=worker, reference=f"{HISTORY_PREFIX}{dates.opened.year}-{index + 1:03d}", family_name=family,
        language=language, summary=words["summary"], opened_on=dates.opened, team=team.pk if team else None,
    )
    children = [
        cases.person_create(actor=worker, case=case, role="child", first_name=name, last_name=family,
                            birth_date=date(dates.opened.year - 3 - 4 * n - index % 3, 1 + index % 12, 10))
        for n, name in enumerate(CHILDREN[language][:len(outcomes)])
    ]
    parent = cases.person_create(actor=worker, case=case, role="parent", first_name=PARENTS[language],
                                 last_name=family)
    network_name, relationship = NETWORK[language]
    network = cases.person_create(actor=worker, case=case, role="network", first_name=network_name,
                                  last_name=family, relationship=relationship)

    # Scores: the worker starts lower than the parents; by the last map both have moved up (one case down).
    worker_first, parents_first = 2 + index % 3, 3 + index % 4
    worker_voice, parent_voice = f"user:{worker.pk}", f"person:{parent.pk}"
    first = mapping.map_create(actor=worker, case=case, drawn_on=dates.first_map, title=words["first"],
                               copy_latest=False)
    mapping.scale_set(actor=worker, case=case, map_=first, voice=worker_voice, score=worker_first)
    mapping.scale_set(actor=worker, case=case, map_=first, voice=parent_voice, score=parents_first)
    # A danger statement, answered by a safety goal on three cases in four (the practice-fidelity report), copied
    # to the last map with the rest of the first.
    danger = mapping.entry_create(actor=worker, case=case, map_=first, voice=worker_voice, part=Part.FUTURE_DANGER,
                                  worried=words["worried"], behaviour=words["behaviour"], impact=words["impact"])
    if index % 4 != 1:
        mapping.entry_create(actor=worker, case=case, map_=first, voice=worker_voice, part=Part.GOALS,
                             text=words["goal"], goal_kind=GoalKind.SAFETY, answers=danger.pk)
    network_services.circle_place(actor=worker, case=case, person=network.pk, circle=Circle.INNER,
                                  placed_on=dates.first_map)
    # The children of four and older heard with the Three Houses at the start and, on most cases, near the end.
    for child in children:
        age = child.age(dates.first_map)
        if age is not None and age >= 4:
            child_voice.conversation_create(actor=worker, case=case, child=child.pk, held_on=dates.first_map)
            if index % 3 != 2:
                child_voice.conversation_create(actor=worker, case=case, child=child.pk,
                                                held_on=dates.closed - timedelta(days=10))
    if index in MOTHERS_GROUP:
        _mothers_group_wanted(case, parent, worker, dates.first_map, MOTHERS_GROUP[index])
    if dates.last_map is not None:
        last = mapping.map_create(actor=worker, case=case, drawn_on=dates.last_map, title=words["last"])
        placed = any(outcome in (KIN, FOSTER, HOME) for outcome in outcomes)
        moved = -1 if placed else 3 + index % 3
        mapping.scale_set(actor=worker, case=case, map_=last, voice=worker_voice,
                          score=max(0, min(10, worker_first + moved)))
        mapping.scale_set(actor=worker, case=case, map_=last, voice=parent_voice,
                          score=max(0, min(10, parents_first + moved - 1)))

    plan = safety_plans.plan_create(actor=worker, case=case)
    safety_plans.plan_update(
        actor=worker, case=case, plan=plan, expected_version=plan.version, minimum_requirements=words["minimum"],
        coordinator=network.pk, review_every_days=30, map=first.pk, uncovered_reason=words["uncovered"],
    )
    safety_plans.rule_create(actor=worker, case=case, plan=plan, text=words["rule"] % {"name": network_name},
                             responsible=network.pk, situation=words["situation"])
    agreed = dates.activated - timedelta(days=1)
    if index % 4 != 3:  # most plans signed by the family
        safety_plans.sign_off(actor=worker, case=case, plan=plan, person=parent.pk, how="in_person",
                              signed_on=agreed)
        safety_plans.sign_off(actor=worker, case=case, plan=plan, person=network.pk, how="phone", signed_on=agreed)
    safety_plans.plan_transition(actor=worker, case=case, plan=plan, to_status=PlanStatus.PROPOSED)
    safety_plans.plan_transition(actor=lead, case=case, plan=plan, to_status=PlanStatus.APPROVED,
                                 comment=words["approval"])
    safety_plans.plan_transition(actor=worker, case=case, plan=plan, to_status=PlanStatus.ACTIVE, move_case=True)
    case.refresh_from_db()
    cases.case_transition(
        actor=worker, case=case, to_status=CaseStatus.CLOSED,
        outcomes=[{"child": child.pk, "outcome": outcome, "on": dates.closed}
                  for child, outcome in zip(children, outcomes, strict=True)],
    )
    _date_back(case, plan, dates)
    return case


def _mothers_group_wanted(case: Case, mother: Person, worker: User, on: date, wish: tuple[str, str]) -> None:
    district = District.objects.filter(organisation_id=case.organisation_id, name=NORDSTADT).first()
    if district is None:  # the directory was not made (a test that seeds only the history)
        return
    words, language = wish
    referrals.referral_create(actor=worker, case=case, person=mother.pk, need_kind=OfferKind.PARENT_GROUP,
                              need_words=words, district=district.pk, language=language, referred_on=on,
                              no_offer=True)


def _date_back(case: Case, plan: SafetyPlan, dates: Dates) -> None:
    """Set the dates the services stamped today back to when they would have happened (see the docstring)."""
    SafetyPlan.objects.filter(pk=plan.pk).update(
        activated_on=dates.activated, approved_at=_at(dates.activated - timedelta(days=1), 16),
        ended_on=dates.closed, next_review_on=None,
    )
    changes = list(StatusChange.objects.filter(case=case).order_by("id"))
    for index, change in enumerate(changes):
        if change.to_status == CaseStatus.CLOSED:
            change.changed_at = _at(dates.closed, 15)
        elif change.to_status == CaseStatus.ASSESSMENT:
            change.changed_at = _at(dates.opened, 10)
        else:
            change.changed_at = _at(dates.activated, 9 + index)
    StatusChange.objects.bulk_update(changes, ["changed_at"])
    CaseAssignment.objects.filter(case=case).update(assigned_at=_at(dates.opened, 9))
    Case.objects.filter(pk=case.pk).update(closed_on=dates.closed, created_at=_at(dates.opened, 9),
                                           updated_at=_at(dates.closed, 15))
