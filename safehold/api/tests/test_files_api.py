"""A case's files through the API: /api/v1/cases/{id}/files/{file_id}, the address API answers link a drawing to."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from safehold.audit.models import AuditEvent
from safehold.child_voice import services
from safehold.testing.factories import AssignmentFactory, CaseFactory, PersonFactory
from safehold.uploads.models import StoredFile
from safehold.uploads.services import file_delete

NOT_FOUND = {"message": "Not found.", "errors": {}}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 9), (30, 120, 200)).save(buffer, "PNG")
    return SimpleUploadedFile("Freja's houses.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def drawing(case, child, caseworker):
    conversation = services.conversation_create(actor=caseworker, case=case, child=child.pk)
    return services.drawing_add(actor=caseworker, case=case, conversation=conversation, upload=png(),
                                caption="My houses", visibility="parents")


def file_url(case_id: int, file_id: int) -> str:
    return f"/api/v1/cases/{case_id}/files/{file_id}"


def served(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_token_client_downloads_a_drawing_from_the_address_the_answer_gives(case, child, drawing, alice):
    listed = alice.get(f"/api/v1/cases/{case.pk}/children/{child.pk}/three-houses").json()
    [linked] = listed["items"][0]["drawings"]

    response = alice.get(linked["url"])

    assert linked["url"] == file_url(case.pk, drawing.file_id)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert served(response) == drawing.file.file.open("rb").read()


def test_the_file_is_served_inert_and_uncached_like_on_the_pages(case, drawing, alice):
    response = alice.get(file_url(case.pk, drawing.file_id))

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Disposition"] == 'inline; filename="Freja\'s houses.png"'


def test_each_download_is_audited_as_a_view_of_the_file(case, drawing, caseworker, alice):
    alice.get(file_url(case.pk, drawing.file_id))

    event = AuditEvent.objects.filter(actor=caseworker, action="view").latest("pk")
    assert (event.case_id, event.object_type, event.object_id) == (case.pk, "uploads.storedfile",
                                                                   str(drawing.file_id))


def test_a_file_of_another_case_the_user_may_open_is_not_found_through_this_one(organisation, case, caseworker,
                                                                                 drawing, alice):
    other = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other, user=caseworker)
    other_conversation = services.conversation_create(actor=caseworker, case=other,
                                                      child=PersonFactory(case=other, role="child").pk)
    other_drawing = services.drawing_add(actor=caseworker, case=other, conversation=other_conversation,
                                         upload=png())

    assert alice.get(file_url(other.pk, other_drawing.file_id)).status_code == 200
    for url in (file_url(other.pk, drawing.file_id), file_url(case.pk, other_drawing.file_id)):
        response = alice.get(url)
        assert (response.status_code, response.json()) == (404, NOT_FOUND)


def test_a_deleted_file_is_not_found(case, drawing, caseworker, alice):
    file_delete(actor=caseworker, case=case, stored=StoredFile.objects.get(pk=drawing.file_id))

    assert alice.get(file_url(case.pk, drawing.file_id)).status_code == 404


@pytest.mark.parametrize("file_id", ["0", "99999999", str(2**63)])
def test_a_file_that_does_not_exist_is_not_found(case, alice, file_id):
    assert alice.get(f"/api/v1/cases/{case.pk}/files/{file_id}").status_code == 404


def test_a_closed_cases_files_are_still_read(case, caseworker, drawing, alice):
    from safehold.cases.services import case_transition

    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")

    assert alice.get(file_url(case.pk, drawing.file_id)).status_code == 200


@pytest.mark.parametrize(("role", "status"), [
    ("consultant", 200), ("team_lead", 200), ("auditor", 403), ("colleague", 404), ("org_admin", 404),
    ("stranger", 404),
])
def test_who_may_download_a_file(request, case, drawing, api_client_for, role, status):
    user = request.getfixturevalue(role)

    response = api_client_for(user).get(file_url(case.pk, drawing.file_id))

    assert response.status_code == status
    assert (response.status_code == 200) == AuditEvent.objects.filter(actor=user, action="view").exists()


def test_a_file_needs_a_token(case, drawing, client):
    assert client.get(file_url(case.pk, drawing.file_id)).status_code == 401


def test_the_schema_describes_the_file_download(alice):
    schema = alice.get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/cases/{case_id}/files/{file_id}"]["get"]
    assert set(operation["responses"]["200"]["content"]) == {"image/png", "image/jpeg", "image/webp",
                                                             "application/pdf"}
