"""The organisation admin's pages. Admins manage people and lists; they see no case content."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from safehold.accounts import services
from safehold.accounts.forms_organisation import LegalBasisForm, TeamForm, UserForm
from safehold.accounts.models import Organisation, Role, User
from safehold.accounts.selectors import organisation_teams, organisation_users, require_org_admin
from safehold.cases import services as case_services
from safehold.cases.models import LegalBasis
from safehold.cases.selectors import organisation_legal_bases
from safehold.core.http import AuthedRequest


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
    if request.method == "POST" and form.is_valid():
        # require_org_admin has made sure that the admin belongs to an organisation.
        organisation = cast(Organisation, request.user.organisation)
        try:
            user = services.user_create(
                actor=request.user, organisation=organisation, username=form.cleaned_data["username"],
                first_name=form.cleaned_data["first_name"], last_name=form.cleaned_data["last_name"],
                email=form.cleaned_data["email"], roles=form.role_pairs(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            _send_welcome(request, user)
            messages.success(request, _("User %(name)s created.") % {"name": user.username})
            return redirect("organisation:users")
    users = list(organisation_users(organisation_id=organisation_id))
    return render(request, "accounts/organisation/users.html", {
        "users": users, "form": form, "mfa_count": sum(u.mfa_enabled for u in users),
    })


@login_required
@require_POST
def mfa_policy_view(request: AuthedRequest) -> HttpResponse:
    services.organisation_set_mfa_policy(actor=request.user, require=request.POST.get("require_mfa") == "on")
    messages.success(request, _("Saved."))
    return redirect("organisation:users")


@login_required
@require_http_methods(["GET", "POST"])
def user_edit_view(request: AuthedRequest, user_id: int) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    user = organisation_users(organisation_id=organisation_id).filter(pk=user_id).first()
    if user is None:
        raise Http404
    memberships = list(user.memberships.all())
    initial = {"username": user.username, "first_name": user.first_name, "last_name": user.last_name,
               "email": user.email, "roles": sorted({m.role for m in memberships}),
               "member_of": sorted({m.team_id for m in memberships if m.team_id and m.role != Role.TEAM_LEAD}),
               "leads": sorted({m.team_id for m in memberships if m.team_id and m.role == Role.TEAM_LEAD}),
               "is_active": user.is_active}
    form = UserForm(request.POST or None, initial=initial, organisation_id=organisation_id, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(
                actor=request.user, user=user, first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"], email=form.cleaned_data["email"],
                is_active=form.cleaned_data["is_active"], roles=form.role_pairs(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Saved."))
            return redirect("organisation:users")
    return render(request, "accounts/organisation/user_edit.html", {"form": form, "edited": user})


@login_required
@require_http_methods(["GET", "POST"])
def teams_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    form = TeamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_create(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Team created."))
            return redirect("organisation:teams")
    return render(request, "accounts/organisation/teams.html", {
        "teams": organisation_teams(organisation_id=organisation_id).prefetch_related("memberships__user"),
        "form": form,
    })


@login_required
@require_http_methods(["GET", "POST"])
def legal_bases_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    form = LegalBasisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_services.legal_basis_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Provision added."))
            return redirect("organisation:legal_bases")
    return render(request, "accounts/organisation/legal_bases.html", {
        "bases": organisation_legal_bases(organisation_id=organisation_id, include_inactive=True), "form": form,
    })


@login_required
@require_POST
def legal_basis_toggle_view(request: AuthedRequest, basis_id: int) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    basis = LegalBasis.objects.filter(organisation_id=organisation_id, pk=basis_id).first()
    if basis is None:
        raise Http404
    case_services.legal_basis_set_active(actor=request.user, basis=basis, is_active=not basis.is_active)
    return redirect("organisation:legal_bases")
