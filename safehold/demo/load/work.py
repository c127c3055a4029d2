"""The work on each generated case: maps with scales and danger statements, the safety circles, safety plans with
their rules, sign-offs, check-ins and Words & Pictures stories with their panels, the children's conversations
and Safety Houses, referrals to the directory's offers with their steps, and an outcome for every child of a
closed case. The family's relationships, placements and screenings are in demo/load/family.py.

What is drawn follows the practice, so that the reports read like a real organisation's: a first map within a
month of the referral and another every two or three months; scores that mostly rise; a plan in force for most
cases that last beyond a month; about nine children in ten of those kept at home (seed 004: 115 of 133).
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.models import PLACED_AWAY, Case, ChildOutcome, Outcome, PersonRole
from safehold.cases.voices import VoiceKind
from safehold.child_voice.models import Conversation, SafetyHouse, Tool
from safehold.demo.load import family
from safehold.demo.load.bulk import Writer
from safehold.demo.load.cases import Generated, LoadPerson, day_after, pick
from safehold.demo.load.directory import Directory
from safehold.demo.load.names import (
    CHECK_IN_NOTES,
    ENTRY_TEXTS,
    IMPACT,
    MAP_TITLES,
    NEED_WORDS,
    PANEL_TEXTS,
    RULE_TEXTS,
    SITUATIONS,
    STORY_TITLES,
    WORRIED,
)
from safehold.mapping.models import Entry, GoalKind, Map, Part, Scale, ScaleKind
from safehold.network.models import Circle, CirclePlacement
from safehold.resources.models import OPEN_REFERRAL, OfferKind, Referral, ReferralEvent, ReferralStatus
from safehold.safety_plans.coverage import DAYS, TIMES, WEEKDAYS, WEEKEND, cells_for
from safehold.safety_plans.models import (
    CheckIn,
    CheckInSource,
    PlanStatus,
    Rule,
    RuleCheck,
    RuleKind,
    RuleResult,
    SafetyPlan,
    SignOff,
)
from safehold.words_pictures.figures import FIGURES
from safehold.words_pictures.models import Panel, Section, Story, StoryStatus

Action = AuditEvent.Action

MAX_MAPS = 6
MAX_CONVERSATIONS = 8  # per child
# (outcome, weight) for children whose case had a plan in force, and for the others.
WITH_PLAN = ((ChildOutcome.Kind.KEPT_HOME, 84), (ChildOutcome.Kind.RETURNED_HOME, 3),
             (ChildOutcome.Kind.KINSHIP_CARE, 6), (ChildOutcome.Kind.FOSTER_CARE, 4),
             (ChildOutcome.Kind.RESIDENTIAL_CARE, 1), (ChildOutcome.Kind.MOVED_AWAY, 1), (ChildOutcome.Kind.OTHER, 1))
WITHOUT_PLAN = ((ChildOutcome.Kind.KEPT_HOME, 70), (ChildOutcome.Kind.KINSHIP_CARE, 8),
                (ChildOutcome.Kind.FOSTER_CARE, 8), (ChildOutcome.Kind.RESIDENTIAL_CARE, 4),
                (ChildOutcome.Kind.MOVED_AWAY, 5), (ChildOutcome.Kind.OTHER, 5))
CIRCLES = ((Circle.INNER, 3), (Circle.MIDDLE, 4), (Circle.OUTER, 2), (Circle.NONE, 1))

MAP_FIELDS = ("id", "case", "drawn_on", "title", "created_by", "danger_statement_count", "answered_statement_count")
SPOKEN = ("voice_kind", "voice_person", "voice_user", "voice_key", "voice_name")
SCALE_FIELDS = ("map", "kind", "score", *SPOKEN)
ENTRY_FIELDS = ("id", "map", "part", "position", "text", "worried", "behaviour", "impact", "goal_kind", "answers",
                "lineage", "created_by", *SPOKEN)
CIRCLE_FIELDS = ("case", "person", "circle", "placed_on", "until", "placed_by")
STORY_FIELDS = ("id", "case", "status", "title", "agreed_with_names", "agreed_on", "agreed_recorded_by", "read_on",
                "created_by")
AGREED_WITH_FIELDS = ("story", "person")
PANEL_FIELDS = ("story", "position", "section", "text", "figures", "lineage")
RULE_FIELDS = ("id", "plan", "position", "kind", "text", "responsible", "periods", "holidays", "situation", "answers",
               "lineage")
CHECK_IN_FIELDS = ("id", "plan", "checked_on", "checked_by", "source", "safety_score", "note")
RULE_CHECK_FIELDS = ("check_in", "rule", "result")
PLAN_FIELDS = ("id", "case", "version_no", "status", "copied_from", "map", "story", "review_every_days",
               "next_review_on", "activated_on", "ended_on", "approved_by", "approved_at", "created_by")
SIGN_OFF_FIELDS = ("plan", "person", "name", "how", "signed_on", "recorded_by")
CONVERSATION_FIELDS = ("id", "case", "child", "tool", "held_on", "recorded_by")
HOUSE_FIELDS = ("case", "child", "drawn_on", "safety_score", "recorded_by")
OUTCOME_FIELDS = ("case", "child", "outcome", "on", "current", "recorded_by")
REFERRAL_FIELDS = ("id", "case", "person", "need_kind", "need_words", "district", "language", "offer", "status",
                   "status_on", "referred_on", "referred_by", "follow_up_on", "consent_on")
EVENT_FIELDS = ("referral", "status", "on", "recorded_by")
# The needs referred most often first (seed 001: parenting courses, counselling, school social work, psychiatric
# help for the parents); each kind stands once for its weight.
NEEDS = (OfferKind.PARENTING_COURSE, OfferKind.PARENTING_COURSE, OfferKind.COUNSELLING, OfferKind.COUNSELLING,
         OfferKind.SCHOOL_SOCIAL_WORK, OfferKind.PARENT_PSYCHIATRY, OfferKind.PARENT_GROUP, OfferKind.ADDICTION,
         OfferKind.DEBT, OfferKind.FAMILY_SUPPORT, OfferKind.EARLY_HELP, OfferKind.DOMESTIC_VIOLENCE)


RULES = (5, 30)  # per version of a plan
CHECK_INS = (5, 30)  # per version, at most one a day
# The check-ins of a version whose result for each rule is written: its latest. Every check-in of every version
# with one for every rule, as the service records them, would be 300 rows a case (30 million for 100,000
# cases), more than all the other work together; the pages and the attention list read the latest results.
RESULTS_KEPT = 2
# When a rule that someone safe is there applies (JSON, as the column holds it): the usual arrangements.
PERIODS = tuple(json.dumps(cells_for(days, times)) for days, times in (
    (WEEKDAYS, ("morning",)), (WEEKDAYS, ("evening",)), (DAYS, ("evening", "night")), (WEEKEND, TIMES),
    (DAYS, ("night",)), (WEEKDAYS, ("day",)), (("fri", "sat"), ("evening", "night"))))
RULE_KINDS = ((RuleKind.PRESENCE, 5), (RuleKind.IF_THEN, 3), (RuleKind.CHECK, 1), (RuleKind.OTHER, 1))
RESULTS = ((RuleResult.HELD, 80), (RuleResult.UNKNOWN, 13), (RuleResult.BROKEN, 7))
FIGURE_KEYS = tuple(FIGURES)


@dataclass(slots=True)
class LoadMap:
    id: int
    drawn_on: date
    dangers: list[int] = field(default_factory=list)  # its danger statements' entry ids


@dataclass(slots=True)
class LoadRule:
    """A rule as a new version copies it: everything but its key and its plan."""

    kind: str
    text: str
    responsible: int
    periods: str
    holidays: bool
    situation: str
    answers: int | None
    lineage: uuid.UUID


def new_uuid(rng: random.Random) -> uuid.UUID:
    """A random UUID drawn from `rng`, so the same seed gives the same lineages."""
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def work_batch(generated: list[Generated], rng: random.Random, today: date, out: Writer,
               directory: Directory) -> dict[str, list[int]]:
    """Add the rows of the cases' work to `out`; returns the closed cases by their outcome, to be set once the
    cases are written."""
    outcomes: dict[str, list[int]] = {}
    for g in generated:
        maps = _maps(g, rng, today, out)
        _circles(g, rng, today, out)
        plan_on = _plans(g, maps, rng, today, out)
        _voices(g, plan_on, rng, today, out)
        _referrals(g, directory, rng, today, out)
        family.relationships(g, rng, out)
        family.screenings(g, plan_on is not None, rng, today, out)
        children: dict[int, str] = {}
        if g.case.closed_on is not None:
            outcome, children = _outcomes(g, g.case.closed_on, plan_on is not None, rng, out)
            outcomes.setdefault(outcome, []).append(g.case.id)
        family.placements(g, children, rng, today, out)
    return outcomes


def set_outcomes(outcomes: dict[str, list[int]]) -> None:
    """The family's outcome on each closed case (after the cases are written): one update per outcome."""
    for outcome, ids in outcomes.items():
        Case.objects.filter(pk__in=ids).update(outcome=outcome)


