"""The booklet for the children: a real PDF in the case's language, every panel in it. The acceptance story of
issue 5: six panels agreed with the parents, printed in Danish. How quickly it prints: bench/words_pictures.py."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.testing.factories import png_bytes
from safehold.words_pictures import services
from safehold.words_pictures.documents import story_pdf
from safehold.words_pictures.models import Section

from .samples import SIX_PANELS


def _pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.fixture
def danish_case(case):
    case.language = "da"
    case.save(update_fields=["language"])
    return case


def test_a_six_panel_story_agreed_with_the_parents_prints_as_a_danish_booklet(danish_case, caseworker, parent,
                                                                               six_panel_story):
    from datetime import date

    services.story_agree(actor=caseworker, case=danish_case, story=six_panel_story, people=[parent.pk],
                         agreed_on=date(2026, 11, 3))
    pdf = story_pdf(danish_case, six_panel_story)
    pages = _pages(pdf)
    assert len(pages) == 1 + 6 + 1  # title page, one panel to a page, the back page
    text = " ".join(pages)
    for _section, panel_text in SIX_PANELS:
        assert " ".join(panel_text.split()) in text
    # Danish, not the English of the source: the date as Danes write it, the headings in the case's language.
    assert "3. november 2026" in text and "November" not in text
    assert "Camilla Sørensen" in pages[0]
    with translation.override("da"):
        assert str(Section.SAFETY_NETWORK.label) in text
    assert _in("da", "Words & Pictures") in pages[0]
    assert 'lang="da"' in _html_of(danish_case, six_panel_story)


def _html_of(case, story) -> str:
    from django.template.loader import render_to_string

    from safehold.words_pictures.selectors import story_content

    content = story_content(story)
    with translation.override(case.language):
        return render_to_string("words_pictures/pdf/story.html", {
            "case": case, "story": story, "panels": content.panels, "LANGUAGE_CODE": case.language})


def test_the_booklet_shows_uploaded_pictures_and_figures(case, caseworker, story):
    panel = services.panel_create(actor=caseworker, case=case, story=story, section="other", text="Hej",
                                  figures=["sun", "heart"])
    upload = io.BytesIO(png_bytes((80, 60)))
    upload.name = "tegning.png"
    services.panel_picture_set(actor=caseworker, case=case, panel=panel, upload=upload)
    reader = PdfReader(io.BytesIO(story_pdf(case, story)))
    panel_page = reader.pages[1]
    assert len(panel_page.images) >= 1  # the uploaded picture, embedded (the figures are vector drawings)


def test_a_12_panel_story_prints_each_panel_on_a_page_of_its_own(case, caseworker, story):
    for n in range(12):
        services.panel_create(actor=caseworker, case=case, story=story, section="other",
                              text=f"Panel {n}: what happened, told in a few short sentences a child understands.",
                              figures=["adult", "child", "house", "heart"][: 1 + n % 4])
    pages = _pages(story_pdf(case, story))
    assert len(pages) == 1 + 12 + 1  # title page, one panel to a page, the back page
    assert [f"Panel {n}:" in page for n, page in enumerate(pages[1:-1])] == [True] * 12


def test_the_booklet_downloads_from_the_story_page_and_is_audited(case, story, caseworker, client_for):
    response = client_for(caseworker).get(f"/cases/{case.pk}/words-pictures/{story.pk}/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Worte-und-Bilder-JA-2026-0001-v1.pdf"'
    event = AuditEvent.objects.filter(actor=caseworker, action="export").latest("pk")
    assert (event.case_id, event.object_type, event.object_id) == (case.pk, "words_pictures.pdf", str(story.pk))
