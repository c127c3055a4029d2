"""Each place in the safety circles knows when it ended: the day the same person's next place in the case began.

A place holds from its day (`placed_on`) up to the day before `until`; of two places on the same day the later
one recorded holds. `circle_place` dates the person's places again after adding one (a place may be recorded
with an earlier day than the latest); the load data writes `until` as it generates the places.
"""

from __future__ import annotations

from datetime import date

from django.db.models import DateField, Min, OuterRef, Q, QuerySet, Subquery

from safehold.cases.models import Case, Person
from safehold.network.models import CirclePlacement


def next_begins() -> Subquery:
    """The day the next place of the same person in the same case begins, for the place `OuterRef`."""
    later = (CirclePlacement.objects.filter(case=OuterRef("case"), person=OuterRef("person"))
             .filter(Q(placed_on__gt=OuterRef("placed_on")) | Q(placed_on=OuterRef("placed_on"), pk__gt=OuterRef("pk")))
             .order_by().values("person").annotate(day=Min("placed_on")).values("day"))
    return Subquery(later, output_field=DateField())


def placements_date(case: Case, person: Person) -> None:
    """Set `until` on every place of this person in this case (one UPDATE)."""
    CirclePlacement.objects.filter(case=case, person=person).update(until=next_begins())


def in_force_on(placements: QuerySet[CirclePlacement], day: date) -> QuerySet[CirclePlacement]:
    """The places that hold on `day`: one per person at most."""
    return placements.filter(placed_on__lte=day).filter(Q(until__isnull=True) | Q(until__gt=day))
