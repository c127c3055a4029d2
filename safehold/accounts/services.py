"""Changes to organisations, teams, users, memberships and API tokens."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from safehold.accounts.mfa import mfa_check, mfa_required
from safehold.accounts.models import CASE_ROLES, ApiToken, Membership, Organisation, Role, Team, User
from safehold.accounts.selectors import require_org_admin
from safehold.accounts.sessions import DISABLED, PASSWORD_CHANGED, sessions_end
from safehold.audit.services import Action, audit_record
from safehold.core.text import clean_text


@transaction.atomic
def organisation_set_mfa_policy(*, actor: User, require: bool) -> None:
    """Require (or stop requiring) two-factor authentication of everyone in the admin's organisation."""
    organisation_id = require_org_admin(actor)
    organisation = Organisation.objects.get(pk=organisation_id)
    if organisation.require_mfa != require:
        organisation.require_mfa = require
        organisation.save(update_fields=["require_mfa"])
        audit_record(actor=actor, action=Action.UPDATE, obj=organisation, changed_fields=["require_mfa"])


@transaction.atomic
def team_create(*, actor: User, name: str) -> Team:
    organisation_id = require_org_admin(actor)
    name = clean_text(name)
    if not name:
        raise ValidationError({"name": _("Enter the team's name.")})
    if Team.objects.filter(organisation_id=organisation_id, name=name).exists():
        raise ValidationError({"name": _("Your organisation already has a team with this name.")})
    team = Team.objects.create(organisation_id=organisation_id, name=name)
    audit_record(actor=actor, action=Action.CREATE, obj=team, changed_fields=["name"])
    return team


# Roles an organisation admin's grant gives only once a second person confirms it (organisation/grants.py): the
# roles that see case content, and the admin's own, since an admin may confirm them (else an admin could make a
# second admin account and confirm their own grants with it). Until then the grant waits and opens nothing.
FOUR_EYES_ROLES = CASE_ROLES | {Role.ORG_ADMIN}


def _check_memberships(organisation_id: int, roles: list[tuple[str, Team | None]]) -> list[tuple[str, Team | None]]:
    """Validate the (role, team) pairs; return them without repeats."""
    for role, team in roles:
        if role not in Role.values:
            raise ValidationError({"roles": _("Unknown role.")})
        if team is not None and team.organisation_id != organisation_id:
            raise ValidationError({"roles": _("Choose one of your organisation's teams.")})
        if role == Role.TEAM_LEAD and team is None:
            raise ValidationError({"leads": _("A team lead needs the team they lead.")})
    # The auditor checks who read what; someone who reads case content cannot audit themselves.
    if any(role == Role.AUDITOR for role, _team in roles) and any(role in CASE_ROLES for role, _team in roles):
        raise ValidationError({"roles": _("The auditor's role cannot be combined with a role that sees case "
                                          "content.")})
    return list(dict.fromkeys(roles))


def _set_up_confirmation(*, user: User, role: str, team: Team | None) -> None:
    """A role given by a set-up command (no actor: the demo, an operator's shell) takes effect at once. Its
    trail says so: granted and confirmed by the system, not by two people."""
    detail = {"role": role, "team_id": team.pk if team else None, "team": team.name if team else "",
              "user_id": user.pk, "user": user.username, "granted_by": "system", "confirmed_by": "system"}
    for action in (Action.GRANT, Action.CONFIRM):
        audit_record(actor=None, action=action, obj=user, organisation_id=user.organisation_id, detail=detail)


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    organisation: Organisation,
    username: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    roles: list[tuple[str, Team | None]],
    password: str | None = None,
    language: str = "",
    is_demo: bool = False,
    no_password: bool = False,
) -> User:
    """Create a user of `organisation` with their roles. `actor` None is for set-up commands only.
    `no_password`: an account nobody logs in to until someone sets its password (the load data's hundreds of
    workers, where hashing a random password would take minutes).

    An admin's grant of a role in FOUR_EYES_ROLES is not applied here: organisation.grants.user_create asks a
    second person to confirm it. A set-up command's takes effect at once, recorded as the system's."""
    if actor is not None and require_org_admin(actor) != organisation.pk:
        raise PermissionDenied
    username = clean_text(username)
    if not username:
        raise ValidationError({"username": _("Enter a user name.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken.")})
    roles = _check_memberships(organisation.pk, roles)
    user = User(username=username, first_name=clean_text(first_name), last_name=clean_text(last_name),
                email=clean_text(email), organisation=organisation, language=language, is_demo=is_demo)
    if password:
        validate_password(password, user)
        user.set_password(password)
    elif no_password:
        user.set_unusable_password()
    else:
        # A random password nobody knows: the user chooses their own through the password-reset e-mail
        # (Django sends reset links only to accounts with a usable password).
        user.set_password(secrets.token_urlsafe(32))
    user.save()
    for role, team in roles:
        if actor is None or role not in FOUR_EYES_ROLES:
            Membership.objects.create(user=user, role=role, team=team)
        if actor is None and role in FOUR_EYES_ROLES:
            _set_up_confirmation(user=user, role=role, team=team)
    if actor is not None:
        audit_record(actor=actor, action=Action.CREATE, obj=user,
                     changed_fields=["username", "first_name", "last_name", "email", "roles"])
    return user


