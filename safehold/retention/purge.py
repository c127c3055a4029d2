"""Deleting a case for good: every row of every tool that hangs off it, and the files those rows name.

The tools are not listed here. Django's deletion collector follows every foreign key to the case, so a tool
built later takes part without a line of its own. Two things the plain `case.delete()` gets wrong are handled:

- A PROTECT inside the case (a child's-voice conversation protects the child, a drawing its stored file, a
  child's outcome the status change that closed the case) would refuse the deletion although the protecting
  row goes with the case too. Such a PROTECT is honoured only where it guards against something outside:
  a row that protects the case's data and is not itself the case's (it neither hangs off the case nor points
  at it) keeps the case, and the caller says which.
- Rows that protect the case itself because they point at it (the stored files: deleting a case must remove
  their bytes first) are the case's data, and are deleted with it.

The bytes in storage are removed only once the transaction has committed: a rollback then leaves rows and
files as they were, never a row whose file is gone.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.storage import Storage
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from safehold.cases.models import Case

logger = logging.getLogger(__name__)

# How often rows found protecting the case are taken in before giving up: each round takes in the rows that
# point at the case; two rounds suffice today (stored files, then nothing), the rest is headroom.
_ROUNDS = 5


class _CaseCollector(Collector):
    """Collects everything that would go with the case, noting the PROTECTed rows instead of stopping at them."""

    def __init__(self, using: str) -> None:
        super().__init__(using=using, origin=None)
        self.protecting: set[models.Model] = set()

    def can_fast_delete(self, *args: Any, **kwargs: Any) -> bool:
        # Every row is collected as an object: a fast (queryset) delete would be skipped at a level where a
        # PROTECT is met, and the rows' files could not be found.
        return False

    def collect(self, objs: Any, *args: Any, **kwargs: Any) -> None:
        try:
            super().collect(objs, *args, **kwargs)
        except ProtectedError as error:
            self.protecting.update(error.protected_objects)
        except RestrictedError as error:
            self.protecting.update(error.restricted_objects)

    def holds(self, obj: models.Model) -> bool:
        return obj in self.data.get(type(obj), ())


@dataclass
class CasePurge:
    """What deleting one case takes with it; `held_by` names what keeps it (empty: it may go)."""

    case: Case
    collector: _CaseCollector
    held_by: list[str] = field(default_factory=list)
    files: list[tuple[Storage, str]] = field(default_factory=list)

    @property
    def row_count(self) -> int:
        return sum(len(instances) for instances in self.collector.data.values())

    def delete(self) -> None:
        """Delete the rows now (inside the caller's transaction) and the files once it has committed."""
        if self.held_by:
            raise ProtectedError(f"case #{self.case.pk} is held by {', '.join(self.held_by)}", set())
        # Protected rows that go with the case may be deleted in any order: foreign keys are checked at commit.
        self.collector.delete()
        files = list(self.files)
        transaction.on_commit(lambda: _remove_files(files))


def case_purge(case: Case) -> CasePurge:
    """Everything that deleting `case` takes with it, and what (outside the case) keeps it, if anything."""
    collector = _CaseCollector(using=router.db_for_write(Case, instance=case))
    collector.collect([case])
    for _round in range(_ROUNDS):
        own = [rows for model, pks in _by_model(_unresolved(collector)).items()
               if (rows := _rows_pointing_at(case, model, pks, collector.using))]
        if not own:
            break
        for rows in own:
            collector.collect(rows)
    held_by = sorted({f"{obj._meta.label_lower}#{obj.pk}" for obj in _unresolved(collector)})
    return CasePurge(case=case, collector=collector, held_by=held_by, files=_files_of(collector))


def _unresolved(collector: _CaseCollector) -> list[models.Model]:
    return [obj for obj in collector.protecting if not collector.holds(obj)]


def _rows_pointing_at(case: Case, model: type[models.Model], pks: list[Any], using: str) -> list[models.Model]:
    """Those of the rows that have a foreign key to this very case (one query per model)."""
    keys = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is Case]
    if not keys:
        return []
    pointing = Q.create([(key, case.pk) for key in keys], connector=Q.OR)
    return list(model._base_manager.using(using).filter(pointing, pk__in=pks))


def _by_model(objs: Iterable[models.Model]) -> dict[type[models.Model], list[Any]]:
    grouped: dict[type[models.Model], list[Any]] = defaultdict(list)
    for obj in objs:
        grouped[type(obj)].append(obj.pk)
    return grouped


def _files_of(collector: _CaseCollector) -> list[tuple[Storage, str]]:
    """The stored files every collected row names, read in one query per model that has file fields (the
    collected rows carry only their keys)."""
    found = []
    for model, instances in collector.data.items():
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not file_fields or not instances:
            continue
        rows = model._base_manager.using(collector.using).filter(pk__in=[obj.pk for obj in instances])
        for names in rows.values_list(*(f.attname for f in file_fields)):
            found += [(f.storage, name) for f, name in zip(file_fields, names, strict=True) if name]
    return found


def _remove_files(files: list[tuple[Storage, str]]) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            # The rows are gone already; the operator finds the name (random, no content) in the log.
            logger.warning("retention: could not remove stored file %s", name, exc_info=True)
