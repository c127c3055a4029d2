"""Setting up and passing two-factor authentication (see accounts/mfa.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safehold.accounts import mfa
from safehold.accounts.forms import MfaDisableForm, MfaTokenForm
from safehold.audit.services import Action, audit_record
from safehold.core.http import AuthedRequest, safe_next_url


def _next_url(request: AuthedRequest) -> str:
    return safe_next_url(request, request.POST.get("next") or request.GET.get("next"))


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup_view(request: AuthedRequest) -> HttpResponse:
    """Scan the QR code, type the code the app shows: the authenticator is confirmed."""
    if request.user.mfa_enabled and not mfa.session_verified(request):
        return redirect("accounts:mfa_verify")
    device = mfa.pending_device(request.user)
    form = MfaTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = mfa.mfa_confirm(user=request.user, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            mfa.mark_session_verified(request)
            return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": _next_url(request)})
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
        if mfa.mfa_check(user=request.user, token=form.cleaned_data["token"]):
            request.session.cycle_key()
            mfa.mark_session_verified(request)
            audit_record(actor=request.user, action=Action.LOGIN, changed_fields=["mfa"])
            return HttpResponseRedirect(_next_url(request))
        form.add_error("token", _("This code is not right, or too many wrong codes were tried: wait a moment "
                                  "and enter the current code."))
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request)})


@login_required
@require_POST
def mfa_recovery_codes_view(request: AuthedRequest) -> HttpResponse:
    try:
        codes = mfa.mfa_new_recovery_codes(user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("accounts:profile")
    return render(request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": "/accounts/profile/"})


@login_required
@require_http_methods(["GET", "POST"])
def mfa_disable_view(request: AuthedRequest) -> HttpResponse:
    form = MfaDisableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mfa.mfa_disable(user=request.user, password=form.cleaned_data["password"],
                            token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Two-factor authentication is off."))
            return redirect("accounts:profile")
    return render(request, "accounts/mfa_disable.html", {"form": form})