@transaction.atomic
def user_update(
    *, actor: User, user: User, first_name: str, last_name: str, email: str, is_active: bool,
    roles: list[tuple[str, Team | None]],
) -> list[str]:
    """Change a user of the admin's organisation. Roles are taken away at once; a role in FOUR_EYES_ROLES the
    user does not hold yet is left for organisation.grants.user_update to ask a second person to confirm."""
    organisation_id = require_org_admin(actor)
    if user.organisation_id != organisation_id:
        raise PermissionDenied
    roles = _check_memberships(organisation_id, roles)
    current = set(user.memberships.values_list("role", "team_id"))
    wanted = {(role, team.pk if team else None) for role, team in roles}
    if user.pk == actor.pk:
        if not is_active or Role.ORG_ADMIN not in {role for role, _team in roles}:
            raise ValidationError(_("You cannot remove your own admin role or deactivate yourself."))
        # Admins see no case content. Giving oneself a case-work role would open cases: another admin must.
        if {pair for pair in wanted if pair[0] in CASE_ROLES} - current:
            raise ValidationError({"roles": _("Another organisation admin must give you a case-work role.")})
    old_email = user.email
    changed = []
    for name, value in (("first_name", clean_text(first_name)), ("last_name", clean_text(last_name)),
                        ("email", clean_text(email)), ("is_active", is_active)):
        if getattr(user, name) != value:
            setattr(user, name, value)
            changed.append(name)
    if changed:
        user.save(update_fields=changed)
    if "is_active" in changed and not user.is_active:
        user_access_end(actor=actor, user=user)
    if "email" in changed and old_email and user.pk != actor.pk:
        _notify_email_change(user=user, old_email=old_email, actor=actor)
    kept = {(role, team) for role, team in roles
            if role not in FOUR_EYES_ROLES or (role, team.pk if team else None) in current}
    if current != {(role, team.pk if team else None) for role, team in kept}:
        for role, team_id in current:
            if (role, team_id) not in wanted:
                user.memberships.filter(role=role, team_id=team_id).delete()
        for role, team in roles:
            if (role, team) in kept and (role, team.pk if team else None) not in current:
                Membership.objects.create(user=user, role=role, team=team)
        changed.append("roles")
    if changed:
        audit_record(actor=actor, action=Action.UPDATE, obj=user, changed_fields=changed)
    return changed


def _notify_email_change(*, user: User, old_email: str, actor: User) -> None:
    """Tell the old address: a changed address is how an account would be taken over by password reset."""
    with translation.override(user.language or settings.LANGUAGE_CODE):
        send_mail(
            subject=_("Safehold: your e-mail address was changed"),
            message=_("%(admin)s changed the e-mail address of your Safehold account %(username)s. If you did not "
                      "expect this, tell your organisation's data protection officer now.") % {
                "admin": actor.get_full_name() or actor.username, "username": user.username},
            from_email=None, recipient_list=[old_email],
        )


@transaction.atomic
def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose German, Danish or English.")})
    if user.language != language or not user.language_chosen:
        user.language, user.language_chosen = language, True
        user.save(update_fields=["language", "language_chosen"])


def user_take_login_language(*, user: User, language: str) -> bool:
    """The language picked on the login page becomes the user's, unless they chose one of their own before.
    True if it did."""
    if user.language_chosen or language not in dict(settings.LANGUAGES):
        return False
    user_set_language(user=user, language=language)
    return True


