"""The organisation admin's pages: users, teams, login security, legal bases, the scales' wording. Admins
manage people and lists; they see no case content. Every page first checks that the user administers an
organisation (require_org_admin: 403 for anyone else)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safehold.accounts import services as accounts
from safehold.accounts.models import Organisation, User
from safehold.accounts.selectors import organisation_teams, organisation_users, require_org_admin
from safehold.cases.selectors import organisation_legal_bases
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.organisation import services
from safehold.organisation.forms import LegalBasisForm, ScaleWordingForm, TeamForm, UserForm
from safehold.organisation.selectors import organisation_legal_basis, organisation_user, scale_wording


def _send_welcome(request: HttpRequest, user: User) -> None:
    """New users get the password-reset e-mail, so no admin ever knows their password."""
    if not user.email:
        return
    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(request=request, use_https=request.is_secure(),
                  email_template_name="accounts/email/password_reset.txt",
                  subject_template_name="accounts/email/password_reset_subject.txt")


@login_required
@require_http_methods(["GET", "POST"])
def users_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    form = UserForm(request.POST or None, organisation_id=organisation_id)
    sent = submit(form, lambda data: accounts.user_create(
        # require_org_admin has made sure that the admin belongs to an organisation.
        actor=request.user, organisation=cast(Organisation, request.user.organisation), username=data["username"],
        first_name=data["first_name"], last_name=data["last_name"], email=data["email"], roles=form.role_pairs()))
    created = sent.result if sent.saved else None
    if created is not None:
        _send_welcome(request, created)
        messages.success(request, _("User %(name)s created.") % {"name": created.username})
        return redirect("organisation:users")
    users = list(organisation_users(organisation_id=organisation_id))
    return render(request, "organisation/users.html", {
        "users": users, "form": form, "mfa_count": sum(u.mfa_enabled for u in users),
    }, status=sent.status)


@login_required
@require_POST
def mfa_policy_view(request: AuthedRequest) -> HttpResponse:
    accounts.organisation_set_mfa_policy(actor=request.user, require=request.POST.get("require_mfa") == "on")
    messages.success(request, _("Saved."))
    return redirect("organisation:users")


@login_required
@require_http_methods(["GET", "POST"])
def user_edit_view(request: AuthedRequest, user_id: int) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    user = organisation_user(organisation_id=organisation_id, user_id=user_id)
    form = UserForm(request.POST or None, initial=UserForm.initial_for(user), organisation_id=organisation_id,
                    editing=True)
    sent = submit(form, lambda data: accounts.user_update(
        actor=request.user, user=user, first_name=data["first_name"], last_name=data["last_name"],
        email=data["email"], is_active=data["is_active"], roles=form.role_pairs()))
    if sent.saved:
        messages.success(request, _("Saved."))
        return redirect("organisation:users")
    return render(request, "organisation/user_edit.html", {"form": form, "edited": user}, status=sent.status)


@login_required
@require_http_methods(["GET", "POST"])
def teams_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    form = TeamForm(request.POST or None)
    sent = submit(form, lambda data: accounts.team_create(actor=request.user, name=data["name"]))
    if sent.saved:
        messages.success(request, _("Team created."))
        return redirect("organisation:teams")
    return render(request, "organisation/teams.html", {
        "teams": organisation_teams(organisation_id=organisation_id).prefetch_related("memberships__user"),
        "form": form,
    }, status=sent.status)


@login_required
@require_POST
def screening_policy_view(request: AuthedRequest) -> HttpResponse:
    services.organisation_set_screening_policy(actor=request.user,
                                               needs_team_lead=request.POST.get("screening_needs_team_lead") == "on")
    messages.success(request, _("Saved."))
    return redirect("organisation:teams")


@login_required
@require_http_methods(["GET", "POST"])
def legal_bases_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    organisation = cast(Organisation, request.user.organisation)
    form = LegalBasisForm(request.POST or None, initial={"country": organisation.country})
    sent = submit(form, lambda data: services.legal_basis_create(
        actor=request.user, code=data["code"], label=data["label"], country=data["country"]))
    if sent.saved:
        messages.success(request, _("Provision added."))
        return redirect("organisation:legal_bases")
    return render(request, "organisation/legal_bases.html", {
        "bases": organisation_legal_bases(organisation_id=organisation_id, include_inactive=True), "form": form,
    }, status=sent.status)


@login_required
@require_POST
def legal_basis_toggle_view(request: AuthedRequest, basis_id: int) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    basis = organisation_legal_basis(organisation_id=organisation_id, basis_id=basis_id)
    services.legal_basis_set_active(actor=request.user, basis=basis, is_active=not basis.is_active)
    return redirect("organisation:legal_bases")


@login_required
@require_http_methods(["GET", "POST"])
def scales_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    form = ScaleWordingForm(request.POST or None, initial=scale_wording(organisation_id=organisation_id))
    sent = submit(form, lambda data: services.scale_wording_save(actor=request.user, values=data))
    if sent.saved:
        messages.success(request, _("Scale wording saved."))
        return redirect("organisation:scales")
    return render(request, "organisation/scales.html", {"form": form}, status=sent.status)
