"""What an upload is, decided from its bytes, and what is kept of it.

The file name and the type the browser claims are ignored: a renamed program stays a program. A file is
accepted only if its first bytes say PNG, JPEG, WebP, HEIC or PDF *and* it can be made clean:
- pictures are measured before they are decoded, decoded within a memory budget and encoded anew from their
  pixels alone, upright and in sRGB, with nothing else of the original file (`pictures`); HEIC (iPhone
  photos) is stored as JPEG (PNG where it has transparency);
- PDFs are written anew without scripts, actions, attachments and metadata (`pdfs`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from safehold.uploads.models import EXTENSIONS, ContentType
from safehold.uploads.pdfs import clean_pdf
from safehold.uploads.pictures import HEIF, JPEG, PNG, WEBP, reencode
from safehold.uploads.refusals import refused_type

PDF = "PDF"
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}


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
        return Sanitised(data=clean_pdf(data), content_type=ContentType.PDF, width=None, height=None,
                         name=display_name(name, ContentType.PDF))
    picture = reencode(data, kind)
    return Sanitised(data=picture.data, content_type=picture.content_type, width=picture.width,
                     height=picture.height, name=display_name(name, picture.content_type))


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]+')


def display_name(name: str, content_type: ContentType) -> str:
    """The uploader's file name, for display and download only: no folders, no control or quote
    characters, short, with the extension of what is actually stored."""
    base = re.split(r"[/\\]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = re.sub(r"\s+", " ", _UNSAFE.sub("", stem)).strip(" .")[:80]
    return f"{stem or 'file'}.{EXTENSIONS[content_type]}"
