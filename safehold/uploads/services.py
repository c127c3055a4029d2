"""Storing and deleting a case's files. The tools that take drawings and pictures call these; each runs in
one transaction with its audit record. The case is one the caller loaded through the access policy; the
permission is checked again here, so that no caller can skip it."""

from __future__ import annotations

from typing import IO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from safehold.accounts.models import User
from safehold.audit.services import Action, audit_record
from safehold.cases.access import Perm, require_case_perm
from safehold.cases.models import Case
from safehold.uploads.checks import read_limited, sanitise_upload
from safehold.uploads.models import Purpose, StoredFile


def file_store(*, actor: User, case: Case, upload: IO[bytes], purpose: str) -> StoredFile:
    """Check an upload (a Django UploadedFile or any binary file object) and keep what `checks` makes of
    it. Raises ValidationError({"file": …}) for a file that is refused."""
    require_case_perm(actor, case, Perm.CHANGE)
    if purpose not in Purpose.values:  # set by the calling tool, never by the user
        raise ValueError(f"unknown purpose {purpose!r}")
    data = read_limited(upload, getattr(upload, "size", None))
    # Decoding and re-encoding happen before the transaction: they may take a moment on a large photo.
    clean = sanitise_upload(data, getattr(upload, "name", "") or "")
    with transaction.atomic():
        stored = StoredFile(case=case, purpose=purpose, content_type=clean.content_type, size=len(clean.data),
                            sha256=clean.sha256, width=clean.width, height=clean.height,
                            original_name=clean.name, uploaded_by=actor)
        stored.file.save("upload", ContentFile(clean.data), save=False)
        name = stored.file.name or ""
        try:
            stored.save()
            audit_record(actor=actor, action=Action.CREATE, case=case, obj=stored,
                         changed_fields=["purpose", "file"])
        except BaseException:
            # The row was not written: the bytes must not stay behind without it.
            stored.file.storage.delete(name)
            raise
    return stored


@transaction.atomic
def file_delete(*, actor: User, case: Case, stored: StoredFile) -> None:
    """Take a file off the case. Its row and bytes stay (like a deleted map entry) until the case's data is
    deleted under the retention rules; nobody can open it any more."""
    require_case_perm(actor, case, Perm.CHANGE)
    if stored.case_id != case.pk:  # a programming error, never user input: views load files through the case
        raise ValueError("file of another case")
    if stored.deleted_at is not None:
        return
    stored.deleted_at = timezone.now()
    stored.deleted_by = actor
    stored.save(update_fields=["deleted_at", "deleted_by"])
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=stored, changed_fields=["deleted_at"])
