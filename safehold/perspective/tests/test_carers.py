"""Where a placed child lives today (`carers.current_homes`, what `SAFEHOLD_CARE_HOMES` names): a running
placement puts the child with its carers; one not started yet or ended does not; another case's never shows;
one query."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from safehold.cases.models import CaseAssignment
from safehold.network.homes import care_homes
from safehold.perspective import services
from safehold.perspective.carers import current_homes
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

START = date(2026, 3, 2)
DURING = date(2026, 5, 1)


@pytest.fixture
def carers(case):
    return [PersonFactory(case=case, role="caregiver", first_name=first, last_name="Brandt")
            for first in ("Heike", "Jörg")]


def place(actor, case, child, carers, **extra):
    values = {"setting": "emergency_foster", "starts_on": START, "time_frame_months": 6} | extra
    return services.placement_create(actor=actor, case=case, child=child.pk, carers=[c.pk for c in carers],
                                     **values)


def test_a_running_placement_puts_the_child_with_its_carers(caseworker, case, child, carers):
    place(caseworker, case, child, carers)
    home = current_homes(case, on=DURING)[child.pk]
    assert set(home.carer_ids) == {c.pk for c in carers}
    assert home.setting == "emergency_foster"
    assert (home.starts_on, home.until) == (START, date(2026, 9, 2))


def test_before_it_starts_and_after_it_ended_the_child_is_not_placed(caseworker, case, child, carers):
    place(caseworker, case, child, carers, ended_on=date(2026, 4, 30))
    assert current_homes(case, on=date(2026, 3, 1)) == {}
    assert child.pk in current_homes(case, on=date(2026, 4, 30))  # the last day is spent there
    assert current_homes(case, on=date(2026, 5, 1)) == {}


def test_on_the_day_one_placement_ends_and_the_next_starts_the_child_is_in_the_new_home(caseworker, case, child,
                                                                                        carers):
    place(caseworker, case, child, carers[:1], ended_on=date(2026, 4, 30))
    place(caseworker, case, child, carers[1:], setting="kinship", starts_on=date(2026, 4, 30),
          time_frame_months=None)
    home = current_homes(case, on=date(2026, 4, 30))[child.pk]
    assert home.carer_ids == (carers[1].pk,) and home.setting == "kinship" and home.until is None


def test_a_placement_without_carers_still_says_the_child_lives_away(caseworker, case, child):
    services.placement_create(actor=caseworker, case=case, child=child.pk, setting="residential", starts_on=START)
    assert current_homes(case, on=DURING)[child.pk].carer_ids == ()


def test_another_case_s_placement_never_shows(caseworker, organisation, team, case, child, carers):
    other = CaseFactory(organisation=organisation, team=team, reference="JA-2026-0002")
    AssignmentFactory(case=other, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    other_child = PersonFactory(case=other, role="child", first_name="Mia")
    services.placement_create(actor=caseworker, case=other, child=other_child.pk, setting="foster", starts_on=START)
    assert current_homes(case, on=DURING) == {}
    assert other_child.pk in current_homes(other, on=DURING)


def test_many_placements_and_carers_take_one_query(caseworker, case, carers, django_assert_num_queries):
    for n in range(4):
        child = PersonFactory(case=case, role="child", first_name=f"Kind{n}")
        place(caseworker, case, child, carers)
    with django_assert_num_queries(1):
        homes = current_homes(case, on=DURING)
    assert len(homes) == 4 and all(len(home.carer_ids) == 2 for home in homes.values())


@pytest.mark.parametrize(("language", "setting", "words"), [
    ("de", "Bereitschaftspflegefamilie", "vom 02.03.2026 bis 02.09.2026"),
    ("da", "Akutplejefamilie", "fra 02.03.2026 til 02.09.2026"),
])
def test_the_setting_and_time_frame_are_named_in_the_language_shown(caseworker, case, child, carers, language,
                                                                    setting, words):
    place(caseworker, case, child, carers)
    home = care_homes(case, on=DURING)[child.pk]  # through the setting, as the network and the child's voice ask
    with translation.override(language):
        assert home.label == setting
        assert home.time_frame == words
        assert "Heike Brandt" in home.sentence(child, carers)
