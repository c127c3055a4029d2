"""Reading a case's files. The case comes from `legacy_access_case`; these only look inside it."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from safehold.cases.models import Case
from safehold.uploads.models import StoredFile


def case_file(*, case: Case, file_id: int | str) -> StoredFile:
    """A file of an already-accessed case that is not deleted; 404 for anything else."""
    try:
        pk = int(file_id)
    except (TypeError, ValueError):
        raise Http404 from None
    stored = StoredFile.objects.live().filter(case=case, pk=pk).first()
    if stored is None:
        raise Http404
    stored.case = case  # already loaded, with its permissions
    return stored


def case_files(*, case: Case, purpose: str) -> QuerySet[StoredFile]:
    return StoredFile.objects.live().filter(case=case, purpose=purpose)
