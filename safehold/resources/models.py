"""Prevention in the social space (seed 001): the organisation's directory of local offers, the districts they
serve, the cooperation agreements behind them, and sharing the directory with a partner organisation.

The directory is organisation data, not case data: every worker of the organisation reads it, the roles the
organisation names edit it (`Organisation.directory_editor_roles`, decided in `resources/access.py`).
Referrals from a case (case data, under the case's access policy) point to an offer here, or record a need
that no offer meets.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import Organisation
from safehold.core.validation import SHORT

# An offer not verified for this long is flagged in the directory: its hours, capacity or contact may be stale.
VERIFY_EVERY = timedelta(days=365)


class OfferKind(models.TextChoices):
    """The kinds of help the seed names, and the ones a youth office and a municipality refer to most."""

    COUNSELLING = "counselling", _("Counselling")
    PARENTING_COURSE = "parenting_course", _("Parenting course")
    PARENT_GROUP = "parent_group", _("Mothers' or parents' group")
    EARLY_HELP = "early_help", _("Early help for families with babies")
    HEALTH_VISITOR = "health_visitor", _("Health visitor or family midwife")
    FAMILY_SUPPORT = "family_support", _("Family support at home")
    SCHOOL_SOCIAL_WORK = "school_social_work", _("School social work")
    OPEN_YOUTH_WORK = "open_youth_work", _("Open youth work")
    DAY_CARE = "day_care", _("Day care")
    PARENT_PSYCHIATRY = "parent_psychiatry", _("Psychiatric help for parents")
    ADDICTION = "addiction", _("Addiction help")
    DOMESTIC_VIOLENCE = "domestic_violence", _("Help against domestic violence")
    DEBT = "debt", _("Debt counselling")
    OTHER = "other", _("Other")


class LegalDomain(models.TextChoices):
    """Under which law the help is given: the seed asks for cooperation across them (SGB V and SGB VIII)."""

    SGB_VIII = "sgb_viii", _("SGB VIII (child and youth welfare)")
    SGB_V = "sgb_v", _("SGB V (health insurance)")
    SGB_II_XII = "sgb_ii_xii", _("SGB II / SGB XII (basic income, social assistance)")
    BARNETS_LOV = "barnets_lov", _("Barnets Lov (the Danish Children's Act)")
    SERVICELOVEN = "serviceloven", _("Serviceloven (the Danish Social Services Act)")
    SUNDHEDSLOVEN = "sundhedsloven", _("Sundhedsloven (the Danish Health Act)")
    OTHER = "other", _("Other")


class Capacity(models.TextChoices):
    OPEN = "open", _("Places free")
    WAITING_LIST = "waiting_list", _("Waiting list")
    FULL = "full", _("Full")


class Access(models.TextChoices):
    """How a family gets in."""

    SELF_REFERRAL = "self_referral", _("Families come on their own")
    REFERRAL = "referral", _("Only by referral")
    BOTH = "both", _("On their own or by referral")


class District(models.Model):
    """A part of the organisation's area (Sozialraum, område) that offers serve and families live in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="districts")
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="district_name_unique")]

    def __str__(self) -> str:
        return self.name


