"""A child in a placement lives with its carers: the Safety House says so beside "who lives here" and offers
the carers first when someone is put inside; the panel beside the map says where the child who spoke lives.
An ended placement, or none, changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from safehold.child_voice import services
from safehold.child_voice.beside_map import child_says
from safehold.child_voice.documents import safety_house_pdf
from safehold.child_voice.selectors import case_safety_house, children_homes
from safehold.core.text import isolate
from safehold.perspective import services as perspective
from safehold.testing.factories import PersonFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def carers(case):
    return [PersonFactory(case=case, role="caregiver", first_name=first, last_name="Brandt")
            for first in ("Heike", "Jörg")]


@pytest.fixture
def house(case, caseworker, child):
    return services.safety_house_create(actor=caseworker, case=case, child=child.pk)


def place(caseworker, case, child, carers, **extra):
    values = {"setting": "emergency_foster", "starts_on": timezone.localdate() - timedelta(days=52),
              "time_frame_months": 6} | extra
    return perspective.placement_create(actor=caseworker, case=case, child=child.pk,
                                        carers=[c.pk for c in carers], **values)


def url(name, case, **kwargs):
    return reverse(f"child_voice:{name}", kwargs={"case_id": case.pk, **kwargs})


def _inside(page: str) -> str:
    return page.split('id="house-area-inside"')[1].split("</section>")[0]


def test_the_safety_house_says_where_the_placed_child_lives_now(client_for, caseworker, case, child, carers, house):
    place(caseworker, case, child, carers)
    page = client_for(caseworker).get(url("house", case, house_id=house.pk)).content.decode()
    # The names isolated (core.text.isolate): a right-to-left name cannot reorder the sentence around it.
    assert (f"{isolate('Freja Sørensen')} lives with {isolate('Heike Brandt')} and {isolate('Jörg Brandt')} "
            "(Emergency foster family)") in _inside(page)


def test_the_carers_are_offered_first_for_who_lives_in_the_house(client_for, caseworker, case, child, carers,
                                                                 parent, house):
    place(caseworker, case, child, carers)
    form = client_for(caseworker).get(url("item_create", case, house_id=house.pk) + "?area=inside",
                                      **HTMX).content.decode()
    group = form.split('<optgroup label="Where Freja lives now: Emergency foster family">')[1].split("</optgroup>")[0]
    assert "Heike Brandt" in group and "Jörg Brandt" in group and "Camilla Sørensen" not in group
    assert form.index("Heike Brandt") < form.index("Camilla Sørensen")  # the parent after them, still offered
    visitors = client_for(caseworker).get(url("item_create", case, house_id=house.pk) + "?area=visitors",
                                          **HTMX).content.decode()
    assert "<optgroup" not in visitors and "Heike Brandt" in visitors


def test_a_carer_chosen_from_the_group_is_saved_inside(client_for, caseworker, case, child, carers, house):
    place(caseworker, case, child, carers)
    response = client_for(caseworker).post(url("item_create", case, house_id=house.pk),
                                           {"area": "inside", "person": carers[0].pk, "text": "",
                                            "written_by": "worker", "visibility": "parents"})
    assert response.status_code == 302
    assert [i.person_id for i in case_safety_house(case, house.pk).items.all()] == [carers[0].pk]


def test_an_ended_placement_offers_no_group_and_says_nothing(client_for, caseworker, case, child, carers, house):
    today = timezone.localdate()
    place(caseworker, case, child, carers, starts_on=today - timedelta(days=90), time_frame_months=None,
          ended_on=today - timedelta(days=1))
    client = client_for(caseworker)
    assert "lives with" not in _inside(client.get(url("house", case, house_id=house.pk)).content.decode())
    form = client.get(url("item_create", case, house_id=house.pk) + "?area=inside", **HTMX).content.decode()
    assert "<optgroup" not in form


def test_another_child_s_placement_is_not_this_child_s_home(caseworker, case, child, carers):
    sister = PersonFactory(case=case, role="child", first_name="Ida")
    place(caseworker, case, sister, carers)
    assert children_homes(case, [child]) == {}
    assert set(children_homes(case, [child, sister])) == {sister.pk}


def test_the_panel_beside_the_map_says_where_the_child_who_spoke_lives(caseworker, case, child, carers):
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk)
    services.statement_create(actor=caseworker, case=case, conversation=conversation, area="good",
                              text="Heike reads to me")
    assert child_says(case)["homes"] == []
    place(caseworker, case, child, carers)
    homes = child_says(case)["homes"]
    frame = homes[0].home.time_frame
    assert [h.sentence for h in homes] == [
        f"{isolate('Freja Sørensen')} lives with {isolate('Heike Brandt')} and {isolate('Jörg Brandt')} "
        f"(Emergency foster family), {frame}."]


def test_the_safety_house_booklet_of_a_placed_child_still_prints(caseworker, case, child, carers, house):
    place(caseworker, case, child, carers)
    services.house_item_create(actor=caseworker, case=case, house=house, area="inside", person=carers[0].pk,
                               text="Heike", visibility="parents")
    assert safety_house_pdf(case, case_safety_house(case, house.pk), "parents")[:4] == b"%PDF"


@pytest.mark.parametrize("placed", [False, True])
def test_the_safety_house_page_costs_one_query_more_with_a_placement_at_most(
        client_for, caseworker, case, child, carers, house, placed, django_assert_max_num_queries):
    if placed:
        place(caseworker, case, child, carers)
    client = client_for(caseworker)
    with django_assert_max_num_queries(15 if placed else 14):
        assert client.get(url("house", case, house_id=house.pk)).status_code == 200
