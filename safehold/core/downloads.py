"""Files people download (PDFs, SVG pictures, PNGs, CSV tables), answered the same way by the pages and the API.

A tool's `documents.py` builds a `Document` (content, type, a file name without family names, in the case's
language); the page's view and the API's operation each audit the export and answer `download_response(doc)`.
A table that may be long (the audit trail, the directory, a report) is a `Stream` instead, written while it is
sent (`stream_response`), so that no worker holds the whole file in memory.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from typing import TypeVar

from django.http import HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import translation
from django.utils.functional import Promise

# A picture opened from the downloads folder or its URL runs nothing and loads nothing; its styles are inline.
_SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"

PDF = "application/pdf"
SVG = "image/svg+xml; charset=utf-8"
PNG = "image/png"
CSV = "text/csv; charset=utf-8"
_R = TypeVar("_R", bound=HttpResponseBase)


@dataclass(frozen=True)
class Document:
    content: bytes | str
    content_type: str
    filename: str


@dataclass(frozen=True)
class Stream:
    """A download written while it is sent: its text in pieces (a batch of CSV lines each), type and file name."""

    pieces: Iterable[str]
    content_type: str
    filename: str


# A cell starting with one of these would run as a formula in a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value as a CSV cell: text a spreadsheet would run as a formula gets an apostrophe before it (which the
    directory's import takes off again); numbers stay numbers; None is an empty cell."""
    if isinstance(value, str) and value[:1] in FORMULA_START:
        return f"'{value}"
    return "" if value is None else value


class Echo:
    """The file a csv.writer writes to for a Stream: it hands each line back instead of keeping it."""

    def write(self, value: str) -> str:
        return value


# Letters a file name spells in ASCII the way people of the language write them without the letter: a name in
# a Content-Disposition header and on every file system stays readable ("Sicherheitsplan", "boernesamtale").
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "æ": "ae",
                        "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def safe_filename(*parts: str | Promise, extension: str, language: str | None = None) -> str:
    """A file name from a document's kind and the case's reference. Never a family or child name: downloads end
    up in shared folders. A kind marked for translation (`gettext_lazy("safety-plan")`) is spelt in `language`,
    the case's: the family's file is named in their language, whoever downloads it. Anything but ASCII letters,
    digits, - and _ becomes -."""
    with translation.override(language) if language else nullcontext():
        stem = "-".join(str(part) for part in parts if part).translate(_ASCII)
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem) + f".{extension}"


def download_response(document: Document) -> HttpResponse:
    return _as_download(HttpResponse(document.content, content_type=document.content_type), document.filename)


def stream_response(stream: Stream) -> StreamingHttpResponse:
    return _as_download(StreamingHttpResponse(stream.pieces, content_type=stream.content_type), stream.filename)


def _as_download(response: _R, filename: str) -> _R:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    if response["Content-Type"].startswith("image/svg"):
        response["Content-Security-Policy"] = _SVG_POLICY
    return response


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    return download_response(Document(content, PDF, filename))


def svg_response(content: str, filename: str) -> HttpResponse:
    return download_response(Document(content, SVG, filename))