class Offer(models.Model):
    """One local offer in the directory. `key` names it across imports: importing a row with a key that exists
    updates that offer instead of adding another."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="offers")
    key = models.CharField(_("key"), max_length=60,
                           help_text=_("Names the offer across imports; letters, digits, dashes."))
    name = models.CharField(_("name"), max_length=SHORT)
    provider = models.CharField(_("provider"), max_length=SHORT)
    kind = models.CharField(_("kind"), max_length=30, choices=OfferKind.choices)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="offers",
                                 verbose_name=_("district"))
    address = models.TextField(_("address"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    age_from = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)
    # ISO 639-1 codes between commas (",de,tr,"), so that one language is one indexed-free `contains` filter.
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    legal_domain = models.CharField(_("legal domain"), max_length=20, choices=LegalDomain.choices)
    cost = models.CharField(_("cost"), max_length=SHORT, blank=True)
    access = models.CharField(_("how to get in"), max_length=20, choices=Access.choices, default=Access.BOTH)
    contact_name = models.CharField(_("contact person"), max_length=SHORT, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    capacity = models.CharField(_("capacity"), max_length=20, choices=Capacity.choices, default=Capacity.OPEN)
    verified_on = models.DateField(_("last verified"), null=True, blank=True)
    is_active = models.BooleanField(_("in the directory"), default=True)
    # Name, provider and target group folded (core.text.fold) for an accent-insensitive search.
    search_key = models.CharField(max_length=1000, editable=False, default="")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")

    class Meta:
        ordering = ["name", "provider", "id"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        constraints = [models.UniqueConstraint(fields=["organisation", "key"], name="offer_key_unique")]
        indexes = [
            models.Index(fields=["organisation", "is_active", "kind"], name="offer_org_kind"),
            # The directory's order, so that a page of a large directory needs no sort of all its offers.
            models.Index(fields=["organisation", "is_active", "name", "provider", "id"], name="offer_org_order"),
            models.Index(fields=["organisation", "is_active", "district"], name="offer_org_district"),
            models.Index(fields=["organisation", "verified_on"], name="offer_org_verified"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider})"

    @property
    def language_codes(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def needs_verifying(self, today: date | None = None) -> bool:
        """Not verified for a year (or never): flagged in the directory."""
        today = today or timezone.localdate()
        return self.verified_on is None or self.verified_on < today - VERIFY_EVERY

    def fits_age(self, age: int | None) -> bool:
        """Whether a person of `age` is in the offer's age range (an unknown age or range fits)."""
        if age is None:
            return True
        return (self.age_from is None or age >= self.age_from) and (self.age_to is None or age <= self.age_to)


class CooperationAgreement(models.Model):
    """A binding agreement between the organisation and a partner (an adult psychiatry, a health office, a
    provider): who the parties and their contact persons are, the agreed hours or contingents, when it holds,
    and the offers it covers."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="cooperation_agreements")
    title = models.CharField(_("title"), max_length=SHORT)
    partner = models.CharField(_("partner"), max_length=SHORT)
    legal_domains = models.CharField(_("legal domains"), max_length=200, blank=True,
                                     help_text=_("The partners' laws, between commas."))
    contacts = models.TextField(_("contact persons"), blank=True)
    contingent = models.TextField(_("agreed hours or contingents"), blank=True)
    terms = models.TextField(_("what is agreed"), blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    offers = models.ManyToManyField(Offer, blank=True, related_name="agreements", verbose_name=_("offers covered"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")

    class Meta:
        ordering = ["-valid_from", "title", "id"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        indexes = [models.Index(fields=["organisation", "valid_to"], name="agreement_org_valid_to")]

    def __str__(self) -> str:
        return self.title

    def holds_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class DirectoryShare(models.Model):
    """The organisation shows its directory to a partner organisation, once both agreed: the owner offers it,
    the partner accepts. The partner's workers then read (never edit) the owner's offers. Either side may end it."""

    owner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="directory_shares_given")
    partner = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="directory_shares_received")
    offered_at = models.DateTimeField(default=timezone.now)
    offered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("shared directory")
        verbose_name_plural = _("shared directories")
        constraints = [
            models.UniqueConstraint(fields=["owner", "partner"], name="directory_share_once"),
            models.CheckConstraint(condition=~models.Q(owner=models.F("partner")), name="directory_share_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} → {self.partner_id}"

    @property
    def agreed(self) -> bool:
        return self.accepted_at is not None


class ReferralStatus(models.TextChoices):
    """A referral's fate (seed 001: reaching the families the offers do not reach)."""

    SUGGESTED = "suggested", _("Suggested")
    CONTACTED = "contacted", _("Provider contacted")
    WAITING = "waiting", _("Waiting for a place")
    STARTED = "started", _("Started")
    COMPLETED = "completed", _("Completed")
    DECLINED = "declined", _("Declined by the family")
    REFUSED = "refused", _("Refused by the provider")
    NO_OFFER = "no_offer", _("No suitable offer exists")


