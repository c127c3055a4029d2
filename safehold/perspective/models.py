"""Perspektivklärung (seed 002): where a child of the case lives for a limited time (the placement) and the
contacts with parents and other attachment figures during it, with what the professionals observed."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from safehold.cases.models import Case, Person
from safehold.core.validation import SHORT


class Setting(models.TextChoices):
    EMERGENCY_FOSTER = "emergency_foster", _("Emergency foster family")
    KINSHIP = "kinship", _("Kinship care")
    FOSTER = "foster", _("Foster family")
    RESIDENTIAL = "residential", _("Residential care")
    OTHER = "other", _("Other")


class Custody(models.TextChoices):
    """Who holds custody or guardianship while the child is placed."""

    PARENTS = "parents", _("The parents")
    ONE_PARENT = "one_parent", _("One parent")
    GUARDIAN = "guardian", _("Guardian (official guardianship)")
    SUPPLEMENTARY = "supplementary", _("Supplementary curator (part of custody)")
    OTHER = "other", _("Other")


class Placement(models.Model):
    """A child of the case living away from the parents for a time: where, with whom, from when to when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placements")
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="placements",
                              verbose_name=_("child"))
    setting = models.CharField(pgettext_lazy("placement", "setting"), max_length=30, choices=Setting.choices)
    carers = models.ManyToManyField(Person, blank=True, related_name="placements_caring",
                                    verbose_name=_("carers"))
    starts_on = models.DateField(_("start"))
    time_frame_months = models.PositiveSmallIntegerField(_("time frame (months)"), null=True, blank=True)
    planned_end_on = models.DateField(_("planned end"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    custody = models.CharField(_("custody or guardianship"), max_length=20, choices=Custody.choices,
                               default=Custody.PARENTS)
    custody_holder = models.CharField(_("who holds it"), max_length=SHORT, blank=True)
    youth_office_contact = models.CharField(_("youth office contact"), max_length=SHORT, blank=True)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_setting_display()} {self.starts_on:%Y-%m-%d}"

    @property
    def until(self) -> date | None:
        """The last day as far as it is known: the day it ended, else the planned end."""
        return self.ended_on or self.planned_end_on


class ContactSetting(models.TextChoices):
    SUPERVISED = "supervised", _("Supervised")
    ACCOMPANIED = "accompanied", _("Accompanied")
    UNACCOMPANIED = "unaccompanied", _("Unaccompanied")


class ContactStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("contact visit", "Planned")
    HELD = "held", pgettext_lazy("contact visit", "Held")
    CANCELLED = "cancelled", pgettext_lazy("contact visit", "Cancelled")


# The structured observation of a contact, in the order it is written down.
OBSERVATION_FIELDS = ("meeting_parting", "child_signals", "parent_responsiveness", "strengths", "challenges",
                      "what_helped")


class Contact(models.Model):
    """A contact of the placed child with a parent or another attachment figure: planned, held or cancelled,
    with what the professionals observed and the reflection with the parent afterwards."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placement_contacts")
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="contacts")
    on = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=SHORT, blank=True)
    setting = models.CharField(pgettext_lazy("contact visit", "setting"), max_length=20,
                               choices=ContactSetting.choices, default=ContactSetting.SUPERVISED)
    status = models.CharField(_("status"), max_length=20, choices=ContactStatus.choices,
                              default=ContactStatus.PLANNED)
    present = models.ManyToManyField(Person, blank=True, related_name="contacts_present",
                                     verbose_name=_("who was there"))
    present_others = models.CharField(_("also there"), max_length=SHORT, blank=True)
    meeting_parting = models.TextField(_("meeting and parting"), blank=True)
    child_signals = models.TextField(_("the child's signals"), blank=True)
    parent_responsiveness = models.TextField(_("the parent's responsiveness"), blank=True)
    strengths = models.TextField(_("strengths"), blank=True)
    challenges = models.TextField(_("challenges"), blank=True)
    what_helped = models.TextField(_("what helped"), blank=True)
    reflection = models.TextField(_("reflection with the parent"), blank=True)
    cancelled_by = models.CharField(_("cancelled by"), max_length=SHORT, blank=True)
    cancel_reason = models.TextField(_("why it was cancelled"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_status_display()}"


class AssignmentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("assignment", "Open")
    IN_PROGRESS = "in_progress", pgettext_lazy("assignment", "In progress")
    ANSWERED = "answered", pgettext_lazy("assignment", "Answered")
    WITHDRAWN = "withdrawn", pgettext_lazy("assignment", "Withdrawn")


# An assignment in one of these keeps the recommendation waiting.
PENDING_STATUSES = (AssignmentStatus.OPEN, AssignmentStatus.IN_PROGRESS)


class Assignment(models.Model):
    """A clarification or diagnostic assignment (Klärungs- und Diagnostikauftrag), usually agreed in a care-plan
    meeting: the question, who commissioned it, who answers it by when, and the findings in someone's words."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="clarification_assignments")
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="clarification_assignments", verbose_name=_("agreed in the meeting"))
    question = models.TextField(_("question"))
    commissioned_by = models.CharField(_("commissioned by"), max_length=SHORT, blank=True)
    answered_by = models.CharField(_("who answers it"), max_length=SHORT, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=AssignmentStatus.choices,
                              default=AssignmentStatus.OPEN)
    findings = models.TextField(_("findings"), blank=True)
    findings_by = models.CharField(_("in whose words"), max_length=SHORT, blank=True)
    contacts = models.ManyToManyField(Contact, blank=True, related_name="assignments",
                                      verbose_name=_("linked contacts"))
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.question[:80]


