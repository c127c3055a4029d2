"""Refused requests in the audit trail: a 403 or 404 answered to a logged-in user or an API token (another
organisation's ids, a page the role may not open) is recorded as REFUSED, without content: the status, the
route's pattern and name (never the raw path, which may carry a searched name), the method and the ids in the
URL.

A flood must not fill the disk: per user and client address at most REFUSALS_PER_MINUTE records a minute. The
refusals beyond that are counted in Django's cache, and the first refusal of that user and address after the
minute writes one summary record with their number (`detail["suppressed"]`). The counters live in the cache
named "default": in production that must be a cache all worker processes share (Redis, Memcached or Django's
database cache); with the per-process memory cache each worker counts alone, so the limit is per worker.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase

from safehold.audit.context import current_origin
from safehold.audit.models import AuditEvent
from safehold.audit.services import audit_record

REFUSALS_PER_MINUTE = 20
WINDOW_SECONDS = 60
# How long a count waits for the next refusal to be summarised; a longer silence loses only the count.
_KEEP_SECONDS = 24 * 3600
REFUSED_STATUSES = (403, 404)


def _now() -> float:
    return time.time()


def record_refusal(request: HttpRequest, response: HttpResponseBase) -> None:
    if response.status_code not in REFUSED_STATUSES:
        return
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    # No route matched: nothing the application holds was refused (a browser's guess at an icon, say).
    if user is None or not user.is_authenticated or match is None:
        return
    key = f"safehold:audit:refused:{user.pk}:{current_origin().client_address or '-'}"
    window = int(_now() // WINDOW_SECONDS)
    _summarise_earlier_flood(key, window, user)
    count_key = f"{key}:{window}"
    cache.add(count_key, 0, _KEEP_SECONDS)
    count = cache.incr(count_key)
    if count == REFUSALS_PER_MINUTE + 1:
        cache.set(f"{key}:flooded", window, _KEEP_SECONDS)
    if count > REFUSALS_PER_MINUTE:
        return
    detail: dict = {"status": response.status_code, "route": match.route, "view": match.view_name,
                    "method": request.method}
    # Ids only (the API's converters may hand them over as text); never a word from the path.
    ids = {name: int(value) for name, value in match.kwargs.items()
           if isinstance(value, int) or (isinstance(value, str) and value.isdigit() and len(value) < 19)}
    if ids:
        detail["ids"] = ids
    audit_record(actor=user, action=AuditEvent.Action.REFUSED, detail=detail)


def _summarise_earlier_flood(key: str, window: int, user) -> None:
    flooded = cache.get(f"{key}:flooded")
    if flooded is None or flooded >= window:
        return
    # Only the process that takes the flood's mark writes its summary.
    if not cache.delete(f"{key}:flooded"):
        return
    count = cache.get(f"{key}:{flooded}") or 0
    suppressed = count - REFUSALS_PER_MINUTE
    if suppressed > 0:
        started = datetime.fromtimestamp(flooded * WINDOW_SECONDS, tz=UTC)
        audit_record(actor=user, action=AuditEvent.Action.REFUSED, detail={
            "suppressed": suppressed, "from": started.isoformat(), "seconds": WINDOW_SECONDS,
            "limit": REFUSALS_PER_MINUTE})
