import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from safehold.demo.load import generate_load_data


class Command(BaseCommand):
    help = ("Add N synthetic cases (people and their relationships, workers, maps, safety plans with rules and "
            "check-ins, stories, children's conversations, screenings, placements and contacts, referrals, outcomes "
            "and the audit trail) to the organisation 'Load', for benchmarks. The same seed gives the same data.")

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--organisation", default="Load")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, cases: int, organisation: str, seed: int, **options):
        if not settings.SAFEHOLD_ALLOW_DEMO_USERS:
            raise CommandError("Synthetic data is refused in production settings. Nothing was created.")
        if cases < 1:
            raise CommandError("Give a number of cases of 1 or more.")
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            width = 30
            filled = width * done // total
            self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,} of {total:,} cases, "
                              f"{time.perf_counter() - started:.0f} s", ending="")
            self.stderr.flush()

        generate_load_data(cases=cases, organisation_name=organisation, seed=seed,
                           progress=progress if options["verbosity"] > 0 else None)
        self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(
            f"Added {cases:,} cases to '{organisation}' in {time.perf_counter() - started:.0f} s."))
