"""Property tests: whatever a form or API client sends as a rule's text, situation or periods, or as a
check-in's safety score, the services either save it cleaned or refuse it with a ValidationError naming the
field. Never another exception."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from safehold.safety_plans import services
from safehold.safety_plans.coverage import CELLS
from safehold.safety_plans.models import CheckIn, PlanStatus, Rule, SafetyPlan

PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

garbage = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(max_codepoint=0x20), max_size=8),
    st.text(alphabet=st.sampled_from("a \t\n\r\x00\x07\x1b\x7f\x85\u2028\u200b\ufeff"), max_size=12),
    st.text(alphabet=st.sampled_from("Øøæßé\u0301\u0308ẞı😀中"), max_size=8),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["x", "ø", "\x00", " ", "😀", "a\r\n"]),
              st.integers(290, 2400)),
)
anything = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), garbage,
                     st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                          max_size=2))
periods = st.one_of(
    st.lists(st.sampled_from(CELLS), max_size=30),
    st.lists(st.one_of(st.sampled_from(CELLS), garbage, st.integers(), st.none(), st.lists(st.text(max_size=3))),
             max_size=5),
    st.sets(st.sampled_from(CELLS)),
    st.sampled_from(CELLS),
    anything,
)
scores = st.one_of(st.integers(-5, 15), st.integers(), st.text(alphabet="0123456789 -+.", max_size=6),
                   st.builds(lambda n: "9" * n, st.integers(1, 6000)), anything)


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
def ctx(case, caseworker, team_lead, parent):
    plan = services.plan_create(actor=caseworker, case=case)
    return {"actor": caseworker, "case": case, "plan": plan, "parent": parent, "lead": team_lead}


@PROPERTY
@given(text=garbage, situation=st.one_of(garbage, anything), cells=periods)
@example(text="Mama bleibt da", situation="", cells="mon:morning")
@example(text="Mama bleibt da", situation="", cells=[1, "x"])
@example(text="Mama bleibt da", situation="", cells=[["mon:day"]])
def test_a_rule_from_any_input_is_saved_clean_or_refused_on_its_field(ctx, text, situation, cells):
    with rolled_back():
        try:
            rule = services.rule_create(actor=ctx["actor"], case=ctx["case"], plan=ctx["plan"], text=text,
                                        situation=situation, periods=cells, responsible=ctx["parent"].pk)
        except ValidationError as refused:
            assert set(refused.message_dict) <= {"text", "situation", "periods"}
            assert not Rule.objects.exists()
        else:
            rule.refresh_from_db()
            assert_clean(rule.text)
            assert_clean(rule.situation)
            assert rule.text and len(rule.text) <= 2000 and len(rule.situation) <= 300
            assert rule.periods == [cell for cell in CELLS if cell in rule.periods]
            assert rule.periods or rule.situation


@PROPERTY
@given(score=scores)
@example(score="9" * 5000)
@example(score=10**5000)
@example(score=" 10 ")
@example(score=True)
def test_a_safety_score_from_any_input_is_saved_or_refused_on_its_field(ctx, score):
    with rolled_back():
        services.rule_create(actor=ctx["actor"], case=ctx["case"], plan=ctx["plan"], text="Mama bleibt da",
                             periods=list(CELLS), responsible=ctx["parent"].pk)
        SafetyPlan.objects.filter(pk=ctx["plan"].pk).update(status=PlanStatus.ACTIVE)
        try:
            check_in = services.check_in_create(actor=ctx["actor"], case=ctx["case"], plan=ctx["plan"],
                                                source="call", safety_score=score)
        except ValidationError as refused:
            assert list(refused.message_dict) == ["safety_score"]
            assert not CheckIn.objects.exists()
        else:
            check_in.refresh_from_db()
            assert check_in.safety_score is None or 0 <= check_in.safety_score <= 10
            assert check_in.safety_score == score


@PROPERTY
@given(text=st.one_of(garbage, anything), phone=st.one_of(garbage, anything))
def test_plan_sections_and_contacts_from_any_input_are_saved_clean_or_refused_on_their_field(ctx, text, phone):
    with rolled_back():
        plan = SafetyPlan.objects.get(pk=ctx["plan"].pk)  # as each example finds it: the last was rolled back
        try:
            services.plan_update(actor=ctx["actor"], case=ctx["case"], plan=plan, expected_version=plan.version,
                                 minimum_requirements=text, if_worries_who_is_called=text)
        except ValidationError as refused:
            assert set(refused.message_dict) <= {"minimum_requirements", "if_worries_who_is_called"}
        else:
            plan.refresh_from_db()
            assert_clean(plan.minimum_requirements)
            assert len(plan.minimum_requirements) <= 2000
        try:
            contact = services.contact_add(actor=ctx["actor"], case=ctx["case"], plan=plan, name=text, phone=phone)
        except ValidationError as refused:
            assert set(refused.message_dict) <= {"name", "phone"}
        else:
            assert_clean(contact.name)
            assert contact.name and len(contact.name) <= 201 and len(contact.phone) <= 40
