from django.contrib import admin

from safehold.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: nobody can add, change or delete audit records, not even a superuser."""

    list_display = ["at", "actor_username", "action", "case_reference", "object_type", "object_id", "channel",
                    "client_address"]
    list_filter = ["action", "channel"]
    search_fields = ["actor_username", "case_reference"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
