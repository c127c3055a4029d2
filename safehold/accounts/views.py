from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safehold.accounts import services
from safehold.accounts.forms import (
    KernPasswordChangeForm,
    KernPasswordResetForm,
    KernSetPasswordForm,
    LoginForm,
    TokenCreateForm,
)
from safehold.accounts.mfa import session_proves_second_factor
from safehold.accounts.models import User
from safehold.accounts.reauth import Reauth, check_reauth
from safehold.accounts.selectors import user_context, user_token, user_tokens
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

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        # The form checks the old password and the new one; the service sets it (not form.save()).
        services.password_change(actor=self.request.user, user=self.request.user,
                                 new_password=form.cleaned_data["new_password1"])
        # As Django's view does: this session stays logged in, the user's other sessions end.
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, _("Your password has been changed."))
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = KernPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


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
    })


@login_required
@require_POST
def token_revoke_view(request: AuthedRequest, token_id: int) -> HttpResponse:
    token = user_token(user=request.user, token_id=token_id)
    services.token_revoke(user=request.user, token=token)
    messages.success(request, _("The token has been revoked."))
    return redirect(reverse("accounts:profile"))
