"""Rules written before rules had a kind: a rule with periods of the week says who is there then (presence),
a rule for a situation without periods is an if-then rule, and a rule for holidays alone says who is there on
holidays (presence). Nothing else can have been saved (a rule needed periods, holidays or a situation)."""

from django.db import migrations


def set_kinds(apps, schema_editor):
    Rule = apps.get_model("safety_plans", "Rule")
    for rule in Rule.objects.only("pk", "periods", "situation", "holidays").iterator():
        if rule.periods:
            kind = "presence"
        elif rule.situation:
            kind = "if_then"
        elif rule.holidays:
            kind = "presence"
        else:
            kind = "other"
        Rule.objects.filter(pk=rule.pk).update(kind=kind)


class Migration(migrations.Migration):

    dependencies = [
        ("safety_plans", "0004_plan_approval_rule_kind_worry"),
    ]

    operations = [
        migrations.RunPython(set_kinds, migrations.RunPython.noop),
    ]
