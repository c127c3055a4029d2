"""/resources/needs/: needs without an offer (clusters.py), for team leads to act on and for the organisation to
plan with. The families' words are case content: the page records one read per case whose words it shows."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from safehold.audit.services import audit_list
from safehold.core.forms import DateField, KernFormMixin
from safehold.core.http import AuthedRequest
from safehold.resources.access import cluster_reach
from safehold.resources.clusters import MIN_FAMILIES, cases_shown, unmet_clusters

LOOK_BACK = timedelta(days=365)  # without a date: the needs recorded in the last twelve months


class NeedsFilterForm(KernFormMixin, forms.Form):
    since = DateField(label=_("Recorded since"), required=False,
                      help_text=_("Needs recorded as having no suitable offer on this day or later."))

    def since_or_default(self) -> date:
        return cast(date | None, self.cleaned_data.get("since")) or timezone.localdate() - LOOK_BACK


@login_required
@require_GET
def needs_view(request: AuthedRequest) -> HttpResponse:
    _organisation_id, team_ids = cluster_reach(request.user)  # 403 before anything is read
    form = NeedsFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "resources/needs.html", {"form": form, "clusters": None,
                                                        "min_families": MIN_FAMILIES}, status=400)
    since = form.since_or_default() if form.is_bound else timezone.localdate() - LOOK_BACK
    clusters = unmet_clusters(request.user, since=since)
    audit_list(actor=request.user, cases=cases_shown(clusters), object_type="resources.need_cluster")
    return render(request, "resources/needs.html", {
        "form": form, "clusters": clusters, "since": since, "min_families": MIN_FAMILIES,
        "whole_organisation": team_ids is None,
    })
