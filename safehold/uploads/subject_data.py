"""The files in a person's export (see cases/subject_records.py): what is known of each file the other tools'
records name (a child's drawing the audience may see, a story's picture), listed last in the settings so that
they have named them. The metadata only: each file is downloaded through its own audited address. No query."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from safehold.cases.subject_records import Record, Subject, SubjectData, record
from safehold.uploads.models import StoredFile

FILE_FIELDS = ("original_name", "purpose", "content_type", "size", "sha256", "width", "height", "created_at")


def collect(subject: Subject) -> list[Record]:
    seen: dict[int, StoredFile] = {}
    for stored in subject.files:
        seen.setdefault(stored.pk, stored)
    return [record(stored, FILE_FIELDS) for stored in seen.values()]


SUBJECT_DATA = SubjectData(key="files", title=gettext_lazy("Files"), collect=collect, models=(StoredFile,))
