"""Asking a logged-in user to prove again that they are at the keyboard (see forms.ReauthForm)."""

from __future__ import annotations

from enum import Enum

from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import gettext as _

from safehold.accounts import mfa
from safehold.accounts.forms import ReauthForm
from safehold.core.http import AuthedRequest

MAX_FAILURES = 5
_FAILURES = "safehold_reauth_failures"


class Reauth(Enum):
    OK = "ok"
    WRONG = "wrong"
    SESSION_ENDED = "ended"


def check_reauth(request: AuthedRequest, form: ReauthForm) -> Reauth:
    """Check a valid ReauthForm. A wrong answer is put on the form; after MAX_FAILURES in one session the
    session ends, so a stolen session cannot be used to guess the password."""
    if mfa.reauthenticate(user=request.user, password=form.cleaned_data["password"],
                          token=form.cleaned_data.get("current_token", "")):
        request.session.pop(_FAILURES, None)
        return Reauth.OK
    failures = request.session.get(_FAILURES, 0) + 1
    if failures >= MAX_FAILURES:
        logout(request)
        messages.error(request, _("Too many wrong passwords or codes: you have been logged out."))
        return Reauth.SESSION_ENDED
    request.session[_FAILURES] = failures
    form.add_error("password", _("The password or the code is not right."))
    return Reauth.WRONG
