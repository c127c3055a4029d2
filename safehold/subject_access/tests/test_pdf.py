"""The export to read: a PDF in the case's language, holding what the JSON holds and no more."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from safehold.cases.models import Person
from safehold.cases.subject_records import Subject
from safehold.subject_access.documents import pdf_document
from safehold.subject_access.export import subject_export
from safehold.subject_access.tests.world import fill


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "first_name_label", "role"), [("da", "Fornavn", "Forælder"),
                                                                    ("de", "Vorname", "Elternteil")])
def test_the_pdf_is_in_the_cases_language_and_leaves_out_what_the_child_kept(case, caseworker, child, parent,
                                                                              language, first_name_label, role):
    fill(case, caseworker, child, parent)
    case.language = language
    text = _text(pdf_document(subject_export(case, parent)).content)
    assert f"{first_name_label} Camilla" in text and role in text
    assert "HOUSE-ITEM-PARENTS-0" in text and "PLAN-PARENT-RULE-0" in text
    assert "HOUSE-ITEM-WORKER" not in text and "VOICE-STATEMENT" not in text


@given(first=st.text(min_size=1, max_size=40).filter(str.strip), last=st.text(max_size=40))
def test_a_name_is_found_as_a_word_whatever_characters_it_holds(first, last):
    # Names are the family's own, with any characters a regular expression might read as its own.
    person = Person(pk=1, first_name=first, last_name=last, role="parent")
    subject = Subject(case=None, person=person, people={})  # type: ignore[arg-type]
    assert subject.named_in(f"Today {first} said hello")
    assert not subject.named_in("")
