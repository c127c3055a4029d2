"""The case's network as the pictures and pages read it: its people, the register of relationships, where each
person stands in the safety circles now and over time, the coordinator, and how many rules of the active
safety plan each person holds. A fixed number of queries, however many people."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count
from django.http import Http404

from safehold.cases.models import Case, Person
from safehold.network.models import SAFETY_NETWORK, CaseNetwork, Circle, CirclePlacement, Relationship
from safehold.safety_plans.models import PlanStatus, Rule


@dataclass
class Network:
    case: Case
    people: list[Person]
    relationships: list[Relationship]
    circles: dict[int, str]  # person id → circle now (people never placed are absent)
    coordinator_id: int | None
    rules_held: dict[int, int]  # person id → rules of the active safety plan they hold
    history: list[CirclePlacement] = field(default_factory=list)

    def person(self, person_id: int) -> Person:
        return next(p for p in self.people if p.pk == person_id)

    @property
    def children(self) -> list[Person]:
        return [p for p in self.people if p.is_child]

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


def case_network(case: Case) -> Network:
    """Five queries."""
    people = list(case.people.all())
    relationships = list(Relationship.objects.filter(case=case))
    history = list(CirclePlacement.objects.filter(case=case).order_by("placed_on", "id"))
    circles = {}
    for placement in history:
        circles[placement.person_id] = placement.circle
    circles = {pid: circle for pid, circle in circles.items() if circle != Circle.NONE}
    network = CaseNetwork.objects.filter(case=case).first()
    held = Counter(dict(Rule.objects.filter(plan__case=case, plan__status=PlanStatus.ACTIVE)
                        .values_list("responsible_id").annotate(n=Count("id")).values_list("responsible_id", "n")))
    return Network(case=case, people=people, relationships=relationships, circles=circles,
                   coordinator_id=network.coordinator_id if network else None, rules_held=dict(held),
                   history=history)


def case_relationship(case: Case, relationship_id: int | str) -> Relationship:
    try:
        pk = int(relationship_id)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < pk < 2**63:
        raise Http404
    found = Relationship.objects.filter(case=case, pk=pk).select_related("person_a", "person_b").first()
    if found is None:
        raise Http404
    return found
