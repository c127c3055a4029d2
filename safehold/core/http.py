"""Request types for views, so that the type checker knows what the middleware and the login check guarantee.

django-stubs types `request.user` as `User | AnonymousUser`; behind `@login_required` it is always a User.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:  # core imports no app of the project; the type checker may look upward
    from safehold.accounts.models import User


class AuthedRequest(HttpRequest):
    """The request of an HTML view behind `@login_required`."""

    user: User
    htmx: HtmxDetails


class ApiRequest(HttpRequest):
    """The request of an API operation behind the bearer token: `auth` is the user the token belongs to."""

    auth: User


def safe_next_url(request: HttpRequest, candidate: str | None) -> str:
    """Where to go after a form: `candidate` if it stays on this site, else the start page."""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return "/"
