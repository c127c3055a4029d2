"""What the apps higher up contribute to a page of a lower one (the case page's sections, the panels beside
the map, the start page's attention items, the network's badges, where a placed child lives now): named as
dotted paths in a setting, in the page's order, so that the lower app renders them without importing the apps
above it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


def listed(setting: str) -> list[Any]:
    """The objects the setting names, in its order."""
    return [import_string(path) for path in getattr(settings, setting)]


def named(setting: str) -> Any:
    """The one object a setting names, for a contribution there is only one of (a callable a lower app asks)."""
    return import_string(getattr(settings, setting))


def listed_by_key(setting: str) -> list[Any]:
    """As `listed`, for contributions with a `key`: a key named twice is a mistake, not a second copy."""
    found = listed(setting)
    keys = [item.key for item in found]
    doubled = sorted({key for key in keys if keys.count(key) > 1})
    if doubled:
        raise ImproperlyConfigured(f"{setting} names a key twice: {doubled}")
    return found
