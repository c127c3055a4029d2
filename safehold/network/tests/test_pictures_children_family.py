"""Every child has their ecomap and circles (all the case's children in the middle, on screen, in the downloads
and in the documents), the family's version of the ecomap shows the safety network without the worker's view of
how ties are, ties both ways read right from either side, and the pictures' text is large enough for a
tablet."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from safehold.cases.services import person_create
from safehold.core.text import isolate
from safehold.network import services
from safehold.network.circles import circles_svg
from safehold.network.documents import picture_document
from safehold.network.ecomap import ecomap_svg
from safehold.network.genogram import genogram
from safehold.network.models import Circle, Kind, Quality
from safehold.network.pictures import NetworkPictures
from safehold.network.selectors import case_network

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to prove it is well-formed)


def _ties(root: ET.Element) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if "tie" in p.get("class", "").split()]


def _groups(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-person", ""): g for g in root.iter(f"{SVG}g") if "person" in g.get("class", "").split()}


@pytest.fixture
def household(case, caseworker, child, parent):
    """Freja and Oscar; their mother (inner circle, lives with both); Oscar's father (strained with Oscar, outer
    circle); Oscar's grandmother (middle circle, strong tie to Oscar only); a neighbour not placed."""

    def person(role: str, first: str, relationship: str):
        return person_create(actor=caseworker, case=case, role=role, first_name=first, last_name="Nielsen",
                             relationship=relationship)

    oscar = person("child", "Oscar", "")
    father = person("parent", "Jonas", "Oscars far")
    grandmother = person("network", "Lise", "farmor til Oscar")
    neighbour = person("network", "Ole", "nabo")
    tie = services.relationship_create
    for kid in (child, oscar):
        tie(actor=caseworker, case=case, person_a=parent.pk, person_b=kid.pk, kind=Kind.PARENT,
            quality=Quality.STRONG)
        tie(actor=caseworker, case=case, person_a=parent.pk, person_b=kid.pk, kind=Kind.LIVES_WITH)
    tie(actor=caseworker, case=case, person_a=father.pk, person_b=oscar.pk, kind=Kind.PARENT,
        quality=Quality.STRESSFUL)
    tie(actor=caseworker, case=case, person_a=grandmother.pk, person_b=oscar.pk, kind=Kind.GRANDPARENT,
        quality=Quality.STRONG)
    tie(actor=caseworker, case=case, person_a=child.pk, person_b=oscar.pk, kind=Kind.HALF_SIBLING,
        quality=Quality.STRONG)
    services.circle_place(actor=caseworker, case=case, person=parent.pk, circle=Circle.INNER)
    services.circle_place(actor=caseworker, case=case, person=grandmother.pk, circle=Circle.MIDDLE)
    services.circle_place(actor=caseworker, case=case, person=father.pk, circle=Circle.OUTER)
    return {"freja": child, "oscar": oscar, "mother": parent, "father": father, "grandmother": grandmother,
            "neighbour": neighbour}


# --- item 8: every child --------------------------------------------------------------------------------

def test_every_child_is_in_the_middle_of_the_ecomap(case, household):
    root = _parse(ecomap_svg(case_network(case)))
    centres = [g.get("data-person") for g in root.iter(f"{SVG}g") if "centre" in g.get("class", "").split()]
    assert centres == [str(household["freja"].pk), str(household["oscar"].pk)]
    assert root.find(f"{SVG}title").text == "Ecomap of \u2068Freja\u2069 and \u2068Oscar\u2069"  # names isolated


def test_the_second_child_s_ties_are_drawn_from_that_child_with_their_quality(case, household):
    root = _parse(ecomap_svg(case_network(case)))
    grandmother = str(household["grandmother"].pk)
    [line] = [p for p in _ties(root) if p.get("data-person") == grandmother]
    assert line.get("data-child") == str(household["oscar"].pk)
    assert "tie-strong" in line.get("class")
    title = _groups(root)[grandmother].find(f"{SVG}title").text
    assert "\u2068Oscar Nielsen\u2069: strong, close" in title  # the name isolated from the words after it
    assert "\u2068Freja Sørensen\u2069: no relationship recorded" in title


def test_someone_tied_to_both_children_has_a_line_from_each(case, household):
    root = _parse(ecomap_svg(case_network(case)))
    mother = [p.get("data-child") for p in _ties(root) if p.get("data-person") == str(household["mother"].pk)]
    assert sorted(mother) == sorted([str(household["freja"].pk), str(household["oscar"].pk)])


def test_the_tie_between_the_children_is_drawn_between_them(case, household):
    root = _parse(ecomap_svg(case_network(case)))
    assert [p.get("class") for p in _ties(root) if "between" in p.get("class")] == ["tie between tie-strong"]


def test_every_child_is_in_the_middle_of_the_circles(case, household):
    root = _parse(circles_svg(case_network(case)))
    centres = [g.get("data-person") for g in root.iter(f"{SVG}g") if "centre" in g.get("class", "").split()]
    assert centres == [str(household["freja"].pk), str(household["oscar"].pk)]
    assert root.find(f"{SVG}title").text == "Safety circles of \u2068Freja\u2069 and \u2068Oscar\u2069"


