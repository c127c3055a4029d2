"""Words & Pictures (issue 5): a story of six panels for a Danish family, written with the parents, refused while
a part the method expects is missing, agreed with the mother, and printed as a booklet in Danish."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from e2e.support import _django, login, translated, unique


@dataclass(frozen=True)
class Family:
    reference: str
    name: str

    @property
    def child(self) -> str:
        return f"Ida {self.name}"

    @property
    def mother(self) -> str:
        return f"Camilla {self.name}"

    @property
    def father(self) -> str:
        return f"Jonas {self.name}"


@dataclass(frozen=True)
class Panel:
    section: str  # the label the worker's (English) form shows
    key: str  # Section in safehold/words_pictures/models.py
    text: str
    figures: tuple[str, ...] = ()


# Three panels first: the story does not yet say who is in the safety network.
FIRST = (
    Panel("Who is worried and why", "who_is_worried",
          "Mor, skolen og Søren fra kommunen er bekymrede, fordi der har været høje skænderier derhjemme.",
          ("adult", "school")),
    Panel("What happened", "what_happened",
          "En aften blev far så vred, at han slog mor. Ida ringede til mormor, og politiet kom.",
          ("police", "house")),
    Panel("What the grown-ups are doing to keep the children safe", "keeping_safe",
          "Far bor hos farmor, mens han lærer at styre sin vrede. Mor og far taler kun sammen i telefon.",
          ("phone",)),
)
LATER = (
    Panel("Who is in the safety network", "safety_network",
          "Mormor Birthe, naboen Mette og Ida's lærer Anne passer på, at alle er trygge.",
          ("grandparent", "adult", "heart")),
    Panel("What the grown-ups are doing to keep the children safe", "keeping_safe",
          "Hvis der bliver råbt igen, må Ida altid ringe til mormor, og mormor kommer med det samme.",
          ("phone", "grandparent")),
    Panel("Other", "other",
          "Ida må gerne spørge om alt. Alle de voksne vil gerne svare hende.",
          ("child", "sun")),
)
FIGURE_LABELS = {"adult": "Grown-up", "child": "Child", "grandparent": "Grandparent", "house": "House",
                 "school": "School", "police": "Police", "heart": "Heart", "sun": "Sun", "phone": "Phone"}


def _today() -> date:
    return datetime.now(ZoneInfo("Europe/Berlin")).date()  # the server's TIME_ZONE


def _in_danish(msgid: str) -> str:
    """What the Danish catalogue says for `msgid`, or `msgid` itself while it has no translation yet."""
    _django()
    from django.utils import translation

    with translation.override("da"):
        return translation.gettext(msgid)


# --- what the worker does on the way -------------------------------------------------------------------------

def _open_danish_case(page: Page) -> tuple[str, Family]:
    """Open a case in Danish, with a daughter, her mother and her father."""
    family = Family(reference=unique("E2E"), name=unique("Kjærgaard"))
    page.goto("/cases/new/")
    page.get_by_label("Reference").fill(family.reference)
    page.get_by_label("Family name").fill(family.name)
    page.get_by_label("Case language").select_option(label="Danish")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    case_url = page.url

    page.get_by_role("link", name="Add a person").click()
    for role, first, relationship, button in (("child", "Ida", "datter", "Save and add another"),
                                              ("parent", "Camilla", "mor", "Save and add another"),
                                              ("parent", "Jonas", "far", "Save")):
        page.get_by_label("Role").select_option(role)
        page.get_by_label("First name").fill(first)
        page.get_by_label("Last name").fill(family.name)
        page.get_by_label("Relationship to the child").fill(relationship)
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("status").filter(has_text=f"{first} {family.name} added to the case.")).to_be_visible()
    expect(page).to_have_url(case_url)
    return case_url, family


def _panels(page: Page) -> Locator:
    return page.locator("#panels li.sh-story__panel")


def _add_panel(page: Page, panel: Panel) -> None:
    """"Add a panel" under the story: the part it tells, its text, its figures; saved in place."""
    count = _panels(page).count()
    page.locator("#panels").get_by_role("link", name="Add a panel").click()
    form = page.locator("#new-panel form")
    text = form.get_by_label("Text", exact=True)
    expect(text).to_be_focused()
    form.get_by_label("Part of the story").select_option(label=panel.section)
    text.fill(panel.text)
    figures = form.get_by_role("group", name=re.compile(r"^Figures"))
    for key in panel.figures:
        figures.get_by_label(FIGURE_LABELS[key], exact=True).check()
    form.get_by_role("button", name="Save").click()
    expect(form).to_have_count(0)
    expect(_panels(page)).to_have_count(count + 1)
    added = _panels(page).last
    expect(added.locator(".sh-story__section")).to_have_text(panel.section)
    expect(added.locator(".sh-story__text")).to_have_text(panel.text)
    expect(added.locator("img.sh-story__figure")).to_have_count(len(panel.figures))
    for key in panel.figures:
        expect(added.get_by_role("img", name=FIGURE_LABELS[key], exact=True)).to_be_visible()


def _agree(page: Page, who: str, on: date) -> Locator:
    """"Agreed with the parents": tick who agreed, say when, save. Returns the page's error alert, if any."""
    page.get_by_role("link", name="Agreed with the parents").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreed with the parents")
    page.get_by_role("group", name="Who agreed").get_by_label(re.compile(rf"^{re.escape(who)}\b")).check()
    page.get_by_label(re.compile(r"^Date\b")).fill(on.isoformat())
    page.get_by_role("button", name="Save").click()
    return page.get_by_role("alert")


