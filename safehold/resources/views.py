"""The directory of offers as pages: the search a worker runs for a family's need, an offer with its agreements,
the editor's form, the districts, and the directory's settings (who edits it, sharing with a partner).

Organisation data, not case data: every member of the organisation reads (no read audit), editors change, and
each change goes through a service that audits it. Access is decided in `resources/access.py` (the selectors
call it: 403 for a user who may not, 404 for another organisation's object) and, for the settings, by
`require_org_admin`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.accounts.models import Organisation, Role, User
from safehold.accounts.selectors import require_org_admin, user_context
from safehold.cases.views import conflict_rows
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.resources import selectors, services, sharing
from safehold.resources.access import may_edit_directory, readable_offers, require_edit, require_read
from safehold.resources.forms import (
    DirectorySearchForm,
    DistrictForm,
    EditorsForm,
    OfferActiveForm,
    OfferForm,
    ShareForm,
)
from safehold.resources.models import Offer

PER_PAGE = 25
# What the conflict message shows of the offer someone else saved: the fields people change most.
CONFLICT_FIELDS = ("name", "provider", "kind", "district", "languages", "age_from", "age_to", "capacity",
                   "contact_name", "phone", "email", "verified_on", "is_active")


def _languages_present(user: User) -> list[str]:
    """The language codes the directory's offers are given in, offered beside the search's language field."""
    rows = (readable_offers(user).filter(is_active=True).exclude(languages="").order_by()
            .values_list("languages", flat=True).distinct()[:500])
    return sorted({code for row in rows for code in row.split(",") if code})


def _is_admin(user: User) -> bool:
    return user_context(user).has_role(Role.ORG_ADMIN)


def _offer_url(offer: Offer) -> str:
    return reverse("resources:offer", kwargs={"offer_id": offer.pk})


# --- the directory -------------------------------------------------------------------------------------------


@login_required
@require_GET
def directory_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_read(request.user)
    form = DirectorySearchForm(request.GET or None, districts=list(selectors.districts(request.user)),
                               languages=_languages_present(request.user))
    valid = form.is_valid() if form.is_bound else True
    # A refused part (an age of "ten") is named next to its field; the parts that are right still search.
    filters: dict[str, Any] = getattr(form, "cleaned_data", {})
    query = selectors.OfferQuery(text=filters.get("q") or "", kind=filters.get("kind") or "",
                                 district_id=filters.get("district"), language=filters.get("language") or "",
                                 age=filters.get("age"))
    page = Paginator(selectors.search_offers(request.user, query), PER_PAGE).get_page(request.GET.get("page"))
    rest = request.GET.copy()
    rest.pop("page", None)
    context = {"form": form, "page": page, "query": rest.urlencode(), "organisation_id": organisation_id,
               "may_edit": may_edit_directory(request.user), "may_admin": _is_admin(request.user)}
    template = "resources/partials/_results.html" if request.htmx else "resources/directory.html"
    return render(request, template, context, status=200 if valid else 400)


@login_required
@require_GET
def offer_detail_view(request: AuthedRequest, offer_id: int) -> HttpResponse:
    offer = selectors.readable_offer(request.user, offer_id)
    return _offer_page(request, offer)


def _offer_page(request: AuthedRequest, offer: Offer, *, status: int = 200, **extra: Any) -> HttpResponse:
    own = offer.organisation_id == request.user.organisation_id
    return render(request, "resources/offer_detail.html", {
        "offer": offer, "own": own, "may_edit": own and may_edit_directory(request.user),
        # Agreements are the owner's organisation data: a partner reading a shared offer does not see them.
        "agreements": list(offer.agreements.all()) if own else [],
        "active_form": OfferActiveForm(initial={"version": offer.version}), **extra}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def offer_create_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_edit(request.user)
    form = OfferForm(request.POST or None, organisation_id=organisation_id,
                     districts=list(selectors.districts(request.user)))
    sent = submit(form, lambda data: services.offer_create(actor=request.user, data=form.service_data()))
    if sent.saved and sent.result is not None:
        messages.success(request, _("Offer saved."))
        return redirect(_offer_url(sent.result))
    return render(request, "resources/offer_form.html", {
        "form": form, "title": _("New offer"), "back": reverse("resources:directory")}, status=sent.status)


@login_required
@require_http_methods(["GET", "POST"])
def offer_edit_view(request: AuthedRequest, offer_id: int) -> HttpResponse:
    offer = selectors.editable_offer(request.user, offer_id)
    form = OfferForm(request.POST or None, organisation_id=offer.organisation_id, offer=offer,
                     districts=list(selectors.districts(request.user)), initial=OfferForm.initial_for(offer))
    sent = submit(form, lambda data: services.offer_update(
        actor=request.user, offer=offer, expected_version=data["version"], data=form.service_data()))
    if sent.saved:
        messages.success(request, _("Offer saved."))
        return redirect(_offer_url(offer))
    return render(request, "resources/offer_form.html", {
        "form": form, "offer": offer, "title": _("Edit the offer"), "back": _offer_url(offer),
        "conflict": sent.conflict,
        "conflict_current": conflict_rows(sent.conflict.current, CONFLICT_FIELDS) if sent.conflict else [],
    }, status=sent.status)


@login_required
@require_POST
def offer_verify_view(request: AuthedRequest, offer_id: int) -> HttpResponse:
    offer = selectors.editable_offer(request.user, offer_id)
    services.offer_verify(actor=request.user, offer=offer)
    messages.success(request, _("The offer is marked as verified today."))
    return redirect(_offer_url(offer))


@login_required
@require_POST
def offer_active_view(request: AuthedRequest, offer_id: int) -> HttpResponse:
    """Take an offer out of the directory's search (it is kept, with its referrals) or put it back."""
    offer = selectors.editable_offer(request.user, offer_id)
    form = OfferActiveForm(request.POST)
    sent = submit(form, lambda data: services.offer_update(
        actor=request.user, offer=offer, expected_version=data["version"], data={"is_active": data["is_active"]}))
    if sent.saved:
        offer.refresh_from_db(fields=["is_active"])
        messages.success(request, _("The offer is back in the directory.") if offer.is_active
                         else _("The offer is no longer in the directory."))
        return redirect(_offer_url(offer))
    if sent.conflict:
        offer = selectors.editable_offer(request.user, offer_id)
    return _offer_page(request, offer, status=sent.status, active_refused=form, conflict=sent.conflict,
                       conflict_current=conflict_rows(sent.conflict.current, CONFLICT_FIELDS)
                       if sent.conflict else [])


