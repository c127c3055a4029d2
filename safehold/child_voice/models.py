"""The child's voice: what a child said in a Three Houses or Fairies & Wizards conversation, and the child's
Safety House. Every statement and drawing carries who the child agreed may see it.

A conversation (`Conversation`) is one sitting with one child, with one of the two tools. Both tools ask
the same three questions (what worries you, what is good, what do you wish for), so their statements share
one model; only the pictures and the words around them differ.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, Person
from safehold.uploads.models import StoredFile


class Tool(models.TextChoices):
    THREE_HOUSES = "three_houses", _("Three Houses")
    FAIRIES_WIZARDS = "fairies_wizards", _("Fairies and Wizards")


class Area(models.TextChoices):
    WORRIES = "worries", _("Worries")
    GOOD = "good", _("Good things")
    DREAMS = "dreams", _("Dreams and wishes")


AREAS = (Area.WORRIES, Area.GOOD, Area.DREAMS)
# What each tool calls its three areas, in the words used with the child.
AREA_LABELS = {
    Tool.THREE_HOUSES: {
        Area.WORRIES: _("House of worries"),
        Area.GOOD: _("House of good things"),
        Area.DREAMS: _("House of dreams"),
    },
    Tool.FAIRIES_WIZARDS: {
        Area.WORRIES: _("What the wand should take away"),
        Area.GOOD: _("What should stay as it is"),
        Area.DREAMS: _("What the wand would change"),
    },
}


class Setting(models.TextChoices):
    ALONE = "alone", _("The child alone")
    TRUSTED_PERSON = "trusted_person", _("With a trusted person")
    FAMILY = "family", _("With the family")


class Visibility(models.TextChoices):
    """Who the child agreed may see a statement or a drawing. Each level includes the ones before it."""

    WORKER = "worker", _("Only the worker")
    PARENTS = "parents", _("Also the parents")
    NETWORK = "network", _("Also the network")


# The audiences of a printout, from the widest view to the narrowest.
AUDIENCES = ("worker", "parents", "network")
VISIBILITY_LEVEL = {Visibility.WORKER: 0, Visibility.PARENTS: 1, Visibility.NETWORK: 2}


def visible_to(visibility: str, audience: str) -> bool:
    """Whether something the child marked `visibility` may be shown to `audience` (worker, parents, network)."""
    return VISIBILITY_LEVEL[Visibility(visibility)] >= AUDIENCES.index(audience)


def kept_from_parents(visibility: str) -> bool:
    """Whether the child kept something from the parents: what the worker's printout marks."""
    return not visible_to(visibility, "parents")


class WrittenBy(models.TextChoices):
    CHILD = "child", _("The child wrote it")
    WORKER = "worker", _("The worker wrote it down")


class Conversation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="child_conversations")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="conversations",
                              verbose_name=_("child"))
    tool = models.CharField(_("tool"), max_length=20, choices=Tool.choices, default=Tool.THREE_HOUSES)
    held_on = models.DateField(_("date"))
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices, default=Setting.ALONE)
    trusted_person = models.CharField(_("trusted person"), max_length=120, blank=True,
                                      help_text=_("Who was with the child, if not alone."))
    note = models.TextField(_("worker's note"), blank=True,
                            help_text=_("For the worker only: never printed for the family or network."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("conversation with a child")
        verbose_name_plural = _("conversations with children")
        indexes = [models.Index(fields=["case", "child", "tool", "held_on"], name="conversation_case_child")]

    def __str__(self) -> str:
        return f"{self.get_tool_display()} {self.held_on}"

    def area_label(self, area: str) -> str:
        return str(AREA_LABELS[Tool(self.tool)][Area(area)])


class Statement(models.Model):
    """What the child said, verbatim, in one of the three areas."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="statements")
    area = models.CharField(_("where"), max_length=10, choices=Area.choices)
    text = models.TextField(_("in the child's words"))
    written_by = models.CharField(_("written by"), max_length=10, choices=WrittenBy.choices,
                                  default=WrittenBy.WORKER)
    visibility = models.CharField(_("who may see it"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.WORKER)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "position", "id"]
        verbose_name = _("child's statement")
        verbose_name_plural = _("child's statements")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def kept_from_parents(self) -> bool:
        return kept_from_parents(self.visibility)


class SafetyHouse(models.Model):
    """The child's own picture of the safety plan: who lives inside, the rules on the roof, the path to the
    door, who may visit, who stays outside in the red circle, and how safe the child feels."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="safety_houses")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="safety_houses",
                              verbose_name=_("child"))
    drawn_on = models.DateField(_("date"))
    safety_score = models.PositiveSmallIntegerField(_("the child's safety scale"), null=True, blank=True,
                                                    help_text=_("0: not safe at all, 10: completely safe."))
    score_visibility = models.CharField(_("who may see the scale"), max_length=10, choices=Visibility.choices,
                                        default=Visibility.WORKER)
    note = models.TextField(_("worker's note"), blank=True,
                            help_text=_("For the worker only: never printed for the family or network."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-drawn_on", "-id"]
        verbose_name = _("Safety House")
        verbose_name_plural = _("Safety Houses")
        indexes = [models.Index(fields=["case", "child", "drawn_on"], name="safetyhouse_case_child")]
        constraints = [models.CheckConstraint(condition=Q(safety_score__lte=10), name="safetyhouse_score_0_10")]

    def __str__(self) -> str:
        return f"{self.child_id} {self.drawn_on}"


class HouseArea(models.TextChoices):
    INSIDE = "inside", _("Inside the house: who lives here and makes me safe")
    ROOF = "roof", _("On the roof: the rules that keep me safe")
    PATH = "path", _("The path: what must happen before someone may come")
    VISITORS = "visitors", _("Who may visit")
    OUTSIDE = "outside", _("Outside, in the red circle: who must stay away")


HOUSE_AREAS = (HouseArea.INSIDE, HouseArea.ROOF, HouseArea.PATH, HouseArea.VISITORS, HouseArea.OUTSIDE)
# Areas that name people (a person of the case may be chosen, or a name written).
PEOPLE_AREAS = (HouseArea.INSIDE, HouseArea.VISITORS, HouseArea.OUTSIDE)


class HouseItem(models.Model):
    house = models.ForeignKey(SafetyHouse, on_delete=models.CASCADE, related_name="items")
    area = models.CharField(_("where"), max_length=10, choices=HouseArea.choices)
    text = models.TextField(_("in the child's words"))
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("person"))
    written_by = models.CharField(_("written by"), max_length=10, choices=WrittenBy.choices,
                                  default=WrittenBy.WORKER)
    visibility = models.CharField(_("who may see it"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.WORKER)
    position = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "position", "id"]
        verbose_name = _("Safety House entry")
        verbose_name_plural = _("Safety House entries")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def kept_from_parents(self) -> bool:
        return kept_from_parents(self.visibility)


class Drawing(models.Model):
    """A drawing or photo of the child's paper, on a conversation or a Safety House. The file is served only
    through the permission-checked view of `uploads`."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="drawings")
    house = models.ForeignKey(SafetyHouse, on_delete=models.CASCADE, null=True, blank=True, related_name="drawings")
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, related_name="+")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    visibility = models.CharField(_("who may see it"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.WORKER)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("drawing")
        verbose_name_plural = _("drawings")
        constraints = [models.CheckConstraint(
            condition=Q(conversation__isnull=False, house__isnull=True) | Q(conversation__isnull=True,
                                                                           house__isnull=False),
            name="drawing_on_one_thing")]

    def __str__(self) -> str:
        return self.caption or f"drawing #{self.pk}"
