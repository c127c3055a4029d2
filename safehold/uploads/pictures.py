"""Pictures: measured before they are decoded, decoded within a memory budget, and encoded anew from their
pixels alone.

A picture small on disk can be huge in memory: a one-colour 7000×7000 WebP is 90 KB and decodes to 200 MB,
which a naive pipeline then copies several times over (1.4 GB was seen). So:
- the size its header declares is refused over `settings.UPLOAD_MAX_PIXELS` before any decoder runs (for a
  WebP even before Pillow opens it: libwebp allocates its whole canvas on opening);
- what the decoder holds (`Decoder`, measured by bench/uploads.py) and the stored picture must fit in
  `MEMORY_BUDGET`. A JPEG is decoded at a half, a quarter or an eighth of its size until it fits (libjpeg
  scales while it decodes); any other picture that does not fit is refused;
- the stored picture is made band by band (converted, scaled, pasted), so the decoded picture is the only
  full-size copy;
- what is stored is a new image of the pixels alone, turned upright and in sRGB: no EXIF (GPS position,
  camera, time), no XMP, no comment, no colour profile, no thumbnail, no further frame.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageCms

from safehold.uploads.models import ContentType
from safehold.uploads.refusals import refused_type, too_many_pixels

MAX_EDGE = 4000  # pixels; more than any screen or printed page needs, and keeps files small
JPEG_QUALITY = 88
WEBP_QUALITY = 88
# Bytes of pixels a check may hold at once. A web worker holds about 135 MB before an upload (Django, every
# app, WeasyPrint); the check needs up to 15 MB beside its pixels (bands, the encoder): with this the worker
# stays under 300 MB whatever is uploaded (bench/uploads.py, docs/PERFORMANCE.md).
MEMORY_BUDGET = 128 * 1024 * 1024
BAND_ROWS = 64  # rows of the stored picture made at a time

# Pillow's format name for each kind of picture the first bytes may announce.
PNG, JPEG, WEBP, HEIF = "PNG", "JPEG", "WEBP", "HEIF"
STORED_AS = {PNG: ContentType.PNG, JPEG: ContentType.JPEG, WEBP: ContentType.WEBP}


@dataclass(frozen=True)
class Decoder:
    """Bytes per pixel a decoder holds: at its peak while decoding, and afterwards while the stored picture is
    made from it."""

    peak: float
    resident: float


# libwebp keeps two RGBA canvases (the frame and the one before) and its YUV and alpha planes while Pillow
# copies the frame out and decodes the copy into its image; the canvases stay until the file is closed.
WEBP_DECODER = Decoder(peak=20, resident=12)
# libheif's YCbCr planes and the RGB made from them; then the RGB alone.
HEIF_DECODER = Decoder(peak=4.5, resident=3)


def pillow_bytes(mode: str) -> int:
    """What Pillow holds per pixel: one byte for greyscale, palette and black and white, two for 16-bit
    greyscale, four for everything else (RGB too)."""
    return {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16L": 2, "I;16B": 2}.get(mode, 4)


ALPHA_MODES = {"RGBA", "LA", "PA", "RGBa", "La"}
ORIENTATION = 0x0112
TURNS = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
         5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
         8: Image.Transpose.ROTATE_90}


@dataclass(frozen=True)
class Encoded:
    data: bytes
    content_type: ContentType
    width: int
    height: int


@dataclass(frozen=True)
class Decoded:
    """A decoded picture, read band by band: `band(top, bottom)` gives those rows as a Pillow image."""

    size: tuple[int, int]
    band: Callable[[int, int], Image.Image]
    has_alpha: bool
    icc: bytes | None
    orientation: int


def reencode(data: bytes, kind: str) -> Encoded:
    """The picture in `data` (of the kind its first bytes announce) as it will be stored, or
    ValidationError({"file": …})."""
    try:
        with warnings.catch_warnings():
            # Decoders warn about oddities of hostile files (ignored: the pixels are all we keep). Pillow also
            # warns (and past twice its limit refuses) on huge pictures: both of those mean "refuse".
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            picture, orientation, icc = _decode_into_stored(data, kind)
            if orientation in TURNS:
                picture = picture.transpose(TURNS[orientation])
            if icc:
                _to_srgb(picture, icc)
            picture.info.clear()  # a new image: only a colour conversion above can have written to it
            return _encode(picture, kind)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise too_many_pixels() from error
    except Exception as error:
        # The decoders meet hostile input here: whatever they fail with, the file is not a picture we take.
        raise refused_type() from error


def _decode_into_stored(data: bytes, kind: str) -> tuple[Image.Image, int, bytes | None]:
    if kind == HEIF:
        heif = pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=True)
        frame = heif[heif.primary_index]
        if frame.mode not in ("RGB", "RGBA", "L"):
            raise refused_type()
        _refuse_unaffordable(frame.size, HEIF_DECODER)
        pixels = frame.data
        # Read again after decoding: libheif may have turned or cropped the picture as its container says.
        _refuse_unaffordable(frame.size, HEIF_DECODER)
        stride, mode, width = frame.stride, frame.mode, frame.size[0]

        def heif_band(top: int, bottom: int) -> Image.Image:
            return Image.frombuffer(mode, (width, bottom - top), pixels[top * stride:bottom * stride], "raw", mode,
                                    stride, 1)

        # Turned by libheif already (the container's turn takes precedence over EXIF): no orientation here.
        icc = frame.info.get("icc_profile")
        decoded = Decoded(frame.size, heif_band, mode == "RGBA", icc if isinstance(icc, bytes) else None, 1)
        return _stored(decoded), 1, decoded.icc
    if kind == WEBP:
        _refuse_unaffordable(webp_size(data[:30]), WEBP_DECODER)
    with Image.open(io.BytesIO(data), formats=[kind]) as opened:
        size = opened.size
        _refuse_unaffordable(size)  # as declared, before a JPEG is drafted smaller
        if kind == JPEG:
            scale = _jpeg_scale(size)
            if scale > 1:
                opened.draft("RGB", (max(1, size[0] // scale), max(1, size[1] // scale)))
        mode_bytes = pillow_bytes(opened.mode)
        _refuse_unaffordable(opened.size, WEBP_DECODER if kind == WEBP else Decoder(mode_bytes, mode_bytes))
        opened.load()
        width = opened.size[0]
        decoded = Decoded(opened.size, lambda top, bottom: opened.crop((0, top, width, bottom)),
                          opened.mode in ALPHA_MODES or "transparency" in opened.info,
                          opened.info.get("icc_profile"), _orientation(opened))
        return _stored(decoded), decoded.orientation, decoded.icc


def webp_size(head: bytes) -> tuple[int, int]:
    """The canvas size a WebP's first chunk declares (lossy, lossless or extended), read without libwebp."""
    chunk = head[12:16]
    if chunk == b"VP8X" and len(head) >= 30:
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    if chunk == b"VP8L" and len(head) >= 25 and head[20] == 0x2F:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(head) >= 30 and head[23:26] == b"\x9d\x01\x2a":
        return int.from_bytes(head[26:28], "little") & 0x3FFF, int.from_bytes(head[28:30], "little") & 0x3FFF
    raise refused_type()


