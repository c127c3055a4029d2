"""Comparing two versions of a case's safety plan: what the family and network agreed differently."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from safehold.audit.services import audit_view
from safehold.cases.access import Perm, legacy_access_case
from safehold.core.http import AuthedRequest
from safehold.safety_plans.compare import compare_plans
from safehold.safety_plans.models import SafetyPlan


def _pick(plans: list[SafetyPlan], value: str) -> SafetyPlan | None:
    """The version with that id. A number that is no version of this case is 404, as a plan of another
    case would be: the answer must not tell the two apart."""
    # At most 18 digits: Python refuses to convert very long digit strings, and no key has more.
    if not (value.isascii() and value.isdigit() and len(value) <= 18):
        return None
    plan = next((p for p in plans if p.pk == int(value)), None)
    if plan is None:
        raise Http404
    return plan


@login_required
@require_GET
def compare_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    """?a=&b= name the versions. Neither (or both left empty in the form) compares the two latest; b alone
    compares it with the version before, which is what a plan's "compare with the version before" link sends."""
    case = legacy_access_case(request.user, case_id, Perm.VIEW)
    plans = list(case.safety_plans.order_by("version_no").select_related("coordinator"))
    a, b = request.GET.get("a", "").strip(), request.GET.get("b", "").strip()
    older, newer = _pick(plans, a), _pick(plans, b)
    error = ""
    if (a and older is None) or (b and newer is None):
        error = _("Choose the versions from the list.")
    elif not a and not b and len(plans) >= 2:
        older, newer = plans[-2], plans[-1]
    elif not a and newer is not None:
        index = plans.index(newer)
        older = plans[index - 1] if index else None
        if older is None:
            error = _("This is the first version: there is none before it to compare with.")
    elif (a or b) and (older is None or newer is None):
        error = _("Choose the two versions to compare.")
    if older is not None and newer is not None and older.pk == newer.pk:
        error = _("Choose two different versions.")
    comparison = None
    if not error and older is not None and newer is not None:
        if older.version_no > newer.version_no:
            older, newer = newer, older
        comparison = compare_plans(older, newer)
    audit_view(actor=request.user, case=case)
    return render(request, "safety_plans/compare.html", {
        "case": case, "plans": plans, "comparison": comparison, "error": error,
        "a_id": older.pk if older else None, "b_id": newer.pk if newer else None,
    }, status=400 if error else 200)
