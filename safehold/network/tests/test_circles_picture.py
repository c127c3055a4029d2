"""The safety circles picture and the network's size over time: who stands in which circle, who is not placed
yet, and a step chart whose last step is the network as it is now (its time: bench/network_pictures.py)."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.cases.models import Person
from safehold.cases.services import person_create
from safehold.core.text import isolate
from safehold.network import services
from safehold.network.circles import CX, CY, circles_picture, circles_svg, network_size_chart, network_size_svg
from safehold.network.models import Circle
from safehold.network.selectors import case_network

SVG = "{http://www.w3.org/2000/svg}"
TODAY = timezone.localdate


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to prove it is well-formed)


@pytest.fixture
def circles(case, caseworker, child, parent):
    def person(first: str, relationship: str, role: str = "network"):
        return person_create(actor=caseworker, case=case, role=role, first_name=first, last_name="Holm",
                             relationship=relationship)

    people = {"mother": parent, "grandmother": person("Inger", "grandmother"), "neighbour": person("Ole", "neighbour"),
              "coach": person("Kim", "football coach"), "teacher": person("Mette", "teacher", "professional")}
    place = services.circle_place
    place(actor=caseworker, case=case, person=parent.pk, circle=Circle.INNER, placed_on=TODAY() - timedelta(days=30))
    place(actor=caseworker, case=case, person=people["grandmother"].pk, circle=Circle.OUTER,
          placed_on=TODAY() - timedelta(days=30))
    place(actor=caseworker, case=case, person=people["grandmother"].pk, circle=Circle.MIDDLE,
          placed_on=TODAY() - timedelta(days=10))
    place(actor=caseworker, case=case, person=people["neighbour"].pk, circle=Circle.OUTER)
    place(actor=caseworker, case=case, person=people["coach"].pk, circle=Circle.MIDDLE)
    services.coordinator_set(actor=caseworker, case=case, person=people["grandmother"].pk)
    return people


def _people(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-person", ""): g for g in root.iter(f"{SVG}g") if "person" in g.get("class", "").split()}


def _radius(group: ET.Element) -> float:
    circle = group.find(f"{SVG}circle")
    return math.hypot(float(circle.get("cx")) - CX, float(circle.get("cy")) - CY)


def test_the_circles_are_well_formed_svg_with_a_title_and_a_description(case, circles):
    root = _parse(circles_svg(case_network(case)))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == f"Safety circles of {isolate('Freja')}"
    description = root.find(f"{SVG}desc").text
    assert f"Inner circle: knows everything about the worries: {isolate('Camilla Sørensen')}." in description
    assert f"Not in the circles yet: {isolate('Mette Holm')}." in description


def test_a_name_cannot_reorder_the_words_around_it_in_the_circles(case, circles, child):
    """A right-to-left override in a name saved before names were cleaned, and an Arabic name: each is isolated
    (FSI … PDI) in the picture's title, the person's <title> and the description."""
    Person.objects.filter(pk=circles["grandmother"].pk).update(first_name="Inger\u202e", last_name="Holm")
    Person.objects.filter(pk=circles["teacher"].pk).update(first_name="مريم", last_name="حداد")
    Person.objects.filter(pk=child.pk).update(first_name="\u202eFreja")
    root = _parse(circles_svg(case_network(case)))
    assert root.find(f"{SVG}title").text == "Safety circles of \u2068\u202eFreja\u2069"
    title = _people(root)[str(circles["grandmother"].pk)].find(f"{SVG}title").text
    assert title == "\u2068Inger\u202e Holm\u2069, grandmother; network coordinator"
    description = root.find(f"{SVG}desc").text
    assert "Middle circle: knows enough to help: \u2068Inger\u202e Holm\u2069, \u2068Kim Holm\u2069." in description
    assert "Not in the circles yet: \u2068مريم حداد\u2069." in description


def test_an_inner_circle_person_stands_nearer_the_child_than_middle_and_outer(case, circles, child):
    people = _people(_parse(circles_svg(case_network(case))))
    inner = _radius(people[str(circles["mother"].pk)])
    middle = _radius(people[str(circles["grandmother"].pk)])
    outer = _radius(people[str(circles["neighbour"].pk)])
    assert inner < middle < outer
    assert _radius(people[str(child.pk)]) == 0
    assert people[str(circles["grandmother"].pk)].get("data-circle") == "middle"


def test_each_person_stands_inside_their_own_circle(case, circles):
    root = _parse(circles_svg(case_network(case)))
    edges = {c.get("data-circle"): float(c.get("r")) for c in root.iter(f"{SVG}circle") if c.get("data-circle")}
    bounds = {"inner": (0, edges["inner"]), "middle": (edges["inner"], edges["middle"]),
              "outer": (edges["middle"], edges["outer"])}
    for group in _people(root).values():
        if group.get("data-circle"):
            low, high = bounds[group.get("data-circle")]
            assert low < _radius(group) < high


def test_the_circles_are_labelled_and_the_coordinator_has_the_star(case, circles):
    root = _parse(circles_svg(case_network(case)))
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "circle-label"]
    assert labels == ["Outer circle", "Middle circle", "Inner circle"]
    stars = [g.get("data-person") for g in _people(root).values()
             if g.find(f"{SVG}polygon[@class='coordinator-star']") is not None]
    assert stars == [str(circles["grandmother"].pk)]


def test_people_not_placed_are_listed_below_the_circles(case, circles):
    root = _parse(circles_svg(case_network(case)))
    beside = root.find(f"{SVG}g[@class='not-placed']")
    texts = [t.text for t in beside.iter(f"{SVG}text")]
    assert texts == ["Not in the circles yet", "Mette Holm"]
    assert str(circles["teacher"].pk) not in _people(root)


def test_someone_taken_out_of_the_circles_is_listed_as_not_placed(case, caseworker, circles):
    services.circle_place(actor=caseworker, case=case, person=circles["coach"].pk, circle=Circle.NONE)
    picture = circles_picture(case_network(case))
    assert circles["coach"].pk not in picture.nodes
    assert "Kim Holm" in [name for _x, _y, name in picture.outside]


def test_a_crowded_circle_keeps_everyone_in_it(case, caseworker, child):
    for n in range(30):
        person = person_create(actor=caseworker, case=case, role="network", first_name=f"Person{n}")
        services.circle_place(actor=caseworker, case=case, person=person.pk,
                              circle=(Circle.INNER, Circle.MIDDLE, Circle.OUTER)[n % 3])
    assert len(_people(_parse(circles_svg(case_network(case))))) == 31


def test_the_size_chart_has_one_step_per_date_and_ends_at_the_current_size(case, circles):
    network = case_network(case)
    root = _parse(network_size_svg(network))
    steps = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "step"]
    assert [s.get("data-date") for s in steps] == [
        (TODAY() - timedelta(days=d)).isoformat() for d in (30, 10, 0)]
    assert [int(s.get("data-size")) for s in steps] == [1, 2, 3]
    current = sum(1 for person in network.people if network.in_safety_network(person.pk))
    assert int(steps[-1].get("data-size")) == current == 3
    assert root.find(f"{SVG}desc").text.endswith(": 3")


def test_the_steps_go_left_to_right_and_up_with_the_size(case, circles):
    chart = network_size_chart(case_network(case))
    assert [s.x1 for s in chart.steps] == sorted(s.x1 for s in chart.steps)
    assert chart.steps[-1].x2 == chart.plot_right
    assert chart.steps[0].y > chart.steps[1].y > chart.steps[2].y


def test_the_size_chart_says_so_when_nobody_is_placed(case, child):
    root = _parse(network_size_svg(case_network(case)))
    assert not [c for c in root.iter(f"{SVG}circle") if c.get("class") == "step"]
    assert root.find(f"{SVG}desc").text == "Nobody has been placed in the circles yet."