def fitted(size: tuple[int, int]) -> tuple[int, int]:
    """The size a picture is stored at: no edge longer than MAX_EDGE."""
    width, height = size
    longest = max(width, height)
    if longest <= MAX_EDGE:
        return size
    return max(1, round(width * MAX_EDGE / longest)), max(1, round(height * MAX_EDGE / longest))


def memory_needed(size: tuple[int, int], decoder: Decoder) -> float:
    """Bytes the check holds at its peak: the decoder's, or what stays of it beside the stored picture."""
    pixels = size[0] * size[1]
    stored_width, stored_height = fitted(size)
    return max(pixels * decoder.peak, pixels * decoder.resident + stored_width * stored_height * 4)


def _refuse_unaffordable(size: tuple[int, int], decoder: Decoder | None = None) -> None:
    """Refuse a picture over the pixel limit, or one whose decoding (`decoder`) would not fit the budget."""
    width, height = size
    if width < 1 or height < 1:
        raise refused_type()
    if width * height > settings.UPLOAD_MAX_PIXELS:
        raise too_many_pixels()
    if decoder is not None and memory_needed(size, decoder) > MEMORY_BUDGET:
        raise too_many_pixels()


def _jpeg_scale(size: tuple[int, int]) -> int:
    """The least reduction (1, 2, 4 or 8) at which libjpeg decodes the picture within the budget."""
    for scale in (1, 2, 4):
        reduced = (math.ceil(size[0] / scale), math.ceil(size[1] / scale))
        if memory_needed(reduced, Decoder(peak=4, resident=4)) <= MEMORY_BUDGET:
            return scale
    return 8


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(ORIENTATION, 1))
    except (TypeError, ValueError):
        return 1


def _stored(decoded: Decoded) -> Image.Image:
    """A new image of the stored size made from the decoded one a band at a time: converted to RGB(A) and,
    where it is too large, scaled down with the same filter and result as one resize of the whole."""
    width, height = decoded.size
    mode = "RGBA" if decoded.has_alpha else "RGB"
    stored_width, stored_height = fitted(decoded.size)
    stored = Image.new(mode, (stored_width, stored_height))
    if (stored_width, stored_height) == (width, height):
        for top in range(0, height, BAND_ROWS):
            stored.paste(_in_mode(decoded.band(top, min(height, top + BAND_ROWS)), mode), (0, top))
        return stored
    scale = height / stored_height
    reach = math.ceil(3 * scale) + 1  # Lanczos reads three stored rows' worth of decoded rows on either side
    for top in range(0, stored_height, BAND_ROWS):
        bottom = min(stored_height, top + BAND_ROWS)
        start, end = top * scale, bottom * scale
        first, last = max(0, math.floor(start) - reach), min(height, math.ceil(end) + reach)
        band = _in_mode(decoded.band(first, last), mode)
        stored.paste(band.resize((stored_width, bottom - top), Image.Resampling.LANCZOS,
                                 box=(0, start - first, width, end - first)), (0, top))
    return stored


def _in_mode(band: Image.Image, mode: str) -> Image.Image:
    return band if band.mode == mode else band.convert(mode)


def _to_srgb(image: Image.Image, icc: bytes) -> None:
    """Phones often shoot in Display P3: convert the colours so they look the same without the profile.
    A profile that cannot be read is ignored (the colours are then a little off, nothing worse)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        transform = ImageCms.buildTransform(source, ImageCms.createProfile("sRGB"), image.mode, image.mode)
        transform.apply_in_place(image)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return


def _encode(picture: Image.Image, kind: str) -> Encoded:
    if kind == HEIF:
        content_type = ContentType.PNG if picture.mode == "RGBA" else ContentType.JPEG
    else:
        content_type = STORED_AS[kind]
    buffer = io.BytesIO()
    if content_type == ContentType.JPEG:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif content_type == ContentType.WEBP:
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY)
    else:
        picture.save(buffer, "PNG", optimize=True)
    return Encoded(buffer.getvalue(), content_type, picture.width, picture.height)
