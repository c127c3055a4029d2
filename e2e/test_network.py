"""The family's network (issue 6): from the ecomap the caseworker adds the child's grandmother, tied to the child,
in place; she is drawn in the ecomap and two generations above the child in the genogram, becomes the network
coordinator and moves to the inner circle; a relationship of the mother with herself is refused next to the field;
the ecomap downloads as PNG and SVG, and the case page names her as the coordinator."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, Page, expect

from e2e.support import login, switch_language, translated, unique

TEAM = "Team Nord"  # the team of demo-caseworker (safehold/demo/seed.py)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Family:
    reference: str
    name: str  # short enough that "Edith <name>" is drawn in full under her circle in the ecomap

    @property
    def child(self) -> str:
        return f"Lily {self.name}"

    @property
    def mother(self) -> str:
        return f"Grace {self.name}"

    @property
    def grandmother(self) -> str:
        return f"Edith {self.name}"


# --- what the caseworker does on the way -----------------------------------------------------------------

def _open_case_with_child_and_mother(page: Page) -> tuple[str, Family]:
    """Open an English case and record the child and her mother, with their dates of birth."""
    family = Family(reference=unique("E2E"), name=unique("Oak"))
    page.goto("/cases/new/")
    page.get_by_label("Reference").fill(family.reference)
    page.get_by_label("Family name").fill(family.name)
    page.get_by_label("Case language").select_option(label="English")
    page.get_by_label("Team").select_option(label=TEAM)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    case_url = page.url

    page.get_by_role("link", name="Add a person").click()
    for role, first, relationship, born, button in (("child", "Lily", "daughter", "2016-05-14", "Save and add another"),
                                                    ("parent", "Grace", "mother", "1988-03-02", "Save")):
        page.get_by_label("Role").select_option(role)
        page.get_by_label("First name").fill(first)
        page.get_by_label("Last name").fill(family.name)
        page.get_by_label("Relationship to the child").fill(relationship)
        page.get_by_label("Date of birth").fill(born)
        page.get_by_label("Sex").select_option(label="female")
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("status").filter(has_text=f"{first} {family.name} added to the case.")).to_be_visible()
    expect(page).to_have_url(case_url)
    return case_url, family


def _for(action: str, whom: str) -> re.Pattern[str]:
    """A button's or link's name, the visible words and then, hidden but read out, whom they are for."""
    return re.compile(rf"^{re.escape(action)}\W+{re.escape(whom)}$")


def _svg_person(svg: Locator, full_name: str) -> Locator:
    """A person's group in a picture, found by the full name its <title> starts with (isolated, FSI … PDI, from
    the words after it where the title goes on: safehold/core/text.py, isolate)."""
    return svg.locator("g.person[data-person]").filter(
        has=svg.page.locator("title", has_text=re.compile(rf"^\u2068?{re.escape(full_name)}\b")))


def _person_id(svg: Locator, full_name: str) -> str:
    group = _svg_person(svg, full_name)
    expect(group).to_have_count(1)
    person_id = group.get_attribute("data-person")
    assert person_id and person_id.isdigit(), person_id
    return person_id


def _genogram_y(genogram: Locator, person_id: str) -> float:
    """Where the genogram puts a person: the centre of their symbol, as the template writes it in data-y."""
    group = genogram.locator(f"g.person[data-person='{person_id}']")
    y = float(group.get_attribute("data-y") or "nan")
    assert group.get_attribute("transform") == f"translate({group.get_attribute('data-x')} {y:.1f})"
    return y


def _in_place(page: Page) -> None:
    """Mark the document; `_still_in_place` fails if a full page load has replaced it since."""
    page.evaluate("() => { window.__e2eSameDocument = true; }")


def _still_in_place(page: Page) -> None:
    assert page.evaluate("() => window.__e2eSameDocument === true"), "the page was reloaded instead of swapped"


def _download(page: Page, link: Locator, extension: str) -> bytes:
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert re.fullmatch(rf"ecomap-E2E-[0-9A-F]{{6}}\.{extension}", download.suggested_filename), \
        download.suggested_filename
    path = download.path()
    assert path is not None
    return path.read_bytes()


# --- the test --------------------------------------------------------------------------------------------

def test_a_grandmother_added_from_the_ecomap_becomes_the_network_coordinator_in_the_inner_circle(page: Page) -> None:
    login(page, "demo-caseworker")
    case_url, family = _open_case_with_child_and_mother(page)

    page.locator("section[aria-labelledby=network-heading]").get_by_role(
        "link", name="Genogram, ecomap and circles").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/network/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Family and network")
    page.get_by_role("navigation", name="Parts of this page").get_by_role("link", name="Ecomap").click()
    expect(page).to_have_url(re.compile(r"/network/#ecomap$"))
    ecomap = page.locator("#ecomap svg.sh-ecomap")
    genogram = page.locator("#genogram svg.sh-genogram")
    expect(ecomap.locator("g.person.centre text.name")).to_have_text(family.child)
    expect(_svg_person(ecomap, family.grandmother)).to_have_count(0)
    expect(page.locator("#circles")).to_contain_text("Nobody has been placed in the circles yet.")

    # The grandmother, tied to the child as she is added, without leaving the page.
    _in_place(page)
    form = page.locator("#add-person form")
    form.get_by_label("First name").fill("Edith")
    form.get_by_label("Last name").fill(family.name)
    form.get_by_label("Role").select_option("network")
    form.get_by_label("Relationship to the child").fill("grandmother")
    form.get_by_label("Sex").select_option(label="female")
    form.get_by_label("Date of birth").fill("1961-09-20")
    form.get_by_role("combobox", name="How are they related?").select_option(label="is a grandparent of")
    expect(form.get_by_label("To whom").locator("option:checked")).to_have_text(f"{family.child} (daughter)")
    form.get_by_label("How it is").select_option(label="strong, close")
    form.get_by_role("button", name="Add the person").click()

    grandmother = _svg_person(ecomap, family.grandmother)
    expect(grandmother).to_have_count(1)
    _still_in_place(page)
    expect(page).to_have_url(re.compile(r"/network/#ecomap$"))
    expect(page.locator("#register tbody tr")).to_have_count(1)
    expect(page.locator("#register tbody tr").first).to_contain_text(
        f"{family.grandmother} is a grandparent of {family.child} strong, close")
    expect(grandmother.locator("text.name")).to_have_text(family.grandmother)
    expect(grandmother.locator("text.relationship")).to_have_text("grandmother")
    expect(grandmother).to_have_class(re.compile(r"\btie-strong\b"))
    expect(grandmother).not_to_have_class(re.compile(r"\b(coordinator|in-network)\b"))
    her_id = _person_id(ecomap, family.grandmother)
    expect(ecomap.locator(f"path.tie[data-person='{her_id}']")).to_have_class(re.compile(r"\btie-strong\b"))

    # The genogram draws her as a woman, two generations above the child (the mother is not tied in yet).
    child_id = _person_id(genogram, family.child)
    expect(_svg_person(genogram, family.grandmother)).to_have_attribute("data-person", her_id)
    her_symbol = genogram.locator(f"g.person[data-person='{her_id}']")
    expect(her_symbol.locator("circle.symbol")).to_have_count(1)
    # Under the symbol her first name (the family name is the case's) and the year she was born.
    expect(her_symbol.locator("text").filter(has_text=re.compile(r"^Edith$"))).to_have_count(1)
    expect(her_symbol.locator("text").filter(has_text=re.compile(r"^b\. 1961$"))).to_have_count(1)
    expect(genogram.locator("path.tie[data-kind=grandparent]")).to_have_attribute("data-a", her_id)
    her_y, child_y = _genogram_y(genogram, her_id), _genogram_y(genogram, child_id)
    assert her_y < child_y, f"the grandmother (y={her_y}) is not drawn above the child (y={child_y})"

    # She coordinates the network: the star and the word in her part of the ecomap.
    page.locator("#ecomap").get_by_role("button", name=_for("Mark as network coordinator", family.grandmother)).click()
    expect(grandmother).to_have_class(re.compile(r"\bcoordinator\b"))
    expect(grandmother.locator("polygon.coordinator-star")).to_have_count(1)
    expect(grandmother.locator("text.coordinator-label")).to_have_text("Coordinator")
    expect(grandmother.locator("title")).to_contain_text("network coordinator")
    expect(ecomap.locator("polygon.coordinator-star")).to_have_count(1)
    expect(page.locator("#ecomap .nw-section__side p").first).to_have_text(f"★ {family.grandmother}")
    expect(page.locator("#ecomap").get_by_role(
        "button", name=_for("Mark as network coordinator", family.mother))).to_be_visible()
    _still_in_place(page)

    # She moves to the inner circle: the circles, the ecomap's green ring and the size chart follow.
    circles = page.locator("#circles")
    circles.get_by_label(f"Circle of {family.grandmother}").select_option(value="inner")
    circles.get_by_role("button", name=_for("Move to circle", family.grandmother)).click()
    in_circles = circles.locator(f"svg.sh-circles g.person[data-person='{her_id}']")
    expect(in_circles).to_have_attribute("data-circle", "inner")
    expect(in_circles).to_have_class(re.compile(r"\bcoordinator\b"))
    expect(in_circles.locator("text.name")).to_have_text(family.grandmother)
    expect(grandmother).to_have_class(re.compile(r"\bin-network\b"))
    expect(grandmother.locator("circle.network-ring")).to_have_count(1)
    size_chart = circles.locator("figure.nw-picture--chart svg.sh-network-size")
    expect(size_chart.locator("circle.step")).to_have_count(1)
    expect(size_chart.locator("circle.step")).to_have_attribute("data-size", "1")
    expect(circles).not_to_contain_text("Nobody has been placed in the circles yet.")
    expect(circles.locator("ol.nw-history li")).to_have_count(1)
    expect(circles.locator("ol.nw-history li")).to_contain_text(
        f"{family.grandmother} → Inner circle: knows everything about the worries")
    expect(circles.get_by_label(f"Circle of {family.grandmother}").locator("option:checked")).to_have_text(
        "Inner circle: knows everything about the worries")
    _still_in_place(page)

    # Nobody is in a relationship with themself: refused next to the field, and nothing recorded.
    relationship = page.locator("#add-relationship form")
    mother = f"{family.mother} (mother)"
    relationship.get_by_label("Person", exact=True).select_option(label=mother)
    relationship.get_by_label("Relationship", exact=True).select_option(label="knows, is close to")
    relationship.get_by_label("Related person", exact=True).select_option(label=mother)
    relationship.get_by_role("button", name="Record the relationship").click()
    related = relationship.get_by_label("Related person", exact=True)
    error = relationship.locator(".sh-field").filter(
        has=page.get_by_label("Related person", exact=True)).locator(".kern-error")
    expect(error).to_have_text("A person cannot be in a relationship with themself.")
    expect(error).to_have_attribute("role", "alert")
    expect(related).to_have_attribute("aria-invalid", "true")
    expect(related).to_have_attribute("aria-describedby", re.compile(r"\badd-relationship-person_b_error\b"))
    expect(related.locator("option:checked")).to_have_text(mother)  # what was chosen stays to be corrected
    expect(page.locator("#register tbody tr")).to_have_count(1)
    _still_in_place(page)

    # The ecomap as files: a PNG, and an SVG with her in it.
    downloads = page.locator("#ecomap .sh-downloads")
    png = _download(page, downloads.get_by_role("link", name=_for("PNG", "(Ecomap)")), "png")
    assert png.startswith(PNG_SIGNATURE), png[:16]
    svg = _download(page, downloads.get_by_role("link", name=_for("SVG", "(Ecomap)")), "svg").decode()
    assert svg.lstrip().startswith("<svg"), svg[:80]
    assert family.grandmother in svg, f"{family.grandmother!r} is not in the downloaded ecomap"
    assert ">Coordinator</text>" in svg

    # The case page: the network panel names her as the coordinator and draws her in its ecomap.
    page.locator(".sh-page-header .kern-preline").get_by_role("link").click()
    expect(page).to_have_url(case_url)
    panel = page.locator("section[aria-labelledby=network-heading]")
    expect(panel.get_by_role("heading", level=2)).to_have_text("Network pictures and safety circles")
    coordinator = panel.locator(".kern-description-list-item").filter(has_text="Network coordinator")
    expect(coordinator.locator("dd")).to_have_text(f"★ {family.grandmother}")
    expect(panel.locator(".kern-description-list-item").filter(has_text="Safety network").locator("dd")).to_have_text(
        "1 person in the inner and middle circles")
    on_case_page = _svg_person(panel.locator("svg.sh-ecomap"), family.grandmother)
    expect(on_case_page).to_have_class(re.compile(r"\bcoordinator\b"))
    expect(on_case_page.locator("text.coordinator-label")).to_have_text("Coordinator")


# --- issue 13: one register, every child, what the family reads (German) ----------------------------------

GERMAN_CASE = "JA-2026-0147"  # Becker: Mia and Leon, their parents Sandra and Thomas (safehold/demo/network.py)


@pytest.fixture
def back_to_english(page: Page) -> Iterator[None]:
    """Switching language is remembered in the user's profile; put it back so later tests start in English."""
    yield
    page.goto("/")
    if "/accounts/login/" not in page.url:
        switch_language(page, "en")


