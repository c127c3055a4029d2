"""Name search served by an index on SQLite too: FTS5 trigram tables over the folded search keys of cases and
people, kept in step by triggers (cases/search_index.py). A no-op on PostgreSQL, which has 0006's indexes."""

from django.db import migrations

from safehold.cases import search_index


def install(apps, schema_editor):
    search_index.sqlite_install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_index.sqlite_uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0006_search_trigram_indexes"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
