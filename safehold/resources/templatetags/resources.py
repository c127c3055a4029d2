"""`{% load resources %}`: whether the menu offers the directory of offers, and the directory the needs without an
offer (the views decide again)."""

from django import template

from safehold.resources.access import may_read_directory as _may_read
from safehold.resources.access import may_see_clusters as _may_see_clusters

register = template.Library()


@register.filter
def may_read_directory(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _may_read(user)  # type: ignore[arg-type]


@register.filter
def may_see_clusters(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _may_see_clusters(user)  # type: ignore[arg-type]
