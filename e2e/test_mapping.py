"""The assessment and planning map as a worker draws it with a family (issue 3): every part and a grey area edited
in place, danger statements and the goals that answer them, scaling by three voices, a second map copied from the
first, the chart, the comparison and the PDF; undoing a delete, two workers saving the same entry, refused input
and the printed sheet in German, and the map on a tablet."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from e2e.server import Server
from e2e.support import login, open_case, switch_language, translated, unique
from safehold.core.text import isolate

SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot-map.png"
WORKER = "Katrin Weber"  # demo-caseworker (safehold/demo/seed.py), assigned to the cases she opens
WORKER_VOICE = f"{WORKER} (Worker)"  # how the map's forms name a voice: name (role)
GERMAN_CASE = "JA-2026-0147"  # Becker, with two maps from the demo data
ENGLISH_CASE = "CP-2026-0058"  # Hughes, likewise


@dataclass(frozen=True)
class Family:
    reference: str
    name: str

    @property
    def child(self) -> str:
        return f"Lily {self.name}"

    @property
    def parent(self) -> str:
        return f"Sam {self.name}"

    @property
    def network(self) -> str:
        return f"Ruth {self.name}"


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()  # the server's TIME_ZONE


@pytest.fixture
def back_to_english(page: Page) -> Iterator[None]:
    """Switching language is remembered in the user's profile; put it back so later tests start in English."""
    yield
    page.goto("/")
    if "/accounts/login/" not in page.url:
        switch_language(page, "en")


# --- what a worker does on the way ---------------------------------------------------------------------------

def _open_case_with_family(page: Page) -> tuple[str, Family]:
    """Open a case and record a child, a parent and a network member, as in test_case_work."""
    family = Family(reference=unique("E2E"), name=unique("Ashworth"))
    case_url = open_case(page, reference=family.reference, family_name=family.name)
    page.get_by_role("link", name="Add a person").click()
    for role, first, relationship, button in (("child", "Lily", "daughter", "Save and add another"),
                                              ("parent", "Sam", "father", "Save and add another"),
                                              ("network", "Ruth", "aunt", "Save")):
        page.get_by_label("Role").select_option(role)
        page.get_by_label("First name").fill(first)
        page.get_by_label("Last name").fill(family.name)
        page.get_by_label("Relationship to the child").fill(relationship)
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("status").filter(has_text=f"{first} {family.name} added to the case.")).to_be_visible()
    expect(page).to_have_url(case_url)
    return case_url, family


def _maps_section(page: Page) -> Locator:
    return page.locator("section[aria-labelledby=maps-heading]")


