"""The assessment and planning map (Signs of Safety "mapping", "De 3 søjler"): three columns with their
parts, danger statements and the goals that answer them, and safety scaling by each voice.

A case has any number of dated maps, usually one per meeting. A new map starts as a copy of the latest,
so each entry carries a `lineage` that stays the same across copies: that is how two maps are compared.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, Person
from safehold.cases.voices import SpokenBy, VoiceKind
from safehold.core.validation import SHORT
from safehold.meetings.models import Meeting

# A map's title and who does a next step: short labels, held in columns this wide (shorter than
# core.validation.SHORT).
LABEL_LENGTH = 200


class Column(models.TextChoices):
    WORRIES = "worries", _("What are we worried about?")
    WORKING = "working", _("What's working well?")
    NEEDS = "needs", _("What needs to happen?")


class Part(models.TextChoices):
    PAST_HARM = "past_harm", _("Past harm")
    FUTURE_DANGER = "future_danger", _("Future danger")
    COMPLICATING = "complicating", _("Complicating factors")
    STRENGTHS = "strengths", _("Strengths")
    EXISTING_SAFETY = "existing_safety", _("Existing safety")
    GOALS = "goals", _("Safety goals")
    NEXT_STEPS = "next_steps", _("Next steps")
    GREY_AREAS = "grey_areas", _("Grey areas")


COLUMNS: dict[str, tuple[str, ...]] = {
    Column.WORRIES: (Part.PAST_HARM, Part.FUTURE_DANGER, Part.COMPLICATING),
    Column.WORKING: (Part.STRENGTHS, Part.EXISTING_SAFETY),
    Column.NEEDS: (Part.GOALS, Part.NEXT_STEPS),
}
PART_ORDER = [*COLUMNS[Column.WORRIES], *COLUMNS[Column.WORKING], *COLUMNS[Column.NEEDS], Part.GREY_AREAS]

PART_HINTS = {
    Part.PAST_HARM: _("What has already happened to the child, when, and how it hurt them."),
    Part.FUTURE_DANGER: _("What could happen to the child if nothing changes. Write danger statements."),
    Part.COMPLICATING: _("What makes the worries harder to resolve."),
    Part.STRENGTHS: _("What the family and network do well, their resources."),
    Part.EXISTING_SAFETY: _("Protective actions that have been shown over time, while the danger was there."),
    Part.GOALS: _("What must be seen, and for how long, to be safe enough; and what the family wants."),
    Part.NEXT_STEPS: _("Small, concrete steps: who does what, by when."),
    Part.GREY_AREAS: _("What is unclear or disputed and cannot yet be placed."),
}


class WorriedNumber(models.TextChoices):
    """Whether one person or service is worried or several are: the danger statement's verb agrees with it."""

    ONE = "one", _("One person or service is worried")
    SEVERAL = "several", _("Several are worried")


class GoalKind(models.TextChoices):
    SAFETY = "safety", _("Safety goal (what the authority needs to see)")
    FAMILY = "family", _("Family goal (what the family wants)")


# Whose words a goal is in decides what kind of goal it is unless someone says otherwise: what a parent, a child
# or the network wants is a family goal; what a worker or another professional needs to see, a safety goal.
FAMILY_VOICES = (VoiceKind.CHILD, VoiceKind.PARENT, VoiceKind.CAREGIVER, VoiceKind.NETWORK)


def default_goal_kind(voice_kind: str) -> str:
    return GoalKind.FAMILY if voice_kind in FAMILY_VOICES else GoalKind.SAFETY


class Map(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="maps")
    drawn_on = models.DateField(_("date"), default=timezone.localdate)
    title = models.CharField(_("title"), max_length=LABEL_LENGTH, blank=True)
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="maps",
                                verbose_name=_("meeting"))
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")
    # What the practice-fidelity report counts, kept here by the services that change the entries
    # (mapping.tallies): counted from the entries, it took 0.6 s over 100,000 cases.
    danger_statement_count = models.PositiveIntegerField(default=0, editable=False)
    answered_statement_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["drawn_on", "id"]
        verbose_name = _("assessment and planning map")
        verbose_name_plural = _("assessment and planning maps")
        indexes = [models.Index(fields=["case", "drawn_on"], name="map_case_drawn_on")]

    def __str__(self) -> str:
        return f"{self.drawn_on:%d/%m/%Y} {self.title}".strip()


