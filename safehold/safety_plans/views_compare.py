"""Comparing two versions of a case's safety plan: what the family and network agreed differently."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from safehold.cases.access import CasePerms, Perm
from safehold.cases.case_view import case_view
from safehold.cases.models import Case
from safehold.core.http import AuthedRequest
from safehold.core.ids import as_pk
from safehold.safety_plans.compare import compare_plans
from safehold.safety_plans.models import SafetyPlan
from safehold.safety_plans.selectors import case_plans


def _pick(plans: list[SafetyPlan], value: str) -> SafetyPlan | None:
    """The version with that id; None for what is no id at all. An id that is no version of this case is 404,
    as a plan of another case would be: the answer must not tell the two apart."""
    pk = as_pk(value)
    if pk is None:
        return None
    plan = next((p for p in plans if p.pk == pk), None)
    if plan is None:
        raise Http404
    return plan


@case_view(Perm.VIEW)
def compare_view(request: AuthedRequest, case: Case, may: CasePerms) -> HttpResponse:
    """?a=&b= name the versions. Neither (or both left empty in the form) compares the two latest; b alone
    compares it with the version before, which is what a plan's "compare with the version before" link sends."""
    plans = case_plans(case)
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
    return render(request, "safety_plans/compare.html", {
        "case": case, "plans": plans, "comparison": comparison, "error": error,
        "a_id": older.pk if older else None, "b_id": newer.pk if newer else None,
    }, status=400 if error else 200)
