"""The child's voice (issue 5): a consultant records a Three Houses conversation with a child, with statements in
all three houses and a drawing, and keeps one worry for the worker only; the parents' picture and printout leave
it out, the worker's keep it, and the drawing is served to the page."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from e2e.support import login, unique

TEAM = "Team Nord"  # the team of demo-caseworker, led by demo-teamlead (safehold/demo/seed.py)
CONSULTANT = "Mikkel Dahl"  # demo-consultant


@dataclass(frozen=True)
class Family:
    reference: str
    name: str

    @property
    def child(self) -> str:
        return f"Ella {self.name}"


# --- what the workers do on the way ------------------------------------------------------------------------

def _open_case_with_a_child(page: Page, language: str = "English") -> tuple[str, Family]:
    """The caseworker opens a case (English unless said) in her team lead's team and records a child and a
    parent."""
    family = Family(reference=unique("E2E"), name=unique("Harrow"))
    page.goto("/cases/new/")
    page.get_by_label("Reference").fill(family.reference)
    page.get_by_label("Family name").fill(family.name)
    page.get_by_label("Case language").select_option(label=language)
    page.get_by_label("Team").select_option(label=TEAM)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    case_url = page.url

    page.get_by_role("link", name="Add a person").click()
    for role, first, relationship, button in (("child", "Ella", "daughter", "Save and add another"),
                                              ("parent", "Dan", "father", "Save")):
        page.get_by_label("Role").select_option(role)
        page.get_by_label("First name").fill(first)
        page.get_by_label("Last name").fill(family.name)
        page.get_by_label("Relationship to the child").fill(relationship)
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_role("status").filter(has_text=f"{first} {family.name} added to the case.")).to_be_visible()
    expect(page).to_have_url(case_url)
    return case_url, family


def _assign_the_consultant(page: Page, case_url: str) -> None:
    """The team lead of the case's team puts the consultant on the case, from "Who works on the case"."""
    page.goto(case_url)
    page.locator("section[aria-labelledby=workers-heading]").get_by_role("link", name="Change").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who works on the case")
    page.get_by_label("Colleague").select_option(label=CONSULTANT)
    page.get_by_label("Role on the case").select_option(label="Safety and network consultant")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Assignment saved.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text=CONSULTANT)).to_contain_text("Safety and network consultant")


def _area(page: Page, area: str) -> Locator:
    return page.locator(f"#area-{area}")


def _statement(page: Page, area: str, text: str) -> Locator:
    return _area(page, area).locator("li.cv-statement").filter(has_text=text)


def _add_statement(page: Page, area: str, label: str, text: str, visibility: str = "") -> Locator:
    """"Add what the child says" under a house, write it down, say who may see it, save: in place."""
    section = _area(page, area)
    count = section.locator("li.cv-statement").count()
    section.get_by_role("link", name=re.compile(rf"^Add what the child says\W+{re.escape(label)}$")).click()
    form = page.locator(f"#new-{area} form")
    expect(form.get_by_role("heading")).to_have_text(f"Add to “{label}”")
    words = form.get_by_label("In the child's words")
    expect(words).to_be_focused()
    words.fill(text)
    if visibility:
        form.get_by_role("group", name="Who may see it").get_by_label(visibility, exact=True).check()
    form.get_by_role("button", name="Save").click()
    expect(form).to_have_count(0)
    expect(section.locator("li.cv-statement")).to_have_count(count + 1)
    statement = _statement(page, area, text)
    expect(statement.locator(".cv-said")).to_have_text(f"“{text}”")  # English quotation marks on an English page
    return statement


def _picture_texts(page: Page) -> str:
    """Everything the picture on the page says (title, description, each line), a line break as a space."""
    texts = page.locator("#picture svg").evaluate(
        "(svg) => [...svg.querySelectorAll('title, desc, text')].map((e) => e.textContent).join(' ')")
    return " ".join(texts.split())


