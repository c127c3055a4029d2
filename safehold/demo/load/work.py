"""The work on each generated case: maps with scales and danger statements, the safety circles, safety plans with
their sign-offs and Words & Pictures stories, the children's conversations and Safety Houses, referrals to the
directory's offers with their steps, and an outcome for every child of a closed case.

What is drawn follows the practice, so that the reports read like a real organisation's: a first map within a
month of the referral and another every two or three months; scores that mostly rise; a plan in force for most
cases that last beyond a month; about nine children in ten of those kept at home (seed 004: 115 of 133).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from safehold.cases.models import PLACED_AWAY, Case, ChildOutcome, Outcome, PersonRole
from safehold.cases.voices import VoiceKind
from safehold.child_voice.models import Conversation, SafetyHouse, Tool
from safehold.demo.load.bulk import Writer
from safehold.demo.load.cases import Generated, LoadPerson
from safehold.demo.load.directory import Directory
from safehold.demo.load.names import ENTRY_TEXTS, IMPACT, MAP_TITLES, NEED_WORDS, STORY_TITLES, WORRIED
from safehold.mapping.models import Entry, GoalKind, Map, Part, Scale, ScaleKind
from safehold.network.models import Circle, CirclePlacement
from safehold.resources.models import OPEN_REFERRAL, OfferKind, Referral, ReferralEvent, ReferralStatus
from safehold.safety_plans.models import PlanStatus, SafetyPlan, SignOff
from safehold.words_pictures.models import Story, StoryStatus

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
STORY_FIELDS = ("id", "case", "status", "title", "agreed_on", "read_on", "created_by")
PLAN_FIELDS = ("id", "case", "version_no", "status", "copied_from", "map", "story", "review_every_days",
               "next_review_on", "activated_on", "ended_on", "approved_by", "approved_at", "created_by")
SIGN_OFF_FIELDS = ("plan", "person", "name", "how", "signed_on", "recorded_by")
CONVERSATION_FIELDS = ("case", "child", "tool", "held_on", "recorded_by")
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


@dataclass(slots=True)
class LoadMap:
    id: int
    drawn_on: date


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _w in weighted], weights=[w for _v, w in weighted])[0]


def _day(g: Generated, today: date, after: date, start: int, stop: int, rng: random.Random) -> date | None:
    """A day `start` to `stop` days after `after`, or None when the case had ended by then."""
    day = after + timedelta(days=rng.randint(start, stop))
    return day if day <= g.end(today) else None


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
        if g.case.closed_on is not None:
            outcomes.setdefault(_outcomes(g, plan_on is not None, rng, out), []).append(g.case.id)
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
    drawn = _day(g, today, g.case.opened_on, 7, 30, rng)
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
                            uuid.uuid4(), worker, *by_worker))
        statements = answered = 0
        for _ in range(rng.randint(1, 3)):
            danger = out.new_id(Entry)
            position += 1
            statements += 1
            entries.append((danger, m.id, Part.FUTURE_DANGER, position, rng.choice(texts["future_danger"]),
                            WORRIED[language], rng.choice(texts["past_harm"]), IMPACT[language], "", None,
                            uuid.uuid4(), worker, *by_worker))
            if rng.random() < 0.8:
                position += 1
                answered += 1
                entries.append((out.new_id(Entry), m.id, Part.GOALS, position, rng.choice(texts["goals"]), "", "",
                                "", GoalKind.SAFETY, danger, uuid.uuid4(), worker, *by_worker))
        # The counts the services keep on each map (mapping.tallies), written with it.
        out.add(Map, MAP_FIELDS, (m.id, g.case.id, drawn, MAP_TITLES[language], worker, statements, answered))
        for row in scales:
            out.add(Scale, SCALE_FIELDS, row)
        for entry in entries:
            out.add(Entry, ENTRY_FIELDS, entry)
        drawn = _day(g, today, drawn, 42, 90, rng)
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
        placed = _day(g, today, g.case.opened_on, 7, 40, rng)
        if placed is None:
            continue
        circle = _pick(rng, CIRCLES)
        moved = _day(g, today, placed, 30, 200, rng) if rng.random() < 0.2 else None
        # `until`: the day the next place begins, as network.placements dates them.
        out.add(CirclePlacement, CIRCLE_FIELDS, (g.case.id, person.id, circle, placed, moved, g.worker.pk))
        if moved is not None:
            out.add(CirclePlacement, CIRCLE_FIELDS,
                    (g.case.id, person.id, _pick(rng, CIRCLES), moved, None, g.worker.pk))


def _plans(g: Generated, maps: list[LoadMap], rng: random.Random, today: date, out: Writer) -> date | None:
    """A safety plan for most cases: in force 30–120 days after the referral, renewed once on a third of them,
    ended when the case closed; signed by the parents on three in four versions; half of them explained to the
    children with a Words & Pictures story. Returns the day the plan first came into force."""
    activated = _day(g, today, g.case.opened_on, 30, 120, rng) if rng.random() < 0.85 else None
    if activated is None:
        return None
    story = None
    if rng.random() < 0.5:
        story = out.new_id(Story)
        read_on = _day(g, today, activated, 0, 21, rng)
        status = StoryStatus.AGREED if read_on is None else StoryStatus.READ_WITH_CHILDREN
        out.add(Story, STORY_FIELDS, (story, g.case.id, status, STORY_TITLES[g.case.language], activated, read_on,
                                      g.worker.pk))
    renewed = _day(g, today, activated, 60, 180, rng) if rng.random() < 0.33 else None
    first = _version(g, 1, activated, renewed, None, maps, story if renewed is None else None, rng, today, out)
    if renewed is not None:
        _version(g, 2, renewed, None, first, maps, story, rng, today, out)
    return activated


def _version(g: Generated, number: int, activated: date, superseded: date | None, copied_from: int | None,
             maps: list[LoadMap], story: int | None, rng: random.Random, today: date, out: Writer) -> int:
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
    return plan


def _voices(g: Generated, plan_on: date | None, rng: random.Random, today: date, out: Writer) -> None:
    """Children of four and older are heard with the Three Houses (some of the younger ones with the Fairies and
    Wizards) every two to four months; some draw a Safety House when their plan starts."""
    for child in g.with_role(PersonRole.CHILD):
        age = child.age_on(g.case.opened_on)
        if age < 4:
            continue
        held, count = _day(g, today, g.case.opened_on, 7, 45, rng), 0
        while held is not None and count < MAX_CONVERSATIONS:
            count += 1
            tool = Tool.FAIRIES_WIZARDS if age < 9 and rng.random() < 0.3 else Tool.THREE_HOUSES
            out.add(Conversation, CONVERSATION_FIELDS, (g.case.id, child.id, tool, held, g.worker.pk))
            held = _day(g, today, held, 60, 120, rng)
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
        referred = _day(g, today, g.case.opened_on, 10, 120, rng)
        if referred is None:
            return
        kind = rng.choice(NEEDS)
        offer = directory.offer_for(kind, district, rng) if rng.random() < 0.9 else None
        steps: list[tuple[str, date]] = [(ReferralStatus.SUGGESTED if offer else ReferralStatus.NO_OFFER, referred)]
        at = referred
        for status in (_path(rng) if offer else ()):
            later = _day(g, today, at, 3, 45, rng)
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


def _path(rng: random.Random) -> tuple[str, ...]:
    """The steps after the suggestion: most start and complete; some wait first; a few are declined or refused."""
    ending = rng.random()
    if ending < 0.1:
        return (ReferralStatus.CONTACTED, ReferralStatus.REFUSED)
    if ending < 0.2:
        return (ReferralStatus.DECLINED,)
    wait = (ReferralStatus.WAITING,) if rng.random() < 0.25 else ()
    return (ReferralStatus.CONTACTED, *wait, ReferralStatus.STARTED, ReferralStatus.COMPLETED)


def _outcomes(g: Generated, had_plan: bool, rng: random.Random, out: Writer) -> str:
    """Each child's outcome of the closing; returns the family's outcome."""
    kinds = []
    for child in g.with_role(PersonRole.CHILD):
        kind = _pick(rng, WITH_PLAN if had_plan else WITHOUT_PLAN)
        kinds.append(kind)
        out.add(ChildOutcome, OUTCOME_FIELDS, (g.case.id, child.id, kind, g.case.closed_on, True, g.worker.pk))
    if any(kind in PLACED_AWAY for kind in kinds):
        return Outcome.PLACED
    if ChildOutcome.Kind.KEPT_HOME in kinds:
        return Outcome.STAYED_HOME
    return Outcome.RETURNED_HOME if ChildOutcome.Kind.RETURNED_HOME in kinds else Outcome.OTHER
