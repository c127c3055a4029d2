"""Synthetic data for benchmarks: many cases with realistic names, written in bulk.

Bulk writes skip the services (and so the audit trail) on purpose: this fills a benchmark database, it
is not case work. Names come from small per-language lists so searches behave like real ones.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from safehold.accounts import services as accounts
from safehold.accounts.models import Organisation, Role, Team, User
from safehold.cases.models import Case, CaseAssignment, CaseStatus, LegalBasis, Person, PersonRole
from safehold.core.text import fold
from safehold.organisation.services import organisation_create

FAMILY_NAMES = {
    "de": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
           "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
           "Yılmaz", "Kaya", "Nowak", "Kowalski"],
    "da": ["Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
           "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Møller", "Østergaard", "Bæk"],
    "en": ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
           "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke"],
}
FIRST_NAMES = {
    "de": ["Mia", "Emma", "Sofia", "Hannah", "Lina", "Noah", "Leon", "Paul", "Ben", "Finn", "Jürgen", "Sabine",
           "Andrea", "Stefan", "Özlem", "Zoë"],
    "da": ["Freja", "Ida", "Clara", "Alma", "Ella", "William", "Oscar", "Noah", "Carl", "Aksel", "Søren", "Mette",
           "Bjørn", "Åse", "Jørgen"],
    "en": ["Olivia", "Amelia", "Isla", "Ava", "Lily", "Oliver", "George", "Harry", "Jack", "Leo", "Rachel", "Peter",
           "Chloé", "Seán"],
}


@transaction.atomic
def generate_load_data(*, cases: int, organisation_name: str = "Load", seed: int = 1) -> Organisation:
    rng = random.Random(seed)
    organisation = Organisation.objects.filter(name=organisation_name).first()
    if organisation is None:
        organisation = organisation_create(name=organisation_name, kind=Organisation.Kind.MUNICIPALITY,
                                           country=Organisation.Country.GERMANY)
    teams = [Team.objects.get_or_create(organisation=organisation, name=f"Team {i + 1}")[0] for i in range(5)]
    workers = []
    for i in range(20):
        username = f"{organisation_name.lower()}-worker-{i + 1}"
        user = User.objects.filter(username=username).first() or accounts.user_create(
            actor=None, organisation=organisation, username=username, first_name="Worker", last_name=str(i + 1),
            roles=[(Role.CASEWORKER, teams[i % len(teams)])],
        )
        workers.append(user)
    bases = list(LegalBasis.objects.filter(organisation=organisation))
    start = Case.objects.filter(organisation=organisation).count()
    today = timezone.localdate()
    statuses = list(CaseStatus.values)
    new_cases = []
    for n in range(start, start + cases):
        language = rng.choice(["de", "de", "da", "en"])
        family = rng.choice(FAMILY_NAMES[language])
        case = Case(
            organisation=organisation, reference=f"L-{n + 1:07d}", family_name=family, language=language,
            legal_basis=rng.choice(bases) if bases else None, status=rng.choice(statuses),
            opened_on=today - timedelta(days=rng.randint(1, 900)), team=rng.choice(teams),
        )
        case.refresh_search_key()
        new_cases.append(case)
    Case.objects.bulk_create(new_cases, batch_size=1000)
    new_cases = list(Case.objects.filter(organisation=organisation, reference__in=[c.reference for c in new_cases]))
    people, assignments = [], []
    for case in new_cases:
        names = FIRST_NAMES[case.language]
        worker = rng.choice(workers)
        assignments.append(CaseAssignment(case=case, user=worker, role=CaseAssignment.Role.CASEWORKER))
        for _ in range(rng.randint(1, 3)):
            people.append(_person(case, PersonRole.CHILD, rng.choice(names), today, rng, 0, 17))
        for _ in range(rng.randint(1, 2)):
            people.append(_person(case, PersonRole.PARENT, rng.choice(names), today, rng, 20, 55))
        for _ in range(rng.randint(0, 3)):
            people.append(_person(case, PersonRole.NETWORK, rng.choice(names), today, rng, 15, 80))
    CaseAssignment.objects.bulk_create(assignments, batch_size=1000)
    Person.objects.bulk_create(people, batch_size=1000)
    return organisation


def _person(case: Case, role: str, first_name: str, today: date, rng: random.Random, min_age: int,
            max_age: int) -> Person:
    birth = today - timedelta(days=rng.randint(min_age * 365, max_age * 365 + 364))
    person = Person(case=case, role=role, first_name=first_name, last_name=case.family_name, birth_date=birth)
    person.search_key = fold(person.full_name)
    return person
