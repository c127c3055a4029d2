"""Property tests: whatever a form or API client sends as the words of an entry, a view or a reason, or as a
score, the services either save it cleaned (no control characters but newline and tab, surrounding whitespace
trimmed) or refuse it with a ValidationError naming the field. Never another exception."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from safehold.core.text import clean_text
from safehold.core.validation import TEXT
from safehold.mapping import services
from safehold.mapping.models import Entry, Part, Scale
from safehold.testing.factories import voice_key

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any text, the awkward kinds made likely: control characters and NUL, Windows line ends, whitespace only,
# combining marks and letters outside Latin-1, and text around and far beyond the length limits.
garbage = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x20), max_size=8),
    st.text(alphabet=st.sampled_from("a \t\n\r\x00\x07\x1b\x7f\x85\u2028\u200b\ufeff"), max_size=12),
    st.text(alphabet=st.sampled_from("Øøæßé\u0301\u0308ẞı😀中"), max_size=8),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "ø", "\x00", " ", "😀", "a\r\n"]),
              st.integers(1990, 6000)),
)
parts = st.sampled_from(Part.values)


def assert_clean(text: str) -> None:
    assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in text), repr(text[:80])
    assert text == text.strip()


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each example starts from the fixtures alone."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def ctx(case, caseworker, parent):
    map_ = services.map_create(actor=caseworker, case=case)
    entry = services.entry_create(actor=caseworker, case=case, map_=map_, voice=voice_key(parent),
                                  part=Part.STRENGTHS, text="Mama kocht")
    return {"actor": caseworker, "case": case, "map": map_, "entry": entry, "parent": parent}


@PROPERTY
@given(text=garbage, part=parts)
@example(text="\x00", part=Part.STRENGTHS)
@example(text=" \r\n ", part=Part.GOALS)
def test_any_statement_is_saved_cleaned_or_refused_on_text(ctx, text, part):
    with rolled_back():
        try:
            entry = services.entry_create(actor=ctx["actor"], case=ctx["case"], map_=ctx["map"],
                                          voice=voice_key(ctx["parent"]), part=part, text=text)
        except ValidationError as error:
            assert set(error.message_dict) == {"text"}
            assert not clean_text(text) or len(clean_text(text)) > TEXT
        else:
            stored = Entry.objects.get(pk=entry.pk).text
            assert stored == clean_text(text)
            assert 0 < len(stored) <= TEXT
            assert_clean(stored)


@PROPERTY
@given(worried=garbage, behaviour=garbage, impact=garbage)
def test_any_danger_statement_is_saved_cleaned_or_refused_by_field(ctx, worried, behaviour, impact):
    with rolled_back():
        try:
            entry = services.entry_create(actor=ctx["actor"], case=ctx["case"], map_=ctx["map"],
                                          voice=voice_key(ctx["parent"]), part=Part.FUTURE_DANGER,
                                          worried=worried, behaviour=behaviour, impact=impact)
        except ValidationError as error:
            assert set(error.message_dict) <= {"text", "worried", "behaviour", "impact"}
        else:
            stored = Entry.objects.get(pk=entry.pk)
            for value in (stored.text, stored.worried, stored.behaviour, stored.impact):
                assert_clean(value)
            assert stored.is_danger_statement


@PROPERTY
@given(text=garbage)
def test_any_edit_is_saved_cleaned_or_refused_and_then_changes_nothing(ctx, text):
    entry = ctx["entry"]
    with rolled_back():
        try:
            services.entry_update(actor=ctx["actor"], case=ctx["case"], entry=Entry.objects.get(pk=entry.pk),
                                  expected_version=entry.version, text=text)
        except ValidationError as error:
            assert set(error.message_dict) == {"text"}
            assert Entry.objects.get(pk=entry.pk).text == "Mama kocht"
        else:
            stored = Entry.objects.get(pk=entry.pk).text
            assert stored == clean_text(text)
            assert_clean(stored)


@PROPERTY
@given(words=garbage, agrees=st.booleans())
def test_any_view_on_an_entry_is_saved_cleaned_or_refused_on_words(ctx, words, agrees):
    with rolled_back():
        try:
            stance = services.stance_set(actor=ctx["actor"], case=ctx["case"], entry=ctx["entry"],
                                         voice=voice_key(ctx["parent"]), agrees=agrees, words=words)
        except ValidationError as error:
            assert set(error.message_dict) == {"words"}
        else:
            assert stance.words == clean_text(words)
            assert_clean(stance.words)
            assert agrees or stance.words


anything = st.one_of(
    st.integers(), st.integers(-2, 12), st.text(), st.text(alphabet="0123456789 +-_.", max_size=6),
    st.floats(allow_nan=True), st.booleans(), st.none(), st.lists(st.integers(0, 10), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1), st.binary(max_size=4),
    st.integers(0, 10).map(str), st.integers(10**4000, 10**4400),
)


@PROPERTY
@given(score=anything, reason=garbage, about=anything)
@example(score="٣", reason="", about=None)
@example(score="1_0", reason="", about="1_0")
@example(score=10**5000, reason="", about=10**5000)
def test_any_score_is_saved_or_refused_by_field(ctx, score, reason, about):
    for kind in ("safety", "willingness"):
        with rolled_back():
            try:
                scale = services.scale_set(actor=ctx["actor"], case=ctx["case"], map_=ctx["map"],
                                           voice=voice_key(ctx["parent"]), score=score, reason=reason,
                                           kind=kind, about=about)
            except ValidationError as error:
                assert set(error.message_dict) <= {"score", "reason", "about"}
            else:
                stored = Scale.objects.get(pk=scale.pk)
                assert isinstance(score, int) and not isinstance(score, bool)  # "7" is text, not a score
                assert stored.score == score and 0 <= score <= 10
                assert stored.reason == clean_text(reason)
                assert_clean(stored.reason)


@PROPERTY
@given(score=st.integers(0, 10))
def test_every_whole_number_from_0_to_10_is_a_score(ctx, score):
    with rolled_back():
        scale = services.scale_set(actor=ctx["actor"], case=ctx["case"], map_=ctx["map"],
                                   voice=voice_key(ctx["parent"]), score=score)
        assert scale.score == score


@PROPERTY
@given(title=garbage)
def test_any_map_title_is_saved_cleaned_or_refused_on_title(ctx, title):
    with rolled_back():
        try:
            map_ = services.map_create(actor=ctx["actor"], case=ctx["case"], title=title, copy_latest=False)
        except ValidationError as error:
            assert set(error.message_dict) == {"title"}
        else:
            assert map_.title == clean_text(title)
            assert_clean(map_.title)
