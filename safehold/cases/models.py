"""A case: the family the authority works with, the people around the child, and who works on it."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import Organisation
from safehold.core.text import fold


class LegalBasis(models.Model):
    """A provision a case can rest on. Each organisation keeps its own list; each provision is of one
    country's law, and a case is offered those of its country (selectors.legal_bases_by_language)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="legal_bases")
    code = models.CharField(_("provision"), max_length=60)
    label = models.CharField(_("description"), max_length=200)
    country = models.CharField(_("country"), max_length=5, choices=Organisation.Country.choices,
                               default=Organisation.Country.OTHER)
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="legal_basis_code_unique_in_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.label}"


class CaseStatus(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    ASSESSMENT = "assessment", _("Assessment")
    SAFETY_PLANNING = "safety_planning", _("Safety planning")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    STAYED_HOME = "stayed_home", _("Child stayed at home")
    RETURNED_HOME = "returned_home", _("Child returned home")
    PLACED = "placed", _("Child placed away from home")
    OTHER = "other", _("Other")


# The way a case moves. Forward one step, back one step when a plan does not hold or new worries arise,
# and closing from any open status. A closed case moves only through an explicit reopening.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    CaseStatus.REFERRAL: (CaseStatus.ASSESSMENT, CaseStatus.CLOSED),
    CaseStatus.ASSESSMENT: (CaseStatus.SAFETY_PLANNING, CaseStatus.CLOSED),
    CaseStatus.SAFETY_PLANNING: (CaseStatus.MONITORING, CaseStatus.ASSESSMENT, CaseStatus.CLOSED),
    CaseStatus.MONITORING: (CaseStatus.CLOSED, CaseStatus.SAFETY_PLANNING),
    CaseStatus.CLOSED: (),
}
REOPEN_STATUSES = (CaseStatus.ASSESSMENT, CaseStatus.SAFETY_PLANNING, CaseStatus.MONITORING)


class Case(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(_("reference"), max_length=40)
    family_name = models.CharField(_("family name"), max_length=120)
    language = models.CharField(
        _("case language"), max_length=5, choices=settings.LANGUAGES, default="de",
        help_text=_("The language of the documents the family receives."),
    )
    legal_basis = models.ForeignKey(
        LegalBasis, on_delete=models.PROTECT, null=True, blank=True, related_name="cases",
        verbose_name=_("legal basis"),
    )
    legal_basis_note = models.CharField(_("legal basis, in words"), max_length=200, blank=True)
    summary = models.TextField(_("reason for involvement"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REFERRAL)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("outcome, in words"), blank=True)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("team"),
    )
    # Optimistic locking: each save must name the version it started from (see services.case_update).
    version = models.PositiveIntegerField(default=1)
    search_key = models.CharField(max_length=300, editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False, related_name="+",
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "reference"], name="case_reference_unique_in_organisation"),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "-updated_at"], name="case_org_status"),
            models.Index(fields=["organisation", "-updated_at"], name="case_org_updated"),
            models.Index(fields=["team", "status"], name="case_team_status"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.family_name}"

    @property
    def is_closed(self) -> bool:
        return self.status == CaseStatus.CLOSED

    def allowed_transitions(self) -> tuple[str, ...]:
        return TRANSITIONS[self.status]

    def refresh_search_key(self) -> None:
        self.search_key = fold(f"{self.reference} {self.family_name}")[:300]


