"""Django admin for platform operators (superusers). Case data is deliberately not in the admin:
it would bypass the access policy and the audit trail. What is here writes the audit trail too."""

from typing import cast

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext

from safehold.accounts.models import ApiToken, Membership, Organisation, User
from safehold.accounts.services import password_change, token_revoke, user_access_end
from safehold.accounts.sessions import session_keep
from safehold.audit.services import Action, audit_record


def _organisation_id(obj) -> int | None:
    """The organisation an admin change concerns (not the superuser's own, who usually has none)."""
    if isinstance(obj, Organisation):
        return obj.pk
    if isinstance(obj, ApiToken | Membership):
        return obj.user.organisation_id
    return getattr(obj, "organisation_id", None)


class AuditedAdmin(admin.ModelAdmin):
    """Every add, change and delete made in the admin, inlines included, goes into the audit trail."""

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        audit_record(actor=request.user, action=Action.UPDATE if change else Action.CREATE, obj=obj,
                     changed_fields=form.changed_data, organisation_id=_organisation_id(obj))

    def delete_model(self, request, obj) -> None:
        audit_record(actor=request.user, action=Action.DELETE, obj=obj, organisation_id=_organisation_id(obj))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            audit_record(actor=request.user, action=Action.DELETE, obj=obj, organisation_id=_organisation_id(obj))
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change) -> None:
        super().save_formset(request, form, formset, change)
        parent = _organisation_id(form.instance)
        for obj in formset.new_objects:
            audit_record(actor=request.user, action=Action.CREATE, obj=obj, organisation_id=parent)
        for obj, fields in formset.changed_objects:
            audit_record(actor=request.user, action=Action.UPDATE, obj=obj, changed_fields=fields,
                         organisation_id=parent)
        for obj in formset.deleted_objects:
            audit_record(actor=request.user, action=Action.DELETE, obj=obj, organisation_id=parent)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Safehold", {"fields": ("organisation", "language")}))
    list_display = ["username", "first_name", "last_name", "organisation", "is_active", "is_demo", "mfa_enabled"]
    list_filter = ["organisation", "is_active", "is_demo"]
    inlines = [MembershipInline]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            # Disabled: its tokens and sessions end, and do not come back if it is enabled again.
            user_access_end(actor=request.user, user=obj)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        """Django's page, but a valid form is saved by accounts.services.password_change, as when users change
        their own password: the password, the revocation of the user's API tokens and the audit record in one
        transaction. Everything else (the page, its errors, 403 and 404) is left to Django."""
        user = self.get_object(request, unquote(id)) if request.method == "POST" else None
        if user is None or not self.has_change_permission(request, user):
            return super().user_change_password(request, id, form_url)
        form = self.change_password_form(user, request.POST)
        if not form.is_valid():
            return super().user_change_password(request, id, form_url)
        usable = form.cleaned_data["set_usable_password"]
        if not usable and "unset-password" not in request.POST:
            return super().user_change_password(request, id, form_url)  # Django refuses the conflicting data
        operator = cast(User, request.user)  # the admin site lets in logged-in staff only
        own = operator.pk == user.pk
        key = request.session.session_key
        password_change(actor=operator, user=user, new_password=form.cleaned_data["password1"] if usable else None,
                        keep_session=key if own else None)
        self.log_change(request, user, self.construct_change_message(request, form, []))
        messages.success(request, gettext("Password changed successfully.") if usable
                         else gettext("Password-based authentication was disabled."))
        if own:  # as Django's page does: an operator who changed their own password stays logged in
            update_session_auth_hash(request, user)
            session_keep(request, key)
        return HttpResponseRedirect(reverse(f"{self.admin_site.name}:accounts_user_change", args=(user.pk,)))


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    """Tokens can be looked at and revoked here, never made or brought back."""

    list_display = ["user", "name", "prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at",
                       "mfa_verified"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset) -> None:
        for token in queryset.filter(revoked_at__isnull=True).select_related("user"):
            token_revoke(user=token.user, token=token)
