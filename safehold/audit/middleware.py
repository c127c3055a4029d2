from __future__ import annotations

from django.http import HttpRequest

from safehold.audit.context import Origin, origin


def client_address(request: HttpRequest) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is trivially forged unless a trusted proxy rewrites it.
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        channel = "api" if request.path.startswith("/api/") else "web"
        value = Origin(
            channel=channel,
            client_address=client_address(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
        )
        with origin(value):
            return self.get_response(request)
