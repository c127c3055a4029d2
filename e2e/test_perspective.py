"""Perspektivklärung (issue 14), in German: a caseworker places a toddler in an emergency foster family, records
the first Hilfeplangespräch with its participants and three clarification assignments, four observed contacts
(one cancelled), answers the assignments, is refused the recommendation while one is still open, and then
recommends a return home with help; the placement's timeline shows the contacts. The Hilfeplan written from the
meeting is signed off by two participants, and its PDF names everyone who took part and what was agreed."""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from e2e.support import _django, login, switch_language, unique

TEAM = "Team Nord"  # the team of demo-caseworker (safehold/demo/seed.py)
WORKER = "Katrin Weber"  # demo-caseworker, assigned to the cases she opens
CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "de" / "LC_MESSAGES" / "django.po"


@pytest.fixture
def back_to_english(page: Page) -> Iterator[None]:
    """The language is remembered in the user's profile: put it back, so later tests start in English."""
    yield
    page.goto("/")
    if "/accounts/login/" not in page.url:
        switch_language(page, "en")


# --- the German the pages should show ---------------------------------------------------------------------------

def de(msgid: str, *, context: str = "", plural: str = "", n: int = 1, same: bool = False) -> str:
    """The German catalogue's translation, read as the server reads it; fails where there is none (unless the
    word is `same` in both languages: "Team", "Name")."""
    _django()
    from django.utils import translation

    with translation.override("de"):
        if plural:
            text = (translation.npgettext(context, msgid, plural, n) if context
                    else translation.ngettext(msgid, plural, n))
        else:
            text = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    assert same or text not in (msgid, plural), f"No German translation of {msgid!r} (context {context!r})"
    return text


def label(msgid: str, context: str = "", *, same: bool = False) -> re.Pattern[str]:
    """A form field's label as the page shows it: capitalised, maybe followed by "optional" or when it is
    required."""
    text = de(msgid, context=context, same=same)
    return re.compile(rf"^{re.escape(text[:1].upper() + text[1:])}(\s|$)")


def field(page: Page, msgid: str, context: str = "", *, same: bool = False) -> Locator:
    return page.locator("main form").get_by_label(label(msgid, context, same=same))


