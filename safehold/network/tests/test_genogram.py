"""The genogram: a family of three generations read back from the SVG's coordinates, random families that never
overlap or put a child above a parent, and thirty people over four generations (its time: bench/genogram.py)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.cases import services as cases
from safehold.cases.models import Case, Person
from safehold.network import services
from safehold.network.genogram import genogram_svg
from safehold.network.genogram_layout import ROW, R, genogram_layout
from safehold.network.models import Relationship
from safehold.network.selectors import Network, case_network

SVG = "{http://www.w3.org/2000/svg}"


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own output, parsed to prove it is well-formed)


def _symbols(svg: str) -> dict[int, tuple[float, float, ET.Element]]:
    root = _root(svg)
    return {int(g.get("data-person", "")): (float(g.get("data-x", "")), float(g.get("data-y", "")), g)
            for g in root.iter(f"{SVG}g") if g.get("data-person")}


def _text(svg: str) -> str:
    return " ".join(_root(svg).itertext())


def _overlapping(points: list[tuple[float, float]]) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """Pairs of symbols closer than two symbols' width (plus the index child's double outline) in both axes."""
    gap = 2 * (R + 6)
    points = sorted(points)
    return [(p, q) for n, p in enumerate(points) for q in points[n + 1:]
            if abs(p[0] - q[0]) < gap and abs(p[1] - q[1]) < gap]


@pytest.fixture
def family(caseworker, case):
    """Three generations, fourteen people of the family, a professional and a friend (Sørensen is the family
    name, so it is not repeated under the symbols)."""

    def person(first, sex, role="network", last="Sørensen", born=None, **more):
        return cases.person_create(actor=caseworker, case=case, role=role, first_name=first, last_name=last,
                                   sex=sex, birth_date=born, **more)

    p = {
        "heinrich": person("Heinrich", "male", born=date(1938, 2, 1), deceased=True, deceased_on=date(2019, 5, 1)),
        "ingrid": person("Ingrid", "female", born=date(1941, 6, 3)),
        "walter": person("Walter", "male", last="Krause", born=date(1945, 3, 1)),
        "erika": person("Erika", "female", last="Krause", born=date(1948, 3, 1)),
        "thomas": person("Thomas", "male", role="parent", born=date(1975, 1, 9)),
        "michael": person("Michael", "male", born=date(1970, 1, 1)),
        "sabine": person("Sabine", "female", role="parent", last="Krause", born=date(1978, 4, 1)),
        "anke": person("Anke", "female", last="Krause", born=date(1981, 1, 1)),
        "petra": person("Petra", "female", last="Schulz", born=date(1972, 1, 1)),
        "marco": person("Marco", "male", role="caregiver", last="Rossi", born=date(1980, 1, 1)),
        "lena": person("Lena", "female", role="child", born=date(2012, 1, 1)),
        "jonas": person("Jonas", "male", role="child", born=date(2015, 1, 1)),
        "paul": person("Paul", "male", born=date(2000, 1, 1)),
        "mia": person("Mia", "diverse", last="Rossi", born=date(2021, 1, 1)),
        "weber": person("Dr. Weber", "unknown", role="professional", last="Weber"),
        "jana": person("Jana", "female", last="Friend"),
    }

    def tie(a, b, kind, **more):
        services.relationship_create(actor=caseworker, case=case, person_a=p[a].pk, person_b=p[b].pk, kind=kind,
                                     **more)

    tie("heinrich", "ingrid", "partner")
    tie("walter", "erika", "ex_partner")
    for parent in ("heinrich", "ingrid"):
        tie(parent, "thomas", "parent")
        tie(parent, "michael", "parent")
    for parent in ("walter", "erika"):
        tie(parent, "sabine", "parent")
        tie(parent, "anke", "parent")
    tie("thomas", "sabine", "ex_partner")
    tie("michael", "petra", "partner")
    tie("sabine", "marco", "partner")
    for parent in ("thomas", "sabine"):
        tie(parent, "lena", "parent")
        tie(parent, "jonas", "parent")
    for parent in ("michael", "petra"):
        tie(parent, "paul", "parent")
    for parent in ("sabine", "marco"):
        tie(parent, "mia", "parent")
    tie("lena", "sabine", "lives_with")
    tie("jonas", "lena", "lives_with")
    tie("marco", "sabine", "lives_with")
    tie("thomas", "lena", "contact_restricted", legal_basis="§ 1684 BGB, decision of 3 March")
    tie("weber", "lena", "connection")
    tie("jana", "sabine", "connection")
    return p


@pytest.fixture
def svg(family, case):
    return str(genogram_svg(case_network(case)))


def test_the_genogram_is_well_formed_svg_with_a_title_and_a_description(svg):
    root = _root(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    description = root.find(f"{SVG}desc")
    assert description is not None and "Thomas Sørensen" in (description.text or "")
    assert root.get("viewBox", "").startswith("0 0 ")


def test_every_name_of_the_family_is_in_the_svg(family, svg):
    text = _text(svg)
    family_members = [p for key, p in family.items() if key not in ("weber", "jana")]
    assert len(family_members) == 14
    for person in family_members:
        assert person.first_name in text
    assert "Sabine Krause" in text  # a last name other than the family's is shown
    assert len(_symbols(svg)) == 14


def test_children_are_drawn_below_their_parents_and_partners_beside_each_other(svg):
    symbols = _symbols(svg)
    ties = Relationship.objects.filter(kind__in=("parent", "partner", "ex_partner"))
    assert ties.count() == 21
    for tie in ties:
        (_xa, ya, _ga), (_xb, yb, _gb) = symbols[tie.person_a_id], symbols[tie.person_b_id]
        if tie.kind == "parent":
            assert yb > ya
        else:
            assert ya == yb
    assert len({y for _x, y, _g in symbols.values()}) == 3


def test_no_two_symbols_overlap(svg):
    assert _overlapping([(x, y) for x, y, _g in _symbols(svg).values()]) == []


def test_the_deceased_grandfather_has_the_cross_and_the_years(family, svg):
    symbols = _symbols(svg)
    crossed = {pid for pid, (_x, _y, g) in symbols.items() if g.find(f".//{SVG}path[@class='deceased-cross']")
               is not None}
    assert crossed == {family["heinrich"].pk}
    assert "b. 1938, † 2019" in "".join(symbols[family["heinrich"].pk][2].itertext())


def test_symbols_follow_the_sex(family, svg):
    symbols = _symbols(svg)

    def shape(key: str) -> str:
        element = symbols[family[key].pk][2].find(f"{SVG}*[@class='symbol']")
        assert element is not None
        return element.tag.removeprefix(SVG)

    assert (shape("thomas"), shape("sabine"), shape("mia")) == ("rect", "circle", "polygon")


def test_former_partners_are_joined_by_a_line_with_the_separation_marks(family, svg):
    root = _root(svg)
    ex_lines = [e for e in root.iter(f"{SVG}path") if e.get("data-kind") == "ex_partner"]
    assert {(int(e.get("data-a", "")), int(e.get("data-b", ""))) for e in ex_lines} == {
        tuple(sorted((family["walter"].pk, family["erika"].pk))),
        tuple(sorted((family["thomas"].pk, family["sabine"].pk)))}
    assert len([e for e in root.iter(f"{SVG}path") if e.get("class") == "separation"]) == 2
    assert len([e for e in root.iter(f"{SVG}path") if e.get("data-kind") == "partner"]) == 3


def test_the_case_children_are_highlighted(family, svg):
    highlighted = {pid for pid, (_x, _y, g) in _symbols(svg).items() if "index" in (g.get("class") or "").split()}
    assert highlighted == {family["lena"].pk, family["jonas"].pk}


def test_the_household_and_the_contact_restriction_are_drawn(svg):
    root = _root(svg)
    assert [e for e in root.iter(f"{SVG}path") if e.get("class") == "household"]
    restricted = [e for e in root.iter(f"{SVG}path") if e.get("data-kind") == "contact_restricted"]
    assert len(restricted) == 1 and restricted[0].get("stroke-dasharray")
    assert [e for e in root.iter(f"{SVG}g") if e.get("class") == "contact-marker"]


def test_professionals_and_friends_are_not_on_the_genogram(family, svg):
    assert family["weber"].pk not in _symbols(svg)
    assert family["jana"].pk not in _symbols(svg)
    assert "Weber" not in svg and "Jana" not in svg


def test_the_legend_explains_the_symbols(svg):
    text = _text(svg)
    for label in ("male", "female", "deceased", "partners", "separated or divorced", "contact restricted"):
        assert label in text


def test_names_are_escaped(caseworker, case):
    cases.person_create(actor=caseworker, case=case, role="child", first_name="<b>Ann</b> & Co")
    svg = str(genogram_svg(case_network(case)))
    _root(svg)
    assert "<b>" not in svg and "&lt;b&gt;Ann" in svg


def test_the_family_name_is_isolated_in_the_title(caseworker, case):
    """A family name in Arabic, or one holding a right-to-left override (saved before text was cleaned): the
    title isolates it (FSI … PDI), so that it cannot reorder the words of the title."""
    cases.person_create(actor=caseworker, case=case, role="child", first_name="Freja")
    Case.objects.filter(pk=case.pk).update(family_name="\u202eSørensen")
    case.refresh_from_db()
    root = _root(str(genogram_svg(case_network(case))))
    assert root.find(f"{SVG}title").text == "Genogram of the family \u2068\u202eSørensen\u2069"
    Case.objects.filter(pk=case.pk).update(family_name="حداد")
    case.refresh_from_db()
    root = _root(str(genogram_svg(case_network(case))))
    assert root.find(f"{SVG}title").text == "Genogram of the family \u2068حداد\u2069"


def test_a_case_without_family_ties_draws_the_children_with_a_message(caseworker, case):
    child = cases.person_create(actor=caseworker, case=case, role="child", first_name="Freja")
    cases.person_create(actor=caseworker, case=case, role="parent", first_name="Camilla")
    svg = str(genogram_svg(case_network(case)))
    assert set(_symbols(svg)) == {child.pk}
    assert "No family relationships are recorded yet" in _text(svg)


def test_a_case_without_anybody_draws_the_message(case):
    svg = str(genogram_svg(case_network(case)))
    assert _symbols(svg) == {}
    assert "No family relationships are recorded yet" in _text(svg)


def test_highlight_names_the_index_person(family, case):
    svg = str(genogram_svg(case_network(case), highlight=[family["paul"].pk]))
    highlighted = {pid for pid, (_x, _y, g) in _symbols(svg).items() if "index" in (g.get("class") or "").split()}
    assert highlighted == {family["paul"].pk}


def test_a_grandparent_without_the_parent_in_between_is_two_rows_above(caseworker, case):
    child = cases.person_create(actor=caseworker, case=case, role="child", first_name="Freja")
    grandmother = cases.person_create(actor=caseworker, case=case, role="network", first_name="Oma", sex="female")
    services.relationship_create(actor=caseworker, case=case, person_a=grandmother.pk, person_b=child.pk,
                                 kind="grandparent")
    svg = str(genogram_svg(case_network(case)))
    symbols = _symbols(svg)
    assert symbols[child.pk][1] - symbols[grandmother.pk][1] == 2 * ROW
    assert [e for e in _root(svg).iter(f"{SVG}path") if e.get("data-kind") == "grandparent"]


def test_the_other_side_of_the_family_is_not_pushed_to_the_top_row():
    # Great-grandmother 1 > grandmother 2 > mother 3; father 4 (partner of 3) with his parents 5 and 6.
    layout = genogram_layout([1, 2, 3, 4, 5, 6, 7], [
        (1, 2, "parent"), (2, 3, "parent"), (3, 4, "partner"), (5, 4, "parent"), (6, 4, "parent"),
        (5, 6, "partner"), (3, 7, "parent"), (4, 7, "parent")])
    assert layout.generations == {1: 0, 2: 1, 3: 2, 4: 2, 5: 1, 6: 1, 7: 3}


def test_contradicting_ties_are_drawn_without_crashing():
    # A partner who is also a parent, and a parent cycle the register would refuse.
    layout = genogram_layout([1, 2, 3], [(1, 2, "parent"), (1, 2, "partner"), (2, 3, "parent"), (3, 1, "parent")])
    assert set(layout.nodes) == {1, 2, 3}


# --- random families --------------------------------------------------------------------------------

@st.composite
def families(draw):
    """A forest of families: each person has a generation; parent ties only go one generation down, at most two
    parents per child; partners and siblings within a generation; some grandparent ties."""
    count = draw(st.integers(1, 24))
    gens = [draw(st.integers(0, 3)) for _ in range(count)]
    ties = []
    for child in range(count):
        above = [p for p in range(count) if gens[p] == gens[child] - 1]
        for parent in draw(st.lists(st.sampled_from(above), max_size=2, unique=True)) if above else []:
            ties.append((parent, child, "parent"))
        two_up = [p for p in range(count) if gens[p] == gens[child] - 2]
        if two_up and draw(st.booleans()):
            ties.append((draw(st.sampled_from(two_up)), child, "grandparent"))
    for a in range(count):
        same = [b for b in range(a + 1, count) if gens[b] == gens[a]]
        if same and draw(st.integers(0, 3)) == 0:
            kind = draw(st.sampled_from(["partner", "ex_partner", "sibling", "half_sibling", "lives_with",
                                         "contact_restricted"]))
            ties.append((a, draw(st.sampled_from(same)), kind))
    sexes = [draw(st.sampled_from(["female", "male", "diverse", "unknown"])) for _ in range(count)]
    roles = [draw(st.sampled_from(["child", "parent", "network", "professional"])) for _ in range(count)]
    return count, ties, sexes, roles


@given(families())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_random_families_never_overlap_nor_put_a_child_above_a_parent(family):
    count, ties, sexes, roles = family
    case = Case(pk=1, family_name="Berg")
    people = [Person(pk=n + 1, case=case, first_name=f"P{n + 1}", last_name="Berg", sex=sexes[n], role=roles[n],
                     deceased=n % 7 == 3) for n in range(count)]
    relationships = [Relationship(pk=n + 1, case=case, person_a_id=a + 1, person_b_id=b + 1, kind=kind)
                     for n, (a, b, kind) in enumerate(ties)]
    network = Network(case=case, people=people, relationships=relationships, circles={}, coordinator_id=None,
                      rules_held={})
    symbols = _symbols(str(genogram_svg(network)))
    assert _overlapping([(x, y) for x, y, _g in symbols.values()]) == []
    for a, b, kind in ties:
        if kind == "parent" and a + 1 in symbols and b + 1 in symbols:
            assert symbols[b + 1][1] > symbols[a + 1][1]
        if kind == "grandparent" and a + 1 in symbols and b + 1 in symbols:
            assert symbols[b + 1][1] > symbols[a + 1][1]
    for person in people:
        if person.role == "professional":
            assert person.pk not in symbols
        elif person.role == "child":
            assert person.pk in symbols


# --- a big family ---------------------------------------------------------------------------------------

def big_family(caseworker, case) -> None:
    """Thirty people over four generations: two couples, their seven children and in-laws, ten grandchildren
    and partners, nine great-grandchildren."""
    born = iter(range(1930, 2030))

    def person(first, sex="female", role="network"):
        return cases.person_create(actor=caseworker, case=case, role=role, first_name=first, sex=sex,
                                   birth_date=date(min(next(born), 2024), 1, 1)).pk

    def couple(a, b, kind="partner"):
        services.relationship_create(actor=caseworker, case=case, person_a=a, person_b=b, kind=kind)

    def kids(parents, names, role="network"):
        out = []
        for n, name in enumerate(names):
            kid = person(name, ("female", "male")[n % 2], role)
            for parent in parents:
                services.relationship_create(actor=caseworker, case=case, person_a=parent, person_b=kid,
                                             kind="parent")
            out.append(kid)
        return out

    a1, a2, b1, b2 = person("Anton", "male"), person("Anna"), person("Bernd", "male"), person("Berta")
    couple(a1, a2)
    couple(b1, b2, "ex_partner")
    g1a = kids([a1, a2], ["Clara", "Carl", "Cora"])
    g1b = kids([b1, b2], ["Dirk", "Doris"])
    couple(g1a[1], g1b[1])  # Carl and Doris
    e1 = person("Emil", "male")
    couple(g1a[0], e1)
    couple(g1b[0], person("Fiona"), "ex_partner")
    g2a = kids([g1a[1], g1b[1]], ["Gina", "Gero", "Greta"], role="parent")
    g2b = kids([g1a[0], e1], ["Hanna", "Hugo"])
    g2c = kids([g1b[0]], ["Ida", "Ivo"])
    h1, h2, h3 = person("Jan", "male"), person("Jörg", "male"), person("Kira")
    couple(g2a[0], h1)
    couple(g2a[2], h2, "ex_partner")
    couple(g2b[1], h3)
    kids([g2a[0], h1], ["Lena", "Leo", "Lotta"], role="child")
    kids([g2a[2], h2], ["Mats", "Mila"])
    kids([g2b[1], h3], ["Nora", "Nils"])
    kids([g2c[0]], ["Ole", "Oda"])


def test_thirty_people_over_four_generations_are_drawn_in_four_rows_without_overlap(caseworker, case):
    big_family(caseworker, case)
    network = case_network(case)
    assert len(network.people) == 30
    svg = str(genogram_svg(network))
    symbols = _symbols(svg)
    assert len(symbols) == 30
    assert len({y for _x, y, _g in symbols.values()}) == 4
    assert _overlapping([(x, y) for x, y, _g in symbols.values()]) == []
