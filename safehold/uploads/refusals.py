"""Why an upload is refused, in the words the uploader reads next to the file field."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def refused_type() -> ValidationError:
    return ValidationError({"file": _("This file is not a picture (PNG, JPEG, WebP, HEIC) or a PDF.")})


def too_many_pixels() -> ValidationError:
    return ValidationError({"file": _("This picture has too many pixels. Make it smaller and try again.")})


def pdf_with_password() -> ValidationError:
    return ValidationError({"file": _("This PDF is protected by a password. Save it without one and try again.")})


def pdf_not_cleanable() -> ValidationError:
    return ValidationError({"file": _("This PDF is damaged or built in a way that cannot be cleaned. Print it to a "
                                      "new PDF and try again.")})
