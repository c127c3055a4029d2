"""The upload field the tools embed in their forms. It only offers the allowed types in the browser's file
picker; what is accepted is decided from the content by the service (`checks.sanitise_upload`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from safehold.core.forms import KernFormMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ACCEPT = "image/png,image/jpeg,image/webp,image/heic,image/heif,.heic,.heif,application/pdf"


def upload_help_text() -> str:
    """What may be uploaded and what is kept of it: the promise `checks.sanitise_upload` keeps for every type."""
    return str(_("A picture (PNG, JPEG, WebP, HEIC) or a PDF, at most %(limit)s. Pictures are kept without "
                 "their metadata (place, camera, time); PDFs without scripts, links, attachments and their "
                 "author's details.") % {"limit": filesizeformat(settings.UPLOAD_MAX_BYTES)})


class UploadField(forms.FileField):
    """A file input whose picker offers the allowed types; use it in any tool's form."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("File"))
        kwargs.setdefault("widget", forms.FileInput)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "accept": ACCEPT}


class UploadForm(KernFormMixin, forms.Form):
    """One file. `label` names it for the tool ("Drawing", "Picture")."""

    file = UploadField()

    def __init__(self, *args: Any, label: StrOrPromise | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = upload_help_text()  # read now: the limit is a setting
        if label:
            field.label = label
        field.widget.attrs["aria-describedby"] = f"{self['file'].auto_id}_helptext"
