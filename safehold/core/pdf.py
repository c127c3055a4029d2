"""The PDF pipeline every tool prints through: a Django template rendered in the case's language, laid out by
WeasyPrint. Documents load only our own static files (fonts, print stylesheets); nothing is fetched from the
network, and a template cannot make WeasyPrint read any other file on the server."""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

STATIC_DIR = Path(settings.STATICFILES_DIRS[0]).resolve()


class StaticFilesOnly(URLFetcher):
    """Serve file: URLs inside our static folder; refuse everything else (http, other files, data: is fine)."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "data":
            return super().fetch(url, headers)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if path.is_relative_to(STATIC_DIR) and path.is_file():
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})
        logger.warning("PDF refused to load %s", url[:200])
        raise ValueError("only Safehold's own static files can be loaded into a PDF")


def render_pdf(template: str, context: dict, *, language: str) -> bytes:
    """Render `template` in `language` (the case's, not the reader's) and lay it out as PDF."""
    with translation.override(language):
        html = render_to_string(template, {**context, "LANGUAGE_CODE": language})
    return HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=StaticFilesOnly()).write_pdf()
