"""Each place in the safety circles knows the day the person's next place began (network.placements); the places
that exist are dated here by the same rule (a migration sees the models as they were)."""

from django.db import migrations, models
from django.db.models import DateField, Min, OuterRef, Q, Subquery


def date_existing(apps, schema_editor):
    CirclePlacement = apps.get_model("network", "CirclePlacement")
    later = (CirclePlacement.objects.filter(case=OuterRef("case"), person=OuterRef("person"))
             .filter(Q(placed_on__gt=OuterRef("placed_on")) | Q(placed_on=OuterRef("placed_on"), pk__gt=OuterRef("pk")))
             .order_by().values("person").annotate(day=Min("placed_on")).values("day"))
    CirclePlacement.objects.update(until=Subquery(later, output_field=DateField()))


class Migration(migrations.Migration):

    dependencies = [
        ("network", "0002_kinds_read_both_ways"),
    ]

    operations = [
        migrations.AddField(
            model_name="circleplacement",
            name="until",
            field=models.DateField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(date_existing, migrations.RunPython.noop),
    ]
