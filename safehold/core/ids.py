"""Primary keys as they come from a URL, a form or an API body: checked once, the same way everywhere."""

from __future__ import annotations

from django.http import Http404

_LARGEST = 2**63 - 1  # the databases' bigint: a larger number no row can have (and SQLite overflows on it)


def as_pk(value: object) -> int | None:
    """The key `value` names, or None when it names no row that can exist (not a whole number, out of range)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        pk = value
    elif isinstance(value, str) and value.strip().isdecimal() and len(value.strip()) <= 19:
        pk = int(value.strip())
    else:
        return None
    return pk if 0 < pk <= _LARGEST else None


def pk_or_404(value: object) -> int:
    """For an id in a URL: a key that cannot exist is a page that does not."""
    pk = as_pk(value)
    if pk is None:
        raise Http404
    return pk
