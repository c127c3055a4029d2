"""Referrals to the directory's offers (issue 16), as its acceptance asks: a caseworker finds a parenting course in
the Becker family's district and language, refers the mother, records her consent and marks the course started; a
second need finds no offer, is recorded as such, and the team lead sees it counted in the unmet-needs report for
the family's district. axe checks every page on the way."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from e2e.support import login, unique

CASE = "JA-2026-0147"  # the Becker family (safehold/demo/seed.py)
MOTHER = "Sandra Becker (Parent)"
DISTRICT = "Dortmund-Eving"  # safehold/demo/offers.py: DISTRICT_OF_CASE
COURSE = "Gelassen durch den Familienalltag"  # the Elternkurs in Eving, in German (de-elternkurs-eving)
TEAM = "Team Nord"  # the demo cases' team, led by demo-teamlead
# The directory's only addiction help in German sits in another district (Dortmund-Innenstadt-Nord), and none in
# German serves the whole area: nothing fits in Eving.
UNMET_NEED = "Addiction help"


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()  # the server's TIME_ZONE: the forms' "today"


def _short(day: date) -> str:
    return f"{day:%d/%m/%Y}"  # SHORT_DATE_FORMAT in English (config/formats/en)


# --- what the people do on the way -------------------------------------------------------------------------

def _logged_in(page: Page, username: str) -> None:
    login(page, username)
    # Leaving the start page before it has loaded would stop its load, and with it the axe check it owes.
    page.wait_for_load_state()


def _open_the_becker_case(page: Page) -> str:
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Cases").click()
    page.get_by_label("Search").fill("Becker")  # htmx swaps the results in as the user types
    page.locator("#case-results").get_by_role("link", name=CASE, exact=True).click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Becker")
    return page.url


def _search_the_directory(page: Page, *, need: str, words: str) -> None:
    """From the case page: a new referral for the mother, her need searched in the family's district and language."""
    page.get_by_role("region", name="Referrals to offers").get_by_role("link", name="Refer to an offer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer to an offer")
    step_one = page.get_by_role("region", name="1. The need")
    step_one.get_by_label("For whom").select_option(label=MOTHER)
    step_one.get_by_label("Kind of need").select_option(label=need)
    step_one.get_by_label("The need in the family's words").fill(words)
    step_one.get_by_label("The family's district").select_option(label=DISTRICT)
    step_one.get_by_label("Language the help must be given in").fill("de")
    step_one.get_by_role("button", name="Search the directory").click()
    expect(page.get_by_role("heading", name="2. The offer")).to_be_visible()


def _no_suitable_offer_in_the_district(page: Page) -> int:
    """The team lead's unmet-needs report for the last month and their team: the "No suitable offer" count in the
    family's district's row (0 while the district has no row)."""
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Unmet needs", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unmet needs")
    page.get_by_label("From").fill((_today() - timedelta(days=30)).isoformat())
    page.get_by_label("To").fill(_today().isoformat())
    page.get_by_label("Team").select_option(label=TEAM)
    page.get_by_role("button", name="Show").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader", name="No suitable offer", exact=True)).to_be_visible()
    column = table.get_by_role("columnheader").all_inner_texts().index("No suitable offer")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=DISTRICT, exact=True))
    if row.count() == 0:
        return 0
    return int(row.get_by_role("cell").nth(column - 1).inner_text())  # the row's first column is its header


# --- the test ---------------------------------------------------------------------------------------------------

def test_a_mother_is_referred_to_a_parenting_course_and_a_need_without_an_offer_is_counted_as_unmet(
        page: Page, other_page: Page) -> None:
    today = _today()
    lead = other_page
    _logged_in(lead, "demo-teamlead")
    unmet_before = _no_suitable_offer_in_the_district(lead)

    # 1. The parenting course in Eving, in German; the mother is referred to it.
    _logged_in(page, "demo-caseworker")
    case_url = _open_the_becker_case(page)
    _search_the_directory(page, need="Parenting course", words=unique("Mit den Kindern ruhiger umgehen"))
    offers = page.get_by_role("group", name="Offers for this need")
    course = offers.get_by_role("radio", name=re.compile(COURSE))
    expect(course).to_have_count(1)
    course.check()
    page.get_by_role("button", name="Refer to the chosen offer").click()

    expect(page.get_by_role("status").filter(has_text="Referral saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral of Sandra Becker: Parenting course")
    contact = page.get_by_role("region", name="The provider's contact")
    expect(contact).to_contain_text("Frau Kaya")
    expect(contact).to_contain_text("0231 5566 410")
    expect(contact.get_by_role("status")).to_contain_text("Not in family documents until consent.")

    # Her consent, recorded on the referral's page: the contact may now go into family documents.
    contact.get_by_label("The family agreed on").fill(today.isoformat())
    contact.get_by_role("button", name="Record the family's consent").click()
    expect(page.get_by_role("status").filter(has_text="Consent recorded.")).to_be_visible()
    contact = page.get_by_role("region", name="The provider's contact")
    expect(contact).to_contain_text(f"The family agreed on {_short(today)} to share their data with the provider")
    expect(contact).to_contain_text("Frau Kaya")
    expect(contact.get_by_role("button", name="Withdraw the consent")).to_be_visible()

    # The course has started: the step with its date.
    steps = page.get_by_role("region", name="Steps")
    started = steps.locator("form").filter(has=page.get_by_role("button", name="Started", exact=True))
    started.get_by_label("Date").fill(today.isoformat())
    started.get_by_role("button", name="Started", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Step recorded.")).to_be_visible()
    steps = page.get_by_role("region", name="Steps")
    expect(steps.get_by_role("listitem").filter(has_text="Started")).to_contain_text(_short(today))
    expect(page.get_by_role("heading", level=2, name=re.compile(r"^Started"))).to_contain_text(_short(today))

    # 2. A second need of the mother: no addiction help in Eving in German. The need is recorded all the same.
    page.get_by_role("link", name=f"{CASE} Becker").click()
    expect(page).to_have_url(case_url)
    expect(page.get_by_role("region", name="Referrals to offers").get_by_role("link", name=re.compile(COURSE))) \
        .to_be_visible()
    _search_the_directory(page, need=UNMET_NEED, words=unique("Hilfe, weniger zu trinken"))
    offers = page.get_by_role("group", name="Offers for this need")
    expect(offers).to_contain_text("No offer in the directory fits this need, district, language and age.")
    # What the search still lists beside (offers for the whole area, in other languages) is marked as not fitting.
    choices = offers.locator(".sh-offer-choice")  # a radio button with its label and hint
    expect(choices.filter(has_not_text=re.compile(r"(age|language) does not fit"))).to_have_count(0)
    page.get_by_role("button", name="No suitable offer exists").click()

    expect(page.get_by_role("status").filter(has_text="Need recorded: no suitable offer exists.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral of Sandra Becker: {UNMET_NEED}")
    details = page.get_by_role("region", name=re.compile(r"^No suitable offer exists"))
    expect(details).to_contain_text(DISTRICT)
    expect(details.get_by_role("definition").filter(has_text="No suitable offer exists")).to_have_count(1)

    # 3. The team lead's report counts it in the family's district.
    assert _no_suitable_offer_in_the_district(lead) >= unmet_before + 1
