"""Files people download (PDFs, SVG pictures, PNGs), answered the same way by the pages and the API.

A tool's `documents.py` builds a `Document` (content, type, a file name without family names, in the case's
language); the page's view and the API's operation each audit the export and answer `download_response(doc)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpResponse

# A picture opened from the downloads folder or its URL runs nothing and loads nothing; its styles are inline.
_SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

PDF = "application/pdf"
SVG = "image/svg+xml; charset=utf-8"
PNG = "image/png"


@dataclass(frozen=True)
class Document:
    content: bytes | str
    content_type: str
    filename: str


def safe_filename(*parts: str, extension: str) -> str:
    """A file name from a document's kind and the case's reference. Never a family or child name: downloads end
    up in shared folders. Anything but letters, digits, - and _ becomes -."""
    stem = "-".join(part for part in parts if part)
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem) + f".{extension}"


def download_response(document: Document) -> HttpResponse:
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    if document.content_type.startswith("image/svg"):
        response["Content-Security-Policy"] = _SVG_POLICY
    return response


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    return download_response(Document(content, PDF, filename))


def svg_response(content: str, filename: str) -> HttpResponse:
    return download_response(Document(content, SVG, filename))
