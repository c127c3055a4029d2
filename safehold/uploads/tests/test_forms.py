"""The upload field the tools embed."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from safehold.uploads.forms import ACCEPT, UploadForm


def test_the_file_picker_offers_only_the_allowed_types_and_says_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 15 * 1024 * 1024
    html = str(UploadForm(label="Drawing")["file"])
    form = UploadForm(label="Drawing")

    assert f'accept="{ACCEPT}"' in html
    assert "image/heic" in ACCEPT and "application/pdf" in ACCEPT
    assert form.fields["file"].label == "Drawing"
    assert form.fields["file"].help_text.startswith("A picture (PNG, JPEG, WebP, HEIC) or a PDF, at most 15.0\xa0MB.")
    assert 'aria-describedby="id_file_helptext"' in html


def test_a_file_is_required():
    assert not UploadForm(data={}, files={}).is_valid()
    assert UploadForm(data={}, files={"file": SimpleUploadedFile("a.png", b"x")}).is_valid()


def test_the_field_says_what_is_kept_of_pictures_and_of_pdfs():
    """The upload page promises that a photo loses where it was taken; what a PDF loses is said beside it."""
    help_text = UploadForm()["file"].help_text

    assert "without their metadata (place, camera, time)" in help_text
    assert "PDFs without scripts, links, attachments and their author's details" in help_text
