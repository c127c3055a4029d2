"""The index of each case's change records (selectors.case_last_change, the key of the kept case page).

Every page writes an audit record, so on PostgreSQL the index is built CONCURRENTLY: a plain CREATE INDEX would
hold every write to the trail, and so every page, for as long as the build takes on a large trail."""

from django.db import migrations, models

INDEX = models.Index(condition=models.Q(("action__in", ("create", "update", "delete"))), fields=["case", "-id"],
                     name="audit_case_change")


def add_index(apps, schema_editor):
    model = apps.get_model("audit", "AuditEvent")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(model, INDEX, concurrently=True)
    else:
        schema_editor.add_index(model, INDEX)


def remove_index(apps, schema_editor):
    model = apps.get_model("audit", "AuditEvent")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(model, INDEX, concurrently=True)
    else:
        schema_editor.remove_index(model, INDEX)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run inside a transaction

    dependencies = [
        ("audit", "0004_chain"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="auditevent", index=INDEX)],
            database_operations=[migrations.RunPython(add_index, remove_index, elidable=False)],
        ),
    ]
