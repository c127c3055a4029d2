from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found

from safehold.accounts.selectors import user_context
from safehold.audit.services import audit_list
from safehold.cases.selectors import my_cases, team_cases
from safehold.core.http import AuthedRequest
from safehold.core.registry import attention_for


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database check for load balancers and `make run`. Tells nothing about the data."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
@require_GET
def my_work(request: AuthedRequest) -> HttpResponse:
    """The start page: the user's open cases, their team's cases, and what needs attention."""
    ctx = user_context(request.user)
    cases = list(my_cases(user=request.user)[:50])
    other_team_cases = list(team_cases(user=request.user)[:50])
    attention = attention_for(request.user)
    if ctx.does_case_work:
        shown = {case.pk: case for case in [*cases, *other_team_cases, *(item.case for item in attention)]}
        audit_list(actor=request.user, cases=shown.values())
    return render(request, "core/my_work.html", {
        "does_case_work": ctx.does_case_work, "cases": cases, "team_cases": other_team_cases,
        "attention": attention,
    })


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 in the shape the caller understands: the API's JSON error, or the translated page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"message": _("Not found."), "errors": {}}, status=404)
    return page_not_found(request, exception)
