"""The case's network as the pictures and pages read it: its people, the register of relationships, where each
person stands in the safety circles now and over time, the coordinator, how many rules of the active
safety plan each person holds, and where a placed child lives now. A fixed number of queries, however many
people.

The rules held come from the safety plan and the homes from the Perspektivklärung, which sit above the
network: they are read through the callables the settings `SAFEHOLD_RULES_HELD` and `SAFEHOLD_CARE_HOMES`
name, so that this app imports nothing of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.utils.module_loading import import_string

from safehold.cases.models import Case, Person
from safehold.cases.selectors import chosen_person
from safehold.core.ids import pk_or_404
from safehold.network.homes import CareHome, care_homes
from safehold.network.models import SAFETY_NETWORK, CaseNetwork, Circle, CirclePlacement, Kind, Relationship


@dataclass
class Network:
    case: Case
    people: list[Person]
    relationships: list[Relationship]
    circles: dict[int, str]  # person id → circle now (people never placed are absent)
    coordinator_id: int | None
    rules_held: dict[int, int]  # person id → rules of the active safety plan they hold
    history: list[CirclePlacement] = field(default_factory=list)
    homes: dict[int, CareHome] = field(default_factory=dict)  # child id → where a placed child lives now

    def person(self, person_id: int) -> Person:
        return next(p for p in self.people if p.pk == person_id)

    @property
    def children(self) -> list[Person]:
        return [p for p in self.people if p.is_child]

    def lives_together(self) -> dict[int, set[int]]:
        """Who lives with whom: the register's "lives with" ties, except that a child in a placement lives with
        its carers, whatever the register says of its parents' home."""
        placed = set(self.homes)
        together: dict[int, set[int]] = {}
        pairs = [(r.person_a_id, r.person_b_id) for r in self.relationships
                 if r.kind == Kind.LIVES_WITH and r.person_a_id not in placed and r.person_b_id not in placed]
        pairs += [(child_id, carer) for child_id, home in self.homes.items() for carer in home.carer_ids]
        for a, b in pairs:
            together.setdefault(a, set()).add(b)
            together.setdefault(b, set()).add(a)
        return together

    def in_safety_network(self, person_id: int) -> bool:
        return self.circles.get(person_id) in SAFETY_NETWORK

    def size_over_time(self) -> list[tuple[date, int]]:
        """How many people were in the safety network (inner and middle circles) after each change."""
        where: dict[int, str] = {}
        sizes: list[tuple[date, int]] = []
        for placement in self.history:
            where[placement.person_id] = placement.circle
            size = sum(1 for circle in where.values() if circle in SAFETY_NETWORK)
            if sizes and sizes[-1][0] == placement.placed_on:
                sizes[-1] = (placement.placed_on, size)
            else:
                sizes.append((placement.placed_on, size))
        return sizes


def rules_held(case: Case) -> dict[int, int]:
    """Person id → rules of the safety plan in force they hold. One query, in the safety plan's app."""
    held: dict[int, int] = import_string(settings.SAFEHOLD_RULES_HELD)(case)
    return held


def case_network(case: Case) -> Network:
    """Everything the pictures and the network page show, with the circles' history. Six queries."""
    people = list(case.people.all())
    relationships = list(Relationship.objects.filter(case=case))
    history = list(CirclePlacement.objects.filter(case=case).order_by("placed_on", "id"))
    circles: dict[int, str] = {}
    for placement in history:
        circles[placement.person_id] = placement.circle
    network = CaseNetwork.objects.filter(case=case).first()
    return Network(case=case, people=people, relationships=relationships,
                   circles={pid: circle for pid, circle in circles.items() if circle != Circle.NONE},
                   coordinator_id=network.coordinator_id if network else None, rules_held=rules_held(case),
                   history=history, homes=care_homes(case, people=people))


def network_now(case: Case) -> Network:
    """The network as it stands today, without its history, in four queries where `case_network` takes six:
    each person comes with their circle now and whether they coordinate. The case page runs every tool's
    panel, so each keeps to a query or few."""
    circle_now = (CirclePlacement.objects.filter(person=OuterRef("pk")).order_by("-placed_on", "-id")
                  .values("circle")[:1])
    people = list(case.people.annotate(
        circle_now=Subquery(circle_now),
        coordinates=Exists(CaseNetwork.objects.filter(case=case, coordinator=OuterRef("pk")))))
    return Network(
        case=case, people=list[Person](people), relationships=list(Relationship.objects.filter(case=case)),
        circles={p.pk: p.circle_now for p in people if p.circle_now not in (None, Circle.NONE)},
        coordinator_id=next((p.pk for p in people if p.coordinates), None),
        rules_held=rules_held(case), homes=care_homes(case, people=people),
    )


def network_people(case: Case) -> list[Person]:
    """The people of the case in their usual order (by role, the eldest first), as the network's forms offer them."""
    return list(case.people.all())


def case_relationship(case: Case, relationship_id: object) -> Relationship:
    """A relationship of an already-accessed case, with both its people; 404 for anyone else's."""
    found = (Relationship.objects.filter(case=case, pk=pk_or_404(relationship_id))
             .select_related("person_a", "person_b").first())
    if found is None:
        raise Http404
    return found


def case_relationships(case: Case, *, person_id: object = None) -> list[Relationship]:
    """The register in the order it was recorded, with both people of each; with `person_id`, only the
    relationships of that person (either side), who must be of this case (ValidationError on `person`)."""
    rows = Relationship.objects.filter(case=case).select_related("person_a", "person_b")
    if person_id is not None:
        who = chosen_person(case, person_id, field="person")
        rows = rows.filter(Q(person_a=who) | Q(person_b=who))
    return list(rows)
