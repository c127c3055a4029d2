"""The import's two forms: choosing the file, then confirming the import of what the check found good.

Between the two steps the file's text travels in the page, not on the server: the confirm form carries it in a
hidden field signed with `django.core.signing` (compressed; bound to the user and their organisation; valid for
an hour), together with the rows the check found good and the version of each offer they update. It cannot be
altered without the signature failing, and nothing of it is written to disk. A text too large for a form field
(DATA_UPLOAD_MAX_MEMORY_SIZE) is left out of the signed value, which then keeps only its SHA-256: the user
chooses the same file again and the import takes it only if it is that file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from safehold.accounts.models import User
from safehold.core.forms import KernFormMixin
from safehold.resources.csv_io import MAX_BYTES, CsvRefused, Table, decode, parse, too_large_message
from safehold.resources.imports import Planned

SALT = "safehold.resources.offers_import"
MAX_AGE = 3600  # seconds between the check and the import
# Below Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) for all of the confirm form's fields.
TOKEN_LIMIT = 2_000_000


@dataclass(frozen=True)
class Checked:
    """What the confirm form carries: the file's text (or only its hash), the choice about districts and the
    rows the check found good."""

    text: str | None
    sha256: str
    create_districts: bool
    planned: tuple[Planned, ...]


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def sign_checked(user: User, text: str, create_districts: bool, planned: list[Planned]) -> tuple[str, bool]:
    """The signed value for the confirm form, and whether it carries the text (else the file is chosen again)."""
    payload: dict[str, Any] = {
        "u": user.pk, "o": user.organisation_id, "h": _sha(text), "d": create_districts,
        "p": [[item.line, item.key, item.version] for item in planned], "t": text,
    }
    token = signing.dumps(payload, salt=SALT, compress=True)
    if len(token) <= TOKEN_LIMIT:
        return token, True
    payload["t"] = None
    return signing.dumps(payload, salt=SALT, compress=True), False


def csv_help_text() -> str:
    return str(_("A CSV file as Excel or LibreOffice saves it (commas or semicolons), at most %(limit)s. The "
                 "first line names the columns; key and name are needed.") % {"limit": filesizeformat(MAX_BYTES)})


class CsvField(forms.FileField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("CSV file"))
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ".csv,text/csv,text/plain"}))
        # An empty file gets the same message as a blank one, from the content check.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(**kwargs)


def read_upload(upload: Any) -> tuple[str, Table]:
    """The uploaded file's text and rows, or a ValidationError with the reason for the file field."""
    if upload.size > MAX_BYTES:  # known before reading: the upload handler kept no more than the limit
        raise ValidationError(too_large_message())
    try:
        text, encoding = decode(upload.read())
        return text, parse(text, encoding)
    except CsvRefused as refused:
        raise ValidationError(refused.message) from None


class ImportUploadForm(KernFormMixin, forms.Form):
    file = CsvField()
    create_districts = forms.BooleanField(
        label=_("Create missing districts"), required=False,
        help_text=_("Without this, a row naming a district your organisation does not have is not imported."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = csv_help_text()  # read now: the limit is shown in the user's language
        self.text = ""
        self.table: Table | None = None

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.text, self.table = read_upload(upload)
        return upload


class ImportConfirmForm(KernFormMixin, forms.Form):
    """The second step: the signed check, and the file again only when the check could not carry it."""

    checked = forms.CharField(widget=forms.HiddenInput)
    file = CsvField(required=False, label=_("The same CSV file again"))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.result: Checked | None = None
        self.text = ""
        self.table: Table | None = None

    def clean_checked(self) -> Checked:
        try:
            payload = signing.loads(self.cleaned_data["checked"], salt=SALT, max_age=MAX_AGE)
        except signing.SignatureExpired:
            raise ValidationError(_("The check is more than an hour old. Choose the file again.")) from None
        except signing.BadSignature:
            raise ValidationError(_("The check could not be read. Choose the file again.")) from None
        if payload.get("u") != self.user.pk or payload.get("o") != self.user.organisation_id:
            raise ValidationError(_("The check could not be read. Choose the file again."))
        self.result = Checked(text=payload["t"], sha256=payload["h"], create_districts=bool(payload["d"]),
                              planned=tuple(Planned(line=line, key=key, version=version)
                                            for line, key, version in payload["p"]))
        return self.result

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        result = self.result
        if result is None:
            return cleaned
        text = result.text
        if text is None:
            upload = cleaned.get("file")
            if upload is None:
                self.add_error("file", _("Choose the file you checked again."))
                return cleaned
            try:
                text, _table = read_upload(upload)
            except ValidationError as refused:
                self.add_error("file", refused)
                return cleaned
            if _sha(text) != result.sha256:
                self.add_error("file", _("This is not the file you checked. Choose that file, or check this one."))
                return cleaned
        try:
            self.text, self.table = text, parse(text)
        except CsvRefused as refused:  # cannot happen to a text that passed the check, unless the code changed
            self.add_error(None, refused.message)
        return cleaned
