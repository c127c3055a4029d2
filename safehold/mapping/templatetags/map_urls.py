"""`{% map_url %}`: the URLs of a map's entries without a full `reverse()` for each.

The map page links every entry to its edit, move, delete and views forms: with 200 entries that was 1,600
reversals, a third of the page's time. The URL of each kind is reversed once per map with a marker id and
the entry's id put in its place.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import reverse

register = template.Library()

_MARKER = "7777777777"


@lru_cache(maxsize=4096)
def _pattern(name: str, case_id: int, map_id: int, key: str) -> str:
    return reverse(name, kwargs={"case_id": case_id, "map_id": map_id, key: int(_MARKER)})


@register.simple_tag
def map_url(name: str, case_id: int, map_id: int, **ids: int) -> str:
    """map_url 'mapping:entry_edit' case.pk map.pk entry_id=entry.pk"""
    ((key, value),) = ids.items()
    head, _marker, tail = _pattern(name, int(case_id), int(map_id), key).rpartition(_MARKER)
    return f"{head}{int(value)}{tail}"  # the object's id is the last one in these URLs