@pytest.mark.parametrize("picture", ["ecomap", "circles"])
def test_the_downloads_draw_every_child(case, household, picture):
    document = picture_document(case, picture, "svg")
    root = _parse(document.content if isinstance(document.content, str) else document.content.decode())
    centres = {g.get("data-person") for g in root.iter(f"{SVG}g") if "centre" in g.get("class", "").split()}
    assert centres == {str(household["freja"].pk), str(household["oscar"].pk)}


def test_the_documents_draw_every_child(case, household):
    pictures = NetworkPictures(case)
    for svg in (pictures.ecomap, pictures.for_family):
        centres = {g.get("data-person") for g in _parse(svg).iter(f"{SVG}g")
                   if "centre" in g.get("class", "").split()}
        assert centres == {str(household["freja"].pk), str(household["oscar"].pk)}


# --- item 9: what the family reads --------------------------------------------------------------------

def test_the_family_s_picture_shows_the_safety_network_and_the_household_only(case, household):
    root = _parse(NetworkPictures(case).for_family)
    shown = set(_groups(root)) - {str(household["freja"].pk), str(household["oscar"].pk)}
    assert shown == {str(household["mother"].pk), str(household["grandmother"].pk)}
    assert root.find(f"{SVG}title").text == "Our safety network"
    assert root.find(f"{SVG}desc").text.startswith(
        "In the middle: \u2068Freja Sørensen\u2069 and \u2068Oscar Nielsen\u2069.")  # the names isolated


def test_the_family_s_picture_has_no_strained_tie_and_no_worker_s_legend_of_lines(case, caseworker, household):
    # Even someone in the safety network whose tie the worker sees as strained is drawn like everyone else.
    services.relationship_create(actor=caseworker, case=case, person_a=household["grandmother"].pk,
                                 person_b=household["freja"].pk, kind=Kind.CONNECTION, quality=Quality.STRESSFUL)
    svg = NetworkPictures(case).for_family
    root = _parse(svg)
    styles = {c for p in _ties(root) for c in p.get("class").split() if c.startswith("tie-")}
    assert styles <= {"tie-family", "tie-none"}
    assert "#c0281f" not in svg  # no red line, no restriction sign
    for words in ("stressful", "in conflict", "contact restricted", "The lines"):
        assert words not in svg


def test_the_worker_s_ecomap_still_shows_the_strained_tie(case, household):
    root = _parse(ecomap_svg(case_network(case)))
    father = [p for p in _ties(root) if p.get("data-person") == str(household["father"].pk)]
    assert [p.get("class") for p in father] == ["tie tie-stressful"]


# --- ties both ways ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "reads"), [
    (Kind.CONNECTION, "knows, is close to"), (Kind.PARTNER, "is the partner of"),
    (Kind.SIBLING, "is a sibling of"), (Kind.CONTACT_RESTRICTED, "has restricted contact with"),
])
def test_a_tie_both_ways_reads_right_in_the_register_whichever_person_comes_first(
        client_for, case, caseworker, child, parent, kind, reads):
    # The child was recorded first, so the tie is stored with the child first, whoever was typed first.
    tie = services.relationship_create(actor=caseworker, case=case, person_a=parent.pk, person_b=child.pk,
                                       kind=kind, legal_basis="§ 1684 BGB" if kind == Kind.CONTACT_RESTRICTED else "")
    assert tie.person_a == child
    page = client_for(caseworker).get(reverse("network:overview", kwargs={"case_id": case.pk})).content.decode()
    row = page[page.index(f'id="relationship-{tie.pk}"'):]
    row = re.sub(r"<[^>]+>|\s+", " ", row[:row.index("</tr>")])
    assert re.sub(r"\s+", " ", f" {child.full_name} {reads} {parent.full_name} ") in re.sub(r"\s+", " ", row)
    assert "supports" not in row


def test_the_genogram_reads_a_tie_both_ways_from_the_first_person(case, caseworker, child, parent):
    services.relationship_create(actor=caseworker, case=case, person_a=parent.pk, person_b=child.pk,
                                 kind=Kind.SIBLING)
    # Each name isolated (core.text.isolate), so that a name cannot reorder the sentence around it.
    assert f"{isolate(child.full_name)} is a sibling of {isolate(parent.full_name)}" in genogram(
        case_network(case)).description


# --- readable on a tablet ------------------------------------------------------------------------------

TABLET_WIDTH = 896  # the widest a picture is shown at on a 1024 px screen (56rem)


def _smallest_text_on_a_tablet(svg: str) -> float:
    root = _parse(svg)
    width = float(root.get("viewBox").split()[2])
    sizes = [float(t.get("font-size")) for t in root.iter(f"{SVG}text")]
    return min(sizes) * TABLET_WIDTH / width


@pytest.mark.parametrize("others", [0, 10])
@pytest.mark.parametrize("picture", ["ecomap", "circles", "family"])
def test_the_pictures_text_is_at_least_twelve_pixels_on_a_tablet(case, caseworker, household, picture, others):
    # With ten more people around the children the ecomap needs its second ring (up to 16 people).
    for n in range(others):
        friend = person_create(actor=caseworker, case=case, role="network", first_name=f"Friend{n}",
                               last_name="Holm", relationship="friend of the family")
        services.circle_place(actor=caseworker, case=case, person=friend.pk, circle=Circle.MIDDLE)
    network = case_network(case)
    svg = {"ecomap": lambda: ecomap_svg(network), "circles": lambda: circles_svg(network),
           "family": lambda: ecomap_svg(network, family=True)}[picture]()
    assert _smallest_text_on_a_tablet(svg) >= 11.9
