"""A child in a placement lives with its carers: the ecomap and the genogram put the child there (named by the
setting and the time frame), not in the parents' household, and the carers are no strangers; an ended
placement does not, and another case's placement never shows."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from safehold.cases.models import CaseAssignment
from safehold.cases.services import person_create
from safehold.core.text import isolate
from safehold.network import services
from safehold.network.documents import picture_document
from safehold.network.ecomap import ecomap_layout, household
from safehold.network.genogram import genogram
from safehold.network.homes import CareHome, wrap_isolated
from safehold.network.models import Kind, Quality
from safehold.network.pictures import NetworkPictures, picture_svg
from safehold.network.selectors import case_network, network_now
from safehold.perspective import services as perspective
from safehold.perspective.models import Placement
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory

SVG = "{http://www.w3.org/2000/svg}"
# The names as the sentences put them: isolated (core.text.isolate), so that none reorders the words after it.
FREJA, HEIKE, JORG = isolate("Freja Sørensen"), isolate("Heike Brandt"), isolate("Jörg Brandt")


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to prove it is well-formed)


def _group(root: ET.Element, css_class: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if css_class in g.get("class", "").split()]


@pytest.fixture
def family(case, caseworker, child, parent):
    """Freja, her mother (a parent, living with her in the register) and father, and two foster carers with no
    tie in the register."""

    def person(role: str, first: str, last: str, relationship: str, **extra):
        return person_create(actor=caseworker, case=case, role=role, first_name=first, last_name=last,
                             relationship=relationship, **extra)

    father = person("parent", "Jens", "Sørensen", "father", sex="male")
    carers = [person("caregiver", "Heike", "Brandt", "foster mother", sex="female"),
              person("caregiver", "Jörg", "Brandt", "foster father", sex="male")]
    for a, kind, b in ((parent, Kind.PARENT, child), (father, Kind.PARENT, child), (parent, Kind.PARTNER, father),
                       (parent, Kind.LIVES_WITH, child), (father, Kind.LIVES_WITH, child)):
        services.relationship_create(actor=caseworker, case=case, person_a=a.pk, person_b=b.pk, kind=kind,
                                     quality=Quality.NORMAL)
    return {"child": child, "mother": parent, "father": father, "carers": carers}


def place(caseworker, case, family, **extra) -> Placement:
    today = timezone.localdate()
    values = {"setting": "emergency_foster", "starts_on": today - timedelta(days=52), "time_frame_months": 6} | extra
    return perspective.placement_create(actor=caseworker, case=case, child=family["child"].pk,
                                        carers=[c.pk for c in family["carers"]], **values)


def ids(people) -> set[str]:
    return {str(p.pk) for p in people}


def test_the_ecomap_puts_a_placed_child_with_its_carers(case, caseworker, family):
    place(caseworker, case, family)
    network = case_network(case)
    root = _parse(picture_svg(network, "ecomap"))

    homes = {g.get("data-person") for g in _group(root, "home")}
    assert homes == ids(family["carers"])
    ties = {p.get("data-person"): p.get("class") for p in root.iter(f"{SVG}path") if "tie" in p.get("class", "")}
    assert all(ties[str(c.pk)] == "tie tie-normal" for c in family["carers"])  # tied by the placement
    layout = ecomap_layout(network)
    child = layout.children[0]
    nearest = min(abs(complex(n.x - child.x, n.y - child.y)) for n in layout.people)
    for node in layout.people:
        if node.home:  # on the nearest ring, with the parents
            assert abs(complex(node.x - child.x, node.y - child.y)) == pytest.approx(nearest)
    said = " ".join(t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "home")
    # The names isolated (FSI … PDI): a right-to-left override in one must not reorder the words after it.
    assert (f"{FREJA} lives with {HEIKE} and {JORG} (Emergency foster family)"
            in said.replace("\u2069 \u2068", " "))  # a name broken between two lines is isolated on each
    carer = layout.people[[n.person_id for n in layout.people].index(family["carers"][0].pk)]
    assert HEIKE in root.find(f"{SVG}desc").text and f"{FREJA} lives with this person now" in carer.title


def test_the_child_s_household_is_the_carers_and_the_parents_stay_in_the_family_s_picture(case, caseworker,
                                                                                         family):
    before = household(case_network(case))
    assert {family["mother"].pk, family["father"].pk} <= before
    place(caseworker, case, family)
    network = case_network(case)
    assert household(network) == {family["child"].pk, *(c.pk for c in family["carers"])}
    shown = {g.get("data-person") for g in _group(_parse(picture_svg(network, "family")), "person")}
    assert ids(family["carers"]) <= shown and ids([family["mother"], family["father"]]) <= shown


def test_the_genogram_draws_the_carers_home_and_not_the_parents_household(case, caseworker, family):
    assert genogram(case_network(case)).layout.household  # child and parents live together
    place(caseworker, case, family)
    drawn = genogram(case_network(case))

    assert drawn.layout.household == ""  # the child no longer lives with its parents
    assert len(drawn.homes) == 1
    home = drawn.homes[0]
    assert {s.person_id for s in home.symbols} == {c.pk for c in family["carers"]}
    assert home.labels[0][2] == "Emergency foster family"
    root = _parse(picture_svg(case_network(case), "genogram"))
    box = _group(root, "home")[0]
    assert {g.get("data-person") for g in _group(box, "carer")} == ids(family["carers"])
    assert f"lives with {HEIKE} and {JORG}" in root.find(f"{SVG}desc").text
    assert any(g.get("class") == "legend-item legend-home" for g in root.iter(f"{SVG}g"))


def test_a_foster_couple_is_drawn_in_the_home_not_in_the_family_tree(case, caseworker, family):
    heike, jorg = family["carers"]
    services.relationship_create(actor=caseworker, case=case, person_a=heike.pk, person_b=jorg.pk,
                                 kind=Kind.PARTNER)
    place(caseworker, case, family)
    drawn = genogram(case_network(case))
    assert heike.pk not in drawn.layout.nodes and jorg.pk not in drawn.layout.nodes
    assert {s.person_id for s in drawn.homes[0].symbols} == {heike.pk, jorg.pk}


def test_kinship_carers_stay_in_the_tree_inside_the_child_s_household(case, caseworker, family, child):
    granny = person_create(actor=caseworker, case=case, role="network", first_name="Inge", last_name="Holm",
                           relationship="grandmother", sex="female")
    services.relationship_create(actor=caseworker, case=case, person_a=granny.pk, person_b=family["mother"].pk,
                                 kind=Kind.PARENT)
    perspective.placement_create(actor=caseworker, case=case, child=child.pk, setting="kinship",
                                 starts_on=timezone.localdate() - timedelta(days=10), carers=[granny.pk])
    drawn = genogram(case_network(case))
    assert granny.pk in drawn.layout.nodes and drawn.layout.household
    assert drawn.homes[0].symbols == []
    assert f"with {isolate('Inge Holm')}" in [t for _x, _y, t, _b in drawn.homes[0].labels]


def test_an_ended_placement_leaves_the_child_with_its_parents(case, caseworker, family):
    today = timezone.localdate()
    place(caseworker, case, family, starts_on=today - timedelta(days=100), time_frame_months=None,
          ended_on=today - timedelta(days=1))
    network = case_network(case)
    assert network.homes == {}
    root = _parse(picture_svg(network, "ecomap"))
    assert _group(root, "home") == [] and root.find(f"{SVG}g[@class='homes']") is None
    assert genogram(network).homes == [] and genogram(network).layout.household
    assert family["mother"].pk in household(network)


def test_a_placement_not_started_yet_leaves_the_child_with_its_parents(case, caseworker, family):
    place(caseworker, case, family, starts_on=timezone.localdate() + timedelta(days=3))
    assert case_network(case).homes == {} and network_now(case).homes == {}


def test_another_case_s_placement_never_shows(case, caseworker, family, organisation, team):
    other = CaseFactory(organisation=organisation, team=team, reference="JA-2026-0002")
    AssignmentFactory(case=other, user=caseworker, role=CaseAssignment.Role.CASEWORKER)
    other_child = PersonFactory(case=other, role="child", first_name="Mia")
    other_carer = PersonFactory(case=other, role="caregiver", first_name="Ute")
    perspective.placement_create(actor=caseworker, case=other, child=other_child.pk, setting="foster",
                                 starts_on=timezone.localdate() - timedelta(days=5), carers=[other_carer.pk])
    network = case_network(case)
    assert network.homes == {}
    assert _group(_parse(picture_svg(network, "ecomap")), "home") == []
    assert genogram(network).homes == []


def test_the_network_draws_only_its_own_people_whatever_the_contribution_answers(case, family, settings):
    stranger = PersonFactory(case=CaseFactory(organisation=case.organisation), role="caregiver")
    heike = family["carers"][0]
    settings.SAFEHOLD_CARE_HOMES = "safehold.network.tests.test_pictures_placement.homes_of_strangers"
    homes_of_strangers.answer = {
        family["child"].pk: CareHome("foster", "Foster family", (heike.pk, stranger.pk), timezone.localdate()),
        stranger.pk: CareHome("foster", "Foster family", (heike.pk,), timezone.localdate())}
    network = case_network(case)
    assert list(network.homes) == [family["child"].pk] and network.homes[family["child"].pk].carer_ids == (heike.pk,)
    assert {g.get("data-person") for g in _group(_parse(picture_svg(network, "ecomap")), "home")} == {str(heike.pk)}


def homes_of_strangers(case, *, on):
    """A contribution that answers for people of no case here."""
    return homes_of_strangers.answer


@pytest.mark.parametrize(("language", "words"), [
    ("de", ["Bereitschaftspflegefamilie", "vom ", f"lebt zurzeit bei {HEIKE} und {JORG}"]),
    ("da", ["Akutplejefamilie", "fra ", f"bor for tiden hos {HEIKE} og {JORG}"]),
])
def test_the_home_is_named_in_the_case_s_language(case, caseworker, family, language, words):
    place(caseworker, case, family)
    case.language = language
    case.save(update_fields=["language"])
    for picture in ("genogram", "ecomap"):
        svg = picture_document(case, picture, "svg").content
        svg = svg.decode() if isinstance(svg, bytes) else svg
        assert all(word in svg for word in words), (picture, language)
        assert "Emergency foster family" not in svg


def test_the_pictures_of_a_placed_child_still_make_png_and_documents(case, caseworker, family):
    place(caseworker, case, family)
    for picture in ("genogram", "ecomap", "circles"):
        assert picture_document(case, picture, "png").content[:4] == b"\x89PNG"
    pictures = NetworkPictures(case)
    with translation.override("en"):
        assert "Emergency foster family" in pictures.genogram and "home-sign" in pictures.for_family


def test_a_placement_costs_no_query_more_than_none(case, caseworker, family, django_assert_max_num_queries):
    place(caseworker, case, family)
    with django_assert_max_num_queries(6):
        case_network(case)
    with django_assert_max_num_queries(4):
        network_now(case)


def test_the_person_pages_say_who_lives_with_whom_while_the_placement_runs(case, caseworker, family, client_for):
    place(caseworker, case, family)
    client = client_for(caseworker)

    def page(person) -> str:
        return client.get(reverse("cases:person_detail", kwargs={"case_id": case.pk, "person_id": person.pk})
                          ).content.decode()

    assert f"{FREJA} lives with {HEIKE} and {JORG} (Emergency foster family)" in page(family["child"])
    assert f"{FREJA} lives with this person now (Emergency foster family" in page(family["carers"][0])
    assert "nw-home" not in page(family["mother"])  # her ties in the register only


def test_the_lives_with_sentences_isolate_every_name(case, caseworker, family, client_for):
    """A right-to-left override in a name (saved before names were cleaned) and an Arabic name: in the sentence
    on the person's page, in the pictures' descriptions and in the carer's line, each stays between FSI and
    PDI, and the words after it keep their order."""
    heike, jorg = family["carers"]
    type(heike).objects.filter(pk=heike.pk).update(first_name="Heike\u202e")
    type(jorg).objects.filter(pk=jorg.pk).update(first_name="يوسف", last_name="حداد")
    place(caseworker, case, family)
    sentence = (f"{FREJA} lives with \u2068Heike\u202e Brandt\u2069 and \u2068يوسف حداد\u2069 "
                "(Emergency foster family)")
    client = client_for(caseworker)
    page = client.get(reverse("cases:person_detail", kwargs={"case_id": case.pk, "person_id": family["child"].pk})
                      ).content.decode()
    assert sentence in page
    carer_page = client.get(reverse("cases:person_detail", kwargs={"case_id": case.pk, "person_id": heike.pk})
                            ).content.decode()
    assert f"{FREJA} lives with this person now (Emergency foster family" in carer_page
    network = case_network(case)
    assert sentence in _parse(picture_svg(network, "ecomap")).find(f"{SVG}desc").text
    assert sentence in _parse(picture_svg(network, "genogram")).find(f"{SVG}desc").text


def test_a_name_broken_between_two_lines_is_isolated_on_each():
    text = f"{FREJA} lives with {isolate('Heike Maria Brandt-Olsen')} and {JORG}."
    lines = wrap_isolated(text, 20)
    assert "".join(lines).replace("\u2069\u2068", " ").replace(" ", "") == text.replace(" ", "")
    for line in lines:  # every line closes what it opens, and opens what it closes
        depth = 0
        for ch in line:
            depth += {"\u2068": 1, "\u2069": -1}.get(ch, 0)
            assert depth >= 0
        assert depth == 0
    assert any(line.startswith("\u2068") and not line.startswith(FREJA) for line in lines[1:])
