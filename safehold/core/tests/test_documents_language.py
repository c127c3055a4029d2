"""What the family and the children are handed is in their language, all of it: the family's safety plan, the
contact card, the Three Houses (and Fairies & Wizards) and Safety House booklets for the parents and for the
network, the Words & Pictures booklet and the printed map, printed for the German and the Danish demo case.

The catalogue check (test_translations) sees only strings marked for translation and read by makemessages;
this reads what is printed, so it also catches a string never marked, one in a file makemessages skips, a
label put into words in the language of whoever downloads the document, and quotation marks of another
language written into a template."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from safehold.cases.models import Case
from safehold.child_voice.documents import booklet
from safehold.mapping.documents import map_document
from safehold.safety_plans.documents import plan_document
from safehold.words_pictures.documents import story_document

CASES = {"de": "JA-2026-0147", "da": "BU-2026-0311"}
# English words that are neither German nor Danish words, so that no name or family's sentence trips them
# (not "plan", "for", "is", "to", "at", "by", "will", "time", "weekend": each is German or Danish too).
ENGLISH = ("the", "and", "of", "with", "who", "what", "when", "worried", "written", "wrote", "italics", "safety",
           "network", "children", "child", "parents", "family", "house", "houses", "story", "words", "pictures",
           "printed", "confidential", "danger", "statement", "agreed", "rules", "monday", "morning", "evening",
           "night")
ENGLISH_WORD = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b", re.IGNORECASE)
# Quotation marks the other languages use: German „…“, Danish »…«, English “…”.
FOREIGN_MARKS = {"de": "»«”", "da": "„“”"}
# Small words every page in the language is full of: the text was read at all.
MARKER = {"de": " und ", "da": " og "}
AUDIENCES = ("parents", "network")


def _plan(case: Case) -> list[bytes]:
    plan = case.safety_plans.order_by("-version_no").first()
    assert plan is not None, case.reference
    return [plan_document(case, plan, "family").content]


def _contact_card(case: Case) -> list[bytes]:
    plan = case.safety_plans.order_by("-version_no").first()
    assert plan is not None, case.reference
    return [plan_document(case, plan, "contact-card").content]


def _conversations(case: Case) -> list[bytes]:
    conversations = list(case.child_conversations.all())
    assert {c.tool for c in conversations} == {"three_houses", "fairies_wizards"}, case.reference
    return [booklet(case, c, audience).content for c in conversations for audience in AUDIENCES]


def _safety_houses(case: Case) -> list[bytes]:
    houses = list(case.safety_houses.all())
    assert houses, case.reference
    return [booklet(case, h, audience).content for h in houses for audience in AUDIENCES]


def _story(case: Case) -> list[bytes]:
    stories = list(case.stories.all())
    assert stories, case.reference
    return [story_document(case, story).content for story in stories]


def _map(case: Case) -> list[bytes]:
    return [map_document(case, map_).content for map_ in case.maps.all()]


DOCUMENTS: dict[str, Callable[[Case], list[bytes]]] = {
    "the family's safety plan": _plan,
    "the contact card": _contact_card,
    "the Three Houses and Fairies & Wizards booklets": _conversations,
    "the Safety House booklets": _safety_houses,
    "the Words & Pictures booklet": _story,
    "the printed map": _map,
}

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def cases(build_once) -> dict[str, Case]:
    with build_once():
        call_command("seed_demo", stdout=io.StringIO())
        return {language: Case.objects.get(reference=reference) for language, reference in CASES.items()}


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).replace("\n", " ")


def _around(text: str, start: int, end: int) -> str:
    return "…" + text[max(0, start - 40):end + 40] + "…"


@pytest.mark.parametrize("document", DOCUMENTS)
@pytest.mark.parametrize("language", CASES)
def test_a_document_for_the_family_has_no_english_and_no_quotation_marks_of_another_language(
        cases, language, document):
    case = cases[language]
    assert case.language == language
    for pdf in DOCUMENTS[document](case):
        text = _text(pdf)
        assert MARKER[language] in text, f"{document}: no {language} text read"
        english = [_around(text, m.start(), m.end()) for m in ENGLISH_WORD.finditer(text)]
        assert not english, f"{document} ({language}): English left in it: {english[:8]}"
        marks = [_around(text, i, i + 1) for i, ch in enumerate(text) if ch in FOREIGN_MARKS[language]]
        assert not marks, f"{document} ({language}): quotation marks of another language: {marks[:8]}"


@pytest.mark.parametrize(("language", "opening", "closing"), [("de", "„", "“"), ("da", "»", "«")])
def test_the_familys_words_on_the_printed_map_are_quoted_the_way_their_language_quotes(
        cases, language, opening, closing):
    case = cases[language]
    stance = next(s for map_ in case.maps.all() for entry in map_.entries.all() for s in entry.stances.all()
                  if s.words and not s.agrees)
    words = " ".join(stance.words.split()[:3])
    text = " ".join(" ".join(_text(map_document(case, map_).content).split()) for map_ in case.maps.all())
    assert f"{opening}{words}" in text, (language, words)
    assert closing in text
