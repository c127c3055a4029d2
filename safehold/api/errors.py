"""One JSON error shape for the whole API: {"message": "...", "errors": {"field": ["..."]}}."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from safehold.api.schemas import conflict_current
from safehold.core.versioning import ConflictError


def error_body(message: str | Promise, errors: dict[str, list[str]] | None = None, **extra) -> dict:
    return {"message": str(message), "errors": errors or {}, **extra}


def _field_of(location: list) -> str:
    # ninja reports ["body", "payload", "reference"]; callers want "reference".
    names = [str(part) for part in location if part not in ("body", "payload", "query", "path")]
    return ".".join(names) or "__all__"


def install(api: NinjaAPI) -> None:
    @api.exception_handler(SchemaValidationError)
    def schema_invalid(request, exc: SchemaValidationError):
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field_of(list(error.get("loc", []))), []).append(str(error.get("msg", "")))
        return api.create_response(request, error_body(_("The input is not valid."), errors), status=400)

    @api.exception_handler(ValidationError)
    def service_invalid(request, exc: ValidationError):
        if hasattr(exc, "error_dict"):
            errors = {
                ("__all__" if k == NON_FIELD_ERRORS else k): list(v) for k, v in exc.message_dict.items()
            }
        else:
            errors = {"__all__": list(exc.messages)}
        first = next(iter(errors.values()))[0]
        return api.create_response(request, error_body(first, errors), status=400)

    @api.exception_handler(ConflictError)
    def conflict(request, exc: ConflictError):
        return api.create_response(
            request, error_body(exc.message, {"version": [_("This is no longer the current version.")]},
                                current=conflict_current(exc.current)), status=409,
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, error_body(_("Not found.")), status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(request, error_body(str(exc) or _("You may not do this.")), status=403)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(
            request, error_body(_("Send a valid token: Authorization: Bearer <token>.")), status=401,
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        return api.create_response(request, error_body(str(exc)), status=exc.status_code)


# --- errors of the items of one request (PATCH with entries, rules…) --------------------------------------

def _errors_of(exc: ValidationError, prefix: str) -> dict[str, list]:
    """The errors of one item of a PATCH, named after it: "entries.2.text"; an item's own errors under "entries.2".
    With no prefix (the map's own fields) the names stay as they are."""
    def name_of(name: str) -> str:
        if name == NON_FIELD_ERRORS:
            return prefix or NON_FIELD_ERRORS
        return f"{prefix}.{name}" if prefix else name

    if not hasattr(exc, "error_dict"):
        return {name_of(NON_FIELD_ERRORS): exc.error_list}
    return {name_of(name): errors for name, errors in exc.error_dict.items()}


class ItemErrors:
    """Collects the errors of every item, so that the client hears about all of them in one answer."""

    def __init__(self) -> None:
        self.found: dict[str, list] = {}

    @contextmanager
    def under(self, prefix: str) -> Iterator[None]:
        try:
            yield
        except ValidationError as exc:
            for name, errors in _errors_of(exc, prefix).items():
                self.found.setdefault(name, []).extend(errors)

    def add(self, name: str, message: str) -> None:
        self.found.setdefault(name, []).append(ValidationError(message))

    def raise_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)