# Where a referral may go from each status. A referral that found no offer can still get one (an offer opened,
# a place in the next district); an ended one (completed, declined, refused) is a new referral if tried again.
REFERRAL_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReferralStatus.SUGGESTED: (ReferralStatus.CONTACTED, ReferralStatus.WAITING, ReferralStatus.STARTED,
                               ReferralStatus.DECLINED, ReferralStatus.REFUSED),
    ReferralStatus.CONTACTED: (ReferralStatus.WAITING, ReferralStatus.STARTED, ReferralStatus.DECLINED,
                               ReferralStatus.REFUSED),
    ReferralStatus.WAITING: (ReferralStatus.STARTED, ReferralStatus.DECLINED, ReferralStatus.REFUSED),
    ReferralStatus.STARTED: (ReferralStatus.COMPLETED, ReferralStatus.DECLINED),
    ReferralStatus.NO_OFFER: (ReferralStatus.SUGGESTED,),
    ReferralStatus.COMPLETED: (),
    ReferralStatus.DECLINED: (),
    ReferralStatus.REFUSED: (),
}
OPEN_REFERRAL = (ReferralStatus.SUGGESTED, ReferralStatus.CONTACTED, ReferralStatus.WAITING, ReferralStatus.STARTED)


class Referral(models.Model):
    """A person of a case referred to an offer for a need, or the need recorded when no suitable offer exists.
    Case data: read and changed under the case's access policy, audited.

    The provider learns about the family only with its consent: until `consent_on` is set, no family document
    names the provider's contact. `offer_was_full` records that the worker referred although the offer said it
    was full (they were warned)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    person = models.ForeignKey("cases.Person", on_delete=models.CASCADE, related_name="referrals",
                               verbose_name=_("for whom"))
    need_kind = models.CharField(_("kind of need"), max_length=30, choices=OfferKind.choices)
    need_words = models.TextField(_("the need in the family's words"), blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals",
                                 verbose_name=_("the family's district"))
    language = models.CharField(_("language needed"), max_length=3, blank=True,
                                help_text=_("The language the help must be given in, as a code such as de or tr."))
    offer = models.ForeignKey(Offer, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals",
                              verbose_name=_("offer"))
    offer_was_full = models.BooleanField(default=False, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=ReferralStatus.choices,
                              default=ReferralStatus.SUGGESTED)
    status_on = models.DateField(_("since"), default=timezone.localdate)
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("referred by"))
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    consent_on = models.DateField(_("consent to share data given on"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                            blank=True, related_name="+", editable=False)
    note = models.TextField(_("note"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-referred_on", "-id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(fields=["case", "status"], name="referral_case_status"),
            models.Index(fields=["status", "follow_up_on"], name="referral_follow_up"),
            models.Index(fields=["need_kind", "district", "referred_on"], name="referral_need_district"),
        ]

    def __str__(self) -> str:
        return f"{self.get_need_kind_display()} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REFERRAL

    @property
    def may_name_provider(self) -> bool:
        """Whether family documents may show the provider's contact: only once the family agreed."""
        return self.consent_on is not None

    def allowed_transitions(self) -> tuple[str, ...]:
        return REFERRAL_TRANSITIONS[self.status]


class ReferralEvent(models.Model):
    """One step on a referral's path, with its date: the history the unmet-needs report reads."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=ReferralStatus.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["on", "id"]
        verbose_name = _("step of a referral")
        verbose_name_plural = _("steps of referrals")
        indexes = [models.Index(fields=["status", "on"], name="referral_event_status_on")]

    def __str__(self) -> str:
        return f"{self.status} {self.on}"
