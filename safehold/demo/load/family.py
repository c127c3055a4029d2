"""The family around each generated case: how its people are related (the genogram's and the ecomap's ties), the
screenings against the safety plan's target group, and the children placed away from home with their contacts.

Placements follow the children's outcomes: a child placed in kinship, foster or residential care when the case
closed was placed some time before it and still is; a child who returned home was placed for a while; a few
children of open cases are placed now. Each placement has a contact with a parent every one to three weeks.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases.models import ChildOutcome, Person, PersonRole, Sex
from safehold.cases.voices import VoiceKind
from safehold.core.text import fold
from safehold.demo.load.bulk import Writer
from safehold.demo.load.cases import PERSON_FIELDS, Generated, LoadPerson, day_after, pick
from safehold.demo.load.names import (
    CONTACT_NOTES,
    FAMILY_NAMES,
    FEMALE_NAMES,
    KIN_WORDS,
    RESTRICTION_BASIS,
    SCREENING_EVIDENCE,
)
from safehold.network.models import Kind, Quality, Relationship
from safehold.perspective.models import Contact, ContactSetting, ContactStatus, Placement, Setting
from safehold.screening import rules
from safehold.screening.models import Screening, ScreeningAnswer

Action = AuditEvent.Action

RELATIONSHIP_FIELDS = ("case", "person_a", "person_b", "kind", "quality", "legal_basis", "created_by")
SCREENING_FIELDS = ("id", "case", "child", "screened_on", "outcome", "complete", "worker_decision",
                    "worker_decided_by", "worker_decided_at", "created_by")
ANSWER_FIELDS = ("screening", "item", "answer", "repeated", "evidence", "voice_kind", "voice_user", "voice_key",
                 "voice_name")
PLACEMENT_FIELDS = ("id", "case", "child", "setting", "starts_on", "time_frame_months", "planned_end_on",
                    "ended_on", "created_by")
CARER_FIELDS = ("placement", "person")
CONTACT_FIELDS = ("id", "case", "placement", "on", "duration_minutes", "place", "setting", "status",
                  "meeting_parting", "child_signals", "parent_responsiveness", "cancelled_by", "created_by")
PRESENT_FIELDS = ("contact", "person")

PARENT_TIES = ((Quality.NORMAL, 5), (Quality.STRONG, 3), (Quality.STRESSFUL, 2))
ECOMAP_TIES = ((Quality.STRONG, 3), (Quality.NORMAL, 4), (Quality.WEAK, 2), (Quality.STRESSFUL, 1))
# Where a child placed with each outcome lives.
SETTINGS: dict[str, str] = {ChildOutcome.Kind.KINSHIP_CARE: Setting.KINSHIP,
                             ChildOutcome.Kind.FOSTER_CARE: Setting.FOSTER,
                             ChildOutcome.Kind.RESIDENTIAL_CARE: Setting.RESIDENTIAL}
PLACED_NOW = 0.05  # the share of the children of open cases who live away from home now
MAX_CONTACTS = 40  # per placement
# A screening's answers: (yes, no, unknown) weights for a case that fits the target group, and for another.
FITTING = (90, 4, 6)
OTHER = (45, 35, 20)


def relationships(g: Generated, rng: random.Random, out: Writer) -> None:
    """The family as the genogram draws it and the ties the ecomap shows: each parent of each child, the parents
    as partners or former partners, the children as (half-)siblings, the children living with the first parent;
    older network members as grandparents, the others close to a parent or a child, each professional to one
    child; on one case in twenty a second parent's contact with the children restricted by a court. The worker
    draws them in the case's first weeks: one audit record for the genogram, as a sitting at it would leave a
    few."""
    children, parents = g.with_role(PersonRole.CHILD), g.with_role(PersonRole.PARENT)
    opened = g.case.opened_on
    g.did(opened + timedelta(days=rng.randint(1, 30)), Action.UPDATE, "cases.case", g.case.id, ("relationships",))
    for parent in parents:
        for child in children:
            _tie(g, parent, child, Kind.PARENT, pick(rng, PARENT_TIES), out)
    if len(parents) == 2:
        partners = rng.random() < 0.6
        _tie(g, parents[0], parents[1], Kind.PARTNER if partners else Kind.EX_PARTNER,
             Quality.NORMAL if partners else Quality.STRESSFUL, out)
    for i, child in enumerate(children):
        for sibling in children[i + 1:]:
            _tie(g, child, sibling, Kind.SIBLING if rng.random() < 0.8 else Kind.HALF_SIBLING, Quality.STRONG, out)
        _tie(g, parents[0], child, Kind.LIVES_WITH, Quality.NORMAL, out)
    if len(parents) == 2 and rng.random() < 0.05:
        for child in children:
            _tie(g, parents[1], child, Kind.CONTACT_RESTRICTED, Quality.STRESSFUL, out,
                 legal_basis=RESTRICTION_BASIS[g.case.language])
    for person in g.with_role(PersonRole.NETWORK):
        if person.age_on(opened) >= 45 and rng.random() < 0.5:
            for child in children:
                _tie(g, person, child, Kind.GRANDPARENT, pick(rng, ECOMAP_TIES), out)
        else:
            _tie(g, person, rng.choice(parents + children), Kind.CONNECTION, pick(rng, ECOMAP_TIES), out)
    for person in g.with_role(PersonRole.PROFESSIONAL):
        _tie(g, person, rng.choice(children), Kind.CONNECTION, Quality.NORMAL if rng.random() < 0.7 else Quality.WEAK,
             out)


def _tie(g: Generated, a: LoadPerson, b: LoadPerson, kind: str, quality: str, out: Writer, *,
         legal_basis: str = "") -> None:
    if kind not in (Kind.PARENT, Kind.GRANDPARENT, Kind.FOSTER_CARER, Kind.KINSHIP_CARER) and a.id > b.id:
        a, b = b, a  # a tie that holds both ways is stored with the lower id first (network.models)
    out.add(Relationship, RELATIONSHIP_FIELDS, (g.case.id, a.id, b.id, kind, quality, legal_basis, g.worker.pk))


def screenings(g: Generated, fits: bool, rng: random.Random, today: date, out: Writer) -> None:
    """The family screened against the target group of a safety plan in its first weeks, and on two cases in five
    one child again later. A case that went on to a plan mostly fits; the worker decides on most screenings
    whose recommendation is clear. Nine in ten screenings answer every item; the others leave some open."""
    when = [day_after(g, today, g.case.opened_on, 5, 30, rng)]
    if when[0] is not None and rng.random() < 0.4:
        when.append(day_after(g, today, when[0], 30, 120, rng))
    weights = FITTING if fits else OTHER
    worker = (VoiceKind.WORKER, g.worker.pk, f"user:{g.worker.pk}", g.worker.get_full_name() or g.worker.username)
    evidence = SCREENING_EVIDENCE[g.case.language]
    for n, day in enumerate(when):
        if day is None:
            return
        child = rng.choice(g.with_role(PersonRole.CHILD)).id if n else None
        complete = rng.random() < 0.9
        answers: dict[str, rules.Answer] = {}
        for item in rules.ITEMS:
            if not complete and rng.random() < 0.3:
                continue
            answer = rng.choices(rules.ANSWERS, weights)[0]
            repeated = (rng.random() < 0.7) if item in rules.CONDITIONS and answer == rules.YES else None
            answers[item] = rules.Answer(answer, repeated)
        result = rules.assess(answers)
        decided = result.outcome != rules.UNCLEAR and rng.random() < 0.8
        screening = out.new_id(Screening)
        out.add(Screening, SCREENING_FIELDS, (
            screening, g.case.id, child, day, result.outcome, result.complete, result.outcome if decided else "",
            g.worker.pk if decided else None,
            timezone.make_aware(datetime.combine(day, time(15))) if decided else None, g.worker.pk))
        for item, given in answers.items():
            out.add(ScreeningAnswer, ANSWER_FIELDS, (screening, item, given.answer, given.repeated,
                                                     evidence if given.answer == rules.YES else "", *worker))
        g.did(day, Action.CREATE, "screening.screening", screening, ("answers", "screened_on"))
        if decided:
            g.did(day, Action.UPDATE, "screening.screening", screening, ("worker_decision", "worker_reason"))


def placements(g: Generated, outcomes: dict[int, str], rng: random.Random, today: date, out: Writer) -> None:
    """Placements for the children `outcomes` (child id → outcome of a closed case) say were placed or returned
    home, and for a few children of an open case; each with its carers (a network member for kinship care, a
    foster carer added to the case) and contacts."""
    closed = g.case.closed_on
    for child in g.with_role(PersonRole.CHILD):
        outcome = outcomes.get(child.id)
        setting: str
        if closed is None:
            if rng.random() >= PLACED_NOW:
                continue
            setting = rng.choice((Setting.EMERGENCY_FOSTER, Setting.KINSHIP, Setting.FOSTER))
        elif outcome in SETTINGS:
            setting = SETTINGS[outcome]
        elif outcome == ChildOutcome.Kind.RETURNED_HOME:
            setting = rng.choice((Setting.KINSHIP, Setting.FOSTER))
        else:
            continue
        end = g.end(today)
        starts = g.case.opened_on + timedelta(days=rng.randint(0, max(0, (end - g.case.opened_on).days - 14)))
        months = rng.choice((3, 6, 6, 12))
        planned_end = starts + timedelta(days=months * 30)
        ended = None
        if outcome == ChildOutcome.Kind.RETURNED_HOME:
            ended = min(end, starts + timedelta(days=rng.randint(30, 300)))
        placement = out.new_id(Placement)
        out.add(Placement, PLACEMENT_FIELDS, (placement, g.case.id, child.id, setting, starts, months, planned_end,
                                              ended, g.worker.pk))
        g.did(starts, Action.CREATE, "perspective.placement", placement, ("child", "setting", "starts_on"))
        _carers(g, placement, child, setting, rng, out)
        _contacts(g, placement, child, starts, ended or end, rng, today, out)


def _carers(g: Generated, placement: int, child: LoadPerson, setting: str, rng: random.Random, out: Writer) -> None:
    network = g.with_role(PersonRole.NETWORK, PersonRole.CAREGIVER)
    if setting == Setting.RESIDENTIAL:
        return
    if setting == Setting.KINSHIP and network:
        carer, kind = rng.choice(network), Kind.KINSHIP_CARER
    else:
        language = g.case.language
        carer = LoadPerson(out.new_id(Person), PersonRole.CAREGIVER, rng.choice(FEMALE_NAMES[language]),
                           rng.choice(FAMILY_NAMES[language]), g.case.opened_on - timedelta(days=rng.randint(
                               30 * 365, 60 * 365)), Sex.FEMALE)
        out.add(Person, PERSON_FIELDS, (carer.id, g.case.id, carer.role, carer.first_name, carer.last_name,
                                        carer.birth_date, carer.sex, KIN_WORDS[language]["foster"],
                                        fold(carer.full_name)[:220]))
        g.people.append(carer)
        kind = Kind.FOSTER_CARER
    out.add(Placement.carers.through, CARER_FIELDS, (placement, carer.id))
    _tie(g, carer, child, kind, Quality.STRONG, out)


def _contacts(g: Generated, placement: int, child: LoadPerson, first: date, last: date, rng: random.Random,
              today: date, out: Writer) -> None:
    """A contact with the first parent every one to three weeks while the placement runs, held or now and then
    cancelled, with what was observed; the next one planned while it still runs."""
    parent = g.with_role(PersonRole.PARENT)[0]
    notes = CONTACT_NOTES[g.case.language]
    on = first + timedelta(days=rng.randint(3, 14))
    for _ in range(MAX_CONTACTS):
        if on > last:
            break
        planned = on > today
        status = ContactStatus.PLANNED if planned else (
            ContactStatus.HELD if rng.random() < 0.85 else ContactStatus.CANCELLED)
        held = status == ContactStatus.HELD
        contact = out.new_id(Contact)
        out.add(Contact, CONTACT_FIELDS, (
            contact, g.case.id, placement, on, rng.choice((60, 90, 120)), notes["place"],
            pick(rng, ((ContactSetting.SUPERVISED, 6), (ContactSetting.ACCOMPANIED, 3),
                       (ContactSetting.UNACCOMPANIED, 1))), status,
            notes["meeting_parting"] if held else "", notes["child_signals"] if held else "",
            notes["parent_responsiveness"] if held else "",
            parent.full_name if status == ContactStatus.CANCELLED else "", g.worker.pk))
        if held:
            out.add(Contact.present.through, PRESENT_FIELDS, (contact, child.id))
            out.add(Contact.present.through, PRESENT_FIELDS, (contact, parent.id))
        g.did(min(on, today), Action.CREATE, "perspective.contact", contact, ("on", "setting", "status"))
        if planned:
            break
        on += timedelta(days=rng.randint(7, 21))
