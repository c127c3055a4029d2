from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from safehold.accounts.mfa import mfa_required, session_verified
from safehold.accounts.sessions import Ended, session_ended, session_refresh


class SessionRefreshMiddleware:
    """Move a session's expiry on at most once a minute (accounts/sessions.py, `session_refresh`), after the
    response is made: a view that ended the session (logout) leaves nothing to refresh."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session_refresh(request)
        return response


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

    # Reachable half-logged-in: the code form itself, leaving, and what holds no account or case data.
    # Setting up is reachable only by users who have no authenticator yet (their organisation requires
    # one); everything else, recovery codes and turning it off included, needs the second factor first.
    OPEN_PATHS = ("/accounts/mfa/verify/", "/accounts/logout/", "/accounts/language/", "/static/", "/healthz",
                  "/favicon.ico", "/api/")
    SETUP_PATH = "/accounts/mfa/setup/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and mfa_required(user) and not session_verified(request):
            path = request.path
            if not (path.startswith(self.OPEN_PATHS) or (path.startswith(self.SETUP_PATH) and not user.mfa_enabled)):
                target = "accounts:mfa_verify" if user.mfa_enabled else "accounts:mfa_setup"
                return HttpResponseRedirect(f"{reverse(target)}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """Log out a session that has come to its end (accounts/sessions.py): SAFEHOLD_SESSION_MAX_HOURS after its
    login, or because the user's sessions were ended since it began. The request goes on as anonymous, so the
    page asks for a login as it would after the idle timeout. Reads only the session and the user, which every
    request loads anyway."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            ended = session_ended(request)
            if ended is not None:
                logout(request)
                messages.info(request, self._message(ended))
        return self.get_response(request)

    @staticmethod
    def _message(ended: Ended) -> str:
        if ended is Ended.TOO_OLD:
            hours = settings.SAFEHOLD_SESSION_MAX_HOURS
            return ngettext("You were logged out: a session lasts at most %(hours)d hour. Log in again.",
                            "You were logged out: a session lasts at most %(hours)d hours. Log in again.",
                            hours) % {"hours": hours}
        return _("You were logged out: your sessions were ended, for example after a password change. "
                 "Log in again.")
