"""What a locked-out login sees: a translated page in the browser, a JSON 429 from the API."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext


def lockout_response(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if request.path.startswith("/api/"):
        message = ngettext(
            "Too many failed logins for this account or address. Try again in %(minutes)d minute.",
            "Too many failed logins for this account or address. Try again in %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        response: HttpResponse = JsonResponse({"message": message, "errors": {}}, status=429)
    else:
        response = render(request, "accounts/locked_out.html", {"cooloff_minutes": minutes}, status=429)
    # An answer to a credential (the API's token exchange among them) is kept by no cache.
    response["Cache-Control"] = "no-store"
    return response
