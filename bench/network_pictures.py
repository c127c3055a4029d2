"""Time the ecomap and the safety circles of a crowded network.

    .venv/bin/python bench/network_pictures.py --repeat 50

Builds one case with a child and 29 people around them, all through the services, as the unit tests draw
them: for the ecomap 3 parents, 4 caregivers, 14 network members and 8 professionals with long names, ten of
them in the middle circle and one the coordinator; for the circles 30 network members spread over the three
circles. Reads each network once, then draws each picture REPEAT times. Prints median and 95th percentile in
ms, with the size of the SVG.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from safehold.accounts.models import Role
    from safehold.cases import services as cases
    from safehold.network import services
    from safehold.network.circles import circles_svg
    from safehold.network.ecomap import ecomap_svg
    from safehold.network.models import Circle
    from safehold.network.selectors import case_network
    from safehold.testing.factories import AssignmentFactory, CaseFactory, OrganisationFactory, TeamFactory, UserFactory

    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory()
    team = TeamFactory(organisation=organisation)
    worker = UserFactory(organisation=organisation, roles=[(Role.CASEWORKER, team)])

    def new_case(family_name: str):
        case = CaseFactory(organisation=organisation, team=team, family_name=family_name)
        AssignmentFactory(case=case, user=worker)
        cases.person_create(actor=worker, case=case, role="child", first_name="Freja")
        return case

    crowded = new_case("Schmidt")
    roles = ["parent"] * 3 + ["caregiver"] * 4 + ["network"] * 14 + ["professional"] * 8
    people = [cases.person_create(actor=worker, case=crowded, role=role, first_name=f"Maximiliane{n}",
                                  last_name="Schmidt-Oberreuther", relationship="Mitarbeiterin des Jugendamts")
              for n, role in enumerate(roles)]
    for person in people[:10]:
        services.circle_place(actor=worker, case=crowded, person=person.pk, circle=Circle.MIDDLE)
    services.coordinator_set(actor=worker, case=crowded, person=people[0].pk)

    circled = new_case("Holm")
    for n in range(30):
        person = cases.person_create(actor=worker, case=circled, role="network", first_name=f"Person{n}")
        services.circle_place(actor=worker, case=circled, person=person.pk,
                              circle=(Circle.INNER, Circle.MIDDLE, Circle.OUTER)[n % 3])

    pictures = (("ecomap, 29 around the child", ecomap_svg, case_network(crowded)),
                ("circles, 30 in the circles", circles_svg, case_network(circled)))
    print(f"({connection.vendor})\n")
    print(f"{'picture':<30} {'median ms':>10} {'p95 ms':>8} {'SVG bytes':>10}")
    for label, draw, network in pictures:
        svg = draw(network)  # warm up: templates loaded and compiled
        timings = []
        for _ in range(args.repeat):
            begin = time.perf_counter()
            draw(network)
            timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{label:<30} {statistics.median(timings):>10.1f} {p95:>8.1f} {len(svg):>10,}")


if __name__ == "__main__":
    main()
