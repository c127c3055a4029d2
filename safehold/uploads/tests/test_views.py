"""Serving a file back and deleting it: only through the access policy, always audited."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from safehold.audit.models import AuditEvent
from safehold.testing.factories import AssignmentFactory, CaseFactory
from safehold.uploads.models import StoredFile
from safehold.uploads.services import file_store
from safehold.uploads.tests import samples

pytestmark = pytest.mark.django_db

QUERIES_TO_OPEN_A_FILE = 11  # the session and user, the access check, the file, its audit record and chain head


@pytest.fixture
def drawing(case, caseworker):
    return file_store(actor=caseworker, case=case, purpose="drawing",
                      upload=SimpleUploadedFile("Freja's house.jpg", samples.jpeg_with_gps()))


def file_url(stored: StoredFile) -> str:
    return reverse("uploads:file", kwargs={"case_id": stored.case_id, "file_id": stored.pk})


def delete_url(stored: StoredFile) -> str:
    return reverse("uploads:file_delete", kwargs={"case_id": stored.case_id, "file_id": stored.pk})


def served(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.urls("safehold.uploads.tests.urls")
def test_a_jpeg_with_gps_uploaded_as_a_drawing_is_served_back_without_any_exif(case, caseworker, client_for):
    client = client_for(caseworker)
    original = samples.jpeg_with_gps()

    response = client.post(f"/test-upload/{case.pk}/", {"file": SimpleUploadedFile("house.jpg", original)})
    assert response.status_code == 200
    stored = StoredFile.objects.get(pk=response.json()["id"])
    response = client.get(file_url(stored))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    found = samples.metadata_of(served(response))
    assert found["exif"] == {} and found["gps"] == {} and found["info"] == set()


@pytest.mark.urls("safehold.uploads.tests.urls")
@pytest.mark.parametrize("data, name", [
    (samples.windows_program(), "drawing.jpg"),
    (samples.windows_program(), "setup.exe"),
    (samples.SVG, "drawing.png"),
    (samples.HTML, "drawing.png"),
])
def test_a_renamed_program_or_page_is_refused_at_the_form(case, caseworker, client_for, data, name):
    response = client_for(caseworker).post(f"/test-upload/{case.pk}/", {"file": SimpleUploadedFile(name, data)})

    assert response.status_code == 400
    assert response.json()["errors"]["file"] == ["This file is not a picture (PNG, JPEG, WebP, HEIC) or a PDF."]
    assert not StoredFile.objects.exists()


@pytest.mark.urls("safehold.uploads.tests.urls")
def test_a_picture_with_too_many_pixels_is_refused_at_the_form_with_a_message(case, caseworker, client_for):
    # 7000×7000 palette pixels (49 megapixels, 19 KB): over the default limit of 40 megapixels, within every other.
    buffer = io.BytesIO()
    Image.new("P", (7000, 7000), 7).save(buffer, "PNG")

    response = client_for(caseworker).post(f"/test-upload/{case.pk}/",
                                           {"file": SimpleUploadedFile("drawing.png", buffer.getvalue())})

    assert response.status_code == 400
    assert response.json()["errors"]["file"] == ["This picture has too many pixels. Make it smaller and try again."]
    assert not StoredFile.objects.exists()


def test_a_file_is_served_with_headers_that_keep_it_inert_and_uncached(drawing, caseworker, client_for):
    response = client_for(caseworker).get(file_url(drawing))

    assert response["Content-Disposition"] == 'inline; filename="Freja\'s house.jpg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert served(response)[:3] == b"\xff\xd8\xff"


def test_a_pdf_is_served_as_pdf_as_it_was_cleaned(case, caseworker, client_for):
    stored = file_store(actor=caseworker, case=case, purpose="drawing",
                        upload=SimpleUploadedFile("letter.pdf", samples.hostile_pdf()))

    response = client_for(caseworker).get(file_url(stored))

    assert response["Content-Type"] == "application/pdf"
    body = served(response)
    assert body[:5] == b"%PDF-"
    for word in (b"/JavaScript", b"/OpenAction", b"/EmbeddedFile", b"Caseworker Hansen"):
        assert word not in body


def test_every_look_at_a_file_is_audited(drawing, team_lead, client_for):
    client_for(team_lead).get(file_url(drawing))

    event = AuditEvent.objects.get(action="view", object_type="uploads.storedfile", actor=team_lead)
    assert (event.case_id, event.object_id) == (drawing.case_id, str(drawing.pk))


@pytest.mark.parametrize("who", ["stranger", "colleague", "org_admin"])
def test_those_not_on_the_case_get_404(drawing, who, request, client_for):
    user = request.getfixturevalue(who)

    assert client_for(user).get(file_url(drawing)).status_code == 404
    assert client_for(user).get(delete_url(drawing)).status_code == 404
    assert client_for(user).post(delete_url(drawing)).status_code == 404
    assert StoredFile.objects.live().filter(pk=drawing.pk).exists()


def test_the_auditor_sees_no_files(drawing, auditor, client_for):
    assert client_for(auditor).get(file_url(drawing)).status_code == 403


def test_a_file_of_another_case_is_404_through_this_one(drawing, caseworker, organisation, client_for):
    other = CaseFactory(organisation=organisation)
    AssignmentFactory(case=other, user=caseworker)
    url = reverse("uploads:file", kwargs={"case_id": other.pk, "file_id": drawing.pk})

    assert client_for(caseworker).get(url).status_code == 404


def test_a_deleted_file_is_404(drawing, caseworker, client_for):
    client = client_for(caseworker)
    client.post(delete_url(drawing))

    assert client.get(file_url(drawing)).status_code == 404
    assert client.get(delete_url(drawing)).status_code == 404


def test_opening_a_file_needs_a_login(drawing, client):
    response = client.get(file_url(drawing))

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_deleting_asks_first_and_shows_the_picture(drawing, caseworker, client_for):
    response = client_for(caseworker).get(delete_url(drawing))

    assert response.status_code == 200
    assert b"Delete this drawing?" in response.content
    assert f'src="{file_url(drawing)}"'.encode() in response.content
    assert StoredFile.objects.live().filter(pk=drawing.pk).exists()
    assert AuditEvent.objects.filter(action="view", object_id=str(drawing.pk)).count() == 1


def test_deleting_goes_back_to_the_case_and_is_audited(drawing, case, caseworker, client_for):
    response = client_for(caseworker).post(delete_url(drawing))

    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", kwargs={"case_id": case.pk})
    assert AuditEvent.objects.filter(action="delete", object_type="uploads.storedfile", actor=caseworker).exists()


def test_deleting_goes_back_to_the_page_asked_for_if_it_is_on_this_site(drawing, case, caseworker, client_for):
    client = client_for(caseworker)
    back = reverse("mapping:maps", kwargs={"case_id": case.pk})

    assert client.post(delete_url(drawing), {"next": back})["Location"] == back


def test_deleting_never_sends_anyone_to_another_site(drawing, case, caseworker, client_for):
    response = client_for(caseworker).post(delete_url(drawing), {"next": "https://evil.example/phish"})

    assert response["Location"] == reverse("cases:detail", kwargs={"case_id": case.pk})


def test_the_auditor_may_not_delete(drawing, auditor, client_for):
    assert client_for(auditor).post(delete_url(drawing)).status_code == 403
    assert StoredFile.objects.live().filter(pk=drawing.pk).exists()


def test_the_bytes_have_no_public_address(drawing):
    with pytest.raises(ValueError):
        drawing.file.url  # noqa: B018


def test_opening_a_file_takes_a_fixed_number_of_queries(drawing, caseworker, client_for, django_assert_max_num_queries):
    client = client_for(caseworker)
    with django_assert_max_num_queries(QUERIES_TO_OPEN_A_FILE):
        response = client.get(file_url(drawing))

    assert response.status_code == 200  # a quick 404 would take fewer
    assert served(response)[:3] == b"\xff\xd8\xff"


def test_a_file_of_a_closed_case_is_shown_but_not_deleted(drawing, closed_case, caseworker, client_for):
    client = client_for(caseworker)

    assert client.get(file_url(drawing)).status_code == 200
    response = client.post(delete_url(drawing))

    assert response.status_code == 403
    assert "This case is closed. Reopen it to change it." in response.content.decode()
    assert StoredFile.objects.live().filter(pk=drawing.pk).exists()