# --- districts -----------------------------------------------------------------------------------------------


def _districts_page(request: AuthedRequest, form: DistrictForm, *, status: int = 200,
                    refused: list[str] | None = None, refused_id: int | None = None) -> HttpResponse:
    rows = selectors.districts(request.user).annotate(offer_count=Count("offers"))
    return render(request, "resources/districts.html", {
        "districts": rows, "form": form, "refused": refused, "refused_id": refused_id}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def districts_view(request: AuthedRequest) -> HttpResponse:
    require_edit(request.user)
    form = DistrictForm(request.POST or None)
    sent = submit(form, lambda data: services.district_create(actor=request.user, name=data["name"]))
    if sent.saved and sent.result is not None:
        messages.success(request, _("District %(name)s added.") % {"name": sent.result.name})
        return redirect("resources:districts")
    return _districts_page(request, form, status=sent.status)


@login_required
@require_POST
def district_delete_view(request: AuthedRequest, district_id: int) -> HttpResponse:
    district = selectors.editable_district(request.user, district_id)
    try:
        services.district_delete(actor=request.user, district=district)
    except ValidationError as refused:
        return _districts_page(request, DistrictForm(), status=400, refused=refused.messages,
                               refused_id=district.pk)
    messages.success(request, _("District %(name)s deleted.") % {"name": district.name})
    return redirect("resources:districts")


# --- the directory's settings: who edits it, sharing ---------------------------------------------------------


def _settings_page(request: AuthedRequest, *, editors: EditorsForm | None = None, share: ShareForm | None = None,
                   status: int = 200) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    organisation = Organisation.objects.get(pk=organisation_id)
    return render(request, "resources/settings.html", {
        "organisation": organisation,
        "editors_form": editors or EditorsForm(initial=EditorsForm.initial_for(organisation)),
        "share_form": share or ShareForm(partners=list(sharing.share_partners(request.user))),
        "given": list(sharing.shares_given(request.user)),
        "received": list(sharing.shares_received(request.user)),
    }, status=status)


@login_required
@require_GET
def settings_view(request: AuthedRequest) -> HttpResponse:
    return _settings_page(request)


@login_required
@require_POST
def settings_editors_view(request: AuthedRequest) -> HttpResponse:
    require_org_admin(request.user)
    form = EditorsForm(request.POST)
    sent = submit(form, lambda data: sharing.directory_editors_set(actor=request.user, roles=data["roles"]))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect("resources:settings")
    return _settings_page(request, editors=form, status=sent.status)


@login_required
@require_POST
def share_offer_view(request: AuthedRequest) -> HttpResponse:
    form = ShareForm(request.POST, partners=list(sharing.share_partners(request.user)))
    sent = submit(form, lambda data: sharing.directory_share_offer(actor=request.user, partner_id=data["partner"]))
    if sent.saved and sent.result is not None:
        messages.success(request, _("The directory is offered to %(name)s. It is shared once they accept.")
                         % {"name": sent.result.partner.name})
        return redirect("resources:settings")
    return _settings_page(request, share=form, status=sent.status)


@login_required
@require_POST
def share_accept_view(request: AuthedRequest, share_id: int) -> HttpResponse:
    share = sharing.admin_share(request.user, share_id)
    if share.partner_id != request.user.organisation_id:
        raise PermissionDenied  # only the partner accepts; the owner offered it
    sharing.directory_share_accept(actor=request.user, share=share)
    messages.success(request, _("Your workers now read the offers of %(name)s.") % {"name": share.owner.name})
    return redirect("resources:settings")


@login_required
@require_POST
def share_end_view(request: AuthedRequest, share_id: int) -> HttpResponse:
    share = sharing.admin_share(request.user, share_id)
    sharing.directory_share_end(actor=request.user, share=share)
    messages.success(request, _("Sharing ended."))
    return redirect("resources:settings")
