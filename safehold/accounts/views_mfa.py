"""Setting up and passing two-factor authentication (see accounts/mfa.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from safehold.accounts import mfa, sessions
from safehold.accounts.forms import MfaReplaceForm, MfaTokenForm, ReauthForm
from safehold.accounts.reauth import Reauth, check_reauth
from safehold.core.http import AuthedRequest, safe_next_url


def _next_url(request: AuthedRequest) -> str:
    return safe_next_url(request, request.POST.get("next") or request.GET.get("next"))


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup_view(request: AuthedRequest) -> HttpResponse:
    """Scan the QR code, type the code the app shows: the authenticator is confirmed."""
    if request.user.mfa_enabled and not mfa.session_verified(request):
        return redirect("accounts:mfa_verify")
    device = mfa.mfa_device_start(user=request.user)
    replacing = request.user.mfa_enabled
    # Replacing the app in use asks for the password and a code from that app: a stolen session alone must
    # not be able to move the second factor to the thief's phone.
    form: MfaTokenForm | MfaReplaceForm = (
        MfaReplaceForm(request.POST or None, user=request.user) if replacing else MfaTokenForm(request.POST or None))
    if request.method == "POST" and form.is_valid():
        if isinstance(form, MfaReplaceForm):
            result = check_reauth(request, form)
            if result is Reauth.SESSION_ENDED:
                return redirect("accounts:login")
            if result is Reauth.WRONG:
                return _setup_page(request, form, device)
        try:
            codes = mfa.mfa_confirm(user=request.user, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            sessions.rekey(request)
            mfa.mark_session_verified(request)
            return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": _next_url(request)})
    return _setup_page(request, form, device)


def _setup_page(request: AuthedRequest, form: MfaTokenForm | MfaReplaceForm, device: TOTPDevice) -> HttpResponse:
    return render(request, "accounts/mfa_setup.html", {
        "form": form, "qr_code": mfa.qr_code_svg(device), "secret": mfa.secret_for_typing(device),
        "next": _next_url(request), "replacing": request.user.mfa_enabled,
    })


@login_required
@require_http_methods(["GET", "POST"])
def mfa_verify_view(request: AuthedRequest) -> HttpResponse:
    """The second step of logging in."""
    if not request.user.mfa_enabled or mfa.session_verified(request):
        return HttpResponseRedirect(_next_url(request))
    form = MfaTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if mfa.mfa_login(user=request.user, token=form.cleaned_data["token"]):
            sessions.rekey(request)
            mfa.mark_session_verified(request)
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("This code is not right, or too many wrong codes were tried: wait a moment "
                                  "and enter the current code."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_http_methods(["GET", "POST"])
def mfa_recovery_codes_view(request: AuthedRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), after the password and a current code."""
    if not request.user.mfa_enabled:
        return redirect("accounts:profile")
    form = ReauthForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        result = check_reauth(request, form)
        if result is Reauth.SESSION_ENDED:
            return redirect("accounts:login")
        if result is Reauth.OK:
            codes = mfa.mfa_new_recovery_codes(user=request.user)
            return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": "/accounts/profile/"})
    return render(request, "accounts/reauth.html", {
        "form": form, "title": _("New recovery codes"),
        "intro": _("New codes replace the ones you have: those stop working."), "button": _("Make new codes"),
    })


@login_required
@require_http_methods(["GET", "POST"])
def mfa_disable_view(request: AuthedRequest) -> HttpResponse:
    form = ReauthForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        result = check_reauth(request, form)
        if result is Reauth.SESSION_ENDED:
            return redirect("accounts:login")
        if result is Reauth.OK:
            try:
                mfa.mfa_disable(user=request.user)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("accounts:profile")
    return render(request, "accounts/reauth.html", {
        "form": form, "title": _("Turn off two-factor authentication"),
        "intro": _("Your account will then be protected by your password alone."), "button": _("Turn off"),
    })
