"""Rendered HTML kept for reuse, under a key naming everything it was rendered from.

A page that is read far more often than it changes (the case page) renders its body once and serves the same
HTML until something it shows changes. The caller names what the HTML depends on in `key` (the record's last
change, the reader, what they may do, the day); this module adds the release, the template and the language.
An entry is never invalidated by hand: a change gives a new key, and the old entry ages out (`TIMEOUT` of the
`fragments` cache, which also bounds how long a change the key does not name, a renamed team, can take).

The one part of such HTML that belongs to the request is the CSRF token of its forms: it is rendered as a
placeholder and put in on the way out, so no one is ever served another session's token.

The HTML holds case data. The `fragments` cache is local memory in each worker (config/settings/base.py):
it is no new store to protect, back up or erase, and it empties when the worker restarts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

CACHE_ALIAS = "fragments"
# A new release never serves the HTML an older one rendered, should the cache be shared (and outlive a deploy).
try:
    RELEASE = version("safehold")
except PackageNotFoundError:  # run from a checkout not installed as a package: each worker's cache dies with it
    RELEASE = "checkout"


def _placeholder() -> str:
    # From the secret key: no one can write it into a field to have a token put into their text, and every worker
    # sharing a cache uses the same one.
    return "csrf-" + salted_hmac("safehold.fragment_cache", "csrf placeholder").hexdigest()


def fragment_key(template_name: str, key: Iterable[object]) -> str:
    parts = (RELEASE, get_language(), template_name, *key)
    return "fragment:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def cached_render(request: HttpRequest, template_name: str, context: Callable[[], dict[str, Any]], *,
                  key: Iterable[object]) -> SafeString:
    """`template_name` rendered with `context()` and the request's context processors, or the same HTML kept
    from an earlier request with the same `key`; `context` is called only to render. `key` must name everything
    the HTML shows that can change, in a form whose repr() is the same in every process (no sets)."""
    cache = caches[CACHE_ALIAS]
    cache_key = fragment_key(template_name, key)
    placeholder = _placeholder()
    html = cache.get(cache_key)
    if html is None:
        html = render_to_string(template_name, {**context(), "csrf_token": placeholder}, request=request)
        cache.set(cache_key, html)
    # Our own templates rendered it, escaping what they hold; the token is letters and digits.
    return mark_safe(html.replace(placeholder, get_token(request)))  # nosec B308 B703

