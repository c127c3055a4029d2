"""The organisation admin's pages: users, teams, login security, legal bases, the scales' wording. Admins
manage people and lists; they see no case content. Every page first checks that the user administers an
organisation (require_org_admin: 403 for anyone else) — but for the roles waiting for confirmation, which the team
leads who may confirm them see too (organisation/access.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehold.accounts import services as accounts
from safehold.accounts.models import Organisation, Role, User
from safehold.accounts.selectors import organisation_teams, organisation_users, require_org_admin, user_context
from safehold.cases.selectors import organisation_legal_bases
from safehold.core.forms import submit
from safehold.core.http import AuthedRequest
from safehold.organisation import grants, services
from safehold.organisation.access import may_decide, may_see_grants, may_withdraw
from safehold.organisation.forms import GrantDecisionForm, LegalBasisForm, ScaleWordingForm, TeamForm, UserForm
from safehold.organisation.models import RoleGrant
from safehold.organisation.selectors import organisation_legal_basis, organisation_user, scale_wording
from safehold.organisation.selectors_grants import recent_decisions, visible_grant, waiting_grants


def _send_welcome(request: HttpRequest, user: User) -> None:
    """New users get the password-reset e-mail, so no admin ever knows their password."""
    if not user.email:
        return
    form = PasswordResetForm({"email": user.email})
    if form.is_valid():
        form.save(request=request, use_https=request.is_secure(),
                  email_template_name="accounts/email/password_reset.txt",
                  subject_template_name="accounts/email/password_reset_subject.txt")


# The grants still waiting for a second person, beside each user's roles.
_WAITING = Prefetch("role_grants", queryset=RoleGrant.objects.filter(status=RoleGrant.Status.PENDING)
                    .select_related("team"), to_attr="waiting_grants")


@login_required
@require_http_methods(["GET", "POST"])
def users_view(request: AuthedRequest) -> HttpResponse:
    organisation_id = require_org_admin(request.user)
    form = UserForm(request.POST or None, organisation_id=organisation_id)
    sent = submit(form, lambda data: grants.user_create(
        # require_org_admin has made sure that the admin belongs to an organisation.
        actor=request.user, organisation=cast(Organisation, request.user.organisation), username=data["username"],
        first_name=data["first_name"], last_name=data["last_name"], email=data["email"], roles=form.role_pairs()))
    created = sent.result if sent.saved else None
    if created is not None:
        _send_welcome(request, created.user)
        messages.success(request, _("User %(name)s created.") % {"name": created.user.username})
        _say_waiting(request, created)
        return redirect("organisation:users")
    users = list(organisation_users(organisation_id=organisation_id).prefetch_related(_WAITING))
    return render(request, "organisation/users.html", {
        "users": users, "form": form, "mfa_count": sum(u.mfa_enabled for u in users),
        "waiting_count": sum(len(u.waiting_grants) for u in users),
    }, status=sent.status)


def _say_waiting(request: HttpRequest, saved: grants.Saved) -> None:
    if saved.waiting:
        messages.info(request, ngettext(
            "%(count)d role waits for a second person to confirm it. Until then it gives no access.",
            "%(count)d roles wait for a second person to confirm them. Until then they give no access.",
            len(saved.waiting)) % {"count": len(saved.waiting)})


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
    sent = submit(form, lambda data: grants.user_update(
        actor=request.user, user=user, first_name=data["first_name"], last_name=data["last_name"],
        email=data["email"], is_active=data["is_active"], roles=form.role_pairs()))
    if sent.result is not None and sent.saved:
        messages.success(request, _("Saved."))
        _say_waiting(request, sent.result)
        return redirect("organisation:users")
    return render(request, "organisation/user_edit.html", {
        "form": form, "edited": user,
        "waiting": user.role_grants.filter(status=RoleGrant.Status.PENDING).select_related("team", "granted_by"),
    }, status=sent.status)


@login_required
@require_GET
def grants_view(request: AuthedRequest) -> HttpResponse:
    """The roles waiting for a second person, for the organisation admins and the team leads who may confirm
    them."""
    if not may_see_grants(request.user):
        raise PermissionDenied
    waiting = list(waiting_grants(user=request.user))
    return render(request, "organisation/grants.html", {
        "rows": [(grant, may_decide(request.user, grant)) for grant in waiting],
        "decided": recent_decisions(user=request.user),
        "is_admin": user_context(request.user).has_role(Role.ORG_ADMIN),
    })


@login_required
@require_http_methods(["GET", "POST"])
def grant_view(request: AuthedRequest, grant_id: int) -> HttpResponse:
    """One waiting grant: confirm or decline it (a second person), or withdraw it (an admin)."""
    if not may_see_grants(request.user):
        raise PermissionDenied
    grant = visible_grant(user=request.user, grant_id=grant_id)
    form = GrantDecisionForm(request.POST or None)
    decide: dict[str, Callable[..., object]] = {
        GrantDecisionForm.CONFIRM: grants.grant_confirm, GrantDecisionForm.DECLINE: grants.grant_decline,
        GrantDecisionForm.WITHDRAW: grants.grant_withdraw,
    }
    sent = submit(form, lambda data: decide[data["decision"]](actor=request.user, grant=grant,
                                                              reason=data["reason"]))
    if sent.saved:
        done = {GrantDecisionForm.CONFIRM: _("Role confirmed."), GrantDecisionForm.DECLINE: _("Role declined."),
                GrantDecisionForm.WITHDRAW: _("Role withdrawn.")}
        messages.success(request, done[form.cleaned_data["decision"]])
        return redirect("organisation:grants")
    return render(request, "organisation/grant.html", {
        "grant": grant, "form": form, "may_decide": may_decide(request.user, grant),
        "may_withdraw": may_withdraw(request.user, grant),
        "is_admin": user_context(request.user).has_role(Role.ORG_ADMIN),
    }, status=sent.status)


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
