"""Whether one or several are worried, so that a danger statement's verb agrees with who is worried.

The danger statements written before were all composed in the plural ("… are worried that …"): they are
recorded as "several", so the number agrees with the sentence that was saved and an edit that keeps the
parts writes the same verb again. The form shows the choice beside who is worried, to be corrected there."""

from django.db import migrations, models


def several_for_the_statements_written_before(apps, schema_editor):
    Entry = apps.get_model("mapping", "Entry")
    Entry.objects.exclude(worried="").update(worried_number="several")


class Migration(migrations.Migration):

    dependencies = [
        ("mapping", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="worried_number",
            field=models.CharField(choices=[("one", "One person or service is worried"),
                                            ("several", "Several are worried")],
                                   default="one", max_length=10, verbose_name="how many are worried"),
        ),
        migrations.RunPython(several_for_the_statements_written_before, migrations.RunPython.noop),
    ]
