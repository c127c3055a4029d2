"""Answers for a screening, as the services take them: complete and fitting, or with some left out."""

from __future__ import annotations

from typing import Any

from safehold.screening import rules


def full_answers(voice: str, *, neglect_repeated: int = 0, **overrides: str) -> dict[str, dict[str, Any]]:
    """Every item answered by `voice`: the criteria yes, a great safety risk yes, the other forms no, the first
    `neglect_repeated` conditions met repeatedly and the rest not met; `overrides` item → answer."""
    answers: dict[str, dict[str, Any]] = {}
    for item in rules.ITEMS:
        answer = rules.YES if item in rules.CRITERIA or item == "great_safety_risk" else rules.NO
        repeated = None
        if item in rules.CONDITIONS and rules.CONDITIONS.index(item) < neglect_repeated:
            answer, repeated = rules.YES, True
        answers[item] = {"answer": overrides.get(item, answer), "voice": voice, "evidence": f"About {item}",
                         "repeated": repeated}
    return answers
