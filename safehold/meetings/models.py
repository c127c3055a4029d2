"""Meetings on a case (assessment, network, safety-plan and care-plan meetings, reviews) and who took part.

Several practice tools hang their work on a meeting: a map is drawn in one, a safety plan agreed or
reviewed in another, a Hilfeplangespräch records its agreements. A meeting has pages of its own too: where and
when it was held, who took part from the case and which professionals from outside came (present or
excused), what the parents and the child expected beforehand in their own words, the agenda, the agreements
(who does what by when), the next date and the minutes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.cases.voices import SpokenBy


class MeetingKind(models.TextChoices):
    ASSESSMENT = "assessment", _("Assessment meeting")
    NETWORK = "network", _("Network meeting")
    SAFETY_PLAN = "safety_plan", _("Safety-plan meeting")
    CARE_PLAN = "care_plan", _("Care-plan meeting (Hilfeplangespräch)")
    REVIEW = "review", _("Review meeting")


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    EXCUSED = "excused", _("Excused")


class Meeting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    next_on = models.DateField(_("next meeting on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["case", "held_on"], name="meeting_case_held_on")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"


class Participant(SpokenBy):
    """Someone who took part in a meeting: one of the case's people or an assigned worker."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    presence = models.CharField(_("presence"), max_length=10, choices=Presence.choices, default=Presence.PRESENT)

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "voice_key"], name="participant_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return self.voice_name


class Professional(models.Model):
    """A professional from outside the case's team invited to the meeting (the youth office, a school, a
    therapist): named as they are, not one of the case's people."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="professionals")
    name = models.CharField(_("name"), max_length=300)
    organisation = models.CharField(_("organisation"), max_length=300, blank=True)
    presence = models.CharField(_("presence"), max_length=10, choices=Presence.choices, default=Presence.PRESENT)

    class Meta:
        ordering = ["id"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")

    def __str__(self) -> str:
        return self.name


class Expectation(SpokenBy):
    """What a parent or the child hoped for from the meeting, gathered beforehand, in their own words."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="expectations")
    text = models.TextField(_("in their words"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("expectation")
        verbose_name_plural = _("expectations")

    def __str__(self) -> str:
        return self.voice_name


class Agreement(models.Model):
    """Who does what by when, as agreed in the meeting. Kept in the order they were agreed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    position = models.PositiveIntegerField(default=0)
    what = models.TextField(_("what"))
    who = models.CharField(_("who"), max_length=300)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.what[:60]
