"""Every form of every tool saves when it is opened as a page of its own (issue 11): in a new tab, from the
browser's history or before the script has loaded, the forms made to be edited in place on the map, the plan, the
child's conversation and Safety House, the story and the network open alone, and pressing Save saves. Without
script too. A form whose htmx target is missing still saves, and a change refused in place (the case was closed
meanwhile) says why instead of nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from e2e.support import login, open_case, unique

WORKER = "demo-caseworker"
CLOSED = "This case is closed. Reopen it to change it."  # cases.perms.CaseClosed


@dataclass(frozen=True)
class Work:
    """A case with a family and one of each thing the tools edit in place, and where each lives."""

    case_url: str
    name: str
    map_url: str
    plan_url: str
    conversation_url: str
    house_url: str
    story_url: str

    @property
    def child(self) -> str:
        return f"Lily {self.name}"

    @property
    def parent(self) -> str:
        return f"Sam {self.name}"

    @property
    def network_member(self) -> str:
        return f"Ruth {self.name}"

    @property
    def network_url(self) -> str:
        return f"{self.case_url}network/"


@dataclass(frozen=True)
class Worker:
    cookies: list
    work: Work


# --- set up once: one login, one case ----------------------------------------------------------------------

def _add_family(page: Page, case_url: str, name: str) -> None:
    page.get_by_role("link", name="Add a person").click()
    for role, first, relationship, button in (("child", "Lily", "daughter", "Save and add another"),
                                              ("parent", "Sam", "father", "Save and add another"),
                                              ("network", "Ruth", "aunt", "Save")):
        page.get_by_label("Role").select_option(role)
        page.get_by_label("First name").fill(first)
        page.get_by_label("Last name").fill(name)
        page.get_by_label("Relationship to the child").fill(relationship)
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("status").filter(has_text=f"{first} {name} added to the case.")).to_be_visible()
    expect(page).to_have_url(case_url)


def _start(page: Page, url: str, button: str, lands_on: str) -> str:
    """Start a map, a plan, a conversation, a Safety House or a story from its page; the URL of what started."""
    page.goto(url)
    page.locator("main").get_by_role("button", name=button, exact=True).click()
    expect(page).to_have_url(re.compile(lands_on))
    return page.url


def _set_up_the_work(page: Page) -> Work:
    name = unique("Fairweather")
    case_url = open_case(page, reference=unique("E2E"), family_name=name)
    _add_family(page, case_url, name)
    return Work(
        case_url=case_url, name=name,
        map_url=_start(page, f"{case_url}maps/new/", "Start the map", r"/maps/\d+/$"),
        plan_url=_start(page, f"{case_url}safety-plans/", "Start the plan", r"/safety-plans/\d+/$"),
        conversation_url=_start(page, f"{case_url}child/conversations/new/", "Start the conversation",
                                r"/child/conversations/\d+/$"),
        house_url=_start(page, f"{case_url}child/safety-houses/new/", "Start the Safety House",
                         r"/child/safety-houses/\d+/$"),
        story_url=_start(page, f"{case_url}words-pictures/", "Start the story", r"/words-pictures/\d+/$"),
    )


@pytest.fixture(scope="module")
def worker(browser: Browser, browser_context_args: dict) -> Iterator[Worker]:
    """The caseworker, logged in once for this module, and the case she works on in it."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    login(page, WORKER)
    work = _set_up_the_work(page)
    cookies = context.storage_state()["cookies"]
    context.close()
    yield Worker(cookies=cookies, work=work)


@pytest.fixture
def work(page: Page, worker: Worker) -> Work:
    """The case, with the test's page logged in as the caseworker."""
    page.context.add_cookies(worker.cookies)
    return worker.work


# --- what every test does ----------------------------------------------------------------------------------

def _href(link: Locator) -> str:
    href = link.get_attribute("href")
    assert href, "the link has no address"
    return href


def _open_alone(page: Page, url: str) -> None:
    """Open a form as a page of its own, as a new tab or the browser's history would: no htmx around it.
    Nothing on it may aim at a part of another page (the form would send nothing: htmx:targetError)."""
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    expect(page.locator("main form button[type=submit]").first).to_be_visible()
    missing = page.evaluate("""() => [...document.querySelectorAll("[hx-target^='#']")]
        .filter((element) => !document.querySelector(element.getAttribute("hx-target")))
        .map((element) => element.outerHTML.slice(0, 160))""")
    assert not missing, f"{url} has htmx targets that are not on the page: {missing}"


