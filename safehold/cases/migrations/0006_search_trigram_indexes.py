"""Name search served by an index on PostgreSQL: trigram (pg_trgm) GIN indexes on the accent-folded search keys
of cases and people, which `search_key LIKE '%word%'` (selectors.case_list) uses for words of three letters
or more. pg_trgm is a trusted extension: the database's owner may create it (otherwise an administrator runs
`CREATE EXTENSION pg_trgm` once, docs/OPERATIONS.md). SQLite has no such index and keeps scanning (docs/PERFORMANCE.md); there both steps do
nothing. The indexes are not in the models' Meta, as SQLite could not create them."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "case_search_trgm": "cases_case",
    "person_search_trgm": "cases_person",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_key gin_trgm_ops)", params=None)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_child_outcomes_of_closed_cases"),
    ]

    operations = [
        # A no-op on any database but PostgreSQL (CreateExtension checks the vendor itself).
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