def _maps(g: Generated, rng: random.Random, today: date, out: Writer) -> list[LoadMap]:
    """1–6 maps (the first within a month), each with safety scores from the worker, the parents, often the
    network and an older child, and 7–13 entries: past harm, danger statements with the safety goals that answer
    most of them, strengths, complicating factors."""
    maps: list[LoadMap] = []
    language, worker = g.case.language, g.worker.pk
    texts = ENTRY_TEXTS[language]
    voices = _scale_voices(g, rng)
    score = rng.randint(1, 5)
    drawn = day_after(g, today, g.case.opened_on, 7, 30, rng)
    while drawn is not None and len(maps) < MAX_MAPS:
        m = LoadMap(out.new_id(Map), drawn)
        maps.append(m)
        scales = [(m.id, ScaleKind.SAFETY, max(0, min(10, score + offset)), *_voice(g, kind, person))
                  for kind, person, offset in voices]
        score += rng.choice((-1, 0, 1, 1, 2))
        by_worker = _voice(g, VoiceKind.WORKER, None)
        position = 0
        entries: list[tuple[Any, ...]] = []
        for part in ("past_harm", "past_harm", "strengths", "strengths", "complicating"):
            position += 1
            entries.append((out.new_id(Entry), m.id, part, position, rng.choice(texts[part]), "", "", "", "", None,
                            new_uuid(rng), worker, *by_worker))
        statements = answered = 0
        for _ in range(rng.randint(1, 3)):
            danger = out.new_id(Entry)
            m.dangers.append(danger)
            position += 1
            statements += 1
            entries.append((danger, m.id, Part.FUTURE_DANGER, position, rng.choice(texts["future_danger"]),
                            WORRIED[language], rng.choice(texts["past_harm"]), IMPACT[language], "", None,
                            new_uuid(rng), worker, *by_worker))
            if rng.random() < 0.8:
                position += 1
                answered += 1
                entries.append((out.new_id(Entry), m.id, Part.GOALS, position, rng.choice(texts["goals"]), "", "",
                                "", GoalKind.SAFETY, danger, new_uuid(rng), worker, *by_worker))
        # The counts the services keep on each map (mapping.tallies), written with it.
        out.add(Map, MAP_FIELDS, (m.id, g.case.id, drawn, MAP_TITLES[language], worker, statements, answered))
        for row in scales:
            out.add(Scale, SCALE_FIELDS, row)
        for entry in entries:
            out.add(Entry, ENTRY_FIELDS, entry)
        g.did(drawn, Action.CREATE, "mapping.map", m.id, ("drawn_on", "title"))
        g.did(drawn, Action.UPDATE, "mapping.map", m.id, ("entries", "scales"))
        drawn = day_after(g, today, drawn, 42, 90, rng)
    return maps


