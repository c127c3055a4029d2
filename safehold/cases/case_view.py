"""The skeleton of every HTML view of a case: load it through the access policy, audit what a GET shows.

    @case_view(Perm.CHANGE, methods=("GET", "POST"))
    def rule_edit_view(request, case, may, plan_id, rule_id): ...

The decorator requires login and the HTTP methods, loads the case for the permission (404 to whoever may not
touch it, 403 for what they may not do, CaseClosed for a change of a closed case) and calls the view with the
case and everything the user may do on it (`may`, for the page to offer only that). When a GET answers with
a page, it writes the read audit: of the case, or of the object the view names with `shows()`; a download
view declares `audit=Action.EXPORT`. A view cannot forget the policy or the audit, and the matrix test
(cases/tests/test_access_matrix.py) still checks both for every URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, HttpResponseBase
from django.views.decorators.http import require_http_methods

from safehold.audit.services import Action, audit_record
from safehold.cases.access import access_case
from safehold.cases.models import Case
from safehold.cases.perms import CasePerms, Perm
from safehold.core.http import AuthedRequest

P = ParamSpec("P")
CaseViewFunction = Callable[Concatenate[AuthedRequest, Case, CasePerms, P], HttpResponseBase]

_SHOWN = "_safehold_case_view_shows"


def shows(request: HttpRequest, obj: models.Model | None = None, *, object_type: str = "") -> None:
    """Name what this GET shows, for its read audit (without this, the case itself): a record of the case,
    or a page about it that is no record (`object_type`, e.g. "audit.case_access_log")."""
    setattr(request, _SHOWN, (obj, object_type))


def case_view(perm: Perm = Perm.VIEW, *, methods: Iterable[str] = ("GET",),
              audit: str = Action.VIEW) -> Callable[[CaseViewFunction[P]], Callable[..., HttpResponseBase]]:
    allowed = list(methods)

    def decorate(view: CaseViewFunction[P]) -> Callable[..., HttpResponseBase]:
        @login_required
        @require_http_methods(allowed)
        @wraps(view)
        def wrapper(request: AuthedRequest, case_id: int, *args: P.args, **kwargs: P.kwargs) -> HttpResponseBase:
            case, may = access_case(request.user, case_id, perm)
            response = view(request, case, may, *args, **kwargs)
            # A redirect shows nothing; a page (even one refusing a bad query) shows the case's data.
            if request.method in ("GET", "HEAD") and not 300 <= response.status_code < 400:
                obj, object_type = getattr(request, _SHOWN, (None, ""))
                audit_record(actor=request.user, action=audit, case=case, obj=obj, object_type=object_type)
            return response

        return wrapper

    return decorate
