"""Property tests: whatever a form or API client sends as a panel's text, part of the story or figures, the
services either save it cleaned or refuse it with a ValidationError naming the field. Never another exception."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from safehold.words_pictures import services
from safehold.words_pictures.figures import FIGURES
from safehold.words_pictures.models import PANEL_TEXT, Panel, Section

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

garbage = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x20), max_size=8),
    st.text(alphabet=st.sampled_from("a \t\n\r\x00\x07\x1b\x7f\x85\u2028\u200b\ufeff"), max_size=12),
    st.text(alphabet=st.sampled_from("Øøæßé\u0301\u0308ẞı😀中"), max_size=8),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "ø", "\x00", " ", "😀", "a\r\n"]),
              st.integers(990, 1100)),
)
anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), garbage,
                     st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                          max_size=2))
figures = st.one_of(
    st.lists(st.sampled_from(sorted(FIGURES)), max_size=6),
    st.lists(st.one_of(st.sampled_from(sorted(FIGURES)), garbage, st.integers(), st.none()), max_size=5),
    anything,
)
sections = st.one_of(st.sampled_from(Section.values), anything)


@contextmanager
def rolled_back() -> Iterator[None]:
    """Each example starts from the fixtures alone."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def ctx(case, caseworker, story):
    return {"actor": caseworker, "case": case, "story": story}


@PROPERTY
@given(text=garbage, section=sections, chosen=figures)
@example(text="\x00", section="other", chosen=[])
@example(text="x" * 1001, section="other", chosen=["sun"])
@example(text="Far og mor", section="other", chosen=["sun", "sun", "heart", "house", "car"])
def test_a_panel_is_saved_cleaned_or_refused_naming_the_field(ctx, text, section, chosen):
    with rolled_back():
        try:
            panel = services.panel_create(actor=ctx["actor"], case=ctx["case"], story=ctx["story"], section=section,
                                          text=text, figures=chosen)
        except ValidationError as error:
            assert set(error.message_dict) <= {"section", "text", "figures"}
            assert not Panel.objects.filter(story=ctx["story"]).exists()
            return
        stored = Panel.objects.get(pk=panel.pk)
        assert stored.text and len(stored.text) <= PANEL_TEXT
        assert stored.text == stored.text.strip()
        assert all(ch in "\n\t" or unicodedata.category(ch) != "Cc" for ch in stored.text)
        assert stored.section in Section.values
        assert len(stored.figures) <= 4 and set(stored.figures) <= set(FIGURES)
        assert len(set(stored.figures)) == len(stored.figures)


@PROPERTY
@given(text=anything, chosen=figures)
def test_a_panel_update_is_saved_or_refused_and_the_panel_stays_whole(ctx, text, chosen):
    with rolled_back():
        panel = services.panel_create(actor=ctx["actor"], case=ctx["case"], story=ctx["story"], section="other",
                                      text="Start")
        try:
            services.panel_update(actor=ctx["actor"], case=ctx["case"], panel=panel, expected_version=1, text=text,
                                  figures=chosen)
        except ValidationError as error:
            assert set(error.message_dict) <= {"text", "figures"}
            assert Panel.objects.get(pk=panel.pk).text == "Start"
            return
        assert Panel.objects.get(pk=panel.pk).text