class EntryQuerySet(models.QuerySet["Entry"]):
    def live(self) -> EntryQuerySet:
        return self.filter(deleted_at__isnull=True)

    def danger_statements(self) -> EntryQuerySet:
        """The live danger statements: in "future danger", with who is worried, the behaviour and the impact
        (`Entry.is_danger_statement`)."""
        return (self.live().filter(part=Part.FUTURE_DANGER)
                .exclude(worried="").exclude(behaviour="").exclude(impact=""))

    def answering(self) -> EntryQuerySet:
        """The live safety goals that answer a danger statement (family goals answer none in the reports)."""
        return self.live().filter(goal_kind=GoalKind.SAFETY, answers__isnull=False)


class Entry(SpokenBy):
    """One statement on the map, in someone's words. In "future danger" an entry with who/behaviour/impact
    is a danger statement; in "safety goals" an entry is a safety or a family goal and may answer one."""

    map = models.ForeignKey(Map, on_delete=models.CASCADE, related_name="entries")
    part = models.CharField(_("part of the map"), max_length=20, choices=Part.choices)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(_("statement"))
    # Danger statement: who is worried, about what behaviour, what impact it could have on the child.
    worried = models.CharField(_("who is worried"), max_length=SHORT, blank=True)
    worried_number = models.CharField(_("how many are worried"), max_length=10, choices=WorriedNumber.choices,
                                      default=WorriedNumber.ONE)
    behaviour = models.TextField(_("about what behaviour"), blank=True)
    impact = models.TextField(_("what it could mean for the child"), blank=True)
    # Goals
    goal_kind = models.CharField(_("kind of goal"), max_length=10, choices=GoalKind.choices, blank=True)
    answers = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="goals",
                                verbose_name=_("answers the danger statement"))
    # Next steps
    responsible = models.CharField(_("who"), max_length=LABEL_LENGTH, blank=True)
    due_on = models.DateField(_("by when"), null=True, blank=True)
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")
    # Deleting is undoable: the entry is hidden, not gone, and can be brought back.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("map entry")
        verbose_name_plural = _("map entries")
        indexes = [models.Index(fields=["map", "part", "position"], name="entry_map_part_position")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_danger_statement(self) -> bool:
        return self.part == Part.FUTURE_DANGER and bool(self.worried and self.behaviour and self.impact)

    @property
    def is_contested(self) -> bool:
        return any(not s.agrees for s in self.stances.all())


class Stance(SpokenBy):
    """Whether someone agrees with an entry, in their own words. Disagreement is recorded, not hidden."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="stances")
    agrees = models.BooleanField(_("agrees"))
    words = models.TextField(_("in their words"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("view on an entry")
        verbose_name_plural = _("views on an entry")
        constraints = [models.UniqueConstraint(fields=["entry", "voice_key"], name="stance_once_per_voice")]


class ScaleKind(models.TextChoices):
    SAFETY = "safety", _("Safety")
    WILLINGNESS = "willingness", _("Willingness")
    CAPACITY = "capacity", _("Capacity")
    CONFIDENCE = "confidence", _("Confidence")


# The practice's order of the scales, in every language and wherever scores are listed: never alphabetical by
# their names or labels (which would put capacity and confidence before safety).
SCALE_ORDER = {kind: n for n, kind in enumerate(ScaleKind.values)}


def scale_position(kind: str) -> int:
    return SCALE_ORDER.get(kind, len(SCALE_ORDER))


class Scale(SpokenBy):
    """A score from 0 to 10 given by one voice on one map. Safety scales the whole situation; willingness,
    capacity and confidence are about one parent (or network member)."""

    map = models.ForeignKey(Map, on_delete=models.CASCADE, related_name="scales")
    kind = models.CharField(_("scale"), max_length=20, choices=ScaleKind.choices, default=ScaleKind.SAFETY)
    about = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name=_("about"))
    about_name = models.CharField(max_length=201, blank=True)
    score = models.PositiveSmallIntegerField(_("score"))
    reason = models.TextField(_("reason"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("scale")
        verbose_name_plural = _("scales")
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=10), name="scale_score_0_to_10"),
        ]
        indexes = [models.Index(fields=["map", "kind"], name="scale_map_kind")]


class ScaleAnchor(models.Model):
    """An organisation's own wording of what 0 and 10 mean on a scale, in one language."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="scale_anchors")
    kind = models.CharField(max_length=20, choices=ScaleKind.choices)
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    low = models.CharField(_("0 means"), max_length=300)
    high = models.CharField(_("10 means"), max_length=300)

    class Meta:
        verbose_name = _("scale anchor")
        verbose_name_plural = _("scale anchors")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "language"], name="anchor_once_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.language})"
