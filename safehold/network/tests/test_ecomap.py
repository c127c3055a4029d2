"""The ecomap: the child at the centre, a line to everyone else whose style says how the tie is, and the
marks of the safety network, the coordinator, the rules held and contact restrictions; well-formed SVG that
stays readable with 30 people (its time: bench/network_pictures.py)."""

from __future__ import annotations

import itertools
import math
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.cases.services import person_create
from safehold.network import services
from safehold.network.ecomap import ecomap_layout, ecomap_svg
from safehold.network.models import Circle, Kind, Quality
from safehold.network.selectors import case_network
from safehold.safety_plans.models import PlanStatus
from safehold.testing.factories import RuleFactory, SafetyPlanFactory

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to prove it is well-formed)


def _groups(root: ET.Element) -> dict[str, ET.Element]:
    """Each person's group by its data-person id."""
    return {g.get("data-person", ""): g for g in root.iter(f"{SVG}g") if "person" in g.get("class", "").split()}


def _ties(root: ET.Element) -> dict[str, ET.Element]:
    return {p.get("data-person", ""): p for p in root.iter(f"{SVG}path") if "tie" in p.get("class", "").split()}


def _texts(element: ET.Element) -> list[str]:
    return [t.text or "" for t in element.iter(f"{SVG}text")]


@pytest.fixture
def family(case, caseworker, child, parent):
    """Freja at the centre; her mother (strong tie, inner circle, coordinator, two rules), her father (stressful,
    contact restricted), a grandmother (middle circle, weak tie), a neighbour (outer circle, no relationship),
    a teacher (normal tie) and a late grandfather."""

    def person(role: str, first: str, last: str, relationship: str, **extra):
        return person_create(actor=caseworker, case=case, role=role, first_name=first, last_name=last,
                             relationship=relationship, **extra)

    father = person("parent", "Jens", "Sørensen", "father")
    grandmother = person("network", "Inger", "Holm", "grandmother")
    neighbour = person("network", "Ole", "Berg", "neighbour")
    teacher = person("professional", "Mette", "Lund", "class teacher")
    grandfather = person("network", "Poul", "Holm", "grandfather", deceased=True)
    tie = services.relationship_create
    tie(actor=caseworker, case=case, person_a=parent.pk, person_b=child.pk, kind=Kind.PARENT,
        quality=Quality.STRONG)
    tie(actor=caseworker, case=case, person_a=father.pk, person_b=child.pk, kind=Kind.PARENT,
        quality=Quality.STRESSFUL)
    tie(actor=caseworker, case=case, person_a=father.pk, person_b=child.pk, kind=Kind.CONTACT_RESTRICTED,
        legal_basis="§ 1666 BGB")
    tie(actor=caseworker, case=case, person_a=grandmother.pk, person_b=child.pk, kind=Kind.GRANDPARENT,
        quality=Quality.WEAK)
    tie(actor=caseworker, case=case, person_a=teacher.pk, person_b=child.pk, kind=Kind.CONNECTION)
    earlier = timezone.localdate() - timedelta(days=20)
    services.circle_place(actor=caseworker, case=case, person=parent.pk, circle=Circle.INNER, placed_on=earlier)
    services.circle_place(actor=caseworker, case=case, person=grandmother.pk, circle=Circle.MIDDLE)
    services.circle_place(actor=caseworker, case=case, person=neighbour.pk, circle=Circle.OUTER)
    services.coordinator_set(actor=caseworker, case=case, person=parent.pk)
    plan = SafetyPlanFactory(case=case, status=PlanStatus.ACTIVE)
    RuleFactory.create_batch(2, plan=plan, responsible=parent)
    return {"child": child, "mother": parent, "father": father, "grandmother": grandmother, "neighbour": neighbour,
            "teacher": teacher, "grandfather": grandfather}


def _width(path: ET.Element) -> float:
    return float(path.get("stroke-width", "0"))


