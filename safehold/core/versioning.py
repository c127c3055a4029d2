"""Optimistic locking: a save names the version it started from and is refused if someone saved since.

Two people editing the same record never overwrite each other silently: the second save raises
ConflictError carrying what is in the database now, so the interface can show both versions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Versioned(Protocol):
    """A model instance under optimistic locking (Case, Person, …): what save_versioned uses of it."""

    _default_manager: Any  # a Manager, or one made from a QuerySet
    pk: Any
    version: int


class ConflictError(Exception):
    def __init__(self, current: Versioned):
        super().__init__(str(self.message))
        self.current = current

    message = _(
        "Someone else saved this since you opened it. Your changes were not saved: "
        "compare them with the current version below and save again."
    )


def apply_changes(instance: models.Model, changes: Mapping[str, Any], editable: Iterable[str]) -> list[str]:
    """Set the given fields on instance; return the names of those whose value really changed."""
    allowed = set(editable)
    changed = []
    for name, value in changes.items():
        if name not in allowed:
            raise ValueError(f"{name} cannot be changed here")
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def save_versioned(instance: Versioned, *, expected_version: int, fields: Iterable[str]) -> None:
    """Write `fields` if the row is still at `expected_version`; bump the version. Raises ConflictError."""
    model = type(instance)
    values: dict[str, Any] = {name: getattr(instance, name) for name in fields}
    if hasattr(instance, "updated_at"):
        values["updated_at"] = timezone.now()
    rows = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        version=F("version") + 1, **values
    )
    if rows == 0:
        raise ConflictError(current=model._default_manager.get(pk=instance.pk))
    instance.version = expected_version + 1
    if hasattr(instance, "updated_at"):
        instance.updated_at = values["updated_at"]


def update_versioned(instance: Versioned, changes: Mapping[str, Any], editable: Iterable[str], *,
                     expected_version: int) -> list[str]:
    """The usual edit of a versioned record: refuse it if the record read is no longer the current one, set
    the fields that really change, save them. Returns their names (empty: nothing to save or audit)."""
    if instance.version != expected_version:
        raise ConflictError(current=type(instance)._default_manager.get(pk=instance.pk))
    changed = apply_changes(instance, changes, editable)  # type: ignore[arg-type]
    if changed:
        save_versioned(instance, expected_version=expected_version, fields=changed)
    return changed
