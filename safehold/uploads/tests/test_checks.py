"""What is accepted, decided from the content, and what is kept of it."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from safehold.uploads.checks import display_name, read_limited, sanitise_upload, sniff
from safehold.uploads.models import ContentType
from safehold.uploads.tests import samples

NOT_ACCEPTED = "This file is not a picture (PNG, JPEG, WebP, HEIC) or a PDF."
PRIVATE_WORDS = (b"Freja at home", b"PhoneMaker", b"Hauptstrasse", b"dc:creator", b"xmpmeta")


def refusal(data: bytes, name: str = "drawing.png") -> str:
    with pytest.raises(ValidationError) as caught:
        sanitise_upload(data, name)
    return caught.value.message_dict["file"][0]


@pytest.mark.parametrize("make, stored_as", [
    (samples.jpeg_with_gps, ContentType.JPEG),
    (samples.png_with_text, ContentType.PNG),
    (samples.webp_with_gps, ContentType.WEBP),
    (samples.heic_with_gps, ContentType.JPEG),
])
def test_a_picture_is_kept_without_any_metadata(make, stored_as):
    original = make()
    assert samples.metadata_of(original)["gps"]  # the sample really carries a position

    clean = sanitise_upload(original, "IMG_0001.HEIC")

    assert clean.content_type == stored_as
    found = samples.metadata_of(clean.data)
    assert found["exif"] == {} and found["gps"] == {} and found["info"] == set()
    for word in PRIVATE_WORDS:
        assert word not in clean.data


def test_a_png_keeps_its_transparency():
    clean = sanitise_upload(samples.png_with_text(), "drawing.png")
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.mode == "RGBA"
        assert image.getpixel((1, 1))[3] == 128


def test_a_photo_is_turned_upright_before_its_orientation_tag_is_dropped():
    # Orientation 6: the camera was turned; the picture is shown rotated by 90 degrees.
    clean = sanitise_upload(samples.jpeg_with_gps(size=(40, 30), orientation=6), "photo.jpg")

    assert (clean.width, clean.height) == (30, 40)
    assert samples.metadata_of(clean.data)["size"] == (30, 40)


def test_a_large_picture_is_made_smaller(settings):
    buffer = io.BytesIO()
    Image.new("RGB", (5000, 100), "white").save(buffer, "PNG")

    clean = sanitise_upload(buffer.getvalue(), "wide.png")

    assert (clean.width, clean.height) == (4000, 80)


def test_a_pdf_is_kept_as_a_pdf_without_its_author():
    pdf = samples.pdf_with_author()

    clean = sanitise_upload(pdf, "letter.pdf")

    assert clean.content_type == ContentType.PDF
    assert b"Caseworker" in pdf and b"Caseworker" not in clean.data
    assert (clean.width, clean.height) == (None, None)


@pytest.mark.parametrize("data, name", [
    (samples.windows_program(), "drawing.jpg"),
    (samples.SVG, "drawing.png"),
    (samples.HTML, "drawing.png"),
    (b"GIF89a" + b"\x00" * 40, "drawing.gif"),
    (b"\xff\xd8\xff" + b"not really a jpeg" * 10, "photo.jpg"),  # the right first bytes are not enough
    (samples.png_with_text()[:60], "cut-off.png"),
])
def test_anything_else_is_refused_whatever_its_name(data, name):
    assert refusal(data, name) == NOT_ACCEPTED


def test_a_decompression_bomb_is_refused():
    message = refusal(samples.png_claiming(60_000, 60_000))

    assert message == "This picture has too many pixels. Make it smaller and try again."


def test_the_pixel_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_PIXELS = 1000
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, "PNG")  # 1200 pixels

    assert refusal(buffer.getvalue()) == "This picture has too many pixels. Make it smaller and try again."


class ReadSpy(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.reads: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        self.reads.append(-1 if size is None else size)
        return super().read(size)


def test_a_file_over_the_limit_is_refused_by_its_size_without_reading_it(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    upload = ReadSpy(b"x" * 1001)

    with pytest.raises(ValidationError) as caught:
        read_limited(upload, size=1001)

    assert "larger than" in caught.value.message_dict["file"][0]
    assert upload.reads == []


def test_a_file_whose_size_is_not_known_is_read_no_further_than_the_limit(settings):
    settings.UPLOAD_MAX_BYTES = 1000
    upload = ReadSpy(b"x" * 50_000)

    with pytest.raises(ValidationError):
        read_limited(upload, size=None)

    assert upload.reads == [1001]


def test_the_default_limit_is_15_mib(settings):
    assert settings.UPLOAD_MAX_BYTES == 15 * 1024 * 1024


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        read_limited(io.BytesIO(b""), size=0)


@pytest.mark.parametrize("name, expected", [
    ("IMG_0001.HEIC", "IMG_0001.jpg"),
    ("../../etc/passwd", "passwd.jpg"),
    ("C:\\Users\\Freja\\Haus.png", "Haus.jpg"),
    ('a"b<script>.png', "abscript.jpg"),
    ("\x00\x1f.jpg", "file.jpg"),
    ("", "file.jpg"),
    ("Tegning af huset – Åse.png", "Tegning af huset – Åse.jpg"),
    ("x" * 300 + ".png", "x" * 80 + ".jpg"),
])
def test_the_display_name_is_cleaned_and_carries_the_stored_type(name, expected):
    assert display_name(name, ContentType.JPEG) == expected


def test_the_first_bytes_name_the_kind():
    assert sniff(samples.heic_with_gps()[:16]) == "HEIF"
    assert sniff(samples.windows_program()[:16]) is None


# --- whatever the bytes, the answer is a clean file or a refusal ---------------------------------------

def _accepted_is_real(data: bytes) -> None:
    try:
        clean = sanitise_upload(data, "fuzz.png")
    except ValidationError as error:
        assert list(error.message_dict) == ["file"]
        return
    if clean.content_type == ContentType.PDF:
        assert len(PdfReader(io.BytesIO(clean.data)).pages) >= 1
    else:
        with Image.open(io.BytesIO(clean.data)) as image:
            image.load()
        assert samples.metadata_of(clean.data)["exif"] == {}


MAGIC = st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x00\x00\x00\x00WEBP", b"%PDF-1.4\n",
                         b"\x00\x00\x00\x18ftypheic", b"MZ", b""])


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), st.builds(lambda m, rest: m + rest, MAGIC, st.binary(max_size=3000))))
def test_random_bytes_are_never_taken_for_a_picture_unless_one_can_be_opened(data):
    _accepted_is_real(data)


SEEDS = [samples.jpeg_with_gps(), samples.png_with_text(), samples.webp_with_gps(), samples.heic_with_gps(),
         samples.pdf_with_author()]


@hypothesis_settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
       st.integers(min_value=0))
def test_damaged_real_files_are_cleaned_or_refused_never_crash(seed, changes, cut):
    data = bytearray(seed)
    for position, value in changes:
        data[position % len(data)] = value
    _accepted_is_real(bytes(data[: max(16, len(data) - cut % len(data))]))
