"""Who may read /api/v1/openapi.json. The schema names every path, field and rule of the API: a map for an
attacker, so it is served to token holders and to users logged in to the pages (after their second factor),
and to everyone only where SAFEHOLD_PUBLIC_API_SCHEMA switches it on (off unless the environment says so)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from safehold.accounts.mfa import mfa_required, session_verified
from safehold.api.auth import BearerToken


def _logged_in(request: HttpRequest) -> bool:
    user = request.user
    if user.is_authenticated and (not mfa_required(user) or session_verified(request)):
        return True
    return BearerToken()(request) is not None


def schema_readers_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The decorator NinjaAPI puts on its schema view (`docs_decorator`)."""

    # The schema follows from the code alone: built once per process (about two seconds of CPU each time).
    built: dict[str, tuple[bytes, str]] = {}

    @wraps(view)
    def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if settings.SAFEHOLD_PUBLIC_API_SCHEMA or _logged_in(request):
            if request.path not in built:
                response = view(request, *args, **kwargs)
                if response.status_code != 200:
                    return response
                built[request.path] = (response.content, response["Content-Type"])
            content, content_type = built[request.path]
            return HttpResponse(content, content_type=content_type)
        # The API's own error shape and message for a missing token (errors.unauthenticated).
        return JsonResponse({"message": _("Send a valid token: Authorization: Bearer <token>."), "errors": {}},
                            status=401)

    return guarded
