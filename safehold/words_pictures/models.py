"""Words & Pictures (seed 003, "Words and Pictures"; DA "Ord og billeder"): the story the parents and the
professionals write together for the children. It tells who is worried and why, what happened, what the
grown-ups do now to keep the children safe and who is in the safety network, in words a child understands,
panel by panel, each with a picture or a few simple figures.

Each version of a story is one Story row. Once the parents have agreed to a version its text is frozen (the
children hear what the parents agreed to); a change starts a new version as a copy (`version_no` + 1).
Panels keep a `lineage` across versions.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, Person, PersonRole
from safehold.core.validation import SHORT
from safehold.uploads.models import StoredFile


class StoryStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed with the parents")
    READ_WITH_CHILDREN = "read_with_children", _("Read with the children")
    SUPERSEDED = "superseded", _("Superseded")


# Forward only. An agreed version gives way (superseded) when a later version is agreed.
STORY_TRANSITIONS: dict[str, tuple[str, ...]] = {
    StoryStatus.DRAFT: (StoryStatus.AGREED,),
    StoryStatus.AGREED: (StoryStatus.READ_WITH_CHILDREN,),
    StoryStatus.READ_WITH_CHILDREN: (),
    StoryStatus.SUPERSEDED: (),
}
FROZEN = (StoryStatus.AGREED, StoryStatus.READ_WITH_CHILDREN, StoryStatus.SUPERSEDED)


class Section(models.TextChoices):
    """The parts of the story the method expects, in the order it tells them."""

    WHO_IS_WORRIED = "who_is_worried", _("Who is worried and why")
    WHAT_HAPPENED = "what_happened", _("What happened")
    KEEPING_SAFE = "keeping_safe", _("What the grown-ups are doing to keep the children safe")
    SAFETY_NETWORK = "safety_network", _("Who is in the safety network")
    OTHER = "other", _("Other")


EXPECTED_SECTIONS = (Section.WHO_IS_WORRIED, Section.WHAT_HAPPENED, Section.KEEPING_SAFE, Section.SAFETY_NETWORK)

# Words & Pictures is written with the parents: they, or the caregivers who stand in for them, agree to it.
AGREEING_ROLES = (PersonRole.PARENT, PersonRole.CAREGIVER)

# A panel is read aloud to children and printed in large type, one to a page of an A5 booklet: a few sentences,
# far less than the texts of other tools (validation.TEXT) would allow.
PANEL_TEXT = 1000


class Story(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stories")
    version_no = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=StoryStatus.choices, default=StoryStatus.DRAFT)
    title = models.CharField(_("title"), max_length=SHORT, blank=True)
    copied_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    agreed_with = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name=_("agreed with"))
    # The names as they were when the parents agreed: the record still reads right if a person leaves the case.
    agreed_with_names = models.CharField(_("agreed with"), max_length=500, blank=True)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    agreed_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                           blank=True, related_name="+")
    read_on = models.DateField(_("read with the children on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking, not the story's version number
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")

    class Meta:
        ordering = ["version_no", "id"]
        verbose_name = _("Words & Pictures story")
        verbose_name_plural = _("Words & Pictures stories")
        constraints = [
            models.UniqueConstraint(fields=["case", "version_no"], name="story_version_unique_per_case"),
            # What story_create promises, held by the database too in case two requests race past its check.
            models.UniqueConstraint(fields=["case"], condition=models.Q(status="draft"),
                                    name="story_one_draft_per_case"),
        ]
        indexes = [models.Index(fields=["case", "status"], name="story_case_status")]

    def __str__(self) -> str:
        return f"{self.case.reference} v{self.version_no}"

    @property
    def is_frozen(self) -> bool:
        return self.status in FROZEN


class Panel(models.Model):
    """One page of the story: a few sentences and a picture (uploaded, or figures from our library)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="panels")
    position = models.PositiveIntegerField(default=0)
    section = models.CharField(_("part of the story"), max_length=20, choices=Section.choices,
                               default=Section.OTHER)
    text = models.TextField(_("text"))
    # PROTECT: a picture the parents agreed to stays while any version shows it; copies share the file.
    picture = models.ForeignKey(StoredFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("picture"))
    figures = models.JSONField(_("figures"), default=list, blank=True)  # keys of figures.FIGURES
    lineage = models.UUIDField(default=uuid.uuid4, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("panel")
        verbose_name_plural = _("panels")
        indexes = [models.Index(fields=["story", "position"], name="panel_story_position")]

    def __str__(self) -> str:
        return self.text[:60]
