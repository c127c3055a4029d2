"""The audit table's foreign keys lose their single-column indexes: audit_case_at, audit_actor_at and audit_org_at
(and the other organisation indexes) lead with the same columns and answer every lookup they did, and each
index is one more to keep in step on every insert, of which a list page writes one per case shown
(docs/PERFORMANCE.md). Plain DROP INDEX on both databases: SQLite would otherwise copy the whole table three
times, and drop its triggers with it (triggers.py)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

DROPPED = {
    "audit_auditevent_actor_id_270bb4b7": "actor_id",
    "audit_auditevent_case_id_e19cbaff": "case_id",
    "audit_auditevent_organisation_id_11de86af": "organisation_id",
}


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_sessions_and_reset_throttle'),
        ('audit', '0005_case_change_index'),
        ('cases', '0007_search_sqlite_fts5'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(f'DROP INDEX IF EXISTS "{name}"',
                                  reverse_sql=f'CREATE INDEX "{name}" ON "audit_auditevent" ("{column}")')
                for name, column in DROPPED.items()
            ],
            state_operations=[
                migrations.AlterField(
                    model_name='auditevent',
                    name='actor',
                    field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who'),
                ),
                migrations.AlterField(
                    model_name='auditevent',
                    name='case',
                    field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='cases.case', verbose_name='case'),
                ),
                migrations.AlterField(
                    model_name='auditevent',
                    name='organisation',
                    field=models.ForeignKey(db_constraint=False, db_index=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisation'),
                ),
            ],
        ),
    ]
