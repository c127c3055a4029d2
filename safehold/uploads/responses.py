"""How a stored file is answered, the same for the pages (`views.file_view`) and the API (`GET …/files/{id}`):
the bytes as they were kept, opened in the browser, but inert and never cached."""

from __future__ import annotations

from django.http import FileResponse

from safehold.uploads.models import StoredFile

# Served files are data, never pages: no script, no plugin, no form, nothing loaded from anywhere.
FILE_CSP = "default-src 'none'; sandbox"


def file_response(stored: StoredFile) -> FileResponse:
    """The file's bytes. The caller has checked access and writes the audit record of the view."""
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type,
                            filename=stored.original_name, as_attachment=False)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = FILE_CSP
    return response
