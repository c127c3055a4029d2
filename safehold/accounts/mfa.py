"""Two-factor authentication: an authenticator app (TOTP) and single-use recovery codes, via django-otp.

A user turns it on in their profile; an organisation can require it of everyone. Once it is on, a
session counts as logged in only after the second factor (MfaMiddleware), and the API hands out
tokens only with a current code.
"""

from __future__ import annotations

import io
import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record

SESSION_KEY = "safehold_mfa_verified"
RECOVERY_CODES = 10
_DEVICE_NAME = "authenticator"


def mfa_required(user: User) -> bool:
    """Must this user pass a second factor? Costs no query (the organisation comes with the user)."""
    organisation = user.organisation
    return user.mfa_enabled or (organisation is not None and organisation.require_mfa)


def session_verified(request: HttpRequest) -> bool:
    return request.session.get(SESSION_KEY) == request.user.pk


def mark_session_verified(request: HttpRequest) -> None:
    request.session[SESSION_KEY] = request.user.pk


def session_proves_second_factor(request: HttpRequest) -> bool:
    """Has this session passed the second factor (and so may it hand out tokens that count as such)?"""
    user = request.user
    return bool(getattr(user, "mfa_enabled", False)) and session_verified(request)


def pending_device(user: User) -> TOTPDevice | None:
    """The authenticator being set up, if one is."""
    return TOTPDevice.objects.filter(user=user, confirmed=False, name=_DEVICE_NAME).first()


@transaction.atomic
def mfa_device_start(*, user: User) -> TOTPDevice:
    """Start setting up an authenticator: a new secret for the QR code, or the one being set up already, so
    that reloading the page keeps the QR code."""
    # Two pages opened at once would each make a device with its own secret, and the code from the app
    # would then be checked against the other one: the second waits for the first here and reuses its device.
    User.objects.select_for_update().get(pk=user.pk)
    device = pending_device(user)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_DEVICE_NAME, confirmed=False)
        audit_record(actor=user, action=Action.UPDATE, obj=user, changed_fields=["mfa_device"])
    return device


def qr_code_svg(device: TOTPDevice) -> SafeString:
    buffer = io.BytesIO()
    qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).save(buffer)
    svg = buffer.getvalue().decode()
    svg = svg[svg.index("<svg"):]  # drop the XML declaration: the SVG goes inline into the page
    label = escape(_("QR code to scan with your authenticator app"))
    labelled = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="sh-qr" ', 1)
    # qrcode's own SVG (paths only, nothing typed by anyone) with an escaped label.
    return mark_safe(labelled)  # nosec B308 B703


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in groups of four, for apps that cannot scan."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def _normalise(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "")


@transaction.atomic
def mfa_confirm(*, user: User, token: str) -> list[str]:
    """Confirm the pending authenticator with a code from it; return fresh recovery codes (shown once)."""
    device = pending_device(user)
    if device is None or not device.verify_token(_normalise(token)):
        raise ValidationError({"token": _("This code is not right. Enter the current 6-digit code from the app.")})
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    user.mfa_enabled = True
    user.save(update_fields=["mfa_enabled"])
    codes = _new_recovery_codes(user)
    audit_record(actor=user, action=Action.UPDATE, obj=user, changed_fields=["mfa_enabled"])
    return codes


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def mfa_new_recovery_codes(*, user: User) -> list[str]:
    if not user.mfa_enabled:
        raise ValidationError(_("Turn on two-factor authentication first."))
    codes = _new_recovery_codes(user)
    audit_record(actor=user, action=Action.UPDATE, obj=user, changed_fields=["recovery_codes"])
    return codes


@transaction.atomic
def mfa_check(*, user: User, token: str) -> bool:
    """Does `token` (an authenticator code or an unused recovery code) prove the second factor?

    Devices throttle repeated failures themselves (django-otp doubles the wait after each one).
    """
    token = _normalise(token)
    if not token:
        return False
    # Locked, so that two requests with the same code cannot both pass: the second waits and then finds the
    # recovery code deleted, or the authenticator code already used (django-otp refuses it a second time).
    for device in TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True):
        if device.verify_token(token):
            return True
    for static in StaticDevice.objects.select_for_update().filter(user=user, confirmed=True):
        if static.verify_token(token.lower()):  # the matched recovery code is deleted: single use
            audit_record(actor=user, action=Action.UPDATE, obj=user, changed_fields=["recovery_codes"])
            return True
    audit_record(actor=user, action=Action.LOGIN_FAILED, obj=user, changed_fields=["mfa"])
    return False


@transaction.atomic
def mfa_login(*, user: User, token: str) -> bool:
    """The second step of logging in on the web: check the code and record the login."""
    if not mfa_check(user=user, token=token):
        return False
    audit_record(actor=user, action=Action.LOGIN, changed_fields=["mfa"])
    return True


def reauthenticate(*, user: User, password: str, token: str) -> bool:
    """Is the account's owner still at the keyboard? Asked before changing how they log in or handing out
    an API token: the password and, with two-factor on, a current code. The code is checked first, so a
    stolen session cannot be used to find out the password."""
    if user.mfa_enabled and not mfa_check(user=user, token=token):
        return False
    if not user.check_password(password):
        audit_record(actor=user, action=Action.LOGIN_FAILED, obj=user, changed_fields=["password"])
        return False
    return True


@transaction.atomic
def mfa_disable(*, user: User) -> None:
    """Turn it off (the caller has re-authenticated the user)."""
    if user.organisation is not None and user.organisation.require_mfa:
        raise ValidationError(_("Your organisation requires two-factor authentication."))
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.mfa_enabled = False
    user.save(update_fields=["mfa_enabled"])
    audit_record(actor=user, action=Action.UPDATE, obj=user, changed_fields=["mfa_enabled"])
