from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

from safehold.audit.context import Origin, origin
from safehold.audit.refusals import record_refusal


def client_address(request: HttpRequest) -> str | None:
    """The client's address, for the audit trail and for login throttling alike.

    Without proxies it is REMOTE_ADDR. Behind SAFEHOLD_TRUSTED_PROXIES proxies that each append to
    X-Forwarded-For, it is the entry those proxies added last-but-N: earlier entries are whatever the
    client chose to send and cannot be trusted.
    """
    proxies = settings.SAFEHOLD_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies and _is_ip(forwarded[-proxies]):
            return forwarded[-proxies]
    remote = request.META.get("REMOTE_ADDR") or ""
    return remote if _is_ip(remote) else None


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class AuditContextMiddleware:
    """Makes the request's origin known to the services that write the trail, and records a refused request
    (refusals.py) once the answer is known."""

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
            response = self.get_response(request)
            record_refusal(request, response)
            return response