def test_the_ecomap_is_well_formed_svg_with_a_title_and_a_description(case, family):
    root = _parse(ecomap_svg(case_network(case)))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Ecomap of \u2068Freja\u2069"  # the names isolated, here too
    description = root.find(f"{SVG}desc").text
    assert description.startswith("\u2068Freja Sørensen\u2069 is at the centre.")
    assert "\u2068Inger Holm\u2069, grandmother" in description  # the name isolated (core.text.isolate)
    assert "network coordinator" in description


def test_everyone_is_drawn_by_name_and_the_centre_child_once(case, family):
    root = _parse(ecomap_svg(case_network(case)))
    texts = _texts(root)
    for person in family.values():
        assert person.full_name in texts
    assert texts.count("Freja Sørensen") == 1
    assert "grandmother" in texts


def _centre(layout) -> tuple[float, float]:
    return (layout.width / 2, layout.width / 2)


def test_the_child_is_at_the_centre_and_everyone_else_around(case, family):
    layout = ecomap_layout(case_network(case))
    child = family["child"]
    cx, cy = _centre(layout)
    assert layout.nodes[child.pk] == (cx, cy)
    assert all(math.hypot(x - cx, y - cy) > 100 for pid, (x, y) in layout.nodes.items() if pid != child.pk)
    group = _groups(_parse(ecomap_svg(case_network(case))))[str(child.pk)]
    circle = group.find(f"{SVG}circle")
    assert (float(circle.get("cx")), float(circle.get("cy"))) == (cx, cy)


def test_family_is_nearer_the_child_than_network_members_and_professionals(case, family):
    layout = ecomap_layout(case_network(case))
    nodes = layout.nodes
    cx, cy = _centre(layout)

    def distance(person) -> float:
        x, y = nodes[person.pk]
        return math.hypot(x - cx, y - cy)

    # A family this size fits on two rings: network members and professionals share the outer one.
    assert distance(family["mother"]) < distance(family["grandmother"]) <= distance(family["teacher"])


def test_a_strong_tie_is_thicker_than_a_weak_one_and_a_stressful_tie_is_red(case, family):
    ties = _ties(_parse(ecomap_svg(case_network(case))))
    strong, weak = ties[str(family["mother"].pk)], ties[str(family["grandmother"].pk)]
    assert _width(strong) > _width(weak)
    assert weak.get("stroke-dasharray")
    assert not strong.get("stroke-dasharray")
    assert ties[str(family["teacher"].pk)].get("class") == "tie tie-normal"


def test_a_stressful_tie_is_a_red_zigzag(case, family, caseworker):
    aunt = person_create(actor=caseworker, case=case, role="network", first_name="Lise", relationship="aunt")
    services.relationship_create(actor=caseworker, case=case, person_a=aunt.pk, person_b=family["child"].pk,
                                 kind=Kind.CONNECTION, quality=Quality.STRESSFUL)
    tie = _ties(_parse(ecomap_svg(case_network(case))))[str(aunt.pk)]
    assert tie.get("stroke") == "#c0281f"
    assert tie.get("d").count("L") > 5  # a zig-zag, not a straight line


def test_someone_without_a_recorded_tie_gets_a_thin_grey_dotted_line(case, family):
    tie = _ties(_parse(ecomap_svg(case_network(case))))[str(family["neighbour"].pk)]
    assert "tie-none" in tie.get("class")
    assert tie.get("stroke-dasharray") == "2 5"
    assert _width(tie) < 2


def test_a_contact_restriction_draws_a_red_dashed_line_and_the_sign(case, family):
    root = _parse(ecomap_svg(case_network(case)))
    father = str(family["father"].pk)
    tie = _ties(root)[father]
    assert (tie.get("stroke"), tie.get("stroke-dasharray")) == ("#c0281f", "12 6")
    group = _groups(root)[father]
    assert "restricted" in group.get("class").split()
    assert group.find(f"{SVG}g[@class='restricted-sign']") is not None
    assert "contact restricted" in group.find(f"{SVG}title").text


def test_the_coordinator_has_the_star_and_the_label(case, family):
    groups = _groups(_parse(ecomap_svg(case_network(case))))
    mother = groups[str(family["mother"].pk)]
    assert mother.find(f"{SVG}polygon[@class='coordinator-star']") is not None
    assert "Coordinator" in _texts(mother)
    others = [g for pid, g in groups.items() if pid != str(family["mother"].pk)]
    assert all(g.find(f"{SVG}polygon[@class='coordinator-star']") is None for g in others)


