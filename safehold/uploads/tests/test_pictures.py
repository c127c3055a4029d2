"""Pictures small on disk and huge in memory are refused before they are decoded; the rest is decoded within
the memory budget."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile

from safehold.uploads import pictures
from safehold.uploads.checks import sanitise_upload
from safehold.uploads.tests.memory import MIB, checked_in_a_process_of_its_own

TOO_MANY = "This picture has too many pixels. Make it smaller and try again."


def one_colour(size: tuple[int, int], fmt: str, mode: str = "RGB") -> bytes:
    """A picture of one colour: tiny on disk whatever its size in pixels."""
    buffer = io.BytesIO()
    Image.new(mode, size, (30, 120, 200) if mode == "RGB" else 7).save(buffer, fmt)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile() -> dict[str, bytes]:
    return {"WEBP": one_colour((7000, 7000), "WEBP"), "PNG": one_colour((7000, 7000), "PNG")}


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        sanitise_upload(data, "picture")
    return caught.value.message_dict["file"][0]


def test_the_default_limit_is_40_megapixels(settings):
    assert settings.UPLOAD_MAX_PIXELS == 40_000_000


def test_a_7000_pixel_square_webp_is_refused_before_pillow_opens_it(hostile, monkeypatch):
    assert len(hostile["WEBP"]) < 200_000  # small on disk, 49 megapixels
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: pytest.fail("opened"))

    assert refusal(hostile["WEBP"]) == TOO_MANY


def test_a_7000_pixel_square_png_is_refused_before_it_is_decoded(hostile, monkeypatch):
    assert len(hostile["PNG"]) < 300_000
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))

    assert refusal(hostile["PNG"]) == TOO_MANY


@pytest.mark.parametrize("mode", ["1", "P"])
def test_the_default_pixel_limit_alone_refuses_a_7000_pixel_square_small_on_disk(settings, mode):
    # Black and white or palette: one byte a pixel, so 49 megapixels fit the memory budget and the RGB 7000×7000
    # pictures above (refused by the budget too) say nothing of the pixel limit. Nothing else stands in the way:
    picture = one_colour((7000, 7000), "PNG", mode=mode)
    assert len(picture) < 50_000 < settings.UPLOAD_MAX_BYTES  # not the size in bytes,
    assert pictures.memory_needed((7000, 7000), pictures.Decoder(1, 1)) < pictures.MEMORY_BUDGET  # nor the budget,
    assert (Image.MAX_IMAGE_PIXELS or 10**9) > 7000 * 7000  # nor Pillow's limit on decompression bombs (None: none).

    assert refusal(picture) == TOO_MANY


def test_a_7000_pixel_square_small_on_disk_is_taken_when_the_pixel_limit_allows_it(settings):
    """The control of the test above: the same picture passes every other check."""
    settings.UPLOAD_MAX_PIXELS = 7000 * 7000

    clean = sanitise_upload(one_colour((7000, 7000), "PNG", mode="P"), "drawing.png")

    assert (clean.width, clean.height) == (4000, 4000)


def test_the_refusal_is_translated(hostile):
    from django.utils import translation

    with translation.override("da"):
        assert refusal(hostile["PNG"]) == "Billedet har for mange pixels. Gør det mindre, og prøv igen."


@pytest.mark.parametrize("size", [(3000, 2000), (2000, 3000)])
def test_the_webp_header_gives_the_size_without_decoding(size):
    for options in ({}, {"lossless": True}, {"exif": b"Exif\x00\x00"}):  # lossy, lossless, extended
        buffer = io.BytesIO()
        Image.new("RGB", size).save(buffer, "WEBP", **options)
        assert pictures.webp_size(buffer.getvalue()[:30]) == size


def test_a_picture_within_the_pixel_limit_whose_decoding_would_not_fit_the_budget_is_refused(monkeypatch):
    monkeypatch.setattr(pictures, "MEMORY_BUDGET", 1 * MIB)

    assert refusal(one_colour((1000, 800), "PNG")) == TOO_MANY  # 3.2 MB decoded


def test_a_palette_png_takes_a_quarter_of_the_memory_of_an_rgb_one(monkeypatch):
    monkeypatch.setattr(pictures, "MEMORY_BUDGET", 2 * MIB)

    clean = sanitise_upload(one_colour((700, 500), "PNG", mode="P"), "drawing.png")  # 0.35 MB + 1.4 MB stored

    assert (clean.width, clean.height) == (700, 500)
    assert refusal(one_colour((700, 500), "PNG")) == TOO_MANY  # 1.4 MB + 1.4 MB


def test_a_large_jpeg_is_decoded_at_a_reduced_size_until_it_fits(monkeypatch):
    monkeypatch.setattr(pictures, "MEMORY_BUDGET", 1 * MIB)

    clean = sanitise_upload(one_colour((1000, 800), "JPEG"), "photo.jpg")

    assert (clean.width, clean.height) == (250, 200)  # an eighth of the pixels at a quarter: 0.4 MB


def test_scaling_band_by_band_gives_the_same_picture_as_scaling_it_whole(monkeypatch):
    monkeypatch.setattr(pictures, "MAX_EDGE", 300)
    source = Image.linear_gradient("L").resize((256, 700)).convert("RGB")
    source.putpixel((10, 350), (255, 0, 0))
    decoded = pictures.Decoded(source.size, lambda top, bottom: source.crop((0, top, 256, bottom)), False, None, 1)

    banded = pictures._stored(decoded)

    whole = source.resize(banded.size, Image.Resampling.LANCZOS)
    assert banded.size == (110, 300)
    assert max(abs(a - b) for a, b in zip(banded.tobytes(), whole.tobytes(), strict=True)) <= 1


@pytest.mark.parametrize("name, size, fmt, stored", [
    ("png", (5600, 3700), "PNG", [4000, 2643]),    # 20.7 megapixels, the largest RGB PNG that fits
    ("jpeg", (7000, 5000), "JPEG", [3500, 2500]),  # 35 megapixels, decoded at half its size
])
def test_checking_a_large_allowed_picture_stays_within_the_memory_budget(tmp_path, name, size, fmt, stored):
    path = tmp_path / name
    path.write_bytes(one_colour(size, fmt))

    seen = checked_in_a_process_of_its_own(path)

    assert seen["result"] == stored
    # The bands, the encoder and the file's bytes come beside the budgeted pixels: a generous 25 MiB.
    assert seen["peak"] - seen["before"] < pictures.MEMORY_BUDGET + 25 * MIB


def test_a_refused_picture_costs_next_to_no_memory(tmp_path, hostile):
    path = tmp_path / "hostile.webp"
    path.write_bytes(hostile["WEBP"])

    seen = checked_in_a_process_of_its_own(path)

    assert seen["result"] == "refused"
    assert seen["peak"] - seen["before"] < 10 * MIB
