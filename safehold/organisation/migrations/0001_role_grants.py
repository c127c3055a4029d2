import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("accounts", "0004_organisation_directory_editor_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RoleGrant",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("role", models.CharField(choices=[("caseworker", "Caseworker"), ("consultant", "Safety and network consultant"), ("team_lead", "Team lead"), ("org_admin", "Organisation admin"), ("auditor", "Auditor / data protection officer")], max_length=20, verbose_name="role")),
                ("granted_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="granted")),
                ("status", models.CharField(choices=[("pending", "Waits for confirmation"), ("confirmed", "Confirmed"), ("declined", "Declined"), ("withdrawn", "Withdrawn")], default="pending", max_length=10, verbose_name="status")),
                ("decided_at", models.DateTimeField(blank=True, null=True, verbose_name="decided")),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="decided by")),
                ("granted_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="granted by")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="accounts.organisation")),
                ("team", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="accounts.team", verbose_name="team")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="role_grants", to=settings.AUTH_USER_MODEL, verbose_name="user")),
            ],
            options={
                "verbose_name": "role grant",
                "verbose_name_plural": "role grants",
                "ordering": ["granted_at", "id"],
                "indexes": [models.Index(fields=["organisation", "status"], name="role_grant_org_status")],
                "constraints": [models.UniqueConstraint(condition=models.Q(("status", "pending")), fields=("user", "role", "team"), name="role_grant_one_pending")],
            },
        ),
    ]
