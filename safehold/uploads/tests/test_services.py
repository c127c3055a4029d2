"""file_store and file_delete: what is kept, where, and what the audit trail says."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import ProtectedError

from safehold.audit.models import AuditEvent
from safehold.cases.perms import CaseClosed
from safehold.testing.factories import AssignmentFactory, CaseFactory, StoredFileFactory
from safehold.uploads.models import StoredFile
from safehold.uploads.services import file_delete, file_store
from safehold.uploads.tests import samples

pytestmark = pytest.mark.django_db


def upload(data: bytes, name: str = "drawing.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")  # what the browser claims counts for nothing


def test_a_drawing_is_stored_clean_under_a_random_name(case, caseworker, private_media):
    stored = file_store(actor=caseworker, case=case, upload=upload(samples.jpeg_with_gps(), "Freja.jpg"),
                        purpose="drawing")

    assert stored.content_type == "image/jpeg"
    assert (stored.width, stored.height) == (40, 30)
    assert stored.original_name == "Freja.jpg"
    assert stored.uploaded_by == caseworker
    assert stored.organisation_id == case.organisation_id
    assert "Freja" not in stored.file.name
    path = private_media / stored.file.name
    assert path.stat().st_mode & 0o777 == 0o600  # not readable by other accounts on the server
    on_disk = path.read_bytes()
    assert len(on_disk) == stored.size
    assert samples.metadata_of(on_disk)["gps"] == {}


def test_storing_is_audited_without_the_file_name(case, caseworker):
    stored = file_store(actor=caseworker, case=case, upload=upload(samples.png_with_text(), "Freja.png"),
                        purpose="drawing")

    event = AuditEvent.objects.get(action="create", object_type="uploads.storedfile")
    assert (event.case_id, event.object_id, event.actor) == (case.pk, str(stored.pk), caseworker)
    assert "Freja" not in str(event.changed_fields)


def test_a_renamed_program_is_refused_and_nothing_is_kept(case, caseworker, private_media):
    with pytest.raises(ValidationError) as caught:
        file_store(actor=caseworker, case=case, upload=upload(samples.windows_program(), "drawing.jpg"),
                   purpose="drawing")

    assert caught.value.message_dict == {"file": ["This file is not a picture (PNG, JPEG, WebP, HEIC) or a PDF."]}
    assert not StoredFile.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.*"))
    assert not AuditEvent.objects.filter(object_type="uploads.storedfile").exists()


def test_a_file_over_the_limit_is_refused(case, caseworker, settings):
    settings.UPLOAD_MAX_BYTES = 1000

    with pytest.raises(ValidationError) as caught:
        file_store(actor=caseworker, case=case, upload=upload(b"\xff\xd8\xff" + b"x" * 998), purpose="drawing")

    assert "larger than" in caught.value.message_dict["file"][0]


def test_any_binary_file_object_may_be_stored(case, caseworker):
    stored = file_store(actor=caseworker, case=case, upload=io.BytesIO(samples.webp_with_gps()),
                        purpose="story_picture")

    assert (stored.content_type, stored.original_name) == ("image/webp", "file.webp")


def test_a_heic_photo_is_stored_as_jpeg(case, caseworker):
    stored = file_store(actor=caseworker, case=case, upload=upload(samples.heic_with_gps(), "IMG_0042.HEIC"),
                        purpose="drawing")

    assert (stored.content_type, stored.original_name) == ("image/jpeg", "IMG_0042.jpg")


def test_storing_needs_the_right_to_change_the_case(case, auditor):
    with pytest.raises(PermissionDenied):
        file_store(actor=auditor, case=case, upload=upload(samples.jpeg_with_gps()), purpose="drawing")


def test_nothing_is_added_to_a_closed_case(closed_case, caseworker):
    with pytest.raises(CaseClosed):
        file_store(actor=caseworker, case=closed_case, upload=upload(samples.jpeg_with_gps()), purpose="drawing")


def test_the_purpose_is_one_the_tools_know(case, caseworker):
    with pytest.raises(ValueError):
        file_store(actor=caseworker, case=case, upload=upload(samples.jpeg_with_gps()), purpose="../x")


def test_deleting_hides_the_file_and_is_audited(case, caseworker, consultant):
    stored = file_store(actor=caseworker, case=case, upload=upload(samples.jpeg_with_gps()), purpose="drawing")

    file_delete(actor=consultant, case=case, stored=stored)

    stored.refresh_from_db()
    assert stored.deleted_at is not None and stored.deleted_by == consultant
    assert not StoredFile.objects.live().exists()
    event = AuditEvent.objects.get(action="delete", object_type="uploads.storedfile")
    assert (event.actor, event.object_id) == (consultant, str(stored.pk))


def test_a_file_of_another_case_cannot_be_deleted_through_this_one(case, caseworker, organisation):
    other = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other, user=caseworker)
    stored = StoredFileFactory(case=other)

    with pytest.raises(ValueError):
        file_delete(actor=caseworker, case=case, stored=stored)


def test_a_case_with_files_cannot_be_deleted_with_them_still_on_disk(case):
    StoredFileFactory(case=case)

    with pytest.raises(ProtectedError):
        case.delete()
