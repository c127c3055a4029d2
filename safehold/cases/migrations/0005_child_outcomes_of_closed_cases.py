"""Cases closed before outcomes were kept per child keep their case outcome and show it for each child: every
child of a closed case with an outcome gets it, dated the closing day and tied to the case's last closing."""

from django.db import migrations

# The case's outcome as each child's (models.CHILD_OUTCOME_OF_CASE, frozen here as it was when this ran).
CHILD_OUTCOME_OF_CASE = {"stayed_home": "kept_home", "returned_home": "returned_home", "placed": "placed",
                         "other": "other"}


def outcomes_from_case_outcomes(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    ChildOutcome = apps.get_model("cases", "ChildOutcome")
    Person = apps.get_model("cases", "Person")
    StatusChange = apps.get_model("cases", "StatusChange")
    closed = Case.objects.filter(status="closed").exclude(outcome="").order_by("pk")
    has_one = set(ChildOutcome.objects.filter(current=True).values_list("child_id", flat=True))
    for case in closed.iterator(chunk_size=500):
        closing = (StatusChange.objects.filter(case_id=case.pk, to_status="closed")
                   .order_by("-changed_at", "-id").first())
        on = case.closed_on or (closing.changed_at.date() if closing is not None else case.opened_on)
        ChildOutcome.objects.bulk_create([
            ChildOutcome(
                case_id=case.pk, child_id=child_id, outcome=CHILD_OUTCOME_OF_CASE.get(case.outcome, "other"),
                on=on, closing=closing, current=True,
                recorded_by_id=closing.changed_by_id if closing is not None else None,
                **({"recorded_at": closing.changed_at} if closing is not None else {}),
            )
            for child_id in Person.objects.filter(case_id=case.pk, role="child").values_list("pk", flat=True)
            if child_id not in has_one
        ])


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0004_child_outcome"),
    ]

    operations = [
        migrations.RunPython(outcomes_from_case_outcomes, migrations.RunPython.noop),
    ]
