"""One JSON error shape for the whole API: {"message": "...", "errors": {"field": ["..."]}}."""

from __future__ import annotations

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