def _scale_voices(g: Generated, rng: random.Random) -> list[tuple[str, LoadPerson | None, int]]:
    """Who scores on this case's maps, and how far from the worker's score each tends to be."""
    voices: list[tuple[str, LoadPerson | None, int]] = [(VoiceKind.WORKER, None, 0)]
    voices += [(VoiceKind.PARENT, parent, rng.randint(0, 2)) for parent in g.with_role(PersonRole.PARENT)]
    network = g.with_role(PersonRole.NETWORK)
    if network and rng.random() < 0.6:
        voices.append((VoiceKind.NETWORK, rng.choice(network), rng.randint(-1, 1)))
    older = [child for child in g.with_role(PersonRole.CHILD) if child.age_on(g.case.opened_on) >= 6]
    if older and rng.random() < 0.5:
        voices.append((VoiceKind.CHILD, older[0], rng.randint(-2, 2)))
    return voices


def _voice(g: Generated, kind: str, person: LoadPerson | None) -> tuple[str, int | None, int | None, str, str]:
    """The SPOKEN fields for `person`, or for the case's worker."""
    if person is None:
        return (VoiceKind.WORKER, None, g.worker.pk, f"user:{g.worker.pk}",
                g.worker.get_full_name() or g.worker.username)
    return kind, person.id, None, f"person:{person.id}", person.full_name