@transaction.atomic
def password_change(*, actor: User, user: User, new_password: str | None, keep_session: str | None = None) -> None:
    """Give `user` a new password (None: none at all, so they cannot log in with a password). The caller has
    made sure `actor` may: the user themself (knowing the old password or holding a reset link) or a platform
    operator in the Django admin. After Zulip's do_change_password.

    The user's API tokens are revoked and their web sessions ended in the same transaction: a leaked token or a
    stolen session must die with the old password, and if that fails the old password stays. `keep_session`:
    the key of the session the user changed their own password in, which goes on (sessions.session_keep).
    """
    if new_password is None:
        user.set_unusable_password()
    else:
        validate_password(new_password, user)
        user.set_password(new_password)
    user.save(update_fields=["password"])
    tokens_revoke_all(actor=actor, user=user)
    sessions_end(actor=actor, user=user, reason=PASSWORD_CHANGED, keep_key=keep_session)
    audit_record(actor=actor, action=Action.UPDATE, obj=user, changed_fields=["password"],
                 organisation_id=user.organisation_id)


@transaction.atomic
def user_access_end(*, actor: User, user: User) -> None:
    """The account was disabled: its API tokens are revoked and its web sessions ended, so that enabling it
    again does not bring them back."""
    tokens_revoke_all(actor=actor, user=user)
    sessions_end(actor=actor, user=user, reason=DISABLED)


# --- API tokens -------------------------------------------------------------------------------------

@transaction.atomic
def token_create(*, user: User, name: str = "", mfa_verified: bool = False) -> tuple[ApiToken, str]:
    """A new token for `user`. Returns the stored token and the secret, which is never stored.

    `mfa_verified`: the caller proved a second factor when asking for it (see token_authenticate).
    """
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=clean_text(name)[:100], prefix=key[:8], key_hash=ApiToken.hash_key(key),
        expires_at=timezone.now() + timedelta(days=settings.SAFEHOLD_API_TOKEN_DAYS), mfa_verified=mfa_verified,
    )
    audit_record(actor=user, action=Action.CREATE, obj=token)
    return token, key


@transaction.atomic
def token_revoke(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=user, action=Action.DELETE, obj=token)


@transaction.atomic
def tokens_revoke_all(*, actor: User, user: User) -> int:
    """Revoke every token of `user`: after a password change or reset, a leaked token must die with it."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if revoked:
        audit_record(actor=actor, action=Action.DELETE, object_type="accounts.apitoken", changed_fields=["all"],
                     organisation_id=user.organisation_id)
    return revoked


class TokenRefused(Exception):
    """The password was right, but the user gets no token: `message` and `errors` say why."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


def token_exchange(*, user: User, otp: str, name: str) -> tuple[ApiToken, str]:
    """A token for `user`, whose password the caller has checked: the API's login. Returns the stored token and
    the secret. Raises TokenRefused when the second factor is required and missing or wrong.

    A user who must pass a second factor gets a token only with a current code, so the token counts as
    having passed it (see token_authenticate), as a web session counts only after the code (MfaMiddleware).
    """
    second_factor = mfa_required(user)
    if second_factor:
        if not user.mfa_enabled:
            raise TokenRefused(_("Your organisation requires two-factor authentication. Set it up in your profile "
                                 "in the web interface first."))
        # Checked in its own transaction: a wrong code stays recorded (and throttled) although no token follows.
        if not mfa_check(user=user, token=otp):
            raise TokenRefused(_("Two-factor authentication is on for this account: send a current code in “otp”."),
                               {"otp": [_("Missing or wrong code.")]})
    with transaction.atomic():
        token, key = token_create(user=user, name=name or "API", mfa_verified=second_factor)
        audit_record(actor=user, action=Action.LOGIN)
    return token, key


def token_authenticate(key: str) -> User | None:
    """The active user a bearer token belongs to, or None.

    A user who must pass a second factor (they turned it on, or their organisation requires it) is let in
    only with a token issued after one: turning two-factor on retires the tokens issued before.
    """
    if not key:
        return None
    token = (
        ApiToken.objects.select_related("user__organisation")
        .filter(key_hash=ApiToken.hash_key(key), revoked_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )
    if token is None:
        return None
    user = token.user
    if not user.is_active or (user.is_demo and not settings.SAFEHOLD_ALLOW_DEMO_USERS):
        return None
    if mfa_required(user) and not token.mfa_verified:
        return None
    now = timezone.now()
    # Write last_used_at at most once a minute, not on every request.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return user