def _open_german_case(page: Page) -> str:
    login(page, "demo-caseworker")
    switch_language(page, "de")
    page.goto("/cases/")
    page.get_by_role("link", name=GERMAN_CASE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    return page.url


def _smallest_text_px(svg: Locator) -> float:
    """The smallest text in a picture as the screen shows it: its font size scaled like the picture."""
    return svg.evaluate("""svg => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        return Math.min(...[...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) * scale));
    }""")


def test_a_grandmother_of_the_second_child_added_on_the_person_form_is_in_the_register_and_the_pictures(
        page: Page, back_to_english: None) -> None:
    case_url = _open_german_case(page)
    name = unique("Oma")
    page.locator("main").get_by_role("link", name=translated("Add a person"), exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/network/people/add/$"))
    page.locator("#id_role").select_option("network")
    page.locator("#id_first_name").fill("Edith")
    page.locator("#id_last_name").fill(name)
    page.locator("#id_relationship").fill("Oma väterlicherseits")
    page.locator("#id_birth_date").fill("1955-04-03")
    # Every child is offered; she is Leon's grandmother, typed once.
    expect(page.get_by_label("Mia Becker", exact=True)).to_be_visible()
    page.get_by_label("Leon Becker", exact=True).check()
    page.locator("#id_kind").select_option(label=translated("is a grandparent of"))
    page.locator("#id_quality").select_option(label=translated("strong, close"))
    page.get_by_role("button", name=translated("Save"), exact=True).click()
    expect(page).to_have_url(case_url)

    page.goto(case_url + "network/")
    full_name = f"Edith {name}"
    row = page.locator("#register tbody tr").filter(has_text=full_name)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(f"{full_name} {translated('is a grandparent of')} Leon Becker")
    ecomap = page.locator("#ecomap svg.sh-ecomap")
    her_id = _person_id(ecomap, full_name)
    leon_id = ecomap.locator("g.person.centre").filter(has=page.locator("title", has_text="Leon Becker")
                                                        ).get_attribute("data-person")
    # The genogram draws the tie from the register, and the ecomap draws it from Leon, not "no relationship".
    genogram = page.locator("#genogram svg.sh-genogram")
    expect(genogram.locator(f"path.tie[data-kind=grandparent][data-a='{her_id}']")).to_have_count(1)
    line = ecomap.locator(f"path.tie[data-person='{her_id}']")
    expect(line).to_have_count(1)
    expect(line).to_have_attribute("data-child", str(leon_id))
    expect(line).to_have_class(re.compile(r"\btie-strong\b"))


def test_both_children_are_in_the_middle_of_the_ecomap_with_their_own_ties(page: Page, back_to_english: None) -> None:
    case_url = _open_german_case(page)
    page.goto(case_url + "network/")
    ecomap = page.locator("#ecomap svg.sh-ecomap")
    expect(ecomap.locator("g.person.centre")).to_have_count(2)
    leon = ecomap.locator("g.person.centre").filter(has=page.locator("title", has_text="Leon Becker"))
    leon_id = leon.get_attribute("data-person")
    # Jana (the aunt) is tied to Leon only: her line starts at Leon, and her title names the tie to him.
    jana = _svg_person(ecomap, "Jana Hoffmann")
    jana_id = jana.get_attribute("data-person")
    expect(ecomap.locator(f"path.tie[data-person='{jana_id}'][data-child='{leon_id}']")).to_have_count(1)
    # The child's name isolated (FSI … PDI) from the words after it (safehold/core/text.py, isolate).
    expect(jana.locator("title")).to_contain_text(f"\u2068Leon Becker\u2069: {translated('ordinary')}")
    expect(page.locator("#circles svg.sh-circles g.person.centre")).to_have_count(2)


def test_the_family_s_picture_leaves_out_the_strained_tie_and_reads_on_a_tablet(
        page: Page, back_to_english: None) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    case_url = _open_german_case(page)
    page.goto(case_url + "network/")
    # The worker records the father's tie to Mia as strained.
    form = page.locator("#add-relationship form")
    for field, name in (("person_a", "Thomas Becker"), ("person_b", "Mia Becker")):
        select = form.locator(f"select[name={field}]")
        select.select_option(select.locator("option", has_text=name).first.get_attribute("value"))
    form.locator("select[name=kind]").select_option(label=translated("knows, is close to"))
    form.locator("select[name=quality]").select_option(label=translated("stressful, in conflict"))
    form.get_by_role("button", name=translated("Record the relationship")).click()
    ecomap = page.locator("#ecomap svg.sh-ecomap")
    thomas_id = _person_id(ecomap, "Thomas Becker")
    expect(ecomap.locator(f"path.tie-stressful[data-person='{thomas_id}']")).to_have_count(1)

    # The family's version: Thomas is in the safety network, drawn like everyone else; nothing strained.
    page.locator("#family-picture summary").click()
    family = page.locator("#family-picture svg.sh-family-network")
    expect(family.locator(f"g.person[data-person='{thomas_id}']")).to_have_count(1)
    expect(family.locator("path.tie-stressful, path.tie-restricted")).to_have_count(0)
    expect(family).not_to_contain_text(translated("stressful, in conflict"))
    expect(family.locator("title").first).to_have_text(translated("Our safety network"))

    # On a tablet every word in the pictures is at least about 12 px.
    for picture in (ecomap, page.locator("#circles svg.sh-circles"), family):
        picture.scroll_into_view_if_needed()
        assert _smallest_text_px(picture) >= 11.5, _smallest_text_px(picture)
