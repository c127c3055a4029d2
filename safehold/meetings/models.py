"""Meetings on a case (assessment, network, safety-plan and care-plan meetings, reviews) and who took part.

Several practice tools hang their work on a meeting: a map is drawn in one, a safety plan agreed or
reviewed in another, a Hilfeplangespräch records its agreements.
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


class Meeting(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=20, choices=MeetingKind.choices)
    held_on = models.DateField(_("held on"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=200, blank=True)
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

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "voice_key"], name="participant_once_per_meeting"),
        ]

    def __str__(self) -> str:
        return self.voice_name
