"""The target-group rules (seed 004) at their edges: each criterion, each form of risk, and "gross and repeated
neglect" counting only conditions met repeatedly, at least two of six."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehold.screening import rules
from safehold.screening.rules import CONDITIONS, CRITERIA, NEGLECT, RISK_FORMS, Answer

YES, NO, UNKNOWN = rules.YES, rules.NO, rules.UNKNOWN


def _conditions(repeated: int = 0, once: int = 0) -> dict[str, Answer]:
    """The first `repeated` conditions met repeatedly, the next `once` met once, the rest not met."""
    answers = {}
    for index, item in enumerate(CONDITIONS):
        if index < repeated:
            answers[item] = Answer(YES, True)
        elif index < repeated + once:
            answers[item] = Answer(YES, False)
        else:
            answers[item] = Answer(NO)
    return answers


def _fitting(**overrides: Answer) -> dict[str, Answer]:
    answers = {**{c: Answer(YES) for c in CRITERIA}, **{r: Answer(NO) for r in RISK_FORMS}, **_conditions()}
    answers[RISK_FORMS[0]] = Answer(YES)
    return answers | overrides


@pytest.mark.parametrize(("repeated", "once", "applies"), [
    (0, 0, NO), (1, 0, NO), (2, 0, YES), (6, 0, YES),
    (0, 2, NO),  # two conditions met once only
    (1, 1, NO),  # one repeated, one once
    (1, 5, NO), (3, 3, YES),
])
def test_neglect_counts_conditions_met_repeatedly_and_needs_two(repeated, once, applies):
    found = rules.neglect(_conditions(repeated, once))
    assert found.counted == repeated
    assert found.applies == applies


def test_one_condition_met_without_saying_how_often_leaves_neglect_open_when_it_could_decide():
    answers = _conditions(1) | {CONDITIONS[5]: Answer(YES, None)}
    assert rules.neglect(answers).applies == UNKNOWN
    assert CONDITIONS[5] in rules.missing(answers)


def test_with_no_condition_answered_neglect_is_unknown():
    assert rules.neglect({}).applies == UNKNOWN


def test_neglect_already_applies_with_two_repeated_and_the_rest_unanswered():
    answers = {CONDITIONS[0]: Answer(YES, True), CONDITIONS[3]: Answer(YES, True)}
    assert rules.neglect(answers).applies == YES


def test_all_four_criteria_and_one_form_of_risk_fit():
    result = rules.assess(_fitting())
    assert result.outcome == rules.FITS and result.complete and result.missing == []


@pytest.mark.parametrize("criterion", CRITERIA)
def test_each_criterion_answered_no_means_it_does_not_fit(criterion):
    assert rules.assess(_fitting(**{criterion: Answer(NO)})).outcome == rules.DOES_NOT_FIT


@pytest.mark.parametrize("criterion", CRITERIA)
def test_each_criterion_unknown_leaves_it_unclear(criterion):
    result = rules.assess(_fitting(**{criterion: Answer(UNKNOWN)}))
    assert result.outcome == rules.UNCLEAR and result.complete  # unknown is an answer, not a missing one


@pytest.mark.parametrize("risk", RISK_FORMS)
def test_each_form_of_risk_alone_is_enough(risk):
    answers = _fitting(**{RISK_FORMS[0]: Answer(NO), risk: Answer(YES)})
    assert rules.assess(answers).outcome == rules.FITS


def test_gross_and_repeated_neglect_alone_is_enough():
    answers = _fitting(**{RISK_FORMS[0]: Answer(NO)}) | _conditions(2)
    result = rules.assess(answers)
    assert result.risks[NEGLECT] == YES and result.outcome == rules.FITS


def test_two_conditions_met_once_only_are_no_form_of_risk():
    answers = _fitting(**{RISK_FORMS[0]: Answer(NO)}) | _conditions(0, 2)
    result = rules.assess(answers)
    assert result.risks[NEGLECT] == NO and result.outcome == rules.DOES_NOT_FIT


def test_no_form_of_risk_but_one_unknown_is_unclear():
    answers = _fitting(**{RISK_FORMS[0]: Answer(NO), RISK_FORMS[2]: Answer(UNKNOWN)})
    assert rules.assess(answers).outcome == rules.UNCLEAR


def test_missing_lists_every_item_not_answered_in_order():
    assert rules.missing({}) == list(rules.ITEMS)
    assert rules.missing(_fitting()) == []
    answers = _fitting()
    del answers[CRITERIA[1]]
    answers[CONDITIONS[2]] = Answer(UNKNOWN)  # a condition is met or not
    assert rules.missing(answers) == [CRITERIA[1], CONDITIONS[2]]


condition_answers = st.sampled_from([Answer(NO), Answer(YES, True), Answer(YES, False), Answer(YES, None)])


@given(st.dictionaries(st.sampled_from(CONDITIONS), condition_answers))
def test_neglect_applies_exactly_when_two_conditions_were_met_repeatedly(answers):
    repeated = sum(1 for a in answers.values() if a.answer == YES and a.repeated is True)
    found = rules.neglect(answers)
    assert found.counted == repeated
    assert (found.applies == YES) == (repeated >= 2)
    if len(answers) == len(CONDITIONS) and all(a.repeated is not None or a.answer == NO for a in answers.values()):
        assert found.applies in (YES, NO)  # all answered: never unknown


any_answer = st.sampled_from([Answer(YES), Answer(NO), Answer(UNKNOWN)])


@given(st.dictionaries(st.sampled_from([*CRITERIA, *RISK_FORMS]), any_answer),
       st.dictionaries(st.sampled_from(CONDITIONS), condition_answers))
def test_it_fits_only_with_every_criterion_yes_and_a_risk(main, conditions):
    result = rules.assess(main | conditions)
    if result.outcome == rules.FITS:
        assert all(main.get(c) == Answer(YES) for c in CRITERIA)
        assert YES in result.risks.values()
    if any(main.get(c) == Answer(NO) for c in CRITERIA):
        assert result.outcome == rules.DOES_NOT_FIT
