"""Property tests: whatever text a client sends, the API answers 201/200 or a 400 naming the field, never a
500, and what it accepted reads back exactly as sent once cleaned as documented (core.text.clean_text:
surrounding whitespace stripped, control characters other than newline and tab dropped).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.core.text import clean_text, fold

JSON = "application/json"
PROPERTY = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture],
)

# Any text, the awkward kinds made likely: whitespace only, control characters, NUL, accents that fold,
# combining marks, text beyond the length limits.
garbage = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x85\xa0\u2028\u3000"), max_size=5),
    st.text(alphabet=st.characters(max_codepoint=0x20), max_size=5),
    st.text(alphabet=st.sampled_from("Øøæßé\u0301\u0308 ẞı"), max_size=8),
    st.text(min_size=99, max_size=130),
)


def expected_errors(sent: dict[str, str], limits: dict[str, int], required: set[str]) -> set[str]:
    """The fields the API must refuse. Schema checks (length, NUL) come first; only if they all pass do
    the services check what is left after cleaning."""
    schema = {name for name, value in sent.items() if len(value) > limits[name] or "\x00" in value}
    if schema:
        return schema
    return {name for name in required if not clean_text(sent[name])}


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each example starts from the fixtures alone, so that a replayed example meets the same database."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@PROPERTY
@given(reference=garbage, family_name=garbage)
def test_any_text_for_a_new_case_is_accepted_as_cleaned_or_refused_by_field(
    alice, case, reference, family_name,
):
    sent = {"reference": reference, "family_name": family_name}

    with rolled_back():
        response = alice.post("/api/v1/cases", sent, content_type=JSON)
        read_back = (alice.get(f"/api/v1/cases/{response.json()['id']}")
                     if response.status_code == 201 else None)

    expected = expected_errors(sent, {"reference": 40, "family_name": 120}, {"reference", "family_name"})
    if not expected and clean_text(reference) == case.reference:
        expected = {"reference"}
    if expected:
        assert response.status_code == 400, response.content
        assert set(response.json()["errors"]) == expected
        return
    assert response.status_code == 201, response.content
    cleaned = (clean_text(reference), clean_text(family_name))
    assert (response.json()["reference"], response.json()["family_name"]) == cleaned
    assert read_back.status_code == 200
    assert (read_back.json()["reference"], read_back.json()["family_name"]) == cleaned


@PROPERTY
@given(first_name=garbage, last_name=garbage)
def test_any_text_for_a_persons_name_is_accepted_as_cleaned_or_refused_by_field(
    alice, case, first_name, last_name,
):
    sent = {"first_name": first_name, "last_name": last_name}

    with rolled_back():
        response = alice.post(f"/api/v1/cases/{case.pk}/people", {"role": "child", **sent}, content_type=JSON)
        read_back = (alice.get(f"/api/v1/cases/{case.pk}/people/{response.json()['id']}")
                     if response.status_code == 201 else None)

    expected = expected_errors(sent, {"first_name": 100, "last_name": 100}, {"first_name"})
    if expected:
        assert response.status_code == 400, response.content
        assert set(response.json()["errors"]) == expected
        return
    assert response.status_code == 201, response.content
    assert read_back.status_code == 200
    names = (read_back.json()["first_name"], read_back.json()["last_name"])
    assert names == (clean_text(first_name), clean_text(last_name))


@PROPERTY
@given(text=garbage)
def test_any_text_in_a_patch_of_the_case_is_saved_as_cleaned_or_refused(alice, case, text):
    with rolled_back():
        response = alice.patch(f"/api/v1/cases/{case.pk}", {"version": 1, "family_name": text},
                               content_type=JSON)
        read_back = alice.get(f"/api/v1/cases/{case.pk}")

    if expected_errors({"family_name": text}, {"family_name": 120}, {"family_name"}):
        assert response.status_code == 400, response.content
        assert list(response.json()["errors"]) == ["family_name"]
        assert read_back.json()["family_name"] == "Sørensen"
        return
    assert response.status_code == 200, response.content
    assert response.json()["family_name"] == read_back.json()["family_name"] == clean_text(text)


searches = st.one_of(
    garbage, st.sampled_from(["Sorensen", "SØREN", "freja", "ja-2026", "  sørensen  ", "%", "_"]),
)


@PROPERTY
@given(query=searches)
def test_any_search_answers_200_and_finds_the_case_exactly_when_its_folded_text_matches(
    alice, case, child, query,
):
    response = alice.get("/api/v1/cases", {"q": query})

    if "\x00" in query:
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["q"]
        return
    assert response.status_code == 200, response.content
    needle = fold(query)
    case_text = fold(f"{case.reference} {case.family_name}")
    child_text = fold(f"{child.first_name} {child.last_name}")
    matches = not needle or needle in case_text or needle in child_text
    assert [item["id"] for item in response.json()["items"]] == ([case.pk] if matches else [])
