"""The danger statements of each map and those a safety goal answers, counted on the map (mapping.tallies).

The maps that exist are counted here, by the same rule as `EntryQuerySet.danger_statements()` and
`answering()` (a migration sees the models as they were, without their querysets' methods)."""

from django.db import migrations, models
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def count_existing(apps, schema_editor):
    Map = apps.get_model("mapping", "Map")
    Entry = apps.get_model("mapping", "Entry")
    statements = (Entry.objects.filter(map=OuterRef("pk"), part="future_danger", deleted_at__isnull=True)
                  .exclude(worried="").exclude(behaviour="").exclude(impact=""))
    answering = Entry.objects.filter(answers=OuterRef("pk"), goal_kind="safety", deleted_at__isnull=True)
    answered = statements.filter(Exists(answering))

    def counted(entries):
        per_map = entries.order_by().values("map").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(per_map, output_field=IntegerField()), 0)

    Map.objects.update(danger_statement_count=counted(statements), answered_statement_count=counted(answered))


class Migration(migrations.Migration):

    dependencies = [
        ("mapping", "0003_entry_worried_number"),
    ]

    operations = [
        migrations.AddField(
            model_name="map",
            name="answered_statement_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="map",
            name="danger_statement_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
