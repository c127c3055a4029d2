"""`{% load reports %}`: whether the menu offers the reports (the views decide again)."""

from django import template

from safehold.reports.access import may_see_reports as _may_see

register = template.Library()


@register.filter
def may_see_reports(user: object) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and _may_see(user)  # type: ignore[arg-type]
