"""The target group of a safety plan (seed 004, Roskilde: "Målgruppen for en sikkerhedsplan"), as pure rules.

A case fits the target group when all four criteria hold:
- an obvious risk to the child's safety;
- an obvious risk that the child suffers serious harm to health or development if family treatment in the form of
  a safety plan does not start;
- the parents need massive support to create safety for the child;
- ordinary family treatment would not suffice to create safety for the child;
and at least one form of risk applies (the seed spells out the first two criteria as these): a great safety risk,
the child is a danger to themselves, the child's health is in imminent danger, violence or sexual abuse, gross and
repeated neglect.

"Gross and repeated neglect" is not answered directly: it applies when the child has *repeatedly* met at least two
of the six conditions (basic needs not met; violence or sexual abuse; not in school or day care; no emotional
closeness fitting the child's age; demands far from the child's age; often with adults under the influence).
Counted are the conditions that were met AND repeated; a condition met once does not count.

The result is one of three: fits; does not fit (a criterion is "no", or every form of risk is ruled out); not
clear yet (what is "unknown" or not answered could still decide it either way). It is a recommendation: the
worker decides, and the team lead where the organisation asks for it.

No Django here: the rules take the answers as plain values, so they are tested at their edges on their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

YES, NO, UNKNOWN = "yes", "no", "unknown"
ANSWERS = (YES, NO, UNKNOWN)

FITS, DOES_NOT_FIT, UNCLEAR = "fits", "does_not_fit", "unclear"

CRITERIA = ("safety_risk", "serious_harm", "massive_support", "ordinary_not_enough")
RISK_FORMS = ("great_safety_risk", "danger_to_self", "health_in_danger", "violence_or_abuse")
NEGLECT = "gross_neglect"  # the fifth form of risk, derived from the conditions
CONDITIONS = ("basic_needs", "violence", "school", "closeness", "demands", "adults_influenced")
# Every item a screening asks, in the order the seed lists them.
ITEMS = (*CRITERIA, *RISK_FORMS, *CONDITIONS)
NEGLECT_THRESHOLD = 2  # "mindst to af nedenstående forhold", each "gentagende gange"


@dataclass(frozen=True)
class Answer:
    """One item's answer: yes / no / unknown; for a condition also whether it happened repeatedly (None: not
    said)."""

    answer: str
    repeated: bool | None = None


@dataclass(frozen=True)
class Neglect:
    counted: int  # conditions met repeatedly
    open: int  # conditions that could still count: not answered, unknown, or met without saying how often
    applies: str  # yes / no / unknown


@dataclass(frozen=True)
class Result:
    outcome: str  # fits / does_not_fit / unclear
    criteria: dict[str, str]  # item → yes / no / unknown ("unknown" also for one not answered)
    risks: dict[str, str]  # the five forms of risk, neglect derived
    neglect: Neglect
    missing: list[str]  # the items not answered yet, in order

    @property
    def complete(self) -> bool:
        return not self.missing


def counts_for_neglect(answer: Answer | None) -> bool:
    """A condition counts only when it was met and met repeatedly."""
    return answer is not None and answer.answer == YES and answer.repeated is True


def neglect(answers: Mapping[str, Answer]) -> Neglect:
    counted = sum(counts_for_neglect(answers.get(c)) for c in CONDITIONS)
    open_ = sum(1 for c in CONDITIONS if _undecided_condition(answers.get(c)))
    if counted >= NEGLECT_THRESHOLD:
        applies = YES
    elif counted + open_ >= NEGLECT_THRESHOLD:
        applies = UNKNOWN
    else:
        applies = NO
    return Neglect(counted=counted, open=open_, applies=applies)


def _undecided_condition(answer: Answer | None) -> bool:
    if answer is None or answer.answer == UNKNOWN:
        return True
    return answer.answer == YES and answer.repeated is None


def is_answered(item: str, answer: Answer | None) -> bool:
    """A criterion or form of risk is answered with yes, no or unknown; a condition with met yes or no, and a met
    one also with whether it happened repeatedly."""
    if answer is None or answer.answer not in ANSWERS:
        return False
    if item in CONDITIONS:
        return answer.answer == NO or (answer.answer == YES and answer.repeated is not None)
    return True


def missing(answers: Mapping[str, Answer]) -> list[str]:
    return [item for item in ITEMS if not is_answered(item, answers.get(item))]


def assess(answers: Mapping[str, Answer]) -> Result:
    """The recommendation from the answers, item by item."""

    def said(item: str) -> str:
        answer = answers.get(item)
        return answer.answer if answer is not None and answer.answer in ANSWERS else UNKNOWN

    criteria = {item: said(item) for item in CRITERIA}
    found = neglect(answers)
    risks = {**{item: said(item) for item in RISK_FORMS}, NEGLECT: found.applies}
    if NO in criteria.values() or all(v == NO for v in risks.values()):
        outcome = DOES_NOT_FIT
    elif all(v == YES for v in criteria.values()) and YES in risks.values():
        outcome = FITS
    else:
        outcome = UNCLEAR
    return Result(outcome=outcome, criteria=criteria, risks=risks, neglect=found, missing=missing(answers))
