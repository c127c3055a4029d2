from django.db import migrations, models


def mark_chosen(apps, schema_editor):
    """Until now only the switcher set a real user's language; the demo users' English was set for them."""
    User = apps.get_model("accounts", "User")
    User.objects.exclude(language="").filter(is_demo=False).update(language_chosen=True)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='user',
            name='language_chosen',
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_chosen, migrations.RunPython.noop),
    ]