def _start_map(page: Page, *, title: str, drawn_on: date | None = None, copy_latest: bool | None = None) -> str:
    """From the case page: "New map" in the maps section, fill in the form, start. Returns the map's URL."""
    section = _maps_section(page)
    expect(section.get_by_role("heading", name="Assessment and planning maps")).to_be_visible()
    section.get_by_role("link", name="New map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New assessment and planning map")
    copy = page.get_by_label("Start from a copy of the latest map")
    if copy_latest is None:
        expect(copy).to_have_count(0)  # a case without maps has nothing to copy
    else:
        expect(copy).to_be_checked()  # the usual way: the team works on what has changed
        copy.set_checked(copy_latest)
    if drawn_on is not None:
        page.get_by_label("Date").fill(drawn_on.isoformat())
    page.get_by_label("Title").fill(title)
    page.get_by_role("button", name="Start the map").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/maps/\d+/$"))
    expect(page.get_by_role("status").filter(has_text="Map started.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    return page.url


def _part(page: Page, part: str) -> Locator:
    return page.locator(f"#part-{part}")


def _entry(page: Page, part: str, text: str) -> Locator:
    return _part(page, part).locator("li.sh-entry").filter(has_text=text)


def _add_entry(page: Page, part: str, label: str, text: str, voice: str, *, answers: str = "",
               responsible: str = "", due_on: date | None = None) -> Locator:
    """"Add" under a part, type the statement, say whose words they are, save: the part changes in place."""
    section = _part(page, part)
    section.get_by_role("link", name=re.compile(rf"^Add\W+{re.escape(label)}$")).click()  # "Add: Past harm"
    form = section.locator("form").filter(has=page.get_by_role("heading", name=f"Add to “{label}”"))
    statement = form.get_by_label("Statement", exact=True)
    expect(statement).to_be_focused()  # the form opens where the typing starts
    statement.fill(text)
    form.get_by_label("Whose words").select_option(label=voice)
    if answers:
        form.get_by_label("Answers the danger statement").select_option(label=answers)
    if responsible:
        form.get_by_label(re.compile(r"^Who\b(?!se)")).fill(responsible)  # "Who", not "Whose words"
    if due_on:
        form.get_by_label("By when").fill(due_on.isoformat())
    form.get_by_role("button", name="Save").click()
    expect(form).to_have_count(0)
    entry = _entry(page, part, text)
    expect(entry).to_contain_text(voice)
    expect(section.get_by_role("heading", level=3)).to_be_focused()  # not lost with the form it replaced
    return entry


def _write_danger_statement(page: Page, worried: str, behaviour: str, impact: str, voice: str, *,
                            several: bool = False) -> Locator:
    section = _part(page, "future_danger")
    section.get_by_role("link", name="Write a danger statement").click()
    form = section.locator("form").filter(has=page.get_by_role("heading", name="Write a danger statement"))
    expect(form.get_by_label("Who is worried?")).to_be_focused()
    form.get_by_label("Who is worried?").fill(worried)
    number = form.get_by_role("group", name="How many are worried?")
    expect(number.get_by_label("One person or service is worried")).to_be_checked()
    if several:
        number.get_by_label("Several are worried").check()
    form.get_by_label("What are they worried someone will do?").fill(behaviour)
    form.get_by_label("What could that mean for the child?").fill(impact)
    form.get_by_label("Whose words").select_option(label=voice)
    form.get_by_role("button", name="Save").click()
    expect(form).to_have_count(0)
    entry = _entry(page, "future_danger", behaviour)
    verb = "are" if several else "is"
    expect(entry).to_contain_text(
        f"{worried} {verb} worried that {behaviour}. If nothing changes, there is a danger that {impact}.")
    expect(entry.locator(".sh-entry__kind")).to_have_text("Danger statement")
    return entry


def _score(page: Page, voice: str, score: int, reason: str) -> None:
    """Safety scaling: tap the number from 0 to 10, write down the reason in the person's words."""
    scales = page.locator("#scales")
    scales.get_by_label("Scale", exact=True).select_option(label="Safety")
    scales.get_by_label("Whose score").select_option(label=voice)
    numbers = scales.get_by_role("group", name="Score")
    numbers.get_by_text(str(score), exact=True).click()
    expect(numbers.get_by_role("radio", name=str(score), exact=True)).to_be_checked()
    scales.get_by_label("Why this number?").fill(reason)
    scales.get_by_role("button", name="Save score").click()
    row = page.locator("#scales").get_by_role("row").filter(has_text=voice)
    expect(row.locator(".sh-score-value")).to_have_text(str(score))
    expect(row).to_contain_text(reason)


def _remember_document(page: Page) -> None:
    """Mark the loaded document: the mark survives htmx swaps and is gone after any page load."""
    page.evaluate("() => { window.e2eSameDocument = true; }")


def _expect_same_document(page: Page, url: str) -> None:
    expect(page).to_have_url(url)
    assert page.evaluate("() => window.e2eSameDocument === true"), "the page was loaded again"


def _download_pdf_text(page: Page, link: Locator) -> str:
    """Download through the link; the text of the PDF with its line breaks as spaces."""
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    path = download.path()
    assert path is not None
    content = path.read_bytes()
    assert content.startswith(b"%PDF-"), content[:40]
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


# --- the tests ----------------------------------------------------------------------------------------------

def test_a_worker_maps_a_case_with_the_family_scales_it_and_sees_what_changed_on_the_next_map(page: Page) -> None:
    login(page, "demo-caseworker")
    case_url, family = _open_case_with_family(page)
    child, parent = f"{family.child} (Child)", f"{family.parent} (Parent)"
    network = f"{family.network} (Network member)"

    first_date = _today() - timedelta(days=14)
    map_url = _start_map(page, title="First network meeting", drawn_on=first_date)
    _remember_document(page)

    entries = {
        ("past_harm", "Past harm"): ("Lily had bruises on her arm in March that no one could explain.", WORKER_VOICE),
        ("complicating", "Complicating factors"): ("Sam works night shifts and sleeps during the day.", parent),
        ("strengths", "Strengths"): ("Sam takes Lily to football every Saturday.", child),
        ("existing_safety", "Existing safety"): ("Ruth has collected Lily from school every day for a month.",
                                                 network),
        ("grey_areas", "Grey areas"): ("Whether the neighbour's account of the shouting is reliable.", WORKER_VOICE),
    }
    for (part, label), (text, voice) in entries.items():
        _add_entry(page, part, label, text, voice)

    grabs, alone = "Sam loses his temper and grabs Lily hard by the arm", "Sam leaves Lily alone at night at work"
    _write_danger_statement(page, "The social worker and the school", grabs,
                            "Lily will be bruised again and be afraid to go home", WORKER_VOICE, several=True)
    _write_danger_statement(page, "Ruth", alone, "Lily will be hurt at home with nobody to help her", network)
    expect(_part(page, "future_danger").locator(".sh-count")).to_have_text("(2)")

    goals = {grabs: "Sam stays calm with Lily for three months, and Ruth checks in twice a week.",
             alone: "An adult Lily knows is at home with her every night Sam works, for six months."}
    for danger, goal in goals.items():
        entry = _add_entry(page, "goals", "Safety goals", goal, WORKER_VOICE, answers=danger)
        # It names the behaviour it answers, not the opening words that all danger statements share.
        expect(entry.locator(".sh-entry__meta")).to_have_text(f"Answers: {danger}")
        expect(entry.locator(".sh-entry__kind")).to_have_text("Safety goal (what the authority needs to see)")
    # The father's own goal, saved without choosing a kind: a family goal, as he means it.
    entry = _add_entry(page, "goals", "Safety goals", "Lily and I have breakfast together before school.", parent)
    expect(entry.locator(".sh-entry__kind")).to_have_text("Family goal (what the family wants)")
    next_step = "Ask Ruth whether she can stay over on Sam's night shifts."
    entry = _add_entry(page, "next_steps", "Next steps", next_step, WORKER_VOICE, responsible=WORKER,
                       due_on=_today() + timedelta(days=7))
    expect(entry.locator(".sh-entry__meta")).to_contain_text(f"Who: {WORKER}")

    # Deleted by mistake, brought back from the list under the map.
    grey = entries[("grey_areas", "Grey areas")][0]
    _entry(page, "grey_areas", grey).get_by_role("button", name=re.compile(r"^Delete\b")).click()
    expect(_entry(page, "grey_areas", grey)).to_have_count(0)
    expect(_part(page, "grey_areas").get_by_text("Nothing yet.")).to_be_visible()
    undo = page.locator("#undo")
    expect(undo.get_by_role("heading", name="Deleted in this session")).to_be_visible()
    expect(undo.get_by_role("listitem")).to_contain_text(grey)
    undo.get_by_role("button", name=re.compile(r"^Restore\b")).click()
    expect(_entry(page, "grey_areas", grey)).to_be_visible()
    expect(undo.get_by_role("listitem")).to_have_count(0)

    _score(page, WORKER_VOICE, 3, "Nobody is at home with Lily at night yet.")
    _score(page, parent, 4, "I have stopped shouting, but the night shifts are still there.")
    _score(page, child, 5, "Aunt Ruth picks me up now.")
    _expect_same_document(page, map_url)  # all of it in place: nothing loaded the page again

    # Two weeks later: a second map, copied from the first, on which the father scores differently.
    page.get_by_role("link", name=f"{family.reference} {family.name}").click()  # the breadcrumb
    expect(page).to_have_url(case_url)
    second_url = _start_map(page, title="Review after two weeks", copy_latest=True)
    assert second_url != map_url
    for (part, _label), (text, _voice) in entries.items():
        expect(_entry(page, part, text)).to_be_visible()
    expect(_part(page, "future_danger").locator("li.sh-entry")).to_have_count(2)
    expect(page.locator("#scales tbody tr")).to_have_count(3)
    _score(page, parent, 6, "Ruth stays over on my night shifts now.")

    text = _download_pdf_text(page, page.get_by_role("link", name="Download PDF"))
    for heading in ("What are we worried about?", "What's working well?", "What needs to happen?"):
        assert heading in text
    for written in [*(t for t, _voice in entries.values()), grabs, alone, *goals.values(), next_step,
                    "Ruth stays over on my night shifts now."]:
        assert written in text, f"{written!r} is not in the PDF"

    # The case page charts the safety scale: a line per voice, a point on it for each map.
    page.goto(case_url)
    chart = _maps_section(page).locator("svg.sh-chart__svg")
    expect(chart.locator("title").first).to_have_text("Safety scale over time, one line per person")
    dates = [first_date.strftime("%d/%m/%Y"), _today().strftime("%d/%m/%Y")]
    for name, scores in ((WORKER, (3, 3)), (family.parent, (4, 6)), (family.child, (5, 5))):
        # Each name is isolated (FSI … PDI, invisible) from the score after it: safehold/core/text.py, isolate.
        line = chart.locator("g").filter(has=page.locator("title", has_text=f"{isolate(name)}:"))
        expect(line.locator("circle, rect, polygon")).to_have_count(2)
        expect(line.locator("title")).to_have_text(
            [f"{isolate(name)}: {s} ({d})" for s, d in zip(scores, dates, strict=True)])

    _maps_section(page).get_by_role("link", name="What changed since the map before").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Compare maps")
    changes = page.locator("section[aria-labelledby=scale-changes]").get_by_role("listitem")
    expect(changes).to_have_count(1)  # the father's score; the others stayed as they were
    expect(changes).to_contain_text(f"Safety, {family.parent}: 4 → 6")
    expect(changes).to_contain_text("Ruth stays over on my night shifts now.")


def test_when_two_workers_save_the_same_entry_the_second_sees_both_versions(page: Page, other_page: Page) -> None:
    login(page, "demo-caseworker")
    open_case(page, reference=unique("E2E"), family_name=unique("Okafor"))
    map_url = _start_map(page, title="Assessment meeting")
    _add_entry(page, "strengths", "Strengths", "Grandmother cooks for the children on Sundays.", WORKER_VOICE)
    login(other_page, "demo-caseworker")  # on a second device; a colleague would see the same
    other_page.goto(map_url)

    for each in (page, other_page):
        entry = _entry(each, "strengths", "Grandmother cooks")
        entry.get_by_role("link", name=re.compile(r"^Edit\b")).click()
        expect(entry.get_by_role("heading", name="Edit entry")).to_be_visible()

    first = _part(page, "strengths").locator("li.sh-entry--editing")
    theirs = "Grandmother cooks for the children every Sunday."
    first.get_by_label("Statement", exact=True).fill(theirs)
    first.get_by_role("button", name="Save").click()
    expect(_entry(page, "strengths", theirs)).to_be_visible()

    second = _part(other_page, "strengths").locator("li.sh-entry--editing")
    mine = "Grandmother cooks on Sundays and Wednesdays."
    second.get_by_label("Statement", exact=True).fill(mine)
    second.get_by_role("button", name="Save").click()
    alert = second.get_by_role("alert")
    expect(alert).to_contain_text("Someone else saved this in the meantime")
    versions = alert.locator(".sh-conflict > div")
    expect(versions.filter(has=other_page.get_by_role("heading", name="Saved by someone else"))).to_contain_text(theirs)
    expect(versions.filter(has=other_page.get_by_role("heading", name="Your version"))).to_contain_text(mine)
    expect(second.get_by_label("Statement", exact=True)).to_have_value(mine)  # kept in the form to save again

    second.get_by_role("button", name="Save").click()  # compared, and saved over it on purpose
    expect(_entry(other_page, "strengths", mine)).to_be_visible()
    expect(_part(other_page, "strengths").locator("li.sh-entry")).to_have_count(1)


def test_a_german_worker_is_told_in_german_what_is_missing_and_prints_the_map_in_german(
    page: Page, server: Server, back_to_english: None,
) -> None:
    login(page, "demo-caseworker")
    page.goto(server.case_path(GERMAN_CASE))  # by its address: by now the list may show it on a later page
    switch_language(page, "de")
    _maps_section(page).locator("p").filter(has_text=translated("Latest")).get_by_role("link").click()
    map_url = page.url
    _remember_document(page)

    section = _part(page, "past_harm")
    section.get_by_role("link", name=re.compile(rf"^{translated('Add')}\W")).click()
    form = section.locator("form").filter(has=page.get_by_role(
        "heading", name=translated("Add to “%(part)s”") % {"part": translated("Past harm")}))
    statement = form.get_by_label(translated("Statement"), exact=True)
    statement.fill("   ")
    form.get_by_role("button", name=translated("Save")).click()

    error = form.locator(".kern-error")  # next to the field, and the form stays as it was
    expect(error).to_have_text(translated("Write the statement: an entry cannot be empty."))
    expect(statement).to_have_attribute("aria-invalid", "true")
    expect(statement).to_have_attribute("aria-describedby", re.compile(rf"\b{error.get_attribute('id')}\b"))
    expect(statement).to_be_focused()  # so that a screen reader reads the message out
    form.get_by_role("link", name=translated("Cancel")).click()
    expect(form).to_have_count(0)
    _expect_same_document(page, map_url)

    # A danger statement written as the German form's hints say (no "dass", the verb last) for one worried
    # party reads as a German sentence, with the verb in the singular.
    danger = _part(page, "future_danger")
    danger.get_by_role("link", name=translated("Write a danger statement")).click()
    form = danger.locator("form").filter(has=page.get_by_role("heading", name=translated("Write a danger statement")))
    behaviour = form.get_by_label(translated("What are they worried someone will do?"))
    expect(behaviour).to_have_accessible_description(re.compile("ohne „dass“, das Verb am Ende"))
    form.get_by_label(translated("Who is worried?")).fill("die Kita")
    number = form.get_by_role("group", name=translated("How many are worried?"))
    expect(number.get_by_label(translated("One person or service is worried"))).to_be_checked()
    behaviour.fill("Mia morgens ohne Frühstück in die Kita kommt")
    form.get_by_label(translated("What could that mean for the child?")).fill("Mia sich nicht konzentrieren kann")
    form.get_by_label(translated("Whose words")).select_option(index=1)
    form.get_by_role("button", name=translated("Save")).click()
    expect(form).to_have_count(0)
    expect(_entry(page, "future_danger", "ohne Frühstück")).to_contain_text(
        "Die Kita macht sich Sorgen, dass Mia morgens ohne Frühstück in die Kita kommt. Wenn sich nichts ändert, "
        "besteht die Gefahr, dass Mia sich nicht konzentrieren kann.")

    text = _download_pdf_text(page, page.get_by_role("link", name=translated("Download PDF")))
    assert "Worüber machen wir uns Sorgen?" in text
    for heading in ("What's working well?", "What needs to happen?"):
        assert translated(heading) in text
    assert "Becker" in text


def test_screenshot_of_a_filled_map_at_tablet_width(page: Page, server: Server) -> None:
    """The picture in the docs, on a tablet held landscape: three columns, touch targets of 44 px at least."""
    page.set_viewport_size({"width": 1024, "height": 768})
    login(page, "demo-caseworker")
    page.goto(server.case_path(ENGLISH_CASE))
    _maps_section(page).locator("p").filter(has_text="Latest").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Assessment and planning map")

    columns = [page.locator(f"section.sh-column--{name}").bounding_box() for name in ("worries", "working", "needs")]
    assert all(columns)
    assert columns[0]["y"] == columns[1]["y"] == columns[2]["y"], columns  # side by side, not stacked
    assert columns[0]["x"] < columns[1]["x"] < columns[2]["x"], columns
    too_small = page.evaluate("""() => [...document.querySelectorAll(
            "main .kern-btn, main select, main input:not([type=radio]), .sh-score__option span")]
        .filter((e) => e.offsetParent !== null)
        .map((e) => [e.textContent.trim().slice(0, 40), e.getBoundingClientRect()])
        .filter(([, r]) => r.height < 44 || r.width < 44)
        .map(([text, r]) => `${text}: ${Math.round(r.width)}×${Math.round(r.height)}`)""")
    assert not too_small, f"touch targets under 44 px: {too_small}"

    page.evaluate("document.fonts.ready.then(() => true)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
