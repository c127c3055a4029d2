"""An uploaded PDF is kept without scripts, actions, attachments and metadata, or refused."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pikepdf import Name
from pypdf import PdfReader

from safehold.uploads.checks import sanitise_upload
from safehold.uploads.models import ContentType
from safehold.uploads.pdfs import jpeg_without_metadata
from safehold.uploads.tests import samples
from safehold.uploads.tests.memory import MIB, checked_in_a_process_of_its_own

DAMAGED = ("This PDF is damaged or built in a way that cannot be cleaned. Print it to a new PDF and try again.")


@pytest.fixture(scope="module")
def cleaned() -> bytes:
    original = samples.hostile_pdf(pages=2)
    with pikepdf.open(io.BytesIO(original)) as pdf:  # the sample really carries all of it
        assert Name.OpenAction in pdf.Root and Name.JavaScript in pdf.Root.Names
        assert samples.PROGRAM_NAME in pdf.attachments and pdf.docinfo.get(Name.Author) == samples.AUTHOR
        assert Name.Metadata in pdf.Root and Name.XFA in pdf.Root.AcroForm
    clean = sanitise_upload(original, "letter.pdf")
    assert clean.content_type == ContentType.PDF
    return clean.data


def every_object(pdf: pikepdf.Pdf):
    """Every dictionary in the file, those written inside others included."""
    pending = [obj for obj in pdf.objects if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array))]
    pending.append(pdf.trailer)
    while pending:
        obj = pending.pop()
        children = list(obj.values()) if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)) else list(obj)
        if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            yield obj
        pending.extend(child for child in children
                       if isinstance(child, (pikepdf.Dictionary, pikepdf.Array)) and not child.is_indirect)


def test_no_javascript_survives_anywhere(cleaned):
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert Name.OpenAction not in pdf.Root and Name.AA not in pdf.Root
        assert Name.JavaScript not in pdf.Root.get(Name.Names, {})
        for obj in every_object(pdf):
            assert Name.JS not in obj and Name.AA not in obj
            assert obj.get(Name.S) not in (Name.JavaScript, Name.Launch, Name.URI, Name.SubmitForm)
    assert b"app.alert" not in cleaned


def test_no_embedded_file_survives(cleaned):
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert len(pdf.attachments) == 0
        for obj in every_object(pdf):
            assert Name.EF not in obj and Name.EmbeddedFiles not in obj
            assert obj.get(Name.Type) != Name.EmbeddedFile
    assert b"This program cannot" not in cleaned and b"MZ\x90" not in cleaned


def test_links_that_leave_the_document_are_made_inert(cleaned):
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        links = [annot for annot in pdf.pages[0].Annots if annot.Subtype == Name.Link]
        assert len(links) == 3
        assert all(Name.A not in link for link in links)
    assert b"cmd.exe" not in cleaned and b"tracker.example" not in cleaned


def test_a_jump_within_the_document_is_kept():
    pdf = pikepdf.new()
    for text in ("one", "two"):
        samples._text_page(pdf, text)
    pdf.pages[0].obj.Annots = pikepdf.Array([pikepdf.Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[0, 0, 10, 10],
        A=pikepdf.Dictionary(S=Name.GoTo, D=[pdf.pages[1].obj, Name.Fit]))])
    buffer = io.BytesIO()
    pdf.save(buffer)

    with pikepdf.open(io.BytesIO(sanitise_upload(buffer.getvalue(), "a.pdf").data)) as clean:
        assert str(clean.pages[0].Annots[0].A.S) == "/GoTo"


def test_metadata_and_xfa_are_removed(cleaned):
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert Name.Info not in pdf.trailer
        for obj in every_object(pdf):
            assert Name.Metadata not in obj and Name.XFA not in obj and Name.PieceInfo not in obj
    for word in (samples.AUTHOR.encode(), b"PhoneMaker", b"xmpmeta", b"dc:creator"):
        assert word not in cleaned


def test_a_photo_inside_loses_its_exif(cleaned):
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        photo = pdf.pages[0].Resources.XObject.Photo.read_raw_bytes()
    found = samples.metadata_of(photo)
    assert found["exif"] == {} and found["gps"] == {} and found["size"] == (40, 30)
    for word in (b"Freja at home", b"Hauptstrasse", b"PhoneMaker"):
        assert word not in cleaned


def test_the_cleaned_pdf_still_opens_with_its_pages_and_text(cleaned):
    reader = PdfReader(io.BytesIO(cleaned))

    assert len(reader.pages) == 2
    assert samples.PDF_TEXT + " 1" in reader.pages[0].extract_text()
    assert samples.PDF_TEXT + " 2" in reader.pages[1].extract_text()


@pytest.mark.parametrize("user_password", ["secret", ""])
def test_an_encrypted_pdf_is_refused_even_without_a_password_to_open_it(user_password):
    with pytest.raises(ValidationError) as caught:
        sanitise_upload(samples.encrypted_pdf(user_password), "letter.pdf")

    assert caught.value.message_dict["file"] == [
        "This PDF is protected by a password. Save it without one and try again."]


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n" + b"no document here" * 10,
    samples.hostile_pdf(pages=1)[:400],
])
def test_a_pdf_that_cannot_be_read_is_refused_as_damaged(data):
    with pytest.raises(ValidationError) as caught:
        sanitise_upload(data, "letter.pdf")

    assert caught.value.message_dict["file"] == [DAMAGED]


def test_jpeg_metadata_segments_go_and_the_picture_stays():
    photo = samples.jpeg_with_gps()

    stripped = jpeg_without_metadata(photo)

    assert stripped is not None and len(stripped) < len(photo)
    found = samples.metadata_of(stripped)
    assert found["exif"] == {} and found["size"] == (40, 30)
    assert jpeg_without_metadata(b"\xff\xd8\xff\xe1\xff\xff") is None  # a segment longer than the file


def _cleaned_or_refused(data: bytes) -> None:
    try:
        clean = sanitise_upload(data, "fuzz.pdf")
    except ValidationError as error:
        assert list(error.message_dict) == ["file"]
        return
    with pikepdf.open(io.BytesIO(clean.data)) as pdf:
        assert len(pdf.pages) >= 1
        assert Name.OpenAction not in pdf.Root and Name.Info not in pdf.trailer


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_after_a_pdf_header_are_cleaned_or_refused_never_crash(rest):
    _cleaned_or_refused(b"%PDF-1.7\n" + rest)


HOSTILE = samples.hostile_pdf(pages=1)


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=12), st.integers(min_value=0))
def test_a_damaged_hostile_pdf_is_cleaned_or_refused_never_crash(changes, cut):
    data = bytearray(HOSTILE)
    for position, value in changes:
        data[position % len(data)] = value
    _cleaned_or_refused(bytes(data[: max(16, len(data) - cut % len(data))]))


def test_a_compressed_bomb_in_a_page_is_copied_never_inflated(tmp_path):
    """A content stream of 256 MiB of spaces, 256 KB compressed: cleaning copies it as it is."""
    squeezer = zlib.compressobj(9)
    compressed = b"".join(squeezer.compress(b" " * MIB) for _ in range(256)) + squeezer.flush()
    pdf = pikepdf.new()
    samples._text_page(pdf, "bomb")
    pdf.pages[0].obj.Contents = pikepdf.Stream(pdf, compressed)
    pdf.pages[0].obj.Contents.Filter = Name.FlateDecode
    path = tmp_path / "bomb.pdf"
    pdf.save(path)

    seen = checked_in_a_process_of_its_own(path)

    assert seen["result"] == [None, None]  # cleaned: a PDF has no width or height
    assert seen["peak"] - seen["before"] < 32 * MIB
