"""The directory's word search served by an index on PostgreSQL: a trigram (pg_trgm) GIN index on the offers'
accent-folded search key, which `search_key LIKE '%word%'` (selectors.offer_list) uses for words of three letters
or more. The extension comes with the cases' search (cases/0006). SQLite keeps scanning; there this does nothing.
The index is not in the model's Meta, as SQLite could not create it."""

from django.db import migrations

INDEX = "offer_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON resources_offer USING gin (search_key gin_trgm_ops)", params=None)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}", params=None)


class Migration(migrations.Migration):

    dependencies = [
        ("resources", "0003_offer_order_index"),
        ("cases", "0006_search_trigram_indexes"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
