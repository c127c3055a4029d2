"""A screening's result as the pages show it: item by item, with who answered and the evidence, and gross and
repeated neglect derived from its conditions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safehold.mapping.models import Entry
from safehold.screening import rules
from safehold.screening.models import NEGLECT_LABEL, AnswerChoice, Item, Screening, ScreeningAnswer


@dataclass
class Row:
    label: str
    value: str  # yes / no / unknown, or "" when not answered
    shown: str  # the value as the page says it
    answer: ScreeningAnswer | None = None
    entries: list[Entry] = field(default_factory=list)
    derived: bool = False
    note: str = ""


@dataclass
class Group:
    key: str
    title: str
    rows: list[Row]


def _row(item: str, answer: ScreeningAnswer | None) -> Row:
    if answer is None:
        return Row(label=str(Item(item).label), value="", shown=_("Not answered"))
    shown = str(AnswerChoice(answer.answer).label)
    if item in rules.CONDITIONS and answer.answer == rules.YES:
        shown = (_("Yes, how often not said") if answer.repeated is None
                 else _("Yes, repeatedly") if answer.repeated else _("Yes, once"))
    return Row(label=str(Item(item).label), value=answer.answer, shown=shown, answer=answer,
               entries=list(answer.map_entries.all()))


def result_rows(screening: Screening, result: rules.Result) -> list[Group]:
    answers = {a.item: a for a in screening.answers.all()}
    found = result.neglect
    neglect = Row(label=str(NEGLECT_LABEL), value=found.applies, shown=str(AnswerChoice(found.applies).label),
                  derived=True, note=ngettext(
                      "%(count)d condition met repeatedly (at least %(needed)d needed)",
                      "%(count)d conditions met repeatedly (at least %(needed)d needed)",
                      found.counted) % {"count": found.counted, "needed": rules.NEGLECT_THRESHOLD})
    return [
        Group("criteria", _("The target group: all four must hold"), [_row(i, answers.get(i)) for i in rules.CRITERIA]),
        Group("risks", _("Forms of risk: at least one must apply"),
              [*(_row(i, answers.get(i)) for i in rules.RISK_FORMS), neglect]),
        Group("conditions", _("Gross and repeated neglect: at least two conditions met repeatedly"),
              [_row(i, answers.get(i)) for i in rules.CONDITIONS]),
    ]