def test_the_rules_someone_holds_are_counted_on_them(case, family):
    groups = _groups(_parse(ecomap_svg(case_network(case))))
    badge = groups[str(family["mother"].pk)].find(f"{SVG}g[@class='rules-badge']")
    assert _texts(badge) == ["2 rules"]
    assert groups[str(family["grandmother"].pk)].find(f"{SVG}g[@class='rules-badge']") is None


def test_the_safety_network_is_ringed_but_the_outer_circle_is_not(case, family):
    groups = _groups(_parse(ecomap_svg(case_network(case))))

    def ringed(person) -> bool:
        return groups[str(person.pk)].find(f"{SVG}circle[@class='network-ring']") is not None

    assert ringed(family["mother"]) and ringed(family["grandmother"])
    assert not ringed(family["neighbour"]) and not ringed(family["teacher"])


def test_a_deceased_person_is_greyed(case, family):
    group = _groups(_parse(ecomap_svg(case_network(case))))[str(family["grandfather"].pk)]
    assert "deceased" in group.get("class").split()
    assert group.find(f"{SVG}circle").get("fill") == "#e6e6e6"


def test_another_child_can_be_put_at_the_centre(case, family, caseworker):
    brother = person_create(actor=caseworker, case=case, role="child", first_name="Emil", last_name="Sørensen")
    layout = ecomap_layout(case_network(case), child=brother)
    assert layout.nodes[brother.pk] == _centre(layout)
    assert layout.title == "Ecomap of \u2068Emil\u2069"


def test_names_are_escaped(case, caseworker, child):
    person_create(actor=caseworker, case=case, role="network", first_name="<b>Ole</b>", relationship="A & B")
    svg = ecomap_svg(case_network(case))
    assert "<b>" not in svg
    assert "&lt;b&gt;Ole" in svg
    _parse(svg)


@pytest.fixture
def crowd(case, caseworker, child):
    """29 people around the child: 7 family, 14 network members, 8 professionals (the rings spill over)."""
    roles = ["parent"] * 3 + ["caregiver"] * 4 + ["network"] * 14 + ["professional"] * 8
    people = [person_create(actor=caseworker, case=case, role=role, first_name=f"Maximiliane{n}",
                            last_name="Schmidt-Oberreuther", relationship="Mitarbeiterin des Jugendamts")
              for n, role in enumerate(roles)]
    for person in people[:10]:
        services.circle_place(actor=caseworker, case=case, person=person.pk, circle=Circle.MIDDLE)
    services.coordinator_set(actor=caseworker, case=case, person=people[0].pk)
    return people


def test_thirty_people_are_all_drawn_with_their_full_names_in_the_titles(case, crowd):
    svg = ecomap_svg(case_network(case))
    root = _parse(svg)
    assert len(_groups(root)) == 30
    long_name = crowd[5].full_name
    assert any(long_name in (g.find(f"{SVG}title").text or "") for g in _groups(root).values())


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("roles", [
    {"parent": 4, "network": 16, "professional": 9},
    {"network": 29},
    {"professional": 29},
    {"caregiver": 20, "professional": 9},
])
def test_no_two_people_overlap_with_thirty_on_the_map(case, caseworker, child, roles):
    for role, count in roles.items():
        for n in range(count):
            person_create(actor=caseworker, case=case, role=role, first_name=f"Person{n}", last_name=role)
    layout = ecomap_layout(case_network(case))
    assert len(layout.people) == 29
    boxes = [node.box for node in layout.people]
    assert not any(_overlap(a, b) for a, b in itertools.combinations(boxes, 2))
    assert all(box[0] >= 0 and box[2] <= layout.width and box[1] >= 0 for box in boxes)
    cx, cy = _centre(layout)
    centre = (cx - 80, cy - 30, cx + 80, cy + 60)  # the child and their name
    assert not any(_overlap(centre, box) for box in boxes)