def _circles(g: Generated, rng: random.Random, today: date, out: Writer) -> None:
    """The network members placed in the circles in the first weeks; one in five moved once later."""
    for person in g.with_role(PersonRole.NETWORK):
        placed = day_after(g, today, g.case.opened_on, 7, 40, rng)
        if placed is None:
            continue
        circle = pick(rng, CIRCLES)
        moved = day_after(g, today, placed, 30, 200, rng) if rng.random() < 0.2 else None
        # `until`: the day the next place begins, as network.placements dates them.
        out.add(CirclePlacement, CIRCLE_FIELDS, (g.case.id, person.id, circle, placed, moved, g.worker.pk))
        g.did(placed, Action.UPDATE, "cases.person", person.id, ("circle",))
        if moved is not None:
            out.add(CirclePlacement, CIRCLE_FIELDS,
                    (g.case.id, person.id, pick(rng, CIRCLES), moved, None, g.worker.pk))
            g.did(moved, Action.UPDATE, "cases.person", person.id, ("circle",))


def _plans(g: Generated, maps: list[LoadMap], rng: random.Random, today: date, out: Writer) -> date | None:
    """A safety plan for most cases: in force 30–120 days after the referral, renewed once on a third of them,
    ended when the case closed; signed by the parents on three in four versions; half of them explained to the
    children with a Words & Pictures story. Returns the day the plan first came into force."""
    activated = day_after(g, today, g.case.opened_on, 30, 120, rng) if rng.random() < 0.85 else None
    if activated is None:
        return None
    story = _story(g, activated, rng, today, out) if rng.random() < 0.5 else None
    renewed = day_after(g, today, activated, 60, 180, rng) if rng.random() < 0.33 else None
    first, rules = _version(g, 1, activated, renewed, None, [], maps, story if renewed is None else None, rng,
                            today, out)
    if renewed is not None:
        _version(g, 2, renewed, None, first, rules, maps, story, rng, today, out)
    return activated


