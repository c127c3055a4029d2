"""The generated organisation's staff, and its cases with their people and workers, written in bulk.

A case's life is drawn first: opened some day in the last five years, it runs 40 to 540 days; a case whose time
is up is closed, the others stand where their days put them (referral, assessment, planning, monitoring). That
leaves about one case in six open, and the organisation gets as many workers as give each about 25 open cases,
in teams of ten, as real caseloads are (15 to 40 open cases a worker).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from safehold.accounts import services as accounts
from safehold.accounts.models import Organisation, Role, Team, User
from safehold.cases.models import Case, CaseAssignment, CaseStatus, LegalBasis, Person, PersonRole
from safehold.core.text import fold
from safehold.demo.load.bulk import Writer
from safehold.demo.load.names import FAMILY_NAMES, FIRST_NAMES
from safehold.organisation.services import organisation_create

YEARS = 5
SHORTEST, LONGEST = 40, 540  # days a case runs
OPEN_SHARE = (SHORTEST + LONGEST) / 2 / (YEARS * 365)  # about 0.16: the share of cases still open
OPEN_CASES_PER_WORKER = 25
WORKERS_PER_TEAM = 10


@dataclass
class Staff:
    organisation: Organisation
    teams: list[Team]
    workers: dict[int, list[User]]  # per team id
    # Open cases go to a team's workers in turn, so that caseloads are even, as a team lead would share them.
    turn: dict[int, int] = field(default_factory=dict)

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
    n_teams = max(2, math.ceil(n_workers / WORKERS_PER_TEAM))
    teams = [Team.objects.get_or_create(organisation=organisation, name=f"Team {i + 1}")[0] for i in range(n_teams)]
    existing = {user.username: user for user in User.objects.filter(organisation=organisation)}
    workers: dict[int, list[User]] = {team.pk: [] for team in teams}
    for i in range(n_workers):
        team = teams[i % n_teams]
        username = f"{organisation_name.lower()}-worker-{i + 1}"
        user = existing.get(username) or accounts.user_create(
            actor=None, organisation=organisation, username=username, first_name="Worker", last_name=str(i + 1),
            roles=[(Role.CASEWORKER, team)],
        )
        workers[team.pk].append(user)
    return Staff(organisation, teams, workers)


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


@dataclass
class Generated:
    """One generated case, its people and its worker, with the keys the rows pointing to them need."""

    case: LoadCase
    worker: User
    people: list[LoadPerson] = field(default_factory=list)

    def with_role(self, *roles: str) -> list[LoadPerson]:
        return [person for person in self.people if person.role in roles]

    def end(self, today: date) -> date:
        """The last day of work on the case: its closing, or today."""
        return self.case.closed_on or today


CASE_FIELDS = ("id", "organisation", "reference", "family_name", "language", "legal_basis", "status", "opened_on",
               "closed_on", "team", "search_key")
PERSON_FIELDS = ("id", "case", "role", "first_name", "last_name", "birth_date", "search_key")
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
        team = rng.choice(staff.teams)
        case = LoadCase(out.new_id(Case), language, opened_on, ends_on if closed else None,
                        CaseStatus.CLOSED if closed else status_after((today - opened_on).days), team.pk)
        out.add(Case, CASE_FIELDS, (
            case.id, staff.organisation.pk, reference, family, language, rng.choice(bases) if bases else None,
            case.status, case.opened_on, case.closed_on, team.pk, fold(f"{reference} {family}")[:300]))
        g = Generated(case, staff.worker_for(team, is_open=not closed, rng=rng))
        out.add(CaseAssignment, ASSIGNMENT_FIELDS, (case.id, g.worker.pk, CaseAssignment.Role.CASEWORKER))
        names = FIRST_NAMES[language]
        ages = [(PersonRole.CHILD, 0, 17)] * rng.randint(1, 4) + [(PersonRole.PARENT, 20, 55)] * rng.randint(1, 2)
        ages += [(PersonRole.PROFESSIONAL if rng.random() < 0.3 else PersonRole.NETWORK, 15, 80)
                 for _ in range(rng.randint(3, 12))]
        for role, youngest, oldest in ages:
            # Ages are those on the day the case was opened.
            birth = opened_on - timedelta(days=rng.randint(youngest * 365, oldest * 365 + 364))
            person = LoadPerson(out.new_id(Person), role, rng.choice(names), family, birth)
            out.add(Person, PERSON_FIELDS, (person.id, case.id, role, person.first_name, family, birth,
                                            fold(person.full_name)[:220]))
            g.people.append(person)
        generated.append(g)
    return generated