def _fragments(msgid: str) -> list[str]:
    """The runs of words of an English msgid that a German page must not show: between placeholders and tags,
    of two words or more (single words are too often German as well: "Name", "Team", "Kind")."""
    parts = re.split(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|<[^>]+>|\n", msgid)
    return [part.strip() for part in parts if len(part.strip().split()) >= 2 and len(part.strip()) >= 8]


def _po_entries(path: Path) -> Iterator[tuple[list[str], list[str]]]:
    """(msgid and msgid_plural, msgstr forms) of each entry of a .po file."""
    entry: dict[str, str] = {}
    key = ""
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.get("msgid"):
                yield ([entry[k] for k in ("msgid", "msgid_plural") if entry.get(k)],
                       [v for k, v in entry.items() if k.startswith("msgstr")])
            entry, key = {}, ""
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
        if match:
            key = match.group(1)
            entry[key] = match.group(2)
        elif line.startswith('"') and key:
            entry[key] += line[1:-1]


@cache
def _english_fragments() -> frozenset[str]:
    """What would show that a page is still (partly) in English: the fragments of every English msgid of the
    catalogue, unless the German texts use the same words (a name, a legal term)."""
    def unescape(text: str) -> str:
        return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")

    english: set[str] = set()
    german: list[str] = []
    for msgids, msgstrs in _po_entries(CATALOGUE):
        german.extend(unescape(s) for s in msgstrs if s)
        for msgid in msgids:
            english.update(_fragments(unescape(msgid)))
    everything_german = "\n".join(german)
    return frozenset(fragment for fragment in english if fragment not in everything_german)


def expect_german(page: Page) -> None:
    """The page is in German and its content holds no English text of the catalogue (an untranslated string)."""
    expect(page.locator("html")).to_have_attribute("lang", "de")
    text = " ".join(page.locator("main").inner_text().split())
    english = sorted(fragment for fragment in _english_fragments() if fragment in text)
    assert not english, f"English on {page.url}: {english}"


def leave(page: Page, by: Locator) -> None:
    """Click a link or a button that loads another page, once the page being left has loaded: the accessibility
    guard holds the next request until that page's checks have run, and they start on its load event."""
    page.wait_for_load_state()
    by.click()


def visit(page: Page, url: str) -> None:
    page.wait_for_load_state()
    page.goto(url)


def saved(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()


# --- the family and its dates ------------------------------------------------------------------------------------

def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()  # the server's TIME_ZONE


def _add_months(start: date, months: int) -> date:
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def shown(day: date) -> str:
    return f"{day:%d.%m.%Y}"  # Django's German SHORT_DATE_FORMAT


@dataclass(frozen=True)
class Family:
    reference: str
    name: str
    placed_on: date  # eight weeks ago
    carer: str = "Claudia Hoffmann"
    professional: str = "Aylin Yilmaz"
    office: str = "Jugendamt Dortmund"

    @property
    def child(self) -> str:
        return f"Emil {self.name}"

    @property
    def mother(self) -> str:
        return f"Sandra {self.name}"

    @property
    def meeting_on(self) -> date:
        return self.placed_on + timedelta(days=7)


AGREEMENT = "Begleitete Umgangskontakte zweimal pro Woche im Kinderdorf"
QUESTIONS = (
    "Kann Frau {name} Emils Signale von Müdigkeit und Hunger verlässlich erkennen und beantworten?",
    "Wie sicher ist Emils Bindung an seine Mutter nach den ersten Umgangskontakten?",
    "Welche Unterstützung braucht die Familie im Alltag, wenn Emil nach Hause zurückkehrt?",
)
HELP_PLAN_HELP = "Sozialpädagogische Familienhilfe, zehn Stunden in der Woche, zunächst für sechs Monate."
FINDINGS = (
    "Frau {name} erkennt Emils Signale meist sofort und tröstet ihn ruhig.",
    "Emil sucht bei Unsicherheit die Nähe der Mutter und lässt sich von ihr beruhigen.",
    "Eine sozialpädagogische Familienhilfe mit zwei Terminen pro Woche und ein Krippenplatz.",
)


# --- what the caseworker does on the way ---------------------------------------------------------------------------

def _open_case_with_family(page: Page) -> tuple[str, Family]:
    """Open a German case in the worker's team; add the toddler, his mother and the emergency foster mother."""
    family = Family(reference=unique("E2E"), name=unique("Becker"), placed_on=_today() - timedelta(weeks=8))
    visit(page, "/cases/new/")
    field(page, "Reference").fill(family.reference)
    field(page, "Family name").fill(family.name)
    field(page, "Case language").select_option(label=de("German"))
    field(page, "Team", same=True).select_option(label=TEAM)
    leave(page, page.locator("main form button[type=submit]"))
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    saved(page, de("Case %(reference)s opened.") % {"reference": family.reference})
    case_url = page.url

    leave(page, page.get_by_role("link", name=de("Add a person")))
    expect_german(page)
    toddler = _today() - timedelta(days=2 * 365 + 100)  # two years and three months old
    for role, first, last, relationship, born, button in (
            ("child", "Emil", family.name, "Sohn", toddler, de("Save and add another")),
            ("parent", "Sandra", family.name, "Mutter", None, de("Save and add another")),
            ("caregiver", "Claudia", "Hoffmann", "Bereitschaftspflegemutter", None, de("Save"))):
        field(page, "Role").select_option(role)
        field(page, "First name").fill(first)
        field(page, "Last name").fill(last)
        field(page, "Relationship to the child").fill(relationship)
        if born:
            field(page, "Date of birth").fill(born.isoformat())
        leave(page, page.get_by_role("button", name=button, exact=True))
        saved(page, de("%(name)s added to the case.") % {"name": f"{first} {last}"})
    expect(page).to_have_url(case_url)
    return case_url, family


def _record_placement(page: Page, case_url: str, family: Family) -> str:
    """From the case page: the toddler placed eight weeks ago in an emergency foster family for six months."""
    visit(page, case_url)
    section = page.locator("section[aria-labelledby=perspective-heading]")
    expect(section).to_contain_text(de("No placement recorded."))
    leave(page, section.get_by_role("link", name=de("All placements")))
    leave(page, page.get_by_role("link", name=de("Record a placement")))
    expect(page.get_by_role("heading", level=1)).to_have_text(de("Record a placement"))
    expect_german(page)
    field(page, "child").select_option(label=f"{family.child} (Sohn)")
    field(page, "setting", "placement").select_option(label=de("Emergency foster family"))
    page.get_by_role("group", name=label("carers")).get_by_label(
        f"{family.carer} (Bereitschaftspflegemutter)").check()
    field(page, "start").fill(family.placed_on.isoformat())
    field(page, "time frame (months)").fill("6")
    field(page, "custody or guardianship").select_option(label=de("The parents"))
    field(page, "youth office contact").fill(f"{family.professional}, {family.office}, 0231 50-12345")
    leave(page, page.get_by_role("button", name=de("Save"), exact=True))

    saved(page, de("Placement recorded."))
    expect(page).to_have_url(re.compile(r"/perspective/placements/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        de("Placement of %(name)s") % {"name": family.child})
    facts = page.locator("main dl").first
    expect(facts).to_contain_text(de("Emergency foster family"))
    expect(facts).to_contain_text(family.carer)
    expect(facts).to_contain_text(shown(family.placed_on))
    frame = de("time frame %(months)s month", plural="time frame %(months)s months", n=6) % {"months": 6}
    expect(facts).to_contain_text(f"{shown(_add_months(family.placed_on, 6))} ({frame})")
    expect_german(page)
    return page.url


def _record_care_plan_meeting(page: Page, case_url: str, family: Family) -> str:
    """The first Hilfeplangespräch a week after the placement: the mother, the foster mother, the worker and the
    youth office's caseworker; one agreement. Returns the meeting page's address."""
    visit(page, case_url)
    leave(page, page.locator("section[aria-labelledby=meetings-heading]").get_by_role("link", name=de("New meeting")))
    expect_german(page)
    field(page, "Kind of meeting").select_option(label=de("Care-plan meeting (Hilfeplangespräch)"))
    field(page, "Date").fill(family.meeting_on.isoformat())
    field(page, "Place").fill(family.office)
    participants = page.get_by_role("group", name=label("Who takes part from the case"))
    for who in (f"{family.mother} ({de('Parent')})", f"{family.carer} ({de('Caregiver')})",
                f"{WORKER} ({de('Worker')})"):
        participants.get_by_label(who, exact=True).check()
    field(page, "Agenda").fill("Erwartungen der Mutter; Klärungsaufträge; Umgangskontakte")
    field(page, "Next meeting").fill((_today() + timedelta(weeks=4)).isoformat())
    leave(page, page.get_by_role("button", name=de("Record the meeting")))

    saved(page, de("Meeting recorded."))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{de('Care-plan meeting (Hilfeplangespräch)')}, {shown(family.meeting_on)}")
    meeting_url = page.url.split("#")[0]

    leave(page, page.get_by_role("link", name=de("Add a professional")))
    field(page, "Name", same=True).fill(family.professional)
    field(page, "Organisation", same=True).fill(family.office)
    leave(page, page.get_by_role("button", name=de("Add"), exact=True))
    present = de("Present")
    listed = page.locator("#participants li")
    expect(listed).to_have_text([f"{family.mother} ({de('Parent')}): {present}",
                                 f"{family.carer} ({de('Caregiver')}): {present}",
                                 f"{WORKER} ({de('Worker')}): {present}",
                                 re.compile(rf"^{family.professional} \({family.office}\): {present}")])

    leave(page, page.get_by_role("link", name=de("Add an agreement")))
    field(page, "What").fill(AGREEMENT)
    field(page, "Who").fill(f"{WORKER} und {family.mother}")
    field(page, "By when").fill((family.meeting_on + timedelta(weeks=8)).isoformat())
    leave(page, page.get_by_role("button", name=de("Add"), exact=True))
    expect(page.locator("#agreements tbody tr")).to_have_count(1)
    expect(page.locator("#agreements tbody tr")).to_contain_text(AGREEMENT)
    expect_german(page)
    return meeting_url


def _add_assignments(page: Page, placement_url: str, family: Family) -> tuple[str, list[str]]:
    """The three clarification assignments agreed in the meeting, each open, due within six weeks of it. Returns
    the address of the list of assignments and their questions."""
    meeting = f"{de('Care-plan meeting (Hilfeplangespräch)')} {family.meeting_on:%Y-%m-%d}"
    questions = [q.format(name=family.name) for q in QUESTIONS]
    visit(page, placement_url)
    leave(page, page.get_by_role("link", name=de("Clarification assignments")))
    expect(page.get_by_role("heading", level=1)).to_have_text(de("Clarification assignments"))
    assignments_url = page.url
    for weeks, question in enumerate(questions, start=4):
        leave(page, page.get_by_role("link", name=de("Record a clarification assignment")))
        field(page, "question").fill(question)
        field(page, "agreed in the meeting").select_option(label=meeting)
        field(page, "commissioned by").fill(family.office)
        field(page, "who answers it").fill(WORKER)
        field(page, "due on").fill((family.meeting_on + timedelta(weeks=weeks)).isoformat())
        leave(page, page.get_by_role("button", name=de("Save"), exact=True))
        saved(page, de("Assignment recorded."))
        expect(page.locator("main dl")).to_contain_text(question)
        visit(page, assignments_url)
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(3)
    for row in range(3):
        expect(rows.nth(row)).to_contain_text(de("Open", context="assignment"))
        expect(rows.nth(row)).to_contain_text(
            f"{de('Care-plan meeting (Hilfeplangespräch)')} {shown(family.meeting_on)}")
    expect_german(page)
    return assignments_url, questions


def _record_contact(page: Page, placement_url: str, family: Family, on: date, observed: dict[str, str]) -> None:
    """A held contact of the mother and Emil, accompanied, with what the worker saw and talked through (by the
    fields' msgids)."""
    visit(page, placement_url)
    leave(page, page.get_by_role("link", name=de("Plan or record a contact")))
    field(page, "date").fill(on.isoformat())
    field(page, "status").select_option(label=de("Held", context="contact visit"))
    field(page, "duration (minutes)").fill("90")
    field(page, "place").fill("Besuchsraum im Kinderdorf")
    field(page, "setting", "contact visit").select_option(label=de("Accompanied"))
    present = page.get_by_role("group", name=label("who was there"))
    present.get_by_label(f"{family.mother} (Mutter)", exact=True).check()
    present.get_by_label(f"{family.child} (Sohn)", exact=True).check()
    for msgid, text in observed.items():
        field(page, msgid).fill(text)
    leave(page, page.get_by_role("button", name=de("Save"), exact=True))
    saved(page, de("Contact recorded."))
    expect(page.get_by_role("heading", level=1)).to_have_text(de("Contact on %(day)s: %(status)s") % {
        "day": shown(on), "status": de("Held", context="contact visit")})
    observation = page.locator("section[aria-labelledby=observation-heading]")
    for text in observed.values():
        expect(observation).to_contain_text(text)


def _record_cancelled_contact(page: Page, placement_url: str, family: Family, on: date) -> None:
    visit(page, placement_url)
    leave(page, page.get_by_role("link", name=de("Plan or record a contact")))
    field(page, "date").fill(on.isoformat())
    field(page, "status").select_option(label=de("Cancelled", context="contact visit"))
    # Who cancelled and why show only for a cancelled contact.
    field(page, "cancelled by").fill(family.mother)
    field(page, "why it was cancelled").fill("Emil hatte Fieber; die Mutter hat am Morgen angerufen.")
    leave(page, page.get_by_role("button", name=de("Save"), exact=True))
    saved(page, de("Contact recorded."))
    cancelled = de("Cancelled", context="contact visit")
    expect(page.get_by_role("heading", level=1)).to_have_text(de("Contact on %(day)s: %(status)s") % {
        "day": shown(on), "status": cancelled})
    facts = page.locator("main dl").first
    expect(facts.locator(".kern-description-list-item").filter(has_text=de("Cancelled by"))).to_contain_text(
        family.mother)
    expect(facts.locator(".kern-description-list-item").filter(
        has_text=de("Why it was cancelled"))).to_contain_text("Emil hatte Fieber")
    expect_german(page)


def _answer(page: Page, assignments_url: str, question: str, findings: str, contact_day: date) -> None:
    """Open the assignment from the list, mark it answered with the findings in the worker's words and the
    contact they rest on."""
    visit(page, assignments_url)
    leave(page, page.get_by_role("link", name=question))
    expect(page.get_by_role("heading", level=1)).to_have_text(de("Clarification assignment"))
    leave(page, page.get_by_role("link", name=de("Edit"), exact=True))
    field(page, "status").select_option(label=de("Answered", context="assignment"))
    field(page, "findings").fill(findings)
    field(page, "in whose words").fill(WORKER)
    page.get_by_role("group", name=label("linked contacts")).get_by_label(
        f"{contact_day:%Y-%m-%d} {de('Held', context='contact visit')}").check()
    leave(page, page.get_by_role("button", name=de("Save"), exact=True))
    saved(page, de("Saved."))
    facts = page.locator("main dl")
    expect(facts).to_contain_text(de("Answered", context="assignment"))
    expect(facts).to_contain_text(findings)
    expect(facts).to_contain_text(de("in the words of %(who)s") % {"who": WORKER})
    expect(facts.get_by_role("link", name=shown(contact_day))).to_be_visible()


def _write_and_sign_the_help_plan(page: Page, meeting_url: str, family: Family) -> None:
    """From the meeting's page: write its Hilfeplan (the child and his placement are chosen already), and record
    the mother's sign-off in person and the youth office's by phone."""
    visit(page, meeting_url)
    panel = page.locator("section[aria-labelledby=help-plan-heading]")
    expect(panel.get_by_role("heading")).to_have_text(de("Care plan"))
    leave(page, panel.get_by_role("link", name=de("Write the care plan")))
    expect_german(page)
    expect(field(page, "child").locator("option:checked")).to_have_text(family.child)
    expect(field(page, "placement").locator("option:checked")).to_contain_text(de("Emergency foster family"))
    field(page, "situation", "care plan").fill("Emil lebt seit acht Wochen in einer Bereitschaftspflegefamilie.")
    field(page, "goals").fill("Emil kehrt zu seiner Mutter zurück.\nDie Mutter findet Hilfe im Alltag.")
    field(page, "the agreed help").fill(HELP_PLAN_HELP)
    field(page, "who gives the help").fill("SOS-Kinderdorf Dortmund")
    page.get_by_role("group", name=label("legal basis")).get_by_label(re.compile(r"^SGB VIII § 27\b")).check()
    leave(page, page.get_by_role("button", name=de("Save the care plan")))
    saved(page, de("Care plan saved."))
    expect(page.get_by_role("heading", level=1)).to_have_text(de("Care plan"))

    for signer, name, how in ((f"{family.mother} ({de('Parent')})", family.mother, "In person"),
                              (f"{family.professional} ({family.office})", family.professional, "By phone")):
        leave(page, page.locator("#sign-offs").get_by_role("link", name=de("Record a sign-off")))
        field(page, "Who agreed").select_option(label=signer)
        page.get_by_role("group", name=label("How")).get_by_label(de(how), exact=True).check()
        leave(page, page.get_by_role("button", name=de("Record the sign-off")))
        saved(page, de("Sign-off recorded."))
        expect(page.locator("#sign-offs li").filter(has_text=name)).to_contain_text(de(how))
    expect(page.locator("#sign-offs")).to_contain_text(f"{de('Not signed yet:')} {family.carer}, {WORKER}")
    expect_german(page)


def _download_pdf_text(page: Page, link: Locator) -> str:
    """Download through the link; the text of the PDF with its line breaks as spaces."""
    page.wait_for_load_state()  # see leave()
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    path = download.path()
    assert path is not None
    content = path.read_bytes()
    assert content.startswith(b"%PDF-"), content[:40]
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


def _fill_recommendation(page: Page, help_needed: str, reasons: str) -> None:
    field(page, "recommendation").select_option(label=de("Return home"))
    field(page, "with which help").fill(help_needed)
    field(page, "reasons").fill(reasons)
    field(page, "the parents' view").fill("Die Mutter möchte Emil so bald wie möglich wieder zu Hause haben.")


# --- the test --------------------------------------------------------------------------------------------------

def test_in_german_a_toddler_is_placed_assessed_and_recommended_to_return_home(
    page: Page, back_to_english: None,
) -> None:
    login(page, "demo-caseworker")
    page.wait_for_load_state()  # see leave()
    switch_language(page, "de")
    case_url, family = _open_case_with_family(page)
    placement_url = _record_placement(page, case_url, family)
    meeting_url = _record_care_plan_meeting(page, case_url, family)
    assignments_url, questions = _add_assignments(page, placement_url, family)

    # Four contacts during the placement: three held and observed, one cancelled by the mother.
    held = [family.placed_on + timedelta(days=d) for d in (10, 17, 31)]
    cancelled_on = family.placed_on + timedelta(days=24)
    _record_contact(page, placement_url, family, held[0], {
        "meeting and parting": "Emil läuft zur Mutter und lässt sich auf den Arm nehmen.",
        "the child's signals": "Weint kurz beim Abschied, beruhigt sich bei der Pflegemutter.",
        "reflection with the parent": "Die Mutter hat selbst bemerkt, dass Emil nach einer Stunde müde wird."})
    _record_contact(page, placement_url, family, held[1], {
        "the parent's responsiveness": "Die Mutter reagiert prompt, wenn Emil quengelt, und bietet Wasser an.",
        "strengths": "Liebevolle Sprache, viel Blickkontakt."})
    _record_cancelled_contact(page, placement_url, family, cancelled_on)
    _record_contact(page, placement_url, family, held[2], {
        "challenges": "Die Mutter wird unsicher, als Emil einen Wutanfall hat.",
        "what helped": "Ein ruhiger Hinweis der Fachkraft, Emil erst zu halten und dann zu reden."})

    # Two assignments are answered; the third is still open.
    _answer(page, assignments_url, questions[0], FINDINGS[0].format(name=family.name), held[0])
    _answer(page, assignments_url, questions[1], FINDINGS[1].format(name=family.name), held[1])

    help_needed = "Sozialpädagogische Familienhilfe, zwei Termine pro Woche; ein Krippenplatz für Emil."
    reasons = "Die Mutter erkennt Emils Signale und beruhigt ihn; Emil sucht ihre Nähe."
    visit(page, placement_url)
    leave(page, page.get_by_role("link", name=de("The recommendation")))
    expect(page.locator("main")).to_contain_text(de("No recommendation yet."))
    recommendation_url = page.url
    leave(page, page.get_by_role("link", name=de("Write the recommendation")))
    expect_german(page)
    _fill_recommendation(page, help_needed, reasons)
    leave(page, page.get_by_role("button", name=de("Save"), exact=True))

    # Refused next to the field, naming the open assignment and only it; what was typed is kept.
    refused = de("Answer or withdraw every assignment first. Still open or in progress: %(questions)s")
    refusal = page.locator("main form").get_by_role("alert").filter(has_text=refused.split("%(questions)s")[0].strip())
    expect(refusal).to_have_count(1)
    expect(refusal).to_contain_text(questions[2])
    expect(refusal).not_to_contain_text(questions[0])
    expect(refusal).not_to_contain_text(questions[1])
    expect(field(page, "reasons")).to_have_value(reasons)
    expect(page).to_have_url(re.compile(r"/recommendation/edit/$"))
    expect_german(page)

    _answer(page, assignments_url, questions[2], FINDINGS[2], held[2])

    visit(page, recommendation_url)
    leave(page, page.get_by_role("link", name=de("Write the recommendation")))
    _fill_recommendation(page, help_needed, reasons)
    linked = page.get_by_role("group", name=label("linked assignments"))
    for question in questions:
        linked.get_by_label(question, exact=True).check()
    leave(page, page.get_by_role("button", name=de("Save"), exact=True))
    saved(page, de("Recommendation saved."))
    recommendation = page.locator("main dl")
    expect(recommendation.locator(".kern-description-list-item").filter(
        has_text=de("Recommendation"))).to_contain_text(de("Return home"))
    expect(recommendation.locator(".kern-description-list-item").filter(
        has_text=de("With which help"))).to_contain_text(help_needed)
    expect(recommendation.locator(".kern-description-list-item").filter(
        has_text=de("Reasons"))).to_contain_text(reasons)
    for question in questions:  # shortened to 80 characters
        expect(recommendation.get_by_role("link", name=re.compile(f"^{re.escape(question[:60])}"))).to_be_visible()
    expect_german(page)

    # The case page lists the placement with its recommendation; the placement's page draws the contacts over it.
    visit(page, case_url)
    placement = page.locator("section[aria-labelledby=perspective-heading] tbody tr").filter(has_text=family.child)
    expect(placement).to_contain_text(de("Emergency foster family"))
    expect(placement.get_by_role("link", name=de("Return home"))).to_be_visible()
    leave(page, placement.get_by_role("link", name=family.child))
    expect(page).to_have_url(placement_url)
    placed_until = _add_months(family.placed_on, 6)
    title = de("Contacts over the placement")
    in_words = de("%(planned)s, %(held)s and %(cancelled)s between %(start)s and %(end)s.") % {
        "planned": de("%(count)d contact planned", plural="%(count)d contacts planned", n=0) % {"count": 0},
        "held": de("%(count)d held", plural="%(count)d held", n=3) % {"count": 3},
        "cancelled": de("%(count)d cancelled", plural="%(count)d cancelled", n=1) % {"count": 1},
        "start": shown(family.placed_on), "end": shown(placed_until)}
    timeline = page.get_by_role("img", name=title)
    expect(timeline).to_have_accessible_name(f"{title} {in_words}")  # the picture is named by both
    marks = [(day, de("Held", context="contact visit")) for day in held] + [
        (cancelled_on, de("Cancelled", context="contact visit"))]
    expect(timeline.locator(".mark--held")).to_have_count(3)
    expect(timeline.locator(".mark--cancelled")).to_have_count(1)
    expect(timeline.locator(".mark > title")).to_have_text(
        [f"{shown(day)}: {status}" for day, status in sorted(marks)])  # in date order
    for legend in ("held", "planned", "cancelled"):
        expect(timeline.locator("g text").filter(has_text=re.compile(rf"^{de(legend)}$"))).to_have_count(1)
    rows = page.locator("section[aria-labelledby=contacts-heading] tbody tr")
    expect(rows).to_have_count(4)
    expect(rows.filter(has_text=de("Cancelled", context="contact visit"))).to_contain_text(shown(cancelled_on))
    expect_german(page)

    # The Hilfeplan of the meeting, signed by two of its participants: its PDF names them all and the agreements.
    _write_and_sign_the_help_plan(page, meeting_url, family)
    text = _download_pdf_text(page, page.get_by_role("link", name=de("Download the care plan (PDF)")))
    assert de("Care plan") in text
    for name in (family.child, family.mother, family.carer, WORKER, family.professional, family.office):
        assert name in text, f"{name!r} is not in the Hilfeplan's PDF"
    for agreed in (AGREEMENT, HELP_PLAN_HELP, questions[0]):
        assert agreed in text, f"{agreed!r} is not in the Hilfeplan's PDF"
    assert "SGB VIII § 27" in text