def _story(g: Generated, agreed: date, rng: random.Random, today: date, out: Writer) -> int:
    """A story agreed with the parents the day the plan comes into force, perhaps read with the children later:
    who is worried, what happened, one to three panels on keeping safe, the safety network, sometimes a last
    word; each panel with one to three figures."""
    story = out.new_id(Story)
    read_on = day_after(g, today, agreed, 0, 21, rng)
    status = StoryStatus.AGREED if read_on is None else StoryStatus.READ_WITH_CHILDREN
    parents = g.with_role(PersonRole.PARENT)
    out.add(Story, STORY_FIELDS, (story, g.case.id, status, STORY_TITLES[g.case.language],
                                  ", ".join(p.full_name for p in parents), agreed, g.worker.pk, read_on, g.worker.pk))
    for parent in parents:
        out.add(Story.agreed_with.through, AGREED_WITH_FIELDS, (story, parent.id))
    texts = PANEL_TEXTS[g.case.language]
    sections = [Section.WHO_IS_WORRIED, Section.WHAT_HAPPENED, *[Section.KEEPING_SAFE] * rng.randint(1, 3),
                Section.SAFETY_NETWORK, *([Section.OTHER] if rng.random() < 0.4 else [])]
    for position, section in enumerate(sections, start=1):
        figures = rng.sample(FIGURE_KEYS, rng.randint(1, 3))
        out.add(Panel, PANEL_FIELDS, (story, position, section, texts[section], json.dumps(figures),
                                      new_uuid(rng)))
    g.did(agreed - timedelta(days=7), Action.CREATE, "words_pictures.story", story, ("title",))
    g.did(agreed, Action.UPDATE, "words_pictures.story", story, ("agreed_on", "agreed_with", "status"))
    if read_on is not None:
        g.did(read_on, Action.UPDATE, "words_pictures.story", story, ("read_on", "status"))
    return story


def _version(g: Generated, number: int, activated: date, superseded: date | None, copied_from: int | None,
             earlier: list[LoadRule], maps: list[LoadMap], story: int | None, rng: random.Random, today: date,
             out: Writer) -> tuple[int, list[LoadRule]]:
    """One version of the plan with its rules (a renewal keeps most of the earlier version's and adds some),
    sign-offs and check-ins. Returns its key and its rules."""
    drawn = [m for m in maps if m.drawn_on <= activated]
    every = rng.choice((14, 14, 28))
    status, ended, next_review = PlanStatus.ACTIVE, None, None
    if superseded is not None:
        status, ended = PlanStatus.SUPERSEDED, superseded
    elif g.case.closed_on is not None:
        status, ended = PlanStatus.ENDED, g.case.closed_on
    else:
        next_review = today + timedelta(days=rng.randint(-2 * every, every))
    plan = out.new_id(SafetyPlan)
    approved_at = timezone.make_aware(datetime.combine(activated, time(9)))
    out.add(SafetyPlan, PLAN_FIELDS, (plan, g.case.id, number, status, copied_from, drawn[-1].id if drawn else None,
                                      story, every, next_review, activated, ended, g.worker.pk, approved_at,
                                      g.worker.pk))
    if rng.random() < 0.75:
        for parent in g.with_role(PersonRole.PARENT):
            out.add(SignOff, SIGN_OFF_FIELDS, (plan, parent.id, parent.full_name, rng.choice(SignOff.How.values),
                                               activated, g.worker.pk))
    drafted = activated - timedelta(days=rng.randint(3, 14))
    g.did(drafted, Action.CREATE, "safety_plans.safetyplan", plan, ("map", "review_every_days"))
    rules = _rules(g, earlier, drawn[-1].dangers if drawn else [], rng)
    rule_ids = []
    for position, rule in enumerate(rules, start=1):
        rule_id = out.new_id(Rule)
        rule_ids.append(rule_id)
        out.add(Rule, RULE_FIELDS, (rule_id, plan, position, rule.kind, rule.text, rule.responsible, rule.periods,
                                    rule.holidays, rule.situation, rule.answers, rule.lineage))
    g.did(drafted, Action.UPDATE, "safety_plans.safetyplan", plan, ("rules",))
    g.did(activated, Action.UPDATE, "safety_plans.safetyplan", plan, ("activated_on", "status"))
    _check_ins(g, plan, rule_ids, activated, ended or today, rng, out)
    return plan, rules