class CaseAssignment(models.Model):
    """A worker or consultant assigned to a case."""

    class Role(models.TextChoices):
        CASEWORKER = "caseworker", _("Caseworker")
        CONSULTANT = "consultant", _("Safety and network consultant")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments",
                             verbose_name=_("colleague"))
    role = models.CharField(_("role on the case"), max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    assigned_at = models.DateTimeField(default=timezone.now, editable=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False, related_name="+",
    )

    class Meta:
        ordering = ["role", "assigned_at"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="assignment_unique_user_per_case")]
        indexes = [models.Index(fields=["user", "case"], name="assignment_user_case")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class StatusChange(models.Model):
    """The history of a case's status: the basis for reports on time in each phase and on outcomes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    note = models.TextField(blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class PersonRole(models.TextChoices):
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    CAREGIVER = "caregiver", _("Caregiver")
    NETWORK = "network", _("Network member")
    PROFESSIONAL = "professional", _("Professional")


class Sex(models.TextChoices):
    """As the genogram draws it: a square, a circle, or a diamond where it is neither or not known."""

    FEMALE = "female", _("female")
    MALE = "male", _("male")
    DIVERSE = "diverse", _("diverse")
    UNKNOWN = "unknown", _("not known")


class Person(models.Model):
    """Someone in the child's life: the child, a parent or caregiver, a network member or a professional."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    role = models.CharField(_("role"), max_length=20, choices=PersonRole.choices)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    relationship = models.CharField(
        _("relationship to the child"), max_length=100, blank=True,
        help_text=_("In the family's words, for example: mother, grandmother, class teacher."),
    )
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    deceased = models.BooleanField(_("deceased"), default=False)
    deceased_on = models.DateField(_("date of death"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=60, blank=True)
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1)
    search_key = models.CharField(max_length=220, editable=False, default="")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["role", "birth_date", "first_name", "id"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        indexes = [models.Index(fields=["case", "role"], name="person_case_role")]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_child(self) -> bool:
        return self.role == PersonRole.CHILD

    def age(self, on: date | None = None) -> int | None:
        if self.birth_date is None:
            return None
        on = on or timezone.localdate()
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - before_birthday

    def refresh_search_key(self) -> None:
        self.search_key = fold(self.full_name)[:220]


class ChildOutcome(models.Model):
    """What became of one child: given when the case closes, or earlier, when the child leaves the plan while
    the case stays open (`closing` is then empty). Reports count children from these rows.

    A child has at most one *current* outcome: reopening the case makes the outcomes of its closing history
    (`current` false, still linked to that closing), and the next closing gives new ones; an outcome recorded
    when the child left the plan stays current across a reopening until it is withdrawn. So "each child's
    outcome, of the latest closing, and those who left the plan earlier" is `current=True`."""

    class Kind(models.TextChoices):
        KEPT_HOME = "kept_home", _("Kept at home with the family's and network's help")
        RETURNED_HOME = "returned_home", _("Returned home")
        KINSHIP_CARE = "kinship_care", _("Placed in kinship or network care")
        FOSTER_CARE = "foster_care", _("Placed in foster care")
        RESIDENTIAL_CARE = "residential_care", _("Placed in residential care")
        # Cases closed before outcomes were kept per child said only "placed"; not offered for new outcomes.
        PLACED = "placed", _("Placed away from home")
        MOVED_AWAY = "moved_away", _("Moved away")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="child_outcomes")
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("child"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    closing = models.ForeignKey(StatusChange, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="child_outcomes")
    current = models.BooleanField(default=True)
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False, related_name="+",
    )

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("outcome for a child")
        verbose_name_plural = _("outcomes for children")
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=models.Q(current=True),
                                    name="child_outcome_one_current_per_child"),
        ]
        indexes = [
            models.Index(fields=["case", "current"], name="child_outcome_case"),
            models.Index(fields=["current", "on"], name="child_outcome_current_on"),
            models.Index(fields=["outcome", "on"], name="child_outcome_outcome_on"),
        ]

    def __str__(self) -> str:
        return f"{self.child_id}: {self.outcome}"

    @property
    def left_plan(self) -> bool:
        """Recorded while the case stayed open: the child left the plan before it closed."""
        return self.closing_id is None


# The outcomes in which a child lives away from home; `PLACED` only on cases closed before outcomes per child.
PLACED_AWAY = frozenset({ChildOutcome.Kind.KINSHIP_CARE, ChildOutcome.Kind.FOSTER_CARE,
                         ChildOutcome.Kind.RESIDENTIAL_CARE, ChildOutcome.Kind.PLACED})

# A case's outcome, for each of its children who have none of their own.
CHILD_OUTCOME_OF_CASE: dict[str, str] = {
    Outcome.STAYED_HOME: ChildOutcome.Kind.KEPT_HOME,
    Outcome.RETURNED_HOME: ChildOutcome.Kind.RETURNED_HOME,
    Outcome.PLACED: ChildOutcome.Kind.PLACED,
    Outcome.OTHER: ChildOutcome.Kind.OTHER,
}
