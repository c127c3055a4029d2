"""Checking a logged-in user's password under the login's throttle (django-axes), as the password-change form does:
a stolen session must not be a way to guess the password without limit."""

from __future__ import annotations

from enum import Enum

from django.contrib.auth import authenticate
from django.http import HttpRequest

from safehold.accounts.login_audit import PASSWORD_CHECK
from safehold.accounts.models import User


class PasswordCheck(Enum):
    RIGHT = "right"
    WRONG = "wrong"
    LOCKED_OUT = "locked_out"  # too many wrong passwords for this account or from this address: not checked


def check_password(request: HttpRequest, user: User, password: str) -> PasswordCheck:
    """Is `password` the user's? Through authenticate(), so that the same count as the login's applies (per
    account and per address, AXES_FAILURE_LIMIT within AXES_COOLOFF_TIME), a lockout refuses without checking,
    and each failure is audited as PASSWORD_FAILED (login_audit.py). A right password does not clear the
    failures (a login does): clearing them clears the address's too, whoever's account they were guessed on."""
    setattr(request, PASSWORD_CHECK, True)
    try:
        found = authenticate(request, username=user.get_username(), password=password)
    finally:
        setattr(request, PASSWORD_CHECK, False)
    if getattr(request, "axes_locked_out", False):
        return PasswordCheck.LOCKED_OUT
    if found is None or found.pk != user.pk:
        return PasswordCheck.WRONG
    return PasswordCheck.RIGHT
