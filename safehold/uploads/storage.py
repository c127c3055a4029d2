"""Where uploaded files are kept: a folder outside static files that no URL serves.

The only ways to a stored file are `uploads.views.file_view` and the API's `GET …/files/{id}`, which check
access and write the audit record; `url()` refuses, so that no template can ever link to the bytes directly.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """FileSystemStorage under settings.PRIVATE_MEDIA_ROOT, read on each use (tests point it elsewhere)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:  # no base URL: nothing is reachable by address
        raise ValueError("Private files have no URL; serve them through uploads.views.file_view.")


def private_storage() -> PrivateStorage:
    # Readable by the application's user only: not by other accounts on the server.
    return PrivateStorage(file_permissions_mode=0o600, directory_permissions_mode=0o700)
