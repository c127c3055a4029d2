from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from safehold.accounts import services, sessions
from safehold.accounts.forms import (
    KernPasswordChangeForm,
    KernPasswordResetForm,
    KernSetPasswordForm,
    LoginForm,
    TokenCreateForm,
)
from safehold.accounts.lockout import lockout_response
from safehold.accounts.mfa import session_proves_second_factor
from safehold.accounts.models import User
from safehold.accounts.password_reset import reset_recipients
from safehold.accounts.reauth import Reauth, check_reauth
from safehold.accounts.selectors import organisation_member, require_org_admin, user_context, user_token, user_tokens
from safehold.audit.services import Action, audit_record
from safehold.core.http import AuthedRequest, safe_next_url


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        # The password step; with two-factor authentication a second LOGIN record follows the code.
        audit_record(actor=form.get_user(), action=Action.LOGIN, changed_fields=["password"])
        # The language picked on this page (the switcher's cookie) goes on after the login, unless the user
        # chose another one in Safehold before; a language only set for them gives way.
        services.user_take_login_language(
            user=form.get_user(), language=self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""))
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            audit_record(actor=request.user, action=Action.LOGOUT)
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    request: AuthedRequest  # the view requires login

    template_name = "accounts/password_change.html"
    form_class = KernPasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        # The form checks the old password and the new one; the service sets it (not form.save()).
        key = self.request.session.session_key
        services.password_change(actor=self.request.user, user=self.request.user,
                                 new_password=form.cleaned_data["new_password1"], keep_session=key)
        # As Django's view does: this session stays logged in (with a new key), the user's other sessions end.
        update_session_auth_hash(self.request, self.request.user)
        sessions.session_keep(self.request, key)
        messages.success(self.request, _("Your password has been changed."))
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: PasswordChangeForm) -> HttpResponse:
        if getattr(self.request, "axes_locked_out", False):
            # Locked out by wrong old passwords: this session may be a stolen one, so it ends too. django-axes'
            # middleware answers with the lockout page, as to a login.
            logout(self.request)
            return lockout_response(self.request)
        return super().form_invalid(form)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = KernPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        # Throttled and audited; the answer is the same whether a link went out, was held back or no account
        # has the address.
        cast(KernPasswordResetForm, form).recipients = reset_recipients(email=form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "per_hour": settings.SAFEHOLD_PASSWORD_RESETS_PER_ACCOUNT}


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = KernSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        # The form checks the new password; the service sets it (not form.save()).
        services.password_change(actor=form.user, user=form.user, new_password=form.cleaned_data["new_password1"])
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]  # as Django's view does
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@require_POST
def set_language_view(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; for a logged-in user it is remembered in their profile."""
    language = request.POST.get("language", "")
    response = HttpResponseRedirect(safe_next_url(request, request.POST.get("next")))
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE, secure=settings.LANGUAGE_COOKIE_SECURE, httponly=True,
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def profile_view(request: AuthedRequest) -> HttpResponse:
    """The user's own page: their roles, password, and API tokens."""
    form = TokenCreateForm(request.POST or None, user=request.user)
    new_key = None
    if request.method == "POST" and form.is_valid():
        # A token works without the browser session for months: it is handed out only after the user
        # proves again that it is them (password, and a code with two-factor on).
        result = check_reauth(request, form)
        if result is Reauth.SESSION_ENDED:
            return redirect("accounts:login")
        if result is Reauth.OK:
            _token, new_key = services.token_create(user=request.user, name=form.cleaned_data["name"],
                                                    mfa_verified=session_proves_second_factor(request))
            form = TokenCreateForm(user=request.user)
    memberships = list(request.user.memberships.select_related("team"))
    return render(request, "accounts/profile.html", {
        "form": form, "new_key": new_key, "tokens": user_tokens(user=request.user),
        "memberships": memberships, "context": user_context(request.user),
        "organisation": request.user.organisation,
        "sessions": sessions.user_sessions(user=request.user, current_key=request.session.session_key),
        "session_max_hours": settings.SAFEHOLD_SESSION_MAX_HOURS, "idle": settings.SESSION_IDLE_MINUTES,
    })


@login_required
@require_POST
def sessions_end_view(request: AuthedRequest) -> HttpResponse:
    """The user ends their sessions on other devices; this one goes on."""
    ended = sessions.sessions_end(actor=request.user, user=request.user, reason=sessions.BY_USER,
                                  keep_key=request.session.session_key)
    sessions.session_keep(request)
    messages.success(request, ngettext("%(count)d other session has been ended.",
                                       "%(count)d other sessions have been ended.", ended) % {"count": ended})
    return redirect(reverse("accounts:profile"))


@login_required
@require_POST
def user_sessions_end_view(request: AuthedRequest, user_id: int) -> HttpResponse:
    """An organisation admin ends every session of a user of their organisation (the button on the user's page
    in the organisation's administration): 404 for anyone else's user, 403 for anyone but an admin."""
    organisation_id = require_org_admin(request.user)
    user = organisation_member(organisation_id=organisation_id, user_id=user_id)
    ended = sessions.sessions_end(actor=request.user, user=user, reason=sessions.BY_ADMIN)
    messages.success(request, ngettext("%(count)d session of %(user)s has been ended.",
                                       "%(count)d sessions of %(user)s have been ended.", ended)
                     % {"count": ended, "user": user.get_full_name() or user.username})
    return HttpResponseRedirect(safe_next_url(request, request.POST.get("next")))


@login_required
@require_POST
def token_revoke_view(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = user_token(user=request.user, token_id=token_id)
    services.token_revoke(user=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect(reverse("accounts:profile"))