class RecommendationOption(models.TextChoices):
    RETURN_HOME = "return_home", _("Return home")
    KINSHIP = "kinship", _("Kinship care")
    LONG_TERM_FOSTER = "long_term_foster", _("Long-term foster care")
    OTHER = "other", _("Other")


class Recommendation(models.Model):
    """The professionals' recommendation at the end of a placement's clarification: where the child should live,
    why, and what the parents and the guardian think of it, recorded beside it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="placement_recommendations")
    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="recommendation")
    option = models.CharField(_("recommendation"), max_length=20, choices=RecommendationOption.choices)
    help_needed = models.TextField(_("with which help"), blank=True)
    reasons = models.TextField(_("reasons"))
    parents_view = models.TextField(_("the parents' view"), blank=True)
    guardian_view = models.TextField(_("the guardian's view"), blank=True)
    assignments = models.ManyToManyField(Assignment, blank=True, related_name="recommendations",
                                         verbose_name=_("linked assignments"))
    contacts = models.ManyToManyField(Contact, blank=True, related_name="recommendations",
                                      verbose_name=_("linked contacts"))
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return str(self.get_option_display())


# The meetings a Hilfeplan is written from: the first care-plan meeting, and the review that updates it
# (Fortschreibung). Other meetings (a network meeting, a safety-plan meeting) have no Hilfeplan.
HELP_PLAN_KINDS = ("care_plan", "review")


class HelpPlan(models.Model):
    """The Hilfeplan (§ 36 SGB VIII) written from a care-plan meeting, or from a review meeting as its update
    (Fortschreibung): the situation, the goals, the agreed help with who gives it and its legal basis. The
    participants, the expectations, the agreements and the next review are the meeting's own; the document
    shows them beside the plan."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="help_plans")
    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.CASCADE, related_name="help_plan")
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="help_plans", verbose_name=_("child"))
    placement = models.ForeignKey(Placement, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="help_plans", verbose_name=_("placement"))
    situation = models.TextField(pgettext_lazy("care plan", "situation"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    help = models.TextField(_("the agreed help"), blank=True)
    provider = models.CharField(_("who gives the help"), max_length=SHORT, blank=True)
    legal_bases = models.ManyToManyField("cases.LegalBasis", blank=True, related_name="help_plans",
                                         verbose_name=_("legal basis"))
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("care plan")
        verbose_name_plural = _("care plans")

    def __str__(self) -> str:
        return f"{self.meeting_id}"

    @property
    def goal_list(self) -> list[str]:
        """The goals, one a line, without the empty lines: the document numbers them."""
        return [line.strip() for line in self.goals.splitlines() if line.strip()]


class SignOffHow(models.TextChoices):
    # The same words as the safety plan's sign-off (safety_plans.models.SignOff.How), so that the two read alike.
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")


class HelpPlanSignOff(models.Model):
    """Someone who took part in the meeting (one of the case's people or workers, or a professional from
    outside) agreed to this text of the Hilfeplan, in person or by phone.

    The signer is kept by a key, not by a link to the meeting's rows: the meeting's lists are replaced as a
    whole when it is edited, and a signature given stays given. A participant's key is their voice key
    ("person:12", "user:5"), a professional's "professional:" and the name; the name is kept as it was."""

    plan = models.ForeignKey(HelpPlan, on_delete=models.CASCADE, related_name="sign_offs")
    signer_key = models.CharField(max_length=SHORT + 20)
    name = models.CharField(_("name"), max_length=SHORT)
    organisation = models.CharField(_("organisation"), max_length=SHORT, blank=True)
    how = models.CharField(_("how"), max_length=20, choices=SignOffHow.choices)
    signed_on = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["signed_on", "id"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [models.UniqueConstraint(fields=["plan", "signer_key"], name="help_plan_sign_off_once")]

    def __str__(self) -> str:
        return self.name
