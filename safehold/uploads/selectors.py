"""Reading a case's files. The case is one the caller loaded through the access policy; these only look
inside it."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from safehold.cases.models import Case
from safehold.core.ids import pk_or_404
from safehold.uploads.models import StoredFile


def case_file(*, case: Case, file_id: int | str) -> StoredFile:
    """A file of an already-accessed case that is not deleted; 404 for anything else."""
    stored = StoredFile.objects.live().filter(case=case, pk=pk_or_404(file_id)).first()
    if stored is None:
        raise Http404
    stored.case = case
    return stored


def case_files(*, case: Case, purpose: str) -> QuerySet[StoredFile]:
    return StoredFile.objects.live().filter(case=case, purpose=purpose)