def _drawing_png(tmp_path: Path) -> Path:
    """A child's drawing: three houses and a sun, in crayon colours."""
    image = Image.new("RGB", (480, 320), "white")
    draw = ImageDraw.Draw(image)
    for x, colour in ((40, "#41607f"), (190, "#2f6b2f"), (340, "#6a3d8f")):
        draw.rectangle((x, 160, x + 100, 280), outline=colour, width=6)
        draw.polygon([(x - 10, 160), (x + 50, 90), (x + 110, 160)], outline=colour, width=6)
    draw.ellipse((400, 20, 460, 80), fill="#f6c000")
    path = tmp_path / "three-houses.png"
    image.save(path)
    return path


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
    assert len(reader.pages) >= 1
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


# --- the test -----------------------------------------------------------------------------------------------

def test_a_consultant_records_three_houses_and_the_parents_printout_leaves_out_what_the_child_kept_back(
    page: Page, other_page: Page, tmp_path: Path,
) -> None:
    login(page, "demo-caseworker")
    case_url, family = _open_case_with_a_child(page)
    login(other_page, "demo-teamlead")
    _assign_the_consultant(other_page, case_url)

    # The consultant, at the office computer the caseworker has left.
    page.context.clear_cookies()
    login(page, "demo-consultant")
    page.goto(case_url)
    page.locator("section[aria-labelledby=child-voice-heading]").get_by_role(
        "link", name=re.compile(rf"^New conversation\W+{re.escape(family.child)}$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New conversation with a child")
    expect(page.get_by_label("Child", exact=True).locator("option:checked")).to_have_text(family.child)
    expect(page.get_by_label("Three Houses", exact=True)).to_be_checked()
    page.get_by_role("button", name="Start the conversation").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/child/conversations/\d+/$"))
    expect(page.get_by_role("status").filter(has_text="Conversation started.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Three Houses with {family.child}")
    conversation_url = page.url

    kept_back = "When Dad drinks he shouts and I hide under my bed"
    shared_worry = "I am scared when the police come to our flat"
    good = "Grandma makes pancakes with me on Sundays"
    dream = "I wish everyone at home talked quietly"
    secret = _add_statement(page, "worries", "House of worries", kept_back)
    worry = _add_statement(page, "worries", "House of worries", shared_worry)
    _add_statement(page, "good", "House of good things", good, "Also the parents")
    _add_statement(page, "dreams", "House of dreams", dream, "Also the network")
    expect(_area(page, "worries").locator(".sh-count")).to_have_text("(2)")

    # Nobody was asked yet: both worries are for the worker only. The child agrees to share the second.
    for statement in (secret, worry):
        expect(statement.locator(".cv-meta .cv-badge")).to_have_text("Only the worker")
    buttons = worry.get_by_role("group", name="Who may see it")
    expect(buttons.get_by_role("button", name="Worker", exact=True)).to_have_attribute("aria-pressed", "true")
    buttons.get_by_role("button", name="Parents", exact=True).click()
    expect(buttons.get_by_role("button", name="Parents", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(buttons.get_by_role("button", name="Worker", exact=True)).to_have_attribute("aria-pressed", "false")
    expect(worry.locator(".cv-meta .cv-badge")).to_have_text("Parents too")
    expect(secret.locator(".cv-meta .cv-badge")).to_have_text("Only the worker")
    expect(_statement(page, "good", good).locator(".cv-meta .cv-badge")).to_have_text("Parents too")
    expect(_statement(page, "dreams", dream).locator(".cv-meta .cv-badge")).to_have_text("Network too")

    # A photo of the drawing the child made, which the child is happy for the parents to see.
    page.locator("#drawings").get_by_role("link", name="Add a drawing or photo").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a drawing or photo")
    page.get_by_label("Drawing or photo").set_input_files(_drawing_png(tmp_path))
    page.get_by_label("Caption").fill("Ella's three houses, with a sun")
    page.get_by_role("group", name="Who may see it").get_by_label("Also the parents", exact=True).check()
    page.get_by_role("button", name="Upload").click()
    expect(page).to_have_url(f"{conversation_url}#drawings")
    expect(page.get_by_role("status").filter(has_text="Drawing added.")).to_be_visible()
    drawing = page.locator("#drawings li.cv-drawing")
    expect(drawing).to_have_count(1)
    expect(drawing.locator(".cv-meta .cv-badge")).to_have_text("Parents too")
    thumbnail = drawing.locator("img.cv-thumb")
    expect(thumbnail).to_have_attribute("alt", "Ella's three houses, with a sun")
    case_path = re.sub(r"^https?://[^/]+", "", case_url)
    expect(thumbnail).to_have_attribute("src", re.compile(rf"^{re.escape(case_path)}files/\d+/$"))
    thumbnail.scroll_into_view_if_needed()  # it loads lazily
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    assert thumbnail.evaluate("(img) => img.naturalWidth") == 480

    # The picture as the worker sees it holds everything the child said.
    page.reload()
    worker_picture = _picture_texts(page)
    for said in (kept_back, shared_worry, good, dream):
        assert said in worker_picture, f"{said!r} is not in the worker's picture"

    # As the parents will see it: the worry the child kept back is left out, and the page says that something is.
    page.locator("#picture").get_by_role("link", name="the parents", exact=True).click()
    expect(page).to_have_url(re.compile(r"\?audience=parents#picture$"))
    expect(page.locator("#picture nav a[aria-current=true]")).to_have_text("the parents")
    expect(page.locator("#picture").get_by_text(
        "1 thing the child did not agree to share is left out.")).to_be_visible()
    parents_picture = _picture_texts(page)
    for said in (shared_worry, good, dream):
        assert said in parents_picture, f"{said!r} is not in the parents' picture"
    assert kept_back not in parents_picture, "the worry the child kept back is in the parents' picture"
    assert "hide under my bed" not in page.locator("#picture svg").inner_html()

    parents_pdf = _download_pdf_text(page, page.get_by_role("link", name="PDF for the parents"))
    assert "The Three Houses of Ella" in parents_pdf
    for said in (shared_worry, good, dream):
        assert said in parents_pdf, f"{said!r} is not in the parents' PDF"
    assert kept_back not in parents_pdf, "the worry the child kept back is in the parents' PDF"
    assert "hide under my bed" not in parents_pdf

    worker_pdf = _download_pdf_text(page, page.get_by_role("link", name="PDF for the worker"))
    for said in (kept_back, shared_worry, good, dream):
        assert said in worker_pdf, f"{said!r} is not in the worker's PDF"


def test_the_workers_danish_booklet_marks_what_the_child_kept_and_the_parents_copy_says_it_is_private(
    page: Page,
) -> None:
    """A Danish family: the child keeps every worry from the parents. The worker's booklet says on every page
    that it is not for the parents and marks the worry; the parents' booklet does not show an empty worry house
    as if the child had none."""
    login(page, "demo-caseworker")
    case_url, family = _open_case_with_a_child(page, language="Danish")
    page.goto(case_url)
    page.locator("section[aria-labelledby=child-voice-heading]").get_by_role(
        "link", name=re.compile(rf"^New conversation\W+{re.escape(family.child)}$")).click()
    page.get_by_role("button", name="Start the conversation").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/child/conversations/\d+/$"))

    kept_back = "Far råber om natten og jeg gemmer mig"
    good = "Mormor bager pandekager med mig"
    _add_statement(page, "worries", "House of worries", kept_back)  # for the worker only, as nobody asked yet
    _add_statement(page, "good", "House of good things", good, "Also the parents")

    worker_pdf = _download_pdf_text(page, page.get_by_role("link", name="PDF for the worker"))
    assert worker_pdf.count("Kun til medarbejderen – ikke til forældrene") >= 2  # the top and foot of the page
    assert f"Ikke til forældrene {kept_back}" in worker_pdf, worker_pdf
    assert f"Ikke til forældrene {good}" not in worker_pdf

    parents_pdf = _download_pdf_text(page, page.get_by_role("link", name="PDF for the parents"))
    assert kept_back not in parents_pdf and "Ikke til forældrene" not in parents_pdf
    worries = parents_pdf.index("Huset med bekymringer")
    assert parents_pdf.index("Noget af det her holder jeg for mig selv.", worries) < parents_pdf.index(good)
