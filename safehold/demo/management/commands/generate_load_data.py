from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safehold.demo.load import generate_load_data


class Command(BaseCommand):
    help = "Add N synthetic cases (with people and assignments) to the organisation 'Load', for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--organisation", default="Load")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, cases: int, organisation: str, seed: int, **options):
        if not settings.SAFEHOLD_ALLOW_DEMO_USERS:
            raise CommandError("Synthetic data is refused in production settings. Nothing was created.")
        generate_load_data(cases=cases, organisation_name=organisation, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Added {cases} cases to '{organisation}'."))
