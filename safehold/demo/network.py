"""Three generations of family and a safety network for each demo case: the register of relationships, the
places in the safety circles over the weeks, and the network coordinator.

People the case does not have yet are added first (grandparents, an aunt, friends). Written through the
services like work done in the interface, once: a case that already has relationships is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from safehold.accounts.models import User
from safehold.cases import services as cases
from safehold.cases.models import Case
from safehold.network import services
from safehold.network.models import Circle, Kind, Quality


@dataclass(frozen=True)
class NewPerson:
    first_name: str
    last_name: str
    role: str
    relationship: str
    sex: str
    born_years_ago: int | None = None
    deceased_years_ago: int | None = None
    phone: str = ""


@dataclass(frozen=True)
class Family:
    sexes: dict[str, str]  # first name → sex, for the people the case already has
    new_people: tuple[NewPerson, ...]
    ties: tuple[tuple[str, str, str, str], ...]  # (first name, kind, first name, quality)
    circles: tuple[tuple[str, str, int], ...]  # (first name, circle, days ago)
    coordinator: str
    restricted: tuple[tuple[str, str, str], ...] = field(default=())  # (first name, first name, legal basis)


P, S, E, L = Kind.PARENT, Kind.PARTNER, Kind.EX_PARTNER, Kind.LIVES_WITH
SIB, C = Kind.SIBLING, Kind.CONNECTION
STRONG, NORMAL, WEAK, STRESS = Quality.STRONG, Quality.NORMAL, Quality.WEAK, Quality.STRESSFUL
INNER, MIDDLE, OUTER = Circle.INNER, Circle.MIDDLE, Circle.OUTER

FAMILIES = {
    "JA-2026-0147": Family(
        sexes={"Mia": "female", "Leon": "male", "Sandra": "female", "Thomas": "male", "Gisela": "female",
               "Aylin": "female", "Martin": "male"},
        new_people=(
            NewPerson("Horst", "Hoffmann", "network", "Großvater (mütterlicherseits), verstorben", "male", 68, 3),
            NewPerson("Jana", "Hoffmann", "network", "Tante (Schwester der Mutter)", "female", 31,
                      phone="0231 7788 990"),
            NewPerson("Ralf", "Krüger", "network", "Partner der Mutter", "male", 40),
            NewPerson("Petra", "Schulz", "network", "Nachbarin", "female", 52, phone="0231 5567 200"),
        ),
        ties=(
            ("Gisela", P, "Sandra", STRONG), ("Horst", P, "Sandra", NORMAL), ("Gisela", P, "Jana", NORMAL),
            ("Horst", P, "Jana", NORMAL), ("Gisela", S, "Horst", NORMAL), ("Sandra", SIB, "Jana", NORMAL),
            ("Sandra", P, "Mia", STRONG), ("Sandra", P, "Leon", NORMAL), ("Thomas", P, "Mia", NORMAL),
            ("Thomas", P, "Leon", STRONG), ("Sandra", E, "Thomas", STRESS), ("Mia", SIB, "Leon", STRONG),
            ("Sandra", L, "Mia", NORMAL), ("Sandra", L, "Leon", NORMAL), ("Sandra", S, "Ralf", NORMAL),
            ("Gisela", C, "Mia", STRONG), ("Jana", C, "Leon", NORMAL), ("Petra", C, "Mia", WEAK),
            ("Aylin", C, "Mia", STRONG), ("Martin", C, "Mia", NORMAL), ("Ralf", C, "Leon", STRESS),
        ),
        circles=(("Gisela", INNER, 30), ("Thomas", MIDDLE, 30), ("Aylin", MIDDLE, 25), ("Jana", OUTER, 25),
                 ("Jana", MIDDLE, 12), ("Petra", OUTER, 12), ("Martin", OUTER, 12)),
        coordinator="Gisela",
    ),
    "BU-2026-0311": Family(
        sexes={"Freja": "female", "Oscar": "male", "Camilla": "female", "Jonas": "male", "Birthe": "female",
               "Mette": "female", "Anne": "female"},
        new_people=(
            NewPerson("Poul", "Sørensen", "network", "morfar", "male", 67),
            NewPerson("Kasper", "Sørensen", "parent", "Frejas far, bor i Aarhus", "male", 38,
                      phone="+45 40 11 22 33"),
            NewPerson("Lise", "Nielsen", "network", "farmor til Oscar", "female", 63, phone="+45 46 37 80 12"),
            NewPerson("Søren", "Nielsen", "network", "farfar til Oscar, død", "male", 70, 5),
        ),
        ties=(
            ("Birthe", P, "Camilla", STRONG), ("Poul", P, "Camilla", NORMAL), ("Birthe", S, "Poul", NORMAL),
            ("Lise", P, "Jonas", NORMAL), ("Søren", P, "Jonas", NORMAL), ("Lise", S, "Søren", NORMAL),
            ("Camilla", P, "Freja", STRONG), ("Kasper", P, "Freja", WEAK), ("Camilla", E, "Kasper", NORMAL),
            ("Camilla", P, "Oscar", STRONG), ("Jonas", P, "Oscar", NORMAL), ("Camilla", S, "Jonas", STRESS),
            ("Freja", Kind.HALF_SIBLING, "Oscar", STRONG), ("Camilla", L, "Freja", NORMAL),
            ("Camilla", L, "Oscar", NORMAL), ("Jonas", L, "Oscar", NORMAL),
            ("Birthe", C, "Freja", STRONG), ("Mette", C, "Freja", NORMAL), ("Anne", C, "Freja", STRONG),
            ("Lise", C, "Oscar", NORMAL), ("Jonas", C, "Freja", STRESS),
        ),
        circles=(("Birthe", INNER, 60), ("Mette", MIDDLE, 60), ("Poul", MIDDLE, 45), ("Anne", MIDDLE, 45),
                 ("Lise", OUTER, 45), ("Lise", MIDDLE, 20), ("Kasper", OUTER, 20)),
        coordinator="Birthe",
    ),
    "CP-2026-0058": Family(
        sexes={"Ella": "female", "Jack": "male", "Rachel": "female", "Daniel": "male", "Peter": "male",
               "Sarah": "female"},
        new_people=(
            NewPerson("Margaret", "Hughes", "network", "grandmother, died", "female", 65, 2),
            NewPerson("Mark", "Taylor", "parent", "Ella and Jack's father, lives in Leeds", "male", 37,
                      phone="07700 900789"),
            NewPerson("Claire", "Hughes", "network", "aunt (Rachel's sister)", "female", 30, phone="07700 900321"),
            NewPerson("Steve", "Price", "network", "Daniel's brother", "male", 39, phone="07700 900654"),
            NewPerson("Priya", "Patel", "professional", "head of year, Ella's school", "female", 45),
        ),
        ties=(
            ("Peter", P, "Rachel", STRONG), ("Margaret", P, "Rachel", STRONG), ("Peter", S, "Margaret", NORMAL),
            ("Peter", P, "Claire", NORMAL), ("Margaret", P, "Claire", NORMAL), ("Rachel", SIB, "Claire", STRONG),
            ("Rachel", P, "Ella", STRONG), ("Rachel", P, "Jack", STRONG), ("Mark", P, "Ella", WEAK),
            ("Mark", P, "Jack", WEAK), ("Rachel", E, "Mark", NORMAL), ("Rachel", S, "Daniel", STRESS),
            ("Ella", SIB, "Jack", STRONG), ("Rachel", L, "Ella", NORMAL), ("Rachel", L, "Jack", NORMAL),
            ("Daniel", L, "Jack", NORMAL), ("Peter", C, "Jack", STRONG), ("Claire", C, "Ella", NORMAL),
            ("Steve", C, "Jack", WEAK), ("Sarah", C, "Jack", NORMAL), ("Priya", C, "Ella", STRONG),
            ("Daniel", C, "Jack", STRESS),
        ),
        circles=(("Peter", INNER, 100), ("Rachel", INNER, 100), ("Claire", MIDDLE, 90), ("Steve", OUTER, 90),
                 ("Steve", MIDDLE, 40), ("Sarah", MIDDLE, 90), ("Priya", MIDDLE, 60)),
        coordinator="Peter",
    ),
    # Emil lives in an emergency foster family for now (safehold/demo/perspective.py adds the carers); his
    # paternal grandmother is the one who visits him there and coordinates the network.
    "JA-2026-0212": Family(
        sexes={"Emil": "male", "Jana": "female", "Kevin": "male"},
        new_people=(
            NewPerson("Monika", "Schulz", "network", "Großmutter (väterlicherseits)", "female", 54,
                      phone="0231 7788 450"),
        ),
        ties=(
            ("Jana", P, "Emil", STRONG), ("Kevin", P, "Emil", NORMAL), ("Jana", S, "Kevin", STRESS),
            ("Jana", L, "Kevin", NORMAL), ("Monika", P, "Kevin", NORMAL), ("Monika", C, "Emil", STRONG),
        ),
        circles=(("Monika", INNER, 50), ("Jana", MIDDLE, 40), ("Kevin", MIDDLE, 40)),
        coordinator="Monika",
    ),
}


def ensure_demo_network(case: Case, worker: User) -> None:
    spec = FAMILIES.get(case.reference)
    if spec is None or case.relationships.exists():
        return
    today = timezone.localdate()
    people = {person.first_name: person for person in case.people.all()}
    for name, sex in spec.sexes.items():
        if name in people and people[name].sex != sex:
            cases.person_update(actor=worker, case=case, person=people[name],
                                expected_version=people[name].version, sex=sex)
    added: set[tuple[str, str, str, str]] = set()
    for new in spec.new_people:
        if new.first_name in people:
            continue
        born = (today.replace(year=today.year - new.born_years_ago, month=6, day=15)
                if new.born_years_ago else None)
        died = (today - timedelta(days=365 * new.deceased_years_ago) if new.deceased_years_ago else None)
        # Added as on the "add a person" page: with their first kind of tie to the people already there, in one
        # step (the register is filled, the free text stays the family's words).
        first = [t for t in spec.ties if t[0] == new.first_name and t[2] in people]
        kind, quality = (first[0][1], first[0][3]) if first else ("", Quality.NORMAL)
        with_it = [t for t in first if (t[1], t[3]) == (kind, quality)]
        people[new.first_name] = services.network_person_add(
            actor=worker, case=case, role=new.role, first_name=new.first_name, last_name=new.last_name,
            relationship=new.relationship, sex=new.sex, birth_date=born, deceased=died is not None,
            deceased_on=died, phone=new.phone, kind=kind, quality=quality,
            related_to=[people[t[2]].pk for t in with_it])
        added |= set(with_it)
    for a, kind, b, quality in spec.ties:
        if (a, kind, b, quality) in added:
            continue
        services.relationship_create(actor=worker, case=case, person_a=people[a].pk, person_b=people[b].pk,
                                     kind=kind, quality=quality)
    for a, b, basis in spec.restricted:
        services.relationship_create(actor=worker, case=case, person_a=people[a].pk, person_b=people[b].pk,
                                     kind=Kind.CONTACT_RESTRICTED, legal_basis=basis)
    for name, circle, days_ago in spec.circles:
        services.circle_place(actor=worker, case=case, person=people[name].pk, circle=circle,
                              placed_on=today - timedelta(days=days_ago))
    services.coordinator_set(actor=worker, case=case, person=people[spec.coordinator].pk)
