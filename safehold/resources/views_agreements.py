"""The cooperation agreements as pages (seed 001: binding cooperation across legal domains, such as a youth
office and an adult psychiatry): the list, one agreement with the offers it covers, the editor's form, deleting.

Organisation data: every member of the organisation reads, the directory's editors change (resources/access.py,
through the selectors: 403 for a user who may not, 404 for another organisation's agreement); every change
goes through a service that audits it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.cases.views import conflict_rows
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.resources import selectors, services
from safehold.resources.access import editable_offers, may_edit_directory, require_edit
from safehold.resources.forms_agreements import AgreementForm
from safehold.resources.models import CooperationAgreement, Offer

# What the conflict message shows of the agreement someone else saved.
CONFLICT_FIELDS = ("title", "partner", "legal_domains", "contacts", "contingent", "terms", "valid_from", "valid_to")


def _agreement_url(agreement: CooperationAgreement) -> str:
    return reverse("resources:agreement", kwargs={"cooperation_id": agreement.pk})


def _choosable_offers(request: AuthedRequest) -> list[Offer]:
    """The organisation's own offers, those taken out of the directory included: an agreement may outlive one."""
    return list(editable_offers(request.user).only("pk", "name", "provider").order_by("name", "provider", "pk"))


def _form_page(request: AuthedRequest, form: AgreementForm, *, title: str, back: str, status: int,
               agreement: CooperationAgreement | None = None, **extra: Any) -> HttpResponse:
    return render(request, "resources/agreement_form.html", {
        "form": form, "title": title, "back": back, "agreement": agreement, **extra}, status=status)


@login_required
@require_GET
def agreements_view(request: AuthedRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [(agreement, agreement.holds_on(today)) for agreement in selectors.agreements(request.user)]
    return render(request, "resources/agreements.html", {"rows": rows, "may_edit": may_edit_directory(request.user)})


@login_required
@require_GET
def agreement_view(request: AuthedRequest, cooperation_id: int) -> HttpResponse:
    agreement = selectors.readable_agreement(request.user, cooperation_id)
    return render(request, "resources/agreement.html", {
        "agreement": agreement, "holds": agreement.holds_on(timezone.localdate()),
        "may_edit": may_edit_directory(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create_view(request: AuthedRequest) -> HttpResponse:
    require_edit(request.user)
    form = AgreementForm(request.POST or None, offers=_choosable_offers(request),
                         initial={"valid_from": timezone.localdate()})
    sent = submit(form, lambda data: services.agreement_create(actor=request.user, data=form.service_data()))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Agreement saved."))
        return redirect(_agreement_url(sent.result))
    return _form_page(request, form, title=_("New cooperation agreement"), back=reverse("resources:agreements"),
                      status=sent.status)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit_view(request: AuthedRequest, cooperation_id: int) -> HttpResponse:
    agreement = selectors.editable_agreement(request.user, cooperation_id)
    form = AgreementForm(request.POST or None, offers=_choosable_offers(request), editing=True,
                         initial=AgreementForm.initial_for(agreement))
    sent = submit(form, lambda data: services.agreement_update(
        actor=request.user, agreement=agreement, expected_version=data["version"] or 0, data=form.service_data()))
    if sent.saved:
        messages.success(request, _("Agreement saved."))
        return redirect(_agreement_url(agreement))
    return _form_page(request, form, title=_("Edit the agreement"), back=_agreement_url(agreement),
                      agreement=agreement, status=sent.status, conflict=sent.conflict,
                      conflict_current=conflict_rows(sent.conflict.current, CONFLICT_FIELDS) if sent.conflict else [])


@login_required
@require_POST
def agreement_delete_view(request: AuthedRequest, cooperation_id: int) -> HttpResponse:
    """The offers it covered stay in the directory; the audit trail records who deleted the agreement."""
    agreement = selectors.editable_agreement(request.user, cooperation_id)
    services.agreement_delete(actor=request.user, agreement=agreement)
    messages.success(request, _("Agreement deleted. The offers it covered stay in the directory."))
    return redirect("resources:agreements")
