"""The 24/7 safety plan (seed 004 "Hvad indeholder en sikkerhedsplan", seed 003 "24/7 plan"): the rules the
family and network agreed, who keeps each and when, the network coordinator, contacts, agreements with
professionals, what happens if the plan does not hold; its versions, sign-off and monitoring.

Each version of a plan is one SafetyPlan row. An approved version is frozen; a change starts a new version
as a copy (`version_no` + 1). Rules keep a `lineage` across versions so that versions can be compared.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, Person
from safehold.safety_plans.coverage import PRESENCE, period_labels


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    ACTIVE = "active", _("Active")
    SUPERSEDED = "superseded", _("Superseded")
    ENDED = "ended", _("Ended")


# Forward one step, back from proposed to draft (the team lead sends it back), and ending an approved or
# active plan. Superseding happens when the next version becomes active.
PLAN_TRANSITIONS: dict[str, tuple[str, ...]] = {
    PlanStatus.DRAFT: (PlanStatus.PROPOSED,),
    PlanStatus.PROPOSED: (PlanStatus.APPROVED, PlanStatus.DRAFT),
    PlanStatus.APPROVED: (PlanStatus.ACTIVE, PlanStatus.ENDED),
    PlanStatus.ACTIVE: (PlanStatus.ENDED,),
    PlanStatus.SUPERSEDED: (),
    PlanStatus.ENDED: (),
}
# The plan's sections of free text, in the order the plan page and the comparison show them.
PLAN_TEXT_FIELDS = ("minimum_requirements", "child_explanation", "information_given", "if_worries_who_notices",
                    "if_worries_who_is_called", "if_worries_authority", "uncovered_reason")
FROZEN = (PlanStatus.APPROVED, PlanStatus.ACTIVE, PlanStatus.SUPERSEDED, PlanStatus.ENDED)
# A version still in the making or in force: a story may still be linked to it (services.plan_story_link).
RUNNING = (PlanStatus.DRAFT, PlanStatus.PROPOSED, PlanStatus.APPROVED, PlanStatus.ACTIVE)


class RuleKind(models.TextChoices):
    """What a rule is. Only someone safe being there covers periods of the week (coverage.py): an if-then rule
    ("if he has been drinking, he leaves and calls grandmother") or a professional's check keeps no one safe
    by itself at those times."""

    PRESENCE = PRESENCE, _("Someone safe is there and responsible at these times")
    IF_THEN = "if_then", _("If-then rule for a situation")
    CHECK = "check", _("A check by a professional")
    OTHER = "other", _("Other agreement")


class FamilyNetworkPicture(models.TextChoices):
    """What the family's plan shows of the network. The authority's version always shows the ecomap and the
    genogram; the family's never shows the worker's view of strained or conflictual ties."""

    SAFETY_NETWORK = "safety_network", _("The safety network")
    NONE = "none", _("No picture")


class SafetyPlan(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_plans")
    version_no = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    map = models.ForeignKey("mapping.Map", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("map it builds on"))
    # How the plan is explained to the children: the Words & Pictures story, where there is one, and the text.
    story = models.ForeignKey("words_pictures.Story", on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("Words & Pictures story"))
    minimum_requirements = models.TextField(_("minimum requirements"), blank=True)
    coordinator = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("network coordinator"))
    child_explanation = models.TextField(_("how the plan is explained to the child"), blank=True)
    information_given = models.TextField(_("information given to the people around the child"), blank=True)
    if_worries_who_notices = models.TextField(_("if new worries arise: who notices"), blank=True)
    if_worries_who_is_called = models.TextField(_("who is called"), blank=True)
    if_worries_authority = models.TextField(_("what the authority does"), blank=True)
    review_every_days = models.PositiveSmallIntegerField(_("review every (days)"), default=14)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    uncovered_reason = models.TextField(_("why some periods are not covered"), blank=True)
    # The people the plan's danger statements name as the source of worry: a rule they keep never counts as
    # a safe adult being there. Chosen by the worker, not guessed from the statements' words.
    worry_about = models.ManyToManyField(Person, blank=True, related_name="+",
                                         verbose_name=_("whom the worry is about"))
    family_network_picture = models.CharField(_("network picture in the family's plan"), max_length=20,
                                              choices=FamilyNetworkPicture.choices,
                                              default=FamilyNetworkPicture.SAFETY_NETWORK)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    approval_comment = models.TextField(_("the team lead's comment on the approval"), blank=True)
    # Why the last proposal was sent back to draft, and by whom: shown to the caseworker on the draft.
    sent_back_reason = models.TextField(_("why the plan was sent back"), blank=True)
    sent_back_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    sent_back_at = models.DateTimeField(null=True, blank=True)
    activated_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking, not the plan's version number
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")

    class Meta:
        ordering = ["version_no", "id"]
        verbose_name = _("safety plan")
        verbose_name_plural = _("safety plans")
        constraints = [
            models.UniqueConstraint(fields=["case", "version_no"], name="plan_version_unique_per_case"),
            # What the services promise, held by the database too in case two requests race past their checks.
            models.UniqueConstraint(fields=["case"], condition=models.Q(status__in=["draft", "proposed"]),
                                    name="plan_one_open_version_per_case"),
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="active"),
                                    name="plan_one_active_version_per_case"),
            models.CheckConstraint(condition=models.Q(review_every_days__gte=1, review_every_days__lte=90),
                                   name="plan_review_interval_1_to_90_days"),
        ]
        indexes = [
            models.Index(fields=["case", "status"], name="plan_case_status"),
            models.Index(fields=["status", "next_review_on"], name="plan_status_review"),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} v{self.version_no}"

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN


class Rule(models.Model):
    """An agreement made with the family, in their words: what exactly happens, who keeps it, when."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="rules")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind of rule"), max_length=20, choices=RuleKind.choices, default=RuleKind.PRESENCE)
    text = models.TextField(_("what exactly happens"))
    responsible = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("who is responsible"))
    periods = models.JSONField(_("when it applies"), default=list, blank=True)  # cells, see coverage.py
    holidays = models.BooleanField(_("also on holidays"), default=False)
    situation = models.CharField(_("in this situation"), max_length=300, blank=True)
    answers = models.ForeignKey("mapping.Entry", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("answers the danger statement"))
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        indexes = [models.Index(fields=["plan", "position"], name="rule_plan_position")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def period_labels(self) -> list[str]:
        """When the rule applies, in few words (see coverage.period_labels)."""
        return period_labels(self.periods)


class Contact(models.Model):
    """Someone in the plan and how to reach them."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(_("name"), max_length=201)
    role = models.CharField(_("role in the plan"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name


class ProfessionalAgreement(models.Model):
    """What a professional (school, day care, GP, police…) agreed to do, and the referral it may point to."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="agreements")
    agency = models.CharField(_("who"), max_length=200)
    agreement = models.TextField(_("what they agreed"))
    # The help the agreement is about, when a referral of the case stands behind it (issue 16): family documents
    # name its provider only once the family consented to share data (documents.agreed_help).
    referral = models.ForeignKey("resources.Referral", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="plan_agreements", verbose_name=_("referral"))
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agreement with a professional")
        verbose_name_plural = _("agreements with professionals")

    def __str__(self) -> str:
        return self.agency


class SignOff(models.Model):
    """A family or network member agreed to this version of the plan."""

    class How(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("By phone")

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="sign_offs")
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    name = models.CharField(max_length=201)
    how = models.CharField(_("how"), max_length=20, choices=How.choices)
    signed_on = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["signed_on", "id"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [models.UniqueConstraint(fields=["plan", "person"], name="sign_off_once_per_person")]

    def __str__(self) -> str:
        return self.name


class CheckInSource(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    CALL = "call", _("Phone call")
    SCHOOL = "school", _("Report from school or day care")
    NETWORK = "network", _("Report from the network")


class CheckIn(models.Model):
    """Monitoring the active plan: how each rule held, as far as anyone knows, and a safety score."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="check_ins")
    checked_on = models.DateField(_("date"), default=timezone.localdate)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    source = models.CharField(_("source"), max_length=20, choices=CheckInSource.choices)
    safety_score = models.PositiveSmallIntegerField(_("safety scale"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["checked_on", "id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.CheckConstraint(condition=models.Q(safety_score__gte=0, safety_score__lte=10)
                                   | models.Q(safety_score__isnull=True), name="check_in_score_0_to_10"),
        ]
        indexes = [models.Index(fields=["plan", "checked_on"], name="check_in_plan_date")]

    def __str__(self) -> str:
        return f"{self.checked_on}"


class RuleResult(models.TextChoices):
    HELD = "held", _("Held")
    BROKEN = "broken", _("Broken")
    UNKNOWN = "unknown", _("Not known")


class RuleCheck(models.Model):
    check_in = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="rule_checks")
    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="checks")
    result = models.CharField(_("result"), max_length=10, choices=RuleResult.choices, default=RuleResult.UNKNOWN)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("rule check")
        verbose_name_plural = _("rule checks")
        constraints = [models.UniqueConstraint(fields=["check_in", "rule"], name="rule_checked_once_per_check_in")]
        indexes = [models.Index(fields=["rule", "check_in"], name="rule_check_rule")]

    def __str__(self) -> str:
        return self.result
