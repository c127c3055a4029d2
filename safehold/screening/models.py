"""Screening against the target group of a safety plan (seed 004): dated, kept over time (the latest of each child,
or of the whole family, is the current one), with an answer per criterion, form of risk and condition of neglect,
each in someone's words. The rules are in screening/rules.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Case, Person
from safehold.cases.voices import SpokenBy
from safehold.screening import rules


class Item(models.TextChoices):
    """What a screening asks, in the seed's order: the four criteria, four forms of risk (the fifth, gross and
    repeated neglect, is derived), the six conditions of neglect."""

    SAFETY_RISK = rules.CRITERIA[0], _("There is an obvious risk to the child's safety")
    SERIOUS_HARM = rules.CRITERIA[1], _("There is an obvious risk that the child suffers serious harm to health or "
                                        "development if family treatment in the form of a safety plan does not start")
    MASSIVE_SUPPORT = rules.CRITERIA[2], _("The parents need massive support to create safety for the child")
    ORDINARY_NOT_ENOUGH = rules.CRITERIA[3], _("Ordinary family treatment would not suffice to create safety for "
                                               "the child")
    GREAT_SAFETY_RISK = rules.RISK_FORMS[0], _("There is a great safety risk for the child")
    DANGER_TO_SELF = rules.RISK_FORMS[1], _("The child is a danger to themselves")
    HEALTH_IN_DANGER = rules.RISK_FORMS[2], _("The child's health is in imminent danger")
    VIOLENCE_OR_ABUSE = rules.RISK_FORMS[3], _("The child is exposed to violence or sexual abuse")
    BASIC_NEEDS = rules.CONDITIONS[0], _("The child's basic needs are not met, such as enough food, sleep, clothing, "
                                         "hygiene")
    VIOLENCE = rules.CONDITIONS[1], _("The child is exposed to violence or sexual abuse")
    SCHOOL = rules.CONDITIONS[2], _("The child does not come to school or day care")
    CLOSENESS = rules.CONDITIONS[3], _("The child does not experience emotional closeness and attention fitting "
                                       "the child's age and maturity")
    DEMANDS = rules.CONDITIONS[4], _("The child faces demands far from what fits the child's age")
    ADULTS_INFLUENCED = rules.CONDITIONS[5], _("At home the child is often with adults under the influence of "
                                               "drugs or alcohol")


# Not an answer but a result: shown beside the forms of risk.
NEGLECT_LABEL = _("The child is exposed to gross and repeated neglect")


class AnswerChoice(models.TextChoices):
    YES = rules.YES, pgettext_lazy("screening answer", "Yes")
    NO = rules.NO, pgettext_lazy("screening answer", "No")
    UNKNOWN = rules.UNKNOWN, pgettext_lazy("screening answer", "Unknown")


class Outcome(models.TextChoices):
    """The recommendation the rules give."""

    FITS = rules.FITS, _("Fits the target group")
    DOES_NOT_FIT = rules.DOES_NOT_FIT, _("Does not fit the target group")
    UNCLEAR = rules.UNCLEAR, _("Not clear yet")


class Decision(models.TextChoices):
    FITS = rules.FITS, _("Fits the target group")
    DOES_NOT_FIT = rules.DOES_NOT_FIT, _("Does not fit the target group")


class Screening(models.Model):
    """One screening of a case, or of one of its children where the children's situations differ."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="screenings")
    child = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="screenings",
                              verbose_name=_("child"))
    screened_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    # Kept by the services from the answers (rules.assess), so that lists and the case page need no answers.
    outcome = models.CharField(_("recommendation"), max_length=20, choices=Outcome.choices, default=Outcome.UNCLEAR)
    complete = models.BooleanField(_("complete"), default=False)
    worker_decision = models.CharField(_("the worker's decision"), max_length=20, choices=Decision.choices,
                                       blank=True)
    worker_reason = models.TextField(_("the worker's reason"), blank=True)
    worker_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                          blank=True, related_name="+")
    worker_decided_at = models.DateTimeField(null=True, blank=True)
    lead_decision = models.CharField(_("the team lead's decision"), max_length=20, choices=Decision.choices,
                                     blank=True)
    lead_reason = models.TextField(_("the team lead's reason"), blank=True)
    lead_decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                        blank=True, related_name="+")
    lead_decided_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-screened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.screened_on:%Y-%m-%d} {self.get_outcome_display()}"


class ScreeningAnswer(SpokenBy):
    """The answer to one item of a screening, who gave it and the evidence in their words, with the map entries
    it rests on. An item without a row is not answered yet."""

    screening = models.ForeignKey(Screening, on_delete=models.CASCADE, related_name="answers")
    item = models.CharField(_("item"), max_length=30, choices=Item.choices)
    answer = models.CharField(_("answer"), max_length=10, choices=AnswerChoice.choices)
    # Only for a condition of neglect that was met: did it happen repeatedly?
    repeated = models.BooleanField(_("repeatedly"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    map_entries = models.ManyToManyField("mapping.Entry", blank=True, related_name="screening_answers",
                                         verbose_name=_("map entries"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["screening", "item"], name="screening_answer_once")]

    def __str__(self) -> str:
        return f"{self.item}: {self.answer}"

    @property
    def rule_answer(self) -> rules.Answer:
        return rules.Answer(answer=self.answer, repeated=self.repeated)
