"""The organisation admin's page for the retention rules (beside the organisation's other pages)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from safehold.accounts.selectors import require_org_admin
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.retention import services
from safehold.retention.forms import RetentionRulesForm
from safehold.retention.selectors import cases_due, retention_rules, years_before


@login_required
@require_http_methods(["GET", "POST"])
def rules_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    rules = retention_rules(organisation_id=organisation_id)
    form = RetentionRulesForm(request.POST or None, initial={
        "closed_case_years": rules.closed_case_years, "audit_years": rules.audit_years})
    sent = submit(form, lambda data: services.retention_rules_save(
        actor=request.user, closed_case_years=data["closed_case_years"], audit_years=data["audit_years"]))
    if sent.saved:
        messages.success(request, _("Retention rules saved."))
        return redirect("retention:rules")
    due = None
    if rules.closed_case_years:
        # What the next run would delete under the rules as saved: a number, never which cases.
        cutoff = years_before(timezone.localdate(), rules.closed_case_years)
        due = cases_due(organisation_id=organisation_id, cutoff=cutoff).count()
    return render(request, "retention/rules.html", {"form": form, "rules": rules, "due": due}, status=sent.status)
