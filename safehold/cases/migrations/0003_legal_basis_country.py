from django.db import migrations, models

# The provisions Safehold has seeded so far, by the law they come from; anything else an organisation added
# itself is taken to be of its own country.
PREFIXES = {"DE": ("SGB VIII", "SGB", "BGB"), "DK": ("Barnets Lov", "Serviceloven", "Servicelov")}


def country_of(code: str, organisation_country: str) -> str:
    for country, prefixes in PREFIXES.items():
        if code.startswith(prefixes):
            return country
    return organisation_country


def set_countries(apps, schema_editor):
    LegalBasis = apps.get_model("cases", "LegalBasis")
    bases = list(LegalBasis.objects.select_related("organisation"))
    for basis in bases:
        basis.country = country_of(basis.code, basis.organisation.country)
    LegalBasis.objects.bulk_update(bases, ["country"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0001_initial'),
        ('cases', '0002_person_sex_deceased'),
    ]

    operations = [
        migrations.AddField(
            model_name='legalbasis',
            name='country',
            field=models.CharField(choices=[('DE', 'Germany'), ('DK', 'Denmark'), ('other', 'Other')], default='other', max_length=5, verbose_name='country'),
        ),
        migrations.RunPython(set_countries, migrations.RunPython.noop),
    ]
