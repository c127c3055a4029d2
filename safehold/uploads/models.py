"""Files uploaded to a case: a child's drawings, the pictures of a Words & Pictures story, PDFs.

The bytes are what `checks.sanitise_upload` made of the upload (pictures re-encoded without metadata),
kept on the private storage under a random name. The row holds what is needed to serve them back.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from safehold.cases.models import Case
from safehold.uploads.storage import private_storage


class Purpose(models.TextChoices):
    """What a file is for on the case; each tool that takes uploads adds its own."""

    DRAWING = "drawing", _("Drawing")
    STORY_PICTURE = "story_picture", _("Picture in a story")


class ContentType(models.TextChoices):
    PNG = "image/png", "PNG"
    JPEG = "image/jpeg", "JPEG"
    WEBP = "image/webp", "WebP"
    PDF = "application/pdf", "PDF"


EXTENSIONS = {ContentType.PNG: "png", ContentType.JPEG: "jpg", ContentType.WEBP: "webp", ContentType.PDF: "pdf"}


def _random_name(instance: StoredFile, filename: str) -> str:
    """Never the uploader's file name (which may hold a child's name): a random one, by type."""
    key = uuid.uuid4().hex
    return f"{key[:2]}/{key}.{EXTENSIONS.get(ContentType(instance.content_type), 'bin')}"


class StoredFileQuerySet(models.QuerySet["StoredFile"]):
    def live(self) -> StoredFileQuerySet:
        return self.filter(deleted_at__isnull=True)


class StoredFile(models.Model):
    # PROTECT: deleting a case must remove its files' bytes first (a CASCADE would drop the rows and
    # leave a child's drawings on disk with nothing pointing at them).
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="files", verbose_name=_("case"))
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    content_type = models.CharField(_("type"), max_length=40, choices=ContentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    original_name = models.CharField(_("file name"), max_length=120, blank=True,
                                     help_text=_("As uploaded, cleaned; shown only, never used to store the file."))
    file = models.FileField(storage=private_storage, upload_to=_random_name, max_length=100)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                    related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False,
                                   related_name="+")

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("file")
        verbose_name_plural = _("files")
        indexes = [models.Index(fields=["case", "purpose", "deleted_at"], name="storedfile_case_purpose")]

    def __str__(self) -> str:
        return f"{self.purpose} #{self.pk}"

    @property
    def organisation_id(self) -> int:
        return self.case.organisation_id

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
