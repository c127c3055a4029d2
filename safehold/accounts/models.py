"""Who works in Safehold: organisations (the tenants), their teams, users and the roles users hold."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A municipality, Jugendamt or provider. Every row of case data belongs to exactly one."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        YOUTH_OFFICE = "youth_office", _("Youth welfare office")
        PROVIDER = "provider", _("Provider")

    class Country(models.TextChoices):
        GERMANY = "DE", _("Germany")
        DENMARK = "DK", _("Denmark")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY)
    country = models.CharField(_("country"), max_length=5, choices=Country.choices, default=Country.OTHER)
    require_mfa = models.BooleanField(
        _("require two-factor authentication"), default=False,
        help_text=_("Everyone must confirm their login with an authenticator app."),
    )
    # Which roles edit the directory of offers (resources/access.py); organisation admins always do.
    directory_editor_roles = models.CharField(
        _("who edits the directory of offers"), max_length=100, default="team_lead", blank=True,
        help_text=_("Beside the organisation admins: the roles that add, change and verify offers."),
    )
    screening_needs_team_lead = models.BooleanField(
        _("a team lead decides on screenings too"), default=False,
        help_text=_("Beside the worker's decision whether a case fits the target group of a safety plan, the team "
                    "lead records a decision of their own."),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique_in_organisation"),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Belongs to one organisation; what they may do comes from their memberships."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", null=True, blank=True,
        verbose_name=_("organisation"),
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, blank=True,
        help_text=_("The language Safehold speaks to you in."),
    )
    # Whether the user chose `language` themselves (the switcher, the login page) or it was set for them
    # (created with one): only a language they chose wins over the one they pick on the login page.
    language_chosen = models.BooleanField(default=False, editable=False)
    # Demo users exist only to try Safehold out; production settings refuse their logins.
    is_demo = models.BooleanField(default=False, editable=False)
    # Kept in step with the user's confirmed authenticator (accounts/mfa.py), so checking it costs no query.
    mfa_enabled = models.BooleanField(_("two-factor authentication"), default=False, editable=False)
    # A web session holds the generation it began in; moving it on ends every session begun before (a password
    # change, the account disabled, an admin ending them), linked or not, at no query (accounts/sessions.py).
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    class Meta(AbstractUser.Meta):
        # django-stubs types the inherited options as plain str, but Django's own value is a lazy translation too.
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.display_name(self.first_name, self.last_name, self.username)

    @staticmethod
    def display_name(first_name: str, last_name: str, username: str) -> str:
        """How a user is named on a page, from the three columns: for a long list read without model instances."""
        return f"{first_name} {last_name}".strip() or username


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    CONSULTANT = "consultant", _("Safety and network consultant")
    TEAM_LEAD = "team_lead", _("Team lead")
    ORG_ADMIN = "org_admin", _("Organisation admin")
    AUDITOR = "auditor", _("Auditor / data protection officer")


# Roles that do case work; the others (org_admin, auditor) never see case content.
CASE_ROLES = frozenset({Role.CASEWORKER, Role.CONSULTANT, Role.TEAM_LEAD})


class Membership(models.Model):
    """One role a user holds in their organisation, optionally for one team (a team lead leads a team).

    The organisation is the user's; a membership's team always belongs to it (checked in the services).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="memberships", null=True, blank=True, verbose_name=_("team"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "team"], name="membership_unique_role_team"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    def clean(self) -> None:
        # Guards the Django admin's inline; the services check the same (accounts.services._check_memberships).
        team = self.team if self.team_id is not None else None
        if team is not None and self.user_id is not None and team.organisation_id != self.user.organisation_id:
            raise ValidationError({"team": _("Choose one of the user's organisation's teams.")})


class ApiToken(models.Model):
    """A bearer token for the API. Only a hash is stored; the token itself is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100, blank=True)
    prefix = models.CharField(max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Issued after a second factor; only such tokens work for users who must use two-factor authentication.
    mfa_verified = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}…"

    @staticmethod
    def hash_key(key: str) -> str:
        # The token is 256 random bits, so a fast unsalted hash is enough to keep it useless if leaked.
        return hashlib.sha256(key.encode()).hexdigest()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class UserSession(models.Model):
    """One web session of a user, for the list in their profile and for ending it (accounts/sessions.py).

    Django keeps the session itself; the row says whose it is and where it began. When it was last used is
    read from the session's expiry (every request moves it on), so a request writes nothing here.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="web_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    generation = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return f"{self.user} · {self.started_at:%Y-%m-%d %H:%M}"


class PasswordResetRequest(models.Model):
    """A request for a password-reset link, kept for an hour to throttle them per address and per account
    (accounts/password_reset.py). Neither the address typed in nor anything else of the request is kept."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    client_address = models.GenericIPAddressField(null=True, blank=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("password-reset request")
        verbose_name_plural = _("password-reset requests")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}"