def _save(page: Page, back_to: str, button: str = "Save") -> None:
    """Press the form's button; it saves and goes back to the tool's page."""
    page.locator("main").get_by_role("button", name=button, exact=True).click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(back_to)}(#[\w-]+)?$"))


def _edit_link(item: Locator) -> str:
    return _href(item.get_by_role("link", name=re.compile(r"^Edit\b")))


# --- the tests ---------------------------------------------------------------------------------------------

def test_every_form_of_the_map_saves_when_opened_as_a_page_of_its_own(page: Page, work: Work) -> None:
    page.goto(work.map_url)
    strengths, danger = page.locator("#part-strengths"), page.locator("#part-future_danger")

    # An entry, from the "Add" under a part.
    _open_alone(page, _href(strengths.get_by_role("link", name=re.compile(r"^Add\b"))))
    expect(page.get_by_role("heading", level=1)).to_have_text("Strengths")
    page.get_by_label("Statement", exact=True).fill("Sam walks Lily to school every morning.")
    _save(page, work.map_url)
    entry = strengths.locator("li.sh-entry").filter(has_text="Sam walks Lily to school every morning.")
    expect(entry).to_have_count(1)

    # An entry from a link that names no part: the form asks for one.
    _open_alone(page, f"{work.map_url}entries/new/")
    page.get_by_label("Part of the map").select_option(label="Past harm")
    page.get_by_label("Statement", exact=True).fill("Lily was left alone overnight in March.")
    _save(page, work.map_url)
    expect(page.locator("#part-past_harm")).to_contain_text("Lily was left alone overnight in March.")

    # A danger statement.
    _open_alone(page, _href(danger.get_by_role("link", name="Write a danger statement")))
    page.get_by_label("Who is worried?").fill("The school and the social worker")
    page.get_by_label("Several are worried").check()
    page.get_by_label("What are they worried someone will do?").fill("Sam could drink and leave Lily alone")
    page.get_by_label("What could that mean for the child?").fill("Lily will get hurt at night")
    _save(page, work.map_url)
    statement = danger.locator("li.sh-entry").filter(has_text="Sam could drink and leave Lily alone")
    expect(statement.locator(".sh-entry__kind")).to_have_text("Danger statement")

    # Editing an entry and a danger statement.
    _open_alone(page, _edit_link(entry))
    page.get_by_label("Statement", exact=True).fill("Sam walks Lily to school every morning, on time.")
    _save(page, work.map_url)
    expect(entry).to_have_count(0)
    entry = strengths.locator("li.sh-entry").filter(has_text="Sam walks Lily to school every morning, on time.")
    expect(entry).to_have_count(1)
    _open_alone(page, _edit_link(statement))
    page.get_by_label("What could that mean for the child?").fill("Lily could get hurt or be frightened at night")
    _save(page, work.map_url)
    expect(danger).to_contain_text("Lily could get hurt or be frightened at night")

    # Who agrees and who does not.
    _open_alone(page, _href(entry.get_by_role("link", name=re.compile(r"^Agree or disagree\b"))))
    page.get_by_label("Who", exact=True).select_option(label=f"{work.parent} (Parent)")
    page.get_by_label("Disagrees", exact=True).check()
    page.get_by_label("In their words").fill("Some mornings my sister takes her.")
    _save(page, work.map_url)
    expect(entry.locator(".sh-stances")).to_contain_text("Some mornings my sister takes her.")

    # A score, on the scaling's page of its own.
    _open_alone(page, f"{work.map_url}scales/")
    page.get_by_label("Scale", exact=True).select_option(label="Safety")
    page.get_by_label("Whose score").select_option(label=f"{work.parent} (Parent)")
    page.get_by_role("group", name="Score").get_by_text("6", exact=True).click()
    page.get_by_label("Why this number?").fill("Things are calmer since spring.")
    _save(page, work.map_url, button="Save score")
    expect(page.locator("#scales").get_by_role("row").filter(has_text="Things are calmer since spring.")
           .locator(".sh-score-value")).to_have_text("6")

    # A form in place whose target is not on the page (a mistake in a future template) saves all the same.
    grey = page.locator("#part-grey_areas")
    grey.get_by_role("link", name=re.compile(r"^Add\b")).click()
    form = page.locator("#new-grey_areas form")
    form.get_by_label("Statement", exact=True).fill("Nobody is sure who collects Lily on Fridays.")
    form.evaluate("(form) => form.setAttribute('hx-target', '#not-on-this-page')")
    form.get_by_role("button", name="Save").click()
    expect(page).to_have_url(f"{work.map_url}#part-grey_areas")
    expect(grey).to_contain_text("Nobody is sure who collects Lily on Fridays.")


def test_every_form_of_the_safety_plan_saves_when_opened_as_a_page_of_its_own(page: Page, work: Work) -> None:
    page.goto(work.plan_url)
    rules = page.locator("#rules")

    _open_alone(page, _href(rules.get_by_role("link", name="Add a rule")))
    page.get_by_label("What exactly happens").fill("Sam takes Lily to school.")
    page.get_by_label("Who is responsible").select_option(label=f"{work.parent} (Parent)")
    page.get_by_label("Monday, Morning", exact=True).check()
    _save(page, work.plan_url)
    rule = rules.locator("li.sh-entry").filter(has_text="Sam takes Lily to school.")
    expect(rule).to_contain_text("Monday: Morning")

    _open_alone(page, _edit_link(rule))
    page.get_by_label("Tuesday, Morning", exact=True).check()
    _save(page, work.plan_url)
    expect(rule).to_contain_text("Tuesday: Morning")

    contacts = page.locator("#contacts")
    _open_alone(page, f"{work.plan_url}contacts/new/")
    page.get_by_label(re.compile(r"^Name\b")).fill("Dr Okafor")
    page.get_by_label("Role in the plan").fill("GP")
    page.get_by_label("Phone").fill("+44 20 7946 0000")
    _save(page, work.plan_url)
    contact = contacts.locator("li").filter(has_text="Dr Okafor")
    expect(contact).to_contain_text("+44 20 7946 0000")
    _open_alone(page, _edit_link(contact))
    page.get_by_label("Phone").fill("+44 20 7946 0001")
    _save(page, work.plan_url)
    expect(contact).to_contain_text("+44 20 7946 0001")

    agreements = page.locator("#agreements")
    _open_alone(page, f"{work.plan_url}agreements/new/")
    page.get_by_label(re.compile(r"^Who\b")).fill("Hillside Primary")
    page.get_by_label("What they agreed").fill("The school calls Ruth when Lily is not there by nine.")
    _save(page, work.plan_url)
    agreement = agreements.locator(".kern-description-list-item").filter(has_text="Hillside Primary")
    expect(agreement).to_contain_text("by nine")
    _open_alone(page, _edit_link(agreement))
    page.get_by_label("What they agreed").fill("The school calls Ruth when Lily is not there by half past eight.")
    _save(page, work.plan_url)
    expect(agreement).to_contain_text("by half past eight")

    _open_alone(page, f"{work.plan_url}sign-offs/new/")
    page.get_by_label("Who agreed").select_option(label=f"{work.parent} (Parent)")
    page.get_by_label("In person", exact=True).check()
    _save(page, work.plan_url)
    expect(page.locator("#sign-offs")).to_contain_text(work.parent)


def test_every_form_of_the_childs_voice_saves_when_opened_as_a_page_of_its_own(page: Page, work: Work) -> None:
    page.goto(work.conversation_url)
    worries = page.locator("#area-worries")
    _open_alone(page, _href(worries.get_by_role("link", name=re.compile(r"^Add what the child says\b"))))
    page.get_by_label("In the child's words").fill("I don't like it when Dad is sleepy in the morning")
    _save(page, work.conversation_url)
    said = worries.locator("li.cv-statement").filter(has_text="I don't like it when Dad is sleepy")
    expect(said).to_have_count(1)
    _open_alone(page, _edit_link(said))
    page.get_by_label("In the child's words").fill("I don't like it when Dad is sleepy and cross in the morning")
    _save(page, work.conversation_url)
    expect(worries).to_contain_text("sleepy and cross in the morning")

    page.goto(work.house_url)
    roof = page.locator("#house-area-roof")
    _open_alone(page, _href(roof.get_by_role("link", name=re.compile(r"^Add what the child says\b"))))
    page.get_by_label("In the child's words").fill("Nobody shouts after bedtime")
    _save(page, work.house_url)
    item = roof.locator("li.sh-entry").filter(has_text="Nobody shouts after bedtime")
    expect(item).to_have_count(1)
    _open_alone(page, _edit_link(item))
    page.get_by_label("In the child's words").fill("Nobody shouts after bedtime, not even on Saturdays")
    _save(page, work.house_url)
    expect(roof).to_contain_text("not even on Saturdays")

    _open_alone(page, f"{work.house_url}score/")
    page.get_by_role("group", name="How safe does the child feel?").get_by_text("7", exact=True).click()
    _save(page, work.house_url, button="Save the scale")
    expect(page.locator("#score .sh-score-value")).to_have_text("7")


def test_every_form_of_words_and_pictures_saves_when_opened_as_a_page_of_its_own(page: Page, work: Work) -> None:
    page.goto(work.story_url)
    panels = page.locator("#panels")
    _open_alone(page, _href(panels.get_by_role("link", name="Add a panel")))
    page.get_by_label("Part of the story").select_option(label="Who is worried and why")
    page.get_by_label("Text", exact=True).fill("Lily's teacher and the social worker were worried.")
    _save(page, work.story_url)
    panel = panels.locator("li.sh-story__panel").filter(has_text="Lily's teacher and the social worker")
    expect(panel).to_have_count(1)
    _open_alone(page, _edit_link(panel))
    page.get_by_label("Text", exact=True).fill("Lily's teacher and the social worker were worried about her.")
    _save(page, work.story_url)
    expect(panels).to_contain_text("were worried about her.")


def test_every_form_of_the_network_saves_when_opened_as_a_page_of_its_own(page: Page, work: Work) -> None:
    register = page.locator("#register")
    _open_alone(page, f"{work.network_url}people/new/")
    page.get_by_label("First name").fill("Edith")
    page.get_by_label("Last name").fill(work.name)
    page.get_by_label("Role").select_option("network")
    page.get_by_label("Relationship to the child").fill("grandmother")
    page.get_by_role("combobox", name="How are they related?").select_option(label="is a grandparent of")
    page.get_by_label("To whom").select_option(label=f"{work.child} (daughter)")
    _save(page, work.network_url, button="Add the person")
    expect(register).to_contain_text(f"Edith {work.name} is a grandparent of {work.child}")

    _open_alone(page, f"{work.network_url}relationships/new/")
    page.get_by_label("Person", exact=True).select_option(label=f"{work.parent} (father)")
    page.get_by_label("Relationship", exact=True).select_option(label="is a parent of")
    page.get_by_label("Related person", exact=True).select_option(label=f"{work.child} (daughter)")
    _save(page, work.network_url, button="Record the relationship")
    tie = register.locator("tbody tr").filter(has_text=f"{work.parent} is a parent of {work.child}")
    expect(tie).to_have_count(1)

    _open_alone(page, _edit_link(tie))
    page.get_by_label("How it is").select_option(label="strong, close")
    _save(page, work.network_url)
    expect(tie).to_contain_text("strong, close")


def test_without_script_a_map_entry_and_a_plan_rule_save(
    new_context: Callable[..., BrowserContext], worker: Worker,
) -> None:
    context = new_context(java_script_enabled=False)
    context.add_cookies(worker.cookies)
    page, work = context.new_page(), worker.work

    page.goto(work.map_url)
    page.locator("#part-next_steps").get_by_role("link", name=re.compile(r"^Add\b")).click()
    page.get_by_label("Statement", exact=True).fill("Ruth visits on Wednesday evenings.")
    _save(page, work.map_url)
    expect(page.locator("#part-next_steps")).to_contain_text("Ruth visits on Wednesday evenings.")

    page.goto(work.plan_url)
    page.locator("#rules").get_by_role("link", name="Add a rule").click()
    page.get_by_label("What exactly happens").fill("Ruth phones Lily at seven.")
    page.get_by_label("Who is responsible").select_option(label=f"{work.network_member} (Network member)")
    page.get_by_label("Wednesday, Evening", exact=True).check()
    _save(page, work.plan_url)
    expect(page.locator("#rules li.sh-entry").filter(has_text="Ruth phones Lily at seven.")).to_contain_text(
        "Wednesday: Evening")


def test_a_save_in_place_on_a_case_closed_meanwhile_says_why(page: Page, worker: Worker) -> None:
    page.context.add_cookies(worker.cookies)
    case_url = open_case(page, reference=unique("E2E"), family_name=unique("Thornbury"))
    map_url = _start(page, f"{case_url}maps/new/", "Start the map", r"/maps/\d+/$")
    strengths = page.locator("#part-strengths")
    strengths.get_by_role("link", name=re.compile(r"^Add\b")).click()
    form = page.locator("#new-strengths form")
    typed = "Grandma cooks with the children on Sundays."
    form.get_by_label("Statement", exact=True).fill(typed)

    # Meanwhile, in another tab, the case is closed.
    other = page.context.new_page()
    other.goto(case_url)
    status = other.locator("section[aria-labelledby=status-heading]")
    status.locator("#id_status").select_option("closed")
    status.locator("#id_outcome").select_option("stayed_home")
    status.get_by_role("button", name="Change status").click()
    expect(other.get_by_role("status").filter(has_text="The case is now in “Closed”.")).to_be_visible()
    other.close()

    form.get_by_role("button", name="Save").click()
    alert = page.locator("#sh-refusal").get_by_role("alert")
    expect(alert).to_have_text(CLOSED)
    expect(page).to_have_url(map_url)
    expect(form.get_by_label("Statement", exact=True)).to_have_value(typed)  # nothing typed is lost
    expect(strengths.locator("li.sh-entry")).to_have_count(0)
