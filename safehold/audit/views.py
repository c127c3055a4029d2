from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from safehold.accounts.models import Role
from safehold.accounts.selectors import user_context
from safehold.audit.forms import TrailFilterForm
from safehold.audit.selectors import audit_trail, case_access_log
from safehold.audit.services import audit_view
from safehold.cases.access import Perm, access_case
from safehold.core.http import AuthedRequest

PER_PAGE = 50


@login_required
@require_GET
def case_access_log_view(request: AuthedRequest, case_id: int) -> HttpResponse:
    """Who read, changed or exported this case's data. For its team lead and for auditors."""
    case = access_case(request.user, case_id, Perm.VIEW_ACCESS_LOG)
    # Reading who touched a case is itself recorded: it shows the case's reference and who works on it.
    audit_view(actor=request.user, case=case)
    page = Paginator(case_access_log(case=case), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "audit/case_access_log.html", {
        "case": case, "page": page, "shows_content": Perm.VIEW in case.permissions,
    })


@login_required
@require_GET
def trail_view(request: AuthedRequest) -> HttpResponse:
    """The organisation's whole audit trail, for auditors (data protection officers)."""
    ctx = user_context(request.user)
    if ctx.organisation_id is None or not ctx.has_role(Role.AUDITOR):
        raise PermissionDenied
    form = TrailFilterForm(request.GET or None, organisation_id=ctx.organisation_id)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_trail(organisation_id=ctx.organisation_id, **{k: v for k, v in filters.items() if v})
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/trail.html", {"form": form, "page": page, "query": query.urlencode()})
