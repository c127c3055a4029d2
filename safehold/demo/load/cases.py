"""The generated organisation's staff, and its cases with their people and workers, written in bulk.

A case's life is drawn first: opened some day in the last five years, it runs 40 to 540 days; a case whose time
is up is closed, the others stand where their days put them (referral, assessment, planning, monitoring). That
leaves about one case in six open, and the organisation gets as many workers as give each about 25 open cases,
as real caseloads are (15 to 40 open cases a worker), in teams of 8 to 12. A case goes to a team in proportion
to its size, and its open cases to the team's workers in turn.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from safehold.accounts import services as accounts
from safehold.accounts.models import Organisation, Role, Team, User
from safehold.audit.models import AuditEvent
from safehold.cases.models import Case, CaseAssignment, CaseStatus, LegalBasis, Person, PersonRole, Sex
from safehold.core.text import fold
from safehold.demo.load.bulk import Writer
from safehold.demo.load.names import FAMILY_NAMES, FEMALE_NAMES, KIN_WORDS, MALE_NAMES
from safehold.organisation.services import organisation_create

Action = AuditEvent.Action

YEARS = 5
SHORTEST, LONGEST = 40, 540  # days a case runs
OPEN_SHARE = (SHORTEST + LONGEST) / 2 / (YEARS * 365)  # about 0.16: the share of cases still open
OPEN_CASES_PER_WORKER = 25
# The teams' sizes in turn: worker n is always in the same team, however many cases a run adds.
TEAM_SIZES = (10, 8, 12, 9, 11, 10, 12, 8, 11, 9)


@dataclass
class Staff:
    organisation: Organisation
    teams: list[Team]
    workers: dict[int, list[User]]  # per team id
    # Open cases go to a team's workers in turn, so that caseloads are even, as a team lead would share them.
    turn: dict[int, int] = field(default_factory=dict)
    # Each team once for each of its workers: a case drawn from these goes to a team in proportion to its size.
    seats: list[Team] = field(default_factory=list)
    # Each worker's place in the organisation's staff list (0, 1, …): their address on the office network.
    number: dict[int, int] = field(default_factory=dict)

    def worker_for(self, team: Team, *, is_open: bool, rng: random.Random) -> User:
        workers = self.workers[team.pk]
        if not is_open:
            return rng.choice(workers)
        at = self.turn.get(team.pk, 0)
        self.turn[team.pk] = at + 1
        return workers[at % len(workers)]


def staff_for(organisation_name: str, total_cases: int) -> Staff:
    """The organisation (created when missing) with enough teams and caseworkers for `total_cases`."""
    organisation = Organisation.objects.filter(name=organisation_name).first()
    if organisation is None:
        organisation = organisation_create(name=organisation_name, kind=Organisation.Kind.MUNICIPALITY,
                                           country=Organisation.Country.GERMANY)
    n_workers = max(4, math.ceil(total_cases * OPEN_SHARE / OPEN_CASES_PER_WORKER))
    places = team_places(n_workers)
    teams = [Team.objects.get_or_create(organisation=organisation, name=f"Team {i + 1}")[0]
             for i in range(places[-1] + 1)]
    existing = {user.username: user for user in User.objects.filter(organisation=organisation)}
    staff = Staff(organisation, teams, {team.pk: [] for team in teams})
    for i, place in enumerate(places):
        team = teams[place]
        username = f"{organisation_name.lower()}-worker-{i + 1}"
        language = ("de", "de", "da", "en")[i % 4]
        first = (FEMALE_NAMES if i % 3 else MALE_NAMES)[language]
        user = existing.get(username) or accounts.user_create(
            actor=None, organisation=organisation, username=username, first_name=first[i % len(first)],
            last_name=FAMILY_NAMES[language][i * 7 % len(FAMILY_NAMES[language])], roles=[(Role.CASEWORKER, team)],
            no_password=True,
        )
        staff.workers[team.pk].append(user)
        staff.seats.append(team)
        staff.number[user.pk] = i
    return staff


def team_places(n_workers: int) -> list[int]:
    """The team (0, 1, …) of each of `n_workers` workers: the teams fill up one after the other, sized in turn by
    TEAM_SIZES; only the last may not be full yet."""
    places: list[int] = []
    team = 0
    while len(places) < n_workers:
        places += [team] * min(TEAM_SIZES[team % len(TEAM_SIZES)], n_workers - len(places))
        team += 1
    return places


def pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    """One of the values, drawn by their weights."""
    return rng.choices([value for value, _w in weighted], weights=[w for _v, w in weighted])[0]


def day_after(g: Generated, today: date, after: date, start: int, stop: int, rng: random.Random) -> date | None:
    """A day `start` to `stop` days after `after`, or None when the case had ended by then."""
    day = after + timedelta(days=rng.randint(start, stop))
    return day if day <= g.end(today) else None


def status_after(days: int) -> str:
    """Where an open case stands after `days`."""
    if days < 21:
        return CaseStatus.REFERRAL
    if days < 60:
        return CaseStatus.ASSESSMENT
    if days < 120:
        return CaseStatus.SAFETY_PLANNING
    return CaseStatus.MONITORING


@dataclass(slots=True)
class LoadPerson:
    id: int
    role: str
    first_name: str
    last_name: str
    birth_date: date
    sex: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def age_on(self, day: date) -> int:
        return (day - self.birth_date).days // 365


@dataclass(slots=True)
class LoadCase:
    id: int
    language: str
    opened_on: date
    closed_on: date | None
    status: str
    team_id: int
    reference: str


@dataclass
class Generated:
    """One generated case, its people and its worker, with the keys the rows pointing to them need."""

    case: LoadCase
    worker: User
    people: list[LoadPerson] = field(default_factory=list)
    # What the worker wrote on the case, for its audit trail (demo/load/trail.py): (day, action, object type,
    # object id, fields).
    trail: list[tuple[date, str, str, int, tuple[str, ...]]] = field(default_factory=list)

    def with_role(self, *roles: str) -> list[LoadPerson]:
        return [person for person in self.people if person.role in roles]

    def did(self, day: date, action: str, object_type: str, object_id: int, fields: tuple[str, ...] = ()) -> None:
        self.trail.append((day, action, object_type, object_id, fields))

    def end(self, today: date) -> date:
        """The last day of work on the case: its closing, or today."""
        return self.case.closed_on or today


CASE_FIELDS = ("id", "organisation", "reference", "family_name", "language", "legal_basis", "status", "opened_on",
               "closed_on", "team", "search_key")
PERSON_FIELDS = ("id", "case", "role", "first_name", "last_name", "birth_date", "sex", "relationship", "search_key")
ASSIGNMENT_FIELDS = ("case", "user", "role")


def case_batch(staff: Staff, numbers: range, rng: random.Random, today: date, out: Writer) -> list[Generated]:
    """Cases numbered `numbers`, each with 1–4 children, 1–2 parents and 3–12 network members and professionals,
    and one caseworker. The case's outcome is written with the rest of its work."""
    bases = [basis.pk for basis in LegalBasis.objects.filter(organisation=staff.organisation)]
    generated = []
    for n in numbers:
        language = rng.choice(["de", "de", "da", "en"])
        family = rng.choice(FAMILY_NAMES[language])
        reference = f"L-{n + 1:07d}"
        opened_on = today - timedelta(days=rng.randint(1, YEARS * 365))
        ends_on = opened_on + timedelta(days=rng.randint(SHORTEST, LONGEST))
        closed = ends_on < today
        team = rng.choice(staff.seats)
        case = LoadCase(out.new_id(Case), language, opened_on, ends_on if closed else None,
                        CaseStatus.CLOSED if closed else status_after((today - opened_on).days), team.pk, reference)
        out.add(Case, CASE_FIELDS, (
            case.id, staff.organisation.pk, reference, family, language, rng.choice(bases) if bases else None,
            case.status, case.opened_on, case.closed_on, team.pk, fold(f"{reference} {family}")[:300]))
        g = Generated(case, staff.worker_for(team, is_open=not closed, rng=rng))
        g.did(opened_on, Action.CREATE, "cases.case", case.id, ("family_name", "language", "opened_on", "reference"))
        out.add(CaseAssignment, ASSIGNMENT_FIELDS, (case.id, g.worker.pk, CaseAssignment.Role.CASEWORKER))
        ages = [(PersonRole.CHILD, 0, 17)] * rng.randint(1, 4) + [(PersonRole.PARENT, 20, 55)] * rng.randint(1, 2)
        ages += [(PersonRole.PROFESSIONAL if rng.random() < 0.3 else PersonRole.NETWORK, 15, 80)
                 for _ in range(rng.randint(3, 12))]
        for role, youngest, oldest in ages:
            # Ages are those on the day the case was opened. The first parent is most often the mother, a second
            # one most often the father.
            birth = opened_on - timedelta(days=rng.randint(youngest * 365, oldest * 365 + 364))
            if role == PersonRole.PARENT:
                parents = len(g.with_role(PersonRole.PARENT))
                female = rng.random() < (0.85 if parents == 0 else 0.1)
            else:
                female = rng.random() < 0.5
            kin = "" if role != PersonRole.PARENT else KIN_WORDS[language]["mother" if female else "father"]
            first = rng.choice((FEMALE_NAMES if female else MALE_NAMES)[language])
            person = LoadPerson(out.new_id(Person), role, first, family, birth, Sex.FEMALE if female else Sex.MALE)
            out.add(Person, PERSON_FIELDS, (person.id, case.id, role, first, family, birth, person.sex, kin,
                                            fold(person.full_name)[:220]))
            g.people.append(person)
            g.did(opened_on, Action.CREATE, "cases.person", person.id,
                  ("birth_date", "first_name", "last_name", "role"))
        generated.append(g)
    return generated
