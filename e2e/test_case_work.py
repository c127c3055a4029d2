"""A caseworker's day: opening a case, recording the family, finding it again, moving it on, in German too."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from e2e.support import login, open_case, switch_language, translated, unique


@pytest.fixture
def back_to_english(page: Page) -> Iterator[None]:
    """Switching language is remembered in the user's profile; put it back so later tests start in English."""
    yield
    page.goto("/")
    if "/accounts/login/" not in page.url:
        switch_language(page, "en")


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()  # the server's TIME_ZONE


def _age_today(birth_date: date) -> int:
    today = _today()
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def test_caseworker_opens_a_case_and_records_the_family(page: Page, back_to_english: None) -> None:
    reference = unique("E2E")
    family_name = unique("Sørensen")
    searched = family_name.replace("ø", "o")  # typed without the Danish letter
    child_birth_date = date(_today().year - 7, 3, 14)
    login(page, "demo-caseworker")

    open_case(page, reference=reference, family_name=family_name)
    expect(page.get_by_role("status").filter(has_text=f"Case {reference} opened.")).to_be_visible()

    page.get_by_role("link", name="Add a person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    page.get_by_label("Role").select_option("child")
    page.get_by_label("First name").fill("Freja")
    page.get_by_label("Last name").fill(family_name)
    page.get_by_label("Relationship to the child").fill("daughter")
    page.get_by_label("Date of birth").fill(child_birth_date.isoformat())
    page.get_by_role("button", name="Save and add another").click()
    added = page.get_by_role("status").filter(has_text=f"Freja {family_name} added to the case.")
    expect(added).to_be_visible()

    page.get_by_label("Role").select_option("parent")
    page.get_by_label("First name").fill("Camilla")
    page.get_by_label("Last name").fill(family_name)
    page.get_by_label("Relationship to the child").fill("mother")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    people = page.locator("section[aria-labelledby=people-heading]")
    expect(people.get_by_role("heading", name="Child", exact=True)).to_be_visible()
    expect(people.get_by_role("heading", name="Parent", exact=True)).to_be_visible()
    expect(people.get_by_role("listitem").filter(has_text="Freja")).to_contain_text(
        f"daughter · {_age_today(child_birth_date)} years")
    expect(people.get_by_role("link", name=f"Camilla {family_name}")).to_be_visible()
    case_url = page.url

    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases")
    page.get_by_label("Search").fill(searched)  # htmx swaps the results in as the user types
    results = page.locator("#case-results")
    expect(results.locator("#case-count")).to_have_text("1 case")
    expect(results.get_by_role("row").filter(has_text=reference)).to_contain_text(family_name)
    # The names searched for stay out of the address bar and so out of the browser's history.
    expect(page).not_to_have_url(re.compile(r"Sorensen"))
    results.get_by_role("link", name=reference, exact=True).click()
    expect(page).to_have_url(case_url)

    status = page.locator("section[aria-labelledby=status-heading]")
    expect(status.locator("p strong")).to_have_text("Referral")
    status.get_by_label("New status").select_option("assessment")
    status.get_by_role("button", name="Change status").click()  # htmx post; the server answers HX-Redirect
    expect(status.locator("p strong")).to_have_text("Assessment")
    expect(page.locator(".sh-status-path [aria-current=step]")).to_have_text("Assessment")
    expect(page.get_by_role("status").filter(has_text="The case is now in “Assessment”.")).to_be_visible()

    switch_language(page, "de")
    expect(page).to_have_url(case_url)
    nav = page.get_by_role("navigation", name=translated("Main menu"))
    expect(nav.get_by_role("link", name=translated("Cases"), exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name=translated("My work"), exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=translated("Family and network"), exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name=translated("Status history"), exact=True)).to_be_visible()
    expect(page.locator(".sh-status-path [aria-current=step]")).to_have_text(translated("Assessment"))
    expect(status.get_by_role("button", name=translated("Change status"))).to_be_visible()


def test_closing_a_case_without_an_outcome_shows_the_translated_error(
    page: Page, back_to_english: None,
) -> None:
    login(page, "demo-caseworker")
    open_case(page, reference=unique("E2E"), family_name=unique("Hansen"))
    switch_language(page, "de")

    status = page.locator("section[aria-labelledby=status-heading]")
    status.locator("#id_status").select_option("closed")
    expect(status.locator("#id_outcome")).to_have_value("")
    status.locator("button[type=submit]").click()  # htmx post

    outcome_field = status.locator(".sh-field").filter(has=page.locator("#id_outcome"))
    error = outcome_field.locator("#id_outcome_error")
    expect(error).to_be_visible()
    outcome = status.locator("#id_outcome")
    expect(outcome).to_have_attribute("aria-invalid", "true")
    expect(outcome).to_have_attribute("aria-describedby", re.compile(r"\bid_outcome_error\b"))
    expect(error).to_have_text(translated("Choose the outcome before closing the case."))
    expect(status.locator("#id_status option[value=closed]")).to_have_text(translated("Closed"))
    expect(status.locator("p strong")).to_have_text(translated("Referral"))


def test_a_status_change_in_danish_says_so_and_the_outcome_shows_only_for_closing(
    page: Page, back_to_english: None,
) -> None:
    login(page, "demo-caseworker")
    open_case(page, reference=unique("E2E"), family_name=unique("Holm"))
    switch_language(page, "da")

    # The phases show where the case stands; none of them is something to press.
    phases = page.get_by_role("list", name=translated("Phases of the case", "da"))
    expect(phases.get_by_role("listitem")).to_have_count(5)
    expect(phases.locator("[aria-current=step]")).to_have_text(translated("Referral", "da"))
    expect(phases.get_by_role("button")).to_have_count(0)
    expect(phases.get_by_role("link")).to_have_count(0)
    assert phases.locator("li").first.evaluate("li => getComputedStyle(li).cursor") == "default"
    assert phases.locator("li").first.evaluate("li => getComputedStyle(li).borderTopWidth") == "0px"

    status = page.locator("section[aria-labelledby=status-heading]")
    outcome = status.locator("#id_outcome")
    expect(outcome).to_be_hidden()  # the first status offered is not closing
    status.locator("#id_status").select_option("closed")
    expect(outcome).to_be_visible()
    expect(status.locator("label[for=id_outcome]")).to_contain_text(translated("required when closing", "da"))
    expect(status.locator("label[for=id_outcome]")).not_to_contain_text(translated("optional", "da"))
    outcome.select_option("stayed_home")
    status.locator("#id_status").select_option("assessment")
    expect(outcome).to_be_hidden()  # and not sent: the service would refuse an outcome without closing

    status.get_by_role("button", name=translated("Change status", "da")).click()  # htmx; HX-Redirect
    assessment = translated("Assessment", "da")
    message = page.get_by_role("status").filter(
        has_text=translated("The case is now in “%(status)s”.", "da") % {"status": assessment})
    expect(message).to_be_visible()
    expect(message).to_be_focused()  # read out on arrival
    expect(phases.locator("[aria-current=step]")).to_have_text(assessment)


def test_the_legal_bases_follow_the_case_language_and_long_ones_show_whole_on_hover(
    page: Page, back_to_english: None,
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})  # a phone: the provisions do not fit
    login(page, "demo-caseworker")
    switch_language(page, "da")
    page.goto("/cases/new/")
    basis = page.locator("#id_legal_basis")
    page.locator("#id_language").select_option("da")
    expect(basis.locator("option", has_text="Barnets Lov § 46")).to_have_count(1)
    expect(basis.locator("option", has_text="SGB VIII")).to_have_count(0)
    page.locator("#id_language").select_option("de")
    expect(basis.locator("option", has_text="SGB VIII § 42")).to_have_count(1)
    expect(basis.locator("option", has_text="Barnets Lov")).to_have_count(0)

    page.locator("#id_language").select_option("da")
    long_one = "Barnets Lov § 46 – Anbringelse uden for hjemmet med samtykke"
    basis.select_option(label=long_one)
    expect(basis).to_have_attribute("title", long_one)  # cut off here, whole on hover
    assert basis.evaluate("s => getComputedStyle(s).textOverflow") == "ellipsis"
    basis.select_option(label="Barnets Lov § 18 – Screening af underretninger")
    expect(basis).not_to_have_attribute("title", long_one)  # the title follows the choice

    reference = unique("BU")
    page.locator("#id_reference").fill(reference)
    page.locator("#id_family_name").fill(unique("Holm"))
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    expect(page.locator("section[aria-labelledby=details-heading]")).to_contain_text("Barnets Lov § 18")
