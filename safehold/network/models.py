"""One register of how the people on a case are related, read by the genogram, the ecomap, the safety circles
and the safety plan.

A relationship joins two people of the same case. Some kinds have a direction ("A is parent of B"); the
others are stored once with the lower person id first, so that a pair is never recorded twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case, Person
from safehold.core.validation import SHORT


class Kind(models.TextChoices):
    """Each label reads "A <label> B" from the first person. A kind that holds both ways is worded so that it
    reads right whichever of the two comes first: it is stored with the lower id first, not in the order typed."""

    PARENT = "parent", _("is a parent of")
    GRANDPARENT = "grandparent", _("is a grandparent of")
    FOSTER_CARER = "foster_carer", _("is a foster carer of")
    KINSHIP_CARER = "kinship_carer", _("is a kinship carer of")
    PARTNER = "partner", _("is the partner of")
    EX_PARTNER = "ex_partner", _("is a former partner of")
    SIBLING = "sibling", _("is a sibling of")
    HALF_SIBLING = "half_sibling", _("is a half-sibling of")
    LIVES_WITH = "lives_with", _("lives with")
    CONTACT_RESTRICTED = "contact_restricted", _("has restricted contact with")
    CONNECTION = "connection", _("knows, is close to")


# Kinds read "A <kind> B"; the others hold both ways and are stored with the lower id first.
DIRECTED = (Kind.PARENT, Kind.GRANDPARENT, Kind.FOSTER_CARER, Kind.KINSHIP_CARER)
SYMMETRIC = tuple(kind for kind in Kind if kind not in DIRECTED)
# Kinds that make a family tie on the genogram (the rest are drawn on the ecomap).
FAMILY = (Kind.PARENT, Kind.GRANDPARENT, Kind.PARTNER, Kind.EX_PARTNER, Kind.SIBLING, Kind.HALF_SIBLING)


# How long a contact restriction's legal basis may be (the column's width; the page and the API refuse more).
LEGAL_BASIS_LENGTH = 200


class Quality(models.TextChoices):
    """How the relationship is, as the family and the worker see it: the ecomap's lines."""

    STRONG = "strong", _("strong, close")
    NORMAL = "normal", _("ordinary")
    WEAK = "weak", _("weak, distant")
    STRESSFUL = "stressful", _("stressful, in conflict")


class Relationship(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="relationships")
    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("related person"))
    kind = models.CharField(_("relationship"), max_length=20, choices=Kind.choices)
    quality = models.CharField(_("how it is"), max_length=10, choices=Quality.choices, default=Quality.NORMAL)
    legal_basis = models.CharField(_("legal basis"), max_length=LEGAL_BASIS_LENGTH, blank=True,
                                   help_text=_("For a contact restriction: the decision or provision it rests on."))
    note = models.CharField(_("note"), max_length=SHORT, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        indexes = [models.Index(fields=["case", "kind"], name="relationship_case_kind")]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b", "kind"], name="relationship_once"),
            models.CheckConstraint(condition=~Q(person_a=models.F("person_b")), name="relationship_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a_id} {self.kind} {self.person_b_id}"

    @property
    def is_directed(self) -> bool:
        return self.kind in DIRECTED

    def other(self, person_id: int) -> int:
        return self.person_b_id if person_id == self.person_a_id else self.person_a_id


class Circle(models.TextChoices):
    """The safety circles around the child."""

    INNER = "inner", _("Inner circle: knows everything about the worries")
    MIDDLE = "middle", _("Middle circle: knows enough to help")
    OUTER = "outer", _("Outer circle: to be asked")
    NONE = "none", _("Not in the circles")


# Who is in the safety network: the people in the inner and middle circles.
SAFETY_NETWORK = (Circle.INNER, Circle.MIDDLE)


class CirclePlacement(models.Model):
    """Where a person stands in the circles from a date on. Moving someone adds a row: the history is the
    network's size over time."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="circle_placements")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="circle_placements")
    circle = models.CharField(_("circle"), max_length=10, choices=Circle.choices)
    placed_on = models.DateField(_("from"))
    # The day the person's next place in this case begins (None while this one holds), kept by
    # network.placements: a place in force on a day is found by comparing dates, where finding each person's
    # latest place took 0.4 s of the practice-fidelity report over 100,000 cases.
    until = models.DateField(null=True, blank=True, editable=False)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                  related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["placed_on", "id"]
        verbose_name = _("place in the safety circles")
        verbose_name_plural = _("places in the safety circles")
        indexes = [models.Index(fields=["case", "placed_on"], name="circleplacement_case_date")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.circle} {self.placed_on}"


class CaseNetwork(models.Model):
    """What belongs to the case's network as a whole: who coordinates it."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="network")
    coordinator = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                    verbose_name=_("network coordinator"))
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("network of a case")
        verbose_name_plural = _("networks of cases")

    def __str__(self) -> str:
        return f"network of case {self.case_id}"