def _rules(g: Generated, earlier: list[LoadRule], dangers: list[int], rng: random.Random) -> list[LoadRule]:
    """5–30 rules: who is there when (most), what happens if, a professional's checks, other agreements; each kept
    by a parent, a network member or a professional, some answering a danger statement of the plan's map. A new
    version keeps nine in ten of the earlier rules."""
    rules = [rule for rule in earlier if rng.random() < 0.9][:RULES[1]]
    texts = RULE_TEXTS[g.case.language]
    parents = g.with_role(PersonRole.PARENT)
    network = g.with_role(PersonRole.NETWORK) or parents
    professionals = g.with_role(PersonRole.PROFESSIONAL) or network
    wanted = rng.randint(*RULES) if not earlier else rng.randint(max(RULES[0], len(rules)), RULES[1])
    while len(rules) < wanted:
        kind = pick(rng, RULE_KINDS)
        keeper = network if kind == RuleKind.PRESENCE else professionals if kind == RuleKind.CHECK else parents
        presence = kind == RuleKind.PRESENCE
        rules.append(LoadRule(
            kind, rng.choice(texts[kind]), rng.choice(keeper).id, rng.choice(PERIODS) if presence else "[]",
            presence and rng.random() < 0.3,
            SITUATIONS[g.case.language] if kind == RuleKind.IF_THEN else "",
            rng.choice(dangers) if dangers and rng.random() < 0.5 else None, new_uuid(rng)))
    return rules


def _check_ins(g: Generated, plan: int, rules: list[int], first: date, last: date, rng: random.Random,
               out: Writer) -> None:
    """5–30 check-ins while the version is in force (at most one a day), each from a home visit, a call, school
    or the network, with a safety score that mostly rises; the latest (RESULTS_KEPT) with a result for every
    rule, as check_in_create records them: most held, some not known, a few broken."""
    days = (last - first).days + 1
    score = rng.randint(3, 7)
    results = [value for value, _w in RESULTS]
    weights = [weight for _v, weight in RESULTS]
    notes = CHECK_IN_NOTES[g.case.language]
    offsets = sorted(rng.sample(range(days), min(days, rng.randint(*CHECK_INS))))
    for n, offset in enumerate(offsets, start=1):
        check_in = out.new_id(CheckIn)
        on = first + timedelta(days=offset)
        score = max(0, min(10, score + rng.choice((-1, 0, 0, 1, 1))))
        out.add(CheckIn, CHECK_IN_FIELDS, (check_in, plan, on, g.worker.pk, rng.choice(CheckInSource.values), score,
                                           rng.choice(notes) if rng.random() < 0.3 else ""))
        if n > len(offsets) - RESULTS_KEPT:
            for rule, result in zip(rules, rng.choices(results, weights, k=len(rules)), strict=True):
                out.add(RuleCheck, RULE_CHECK_FIELDS, (check_in, rule, result))
        g.did(on, Action.CREATE, "safety_plans.checkin", check_in, ("checked_on", "results", "safety_score", "source"))


def _voices(g: Generated, plan_on: date | None, rng: random.Random, today: date, out: Writer) -> None:
    """Children of four and older are heard with the Three Houses (some of the younger ones with the Fairies and
    Wizards) every two to four months; some draw a Safety House when their plan starts."""
    for child in g.with_role(PersonRole.CHILD):
        age = child.age_on(g.case.opened_on)
        if age < 4:
            continue
        held, count = day_after(g, today, g.case.opened_on, 7, 45, rng), 0
        while held is not None and count < MAX_CONVERSATIONS:
            count += 1
            tool = Tool.FAIRIES_WIZARDS if age < 9 and rng.random() < 0.3 else Tool.THREE_HOUSES
            conversation = out.new_id(Conversation)
            out.add(Conversation, CONVERSATION_FIELDS, (conversation, g.case.id, child.id, tool, held, g.worker.pk))
            g.did(held, Action.CREATE, "child_voice.conversation", conversation, ("child", "held_on", "tool"))
            held = day_after(g, today, held, 60, 120, rng)
        if plan_on is not None and rng.random() < 0.3:
            out.add(SafetyHouse, HOUSE_FIELDS, (g.case.id, child.id, plan_on, rng.randint(3, 9), g.worker.pk))


