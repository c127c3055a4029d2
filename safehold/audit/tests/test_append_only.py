import pytest
from django.db import DatabaseError, connection, transaction

from safehold.audit.models import AppendOnlyError, AuditEvent
from safehold.audit.services import audit_record


@pytest.fixture
def event(caseworker, case):
    return audit_record(actor=caseworker, action="view", case=case)


def test_an_audit_record_cannot_be_changed_through_the_model(event):
    event.action = "delete"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(action="delete")


def test_an_audit_record_cannot_be_deleted_through_the_model(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_itself_refuses_update_and_delete(event):
    table = AuditEvent._meta.db_table
    for statement in (f"UPDATE {table} SET action = 'delete' WHERE id = %s", f"DELETE FROM {table} WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "view"


def test_the_admin_offers_no_way_to_add_change_or_delete(client, event, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-enough-pw-123")
    client.force_login(admin_user)
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"action": "delete"}).status_code == 403
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).action == "view"
