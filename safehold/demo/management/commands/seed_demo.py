from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safehold.demo.seed import DEMO_USERS, OTHER_USERS, seed_demo


class Command(BaseCommand):
    help = "Create (once) the demo organisations, users and cases. Refused where demo users are switched off."

    def handle(self, *args, **options):
        if not settings.SAFEHOLD_ALLOW_DEMO_USERS:
            raise CommandError("Demo users are switched off in these settings (production). Nothing was created.")
        seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (password: $SAFEHOLD_DEMO_PASSWORD, "
                                             "default safehold-demo):"))
        for spec in [*DEMO_USERS, *OTHER_USERS]:
            self.stdout.write(f"  {spec.username:<18} {', '.join(str(r.label) for r in spec.roles)}")