def _referrals(g: Generated, directory: Directory, rng: random.Random, today: date, out: Writer) -> None:
    """Two cases in five refer someone of the family to an offer, once or twice: to an offer of the need's kind in
    the family's district (or for the whole area) when the directory has one, else recorded as "no suitable offer
    exists"; then contacted, perhaps a wait, started and completed, or declined or refused on the way, each step
    dated; consent given on most."""
    if rng.random() >= 0.4:
        return
    district = rng.choice(directory.districts)
    people = g.with_role(PersonRole.PARENT, PersonRole.CHILD)
    for _ in range(rng.randint(1, 2)):
        referred = day_after(g, today, g.case.opened_on, 10, 120, rng)
        if referred is None:
            return
        kind = rng.choice(NEEDS)
        offer = directory.offer_for(kind, district, rng) if rng.random() < 0.9 else None
        steps: list[tuple[str, date]] = [(ReferralStatus.SUGGESTED if offer else ReferralStatus.NO_OFFER, referred)]
        at = referred
        for status in (_path(rng) if offer else ()):
            later = day_after(g, today, at, 3, 45, rng)
            if later is None:
                break
            steps.append((status, later))
            at = later
        referral = out.new_id(Referral)
        status, status_on = steps[-1]
        still_open = status in OPEN_REFERRAL
        out.add(Referral, REFERRAL_FIELDS, (
            referral, g.case.id, rng.choice(people).id, kind, rng.choice(NEED_WORDS[g.case.language]), district,
            g.case.language, offer, status, status_on, referred, g.worker.pk,
            today + timedelta(days=rng.randint(-10, 20)) if still_open and not g.case.closed_on else None,
            referred if offer and rng.random() < 0.8 else None))
        for step, on in steps:
            out.add(ReferralEvent, EVENT_FIELDS, (referral, step, on, g.worker.pk))
            g.did(on, Action.CREATE if on == referred else Action.UPDATE, "resources.referral", referral,
                  ("need_kind", "offer") if on == referred else ("status", "status_on"))


def _path(rng: random.Random) -> tuple[str, ...]:
    """The steps after the suggestion: most start and complete; some wait first; a few are declined or refused."""
    ending = rng.random()
    if ending < 0.1:
        return (ReferralStatus.CONTACTED, ReferralStatus.REFUSED)
    if ending < 0.2:
        return (ReferralStatus.DECLINED,)
    wait = (ReferralStatus.WAITING,) if rng.random() < 0.25 else ()
    return (ReferralStatus.CONTACTED, *wait, ReferralStatus.STARTED, ReferralStatus.COMPLETED)


def _outcomes(g: Generated, closed: date, had_plan: bool, rng: random.Random,
              out: Writer) -> tuple[str, dict[int, str]]:
    """Each child's outcome of the closing; returns the family's outcome and each child's."""
    kinds = {}
    for child in g.with_role(PersonRole.CHILD):
        kind = pick(rng, WITH_PLAN if had_plan else WITHOUT_PLAN)
        kinds[child.id] = kind
        out.add(ChildOutcome, OUTCOME_FIELDS, (g.case.id, child.id, kind, closed, True, g.worker.pk))
    g.did(closed, Action.UPDATE, "cases.case", g.case.id, ("closed_on", "outcome", "status"))
    if any(kind in PLACED_AWAY for kind in kinds.values()):
        return Outcome.PLACED, kinds
    if ChildOutcome.Kind.KEPT_HOME in kinds.values():
        return Outcome.STAYED_HOME, kinds
    return Outcome.RETURNED_HOME if ChildOutcome.Kind.RETURNED_HOME in kinds.values() else Outcome.OTHER, kinds
