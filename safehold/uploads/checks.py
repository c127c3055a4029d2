"""What an upload is, decided from its bytes, and what is kept of it.

The file name and the type the browser claims are ignored: a renamed program stays a program. A file is
accepted only if its first bytes say PNG, JPEG, WebP, HEIC or PDF *and* the matching decoder opens it:
- pictures are decoded, turned upright (EXIF orientation), converted to sRGB and encoded anew from their
  pixels alone, so nothing of the original file survives but the picture: no EXIF (GPS position, camera,
  time), no XMP, no comments, no colour profile, no thumbnails, no further frames;
- HEIC (iPhone photos) is stored as JPEG (PNG where it has transparency);
- PDFs must parse (pypdf) and are stored as uploaded: see `_check_pdf` for what that keeps.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass
from typing import IO

import pillow_heif
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps
from pypdf import PdfReader

from safehold.uploads.models import EXTENSIONS, ContentType

pillow_heif.register_heif_opener()

MAX_EDGE = 4000  # pixels; more than any screen or printed page needs, and keeps files small
JPEG_QUALITY = 88
WEBP_QUALITY = 88

# Pillow's format name for each kind the first bytes may announce.
PNG, JPEG, WEBP, HEIF, PDF = "PNG", "JPEG", "WEBP", "HEIF", "PDF"
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}
STORED_AS = {PNG: ContentType.PNG, JPEG: ContentType.JPEG, WEBP: ContentType.WEBP}


@dataclass(frozen=True)
class Sanitised:
    """What will be stored: the bytes and what is known about them."""

    data: bytes
    content_type: ContentType
    width: int | None
    height: int | None
    name: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def refused_type() -> ValidationError:
    return ValidationError({"file": _("This file is not a picture (PNG, JPEG, WebP, HEIC) or a PDF.")})


def sniff(head: bytes) -> str | None:
    """The kind of file its first bytes announce, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIF
    if head.startswith(b"%PDF-"):
        return PDF
    return None


def read_limited(upload: IO[bytes], size: int | None) -> bytes:
    """The upload's bytes, refusing one over the limit before reading it: its declared size first, then
    (a size can be wrong) never more than one byte past the limit."""
    limit = settings.UPLOAD_MAX_BYTES
    too_big = ValidationError({"file": _("This file is larger than %(limit)s. Make it smaller and try again.")
                               % {"limit": filesizeformat(limit)}})
    if size is not None and size > limit:
        raise too_big
    if upload.seekable():
        upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_big
    if not data:
        raise ValidationError({"file": _("This file is empty.")})
    return data


def sanitise_upload(data: bytes, name: str) -> Sanitised:
    """Check the bytes of an upload and return what to store, or raise ValidationError({"file": …})."""
    kind = sniff(data[:16])
    if kind is None:
        raise refused_type()
    if kind == PDF:
        _check_pdf(data)
        return Sanitised(data=data, content_type=ContentType.PDF, width=None, height=None,
                         name=display_name(name, ContentType.PDF))
    return _reencode(data, kind, name)


def _check_pdf(data: bytes) -> None:
    """A PDF is accepted if it parses and has pages. It is stored as uploaded, so it keeps its document
    information (author, programme, dates), XMP metadata, the EXIF of pictures inside it, attachments,
    form fields, annotations, scripts and earlier revisions. The view serves it sandboxed."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError({"file": _("This PDF is protected by a password. Save it without one and "
                                             "try again.")})
        if len(reader.pages) < 1:
            raise refused_type()
    except ValidationError:
        raise
    except Exception as error:
        # pypdf meets hostile input here: whatever it fails with, the file is not a PDF we take.
        raise refused_type() from error


def _reencode(data: bytes, kind: str, name: str) -> Sanitised:
    max_pixels = settings.UPLOAD_MAX_PIXELS
    bomb = ValidationError({"file": _("This picture has too many pixels. Make it smaller and try again.")})
    try:
        with warnings.catch_warnings():
            # Decoders warn about oddities of hostile files (ignored: the pixels are all we keep). Pillow
            # also warns (and past twice its limit refuses) on huge pictures: both of those mean "refuse".
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as opened:
                width, height = opened.size
                if width < 1 or height < 1:
                    raise refused_type()
                if width * height > max_pixels:
                    raise bomb
                if kind == JPEG:
                    opened.draft("RGB", (MAX_EDGE, MAX_EDGE))  # decode large photos at a reduced scale
                opened.load()
                picture = _clean_pixels(opened)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise bomb from error
    except Exception as error:
        # The decoders meet hostile input here: whatever they fail with, the file is not a picture we take.
        raise refused_type() from error
    picture.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    content_type = _stored_type(kind, picture)
    buffer = io.BytesIO()
    if content_type == ContentType.JPEG:
        picture.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif content_type == ContentType.WEBP:
        picture.save(buffer, "WEBP", quality=WEBP_QUALITY)
    else:
        picture.save(buffer, "PNG", optimize=True)
    return Sanitised(data=buffer.getvalue(), content_type=content_type, width=picture.width,
                     height=picture.height, name=display_name(name, content_type))


def _clean_pixels(image: Image.Image) -> Image.Image:
    """The picture's pixels, upright and in sRGB, in a new image that carries nothing else."""
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in upright.info
    mode = "RGBA" if has_alpha else "RGB"
    icc = upright.info.get("icc_profile")
    converted = upright.convert(mode)
    if icc:
        converted = _to_srgb(converted, icc)
    # A new image from the raw pixels: no info dict, so no EXIF, XMP, comment or profile can be carried over.
    return Image.frombytes(mode, converted.size, converted.tobytes())


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    """Phones often shoot in Display P3: convert the colours so they look the same without the profile.
    A profile that cannot be read is ignored (the colours are then a little off, nothing worse)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image
    return converted if converted is not None else image


def _stored_type(kind: str, picture: Image.Image) -> ContentType:
    if kind == HEIF:
        return ContentType.PNG if picture.mode == "RGBA" else ContentType.JPEG
    return STORED_AS[kind]


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]+')


def display_name(name: str, content_type: ContentType) -> str:
    """The uploader's file name, for display and download only: no folders, no control or quote
    characters, short, with the extension of what is actually stored."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = re.sub(r"\s+", " ", _UNSAFE.sub("", stem)).strip(" .")[:80]
    return f"{stem or 'file'}.{EXTENSIONS[content_type]}"