def _download_pdf_text(page: Page, link: Locator) -> str:
    """Download through the link; check it is a PDF with pages; its text with line breaks as spaces."""
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf"), download.suggested_filename
    path = download.path()
    assert path is not None
    content = path.read_bytes()
    assert content.startswith(b"%PDF-"), content[:40]
    reader = PdfReader(io.BytesIO(content))
    assert len(reader.pages) >= 7, f"a cover and six panels, one to a page; got {len(reader.pages)} pages"
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


# --- the test -----------------------------------------------------------------------------------------------

def test_a_six_panel_story_is_agreed_with_the_mother_and_printed_as_a_danish_booklet(page: Page) -> None:
    login(page, "demo-caseworker")
    _case_url, family = _open_danish_case(page)

    page.locator("section[aria-labelledby=words-pictures-heading]").get_by_role(
        "link", name="Start the story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Words & Pictures")
    page.get_by_role("button", name="Start the story").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/words-pictures/\d+/$"))
    expect(page.get_by_role("status").filter(has_text="Story started.")).to_be_visible()
    story_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(f"The story of the {family.name} family")

    for panel in FIRST:
        _add_panel(page, panel)
    still = page.locator("#panels .kern-alert").filter(has_text="Still to tell")
    expect(still.get_by_role("listitem")).to_have_text(["Who is in the safety network"])

    # The parents cannot agree to a story that does not yet say who keeps the children safe.
    alert = _agree(page, family.mother, _today())
    expect(alert).to_contain_text("The story does not yet tell: Who is in the safety network.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agreed with the parents")
    page.get_by_role("link", name="Back to the story").click()
    expect(page).to_have_url(story_url)
    expect(page.locator(".sh-page-header")).to_contain_text("Status: Draft")

    for panel in LATER:
        _add_panel(page, panel)
    expect(_panels(page)).to_have_count(6)
    expect(page.locator("#panels .kern-alert")).to_have_count(0)  # nothing left to tell

    agreed_on = _today() - timedelta(days=1)
    _agree(page, family.mother, agreed_on)
    expect(page).to_have_url(story_url)
    expect(page.get_by_role("status").filter(
        has_text="The story is agreed with the parents. Its text is now fixed.")).to_be_visible()
    header = page.locator(".sh-page-header")
    expect(header).to_contain_text("Status: Agreed with the parents")
    expect(header).to_contain_text(f"Agreed with {family.mother} on {agreed_on.strftime('%d/%m/%Y')}.")
    expect(header).not_to_contain_text(family.father)  # only the mother was there
    expect(page.locator("#panels").get_by_role("link", name="Add a panel")).to_have_count(0)  # fixed now

    text = _download_pdf_text(page, page.get_by_role("link", name="the booklet for the children (PDF)"))
    # In Danish: the cover's title as the Danish catalogue words it, with the family's name in it.
    title = translated("The story of the %(family)s family", "da") % {"family": family.name}
    assert title in text, f"{title!r} (the Danish cover title) is not in the booklet"
    assert f"The story of the {family.name} family" not in text
    for panel in (*FIRST, *LATER):
        assert panel.text in text, f"{panel.text!r} is not in the booklet"
    # Each part the method expects is headed in the case's language, not the worker's.
    for panel in (*FIRST, LATER[0]):
        assert _in_danish(panel.section) in text, f"the heading of {panel.key!r} is not in the booklet"
    assert family.mother in text, "the mother who agreed is not named in the booklet"
    assert family.father not in text
