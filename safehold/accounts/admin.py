"""Django admin for platform operators (superusers). Case data is deliberately not in the admin:
it would bypass the access policy and the audit trail."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from safehold.accounts.models import ApiToken, Membership, Organisation, Team, User
from safehold.cases.models import LegalBasis


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("Safehold", {"fields": ("organisation", "language")}))
    list_display = ["username", "first_name", "last_name", "organisation", "is_active", "is_demo"]
    list_filter = ["organisation", "is_active", "is_demo"]
    inlines = [MembershipInline]


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


class LegalBasisInline(admin.TabularInline):
    model = LegalBasis
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    inlines = [TeamInline, LegalBasisInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "prefix", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request) -> bool:
        return False
