"""Each place in the circles knows the day it ended (network.placements), whatever order the places are recorded
in: the practice-fidelity report finds the places in force on a day by these dates."""

from datetime import date

import pytest

from safehold.demo.load import generate_load_data
from safehold.network import services
from safehold.network.models import Circle, CirclePlacement
from safehold.network.placements import in_force_on
from safehold.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def expected_until() -> dict[int, date | None]:
    """Each place's end by the rule, in Python: the next place of the person in the case, by day and then by
    the order recorded."""
    ends: dict[int, date | None] = {}
    places = list(CirclePlacement.objects.order_by("case", "person", "placed_on", "pk"))
    for place, after in zip(places, [*places[1:], None], strict=True):
        same = after is not None and (after.case_id, after.person_id) == (place.case_id, place.person_id)
        ends[place.pk] = after.placed_on if same and after is not None else None
    return ends


def stored_until() -> dict[int, date | None]:
    return dict(CirclePlacement.objects.values_list("pk", "until"))


def test_a_place_ends_when_the_next_begins_even_recorded_out_of_order(case, caseworker, parent):
    def place(circle: str, on: date) -> CirclePlacement:
        return services.circle_place(actor=caseworker, case=case, person=parent.pk, circle=circle, placed_on=on)

    march = place(Circle.INNER, date(2026, 3, 1))
    assert stored_until() == {march.pk: None}
    june = place(Circle.OUTER, date(2026, 6, 1))
    january = place(Circle.MIDDLE, date(2026, 1, 1))  # recorded later, begins earlier
    june_again = place(Circle.NONE, date(2026, 6, 1))  # the same day: the later one recorded holds
    assert stored_until() == expected_until() == {january.pk: date(2026, 3, 1), march.pk: date(2026, 6, 1),
                                                  june.pk: date(2026, 6, 1), june_again.pk: None}

    def circle_on(day: date) -> list[str]:
        return [p.circle for p in in_force_on(CirclePlacement.objects.filter(person=parent), day)]

    assert circle_on(date(2025, 12, 31)) == []
    assert circle_on(date(2026, 2, 28)) == [Circle.MIDDLE]
    assert circle_on(date(2026, 3, 1)) == [Circle.INNER]
    assert circle_on(date(2026, 6, 1)) == [Circle.NONE]


def test_a_place_of_one_person_does_not_end_anothers(case, caseworker, parent):
    grandmother = PersonFactory(case=case, role="network")
    first = services.circle_place(actor=caseworker, case=case, person=parent.pk, circle=Circle.INNER,
                                  placed_on=date(2026, 1, 1))
    services.circle_place(actor=caseworker, case=case, person=grandmother.pk, circle=Circle.MIDDLE,
                          placed_on=date(2026, 2, 1))
    assert stored_until()[first.pk] is None
    assert stored_until() == expected_until()


def test_the_load_data_dates_its_places_as_the_service_does():
    generate_load_data(cases=12, seed=5)
    assert any(until is not None for until in stored_until().values())
    assert stored_until() == expected_until()
