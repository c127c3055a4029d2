from urllib.parse import quote

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation

from safehold.accounts.mfa import mfa_required, session_verified


class UserLanguageMiddleware:
    """Speak the language the user chose in their profile, whatever the browser asks for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class MfaMiddleware:
    """A session with two-factor authentication counts as logged in only after the second factor.

    Until then every page leads to the code form (or, where the organisation requires it and the user
    has no authenticator yet, to setting one up). The API authenticates by token, not by session.
    """

    OPEN_PATHS = ("/accounts/mfa/", "/accounts/logout/", "/accounts/language/", "/static/", "/healthz", "/api/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not request.path.startswith(self.OPEN_PATHS)
                and mfa_required(user) and not session_verified(request)):
            target = "accounts:mfa_verify" if user.mfa_enabled else "accounts:mfa_setup"
            return HttpResponseRedirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)
