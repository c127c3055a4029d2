"""Time the genogram of a big family.

    .venv/bin/python bench/genogram.py --repeat 50

Builds one case with thirty people over four generations (two couples, one of them separated; their five
children and two in-laws; seven grandchildren and three partners; nine great-grandchildren, three of them the
case's children), all through the services, then reads the network once and renders the genogram's SVG REPEAT
times. Prints median and 95th percentile in ms, with the size of the SVG.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date
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
    from safehold.network.genogram import genogram, genogram_svg
    from safehold.network.selectors import case_network
    from safehold.testing.factories import AssignmentFactory, CaseFactory, OrganisationFactory, TeamFactory, UserFactory

    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory()
    team = TeamFactory(organisation=organisation)
    worker = UserFactory(organisation=organisation, roles=[(Role.CASEWORKER, team)])
    case = CaseFactory(organisation=organisation, team=team, family_name="Berg")
    AssignmentFactory(case=case, user=worker)
    born = iter(range(1930, 2030))

    def person(first: str, sex: str = "female", role: str = "network") -> int:
        return cases.person_create(actor=worker, case=case, role=role, first_name=first, sex=sex,
                                   birth_date=date(next(born), 1, 1)).pk

    def couple(a: int, b: int, kind: str = "partner") -> None:
        services.relationship_create(actor=worker, case=case, person_a=a, person_b=b, kind=kind)

    def kids(parents: list[int], names: list[str], role: str = "network") -> list[int]:
        out = []
        for n, name in enumerate(names):
            kid = person(name, ("female", "male")[n % 2], role)
            for parent in parents:
                services.relationship_create(actor=worker, case=case, person_a=parent, person_b=kid, kind="parent")
            out.append(kid)
        return out

    a1, a2, b1, b2 = person("Anton", "male"), person("Anna"), person("Bernd", "male"), person("Berta")
    couple(a1, a2)
    couple(b1, b2, "ex_partner")
    g1a = kids([a1, a2], ["Clara", "Carl", "Cora"])
    g1b = kids([b1, b2], ["Dirk", "Doris"])
    couple(g1a[1], g1b[1])
    e1 = person("Emil", "male")
    couple(g1a[0], e1)
    couple(g1b[0], person("Fiona"), "ex_partner")
    g2a = kids([g1a[1], g1b[1]], ["Gina", "Gero", "Greta"], role="parent")
    g2b = kids([g1a[0], e1], ["Hanna", "Hugo"])
    g2c = kids([g1b[0]], ["Ida", "Ivo"])
    h1, h2, h3 = person("Jan", "male"), person("Jörg", "male"), person("Kira")
    couple(g2a[0], h1)
    couple(g2a[2], h2, "ex_partner")
    couple(g2b[1], h3)
    index = kids([g2a[0], h1], ["Lena", "Leo", "Lotta"], role="child")
    kids([g2a[2], h2], ["Mats", "Mila"])
    kids([g2b[1], h3], ["Nora", "Nils"])
    kids([g2c[0]], ["Ole", "Oda"])
    for kid in index:
        services.relationship_create(actor=worker, case=case, person_a=kid, person_b=g2a[0], kind="lives_with")
    services.relationship_create(actor=worker, case=case, person_a=h1, person_b=index[0],
                                 kind="contact_restricted", legal_basis="§ 1684 BGB")

    network = case_network(case)
    drawn = genogram(network)
    svg = genogram_svg(network)  # warm up: templates loaded and compiled
    print(f"{len(network.people)} people, {len(network.relationships)} relationships, "
          f"{len(set(drawn.layout.generations.values()))} generations ({connection.vendor}); "
          f"SVG {len(svg):,} bytes, {drawn.width:.0f} × {drawn.height:.0f} px\n")
    print(f"{'step':<28} {'median ms':>10} {'p95 ms':>8}")
    for label, render in (("layout and labels", lambda: genogram(network)),
                          ("SVG (layout and template)", lambda: genogram_svg(network))):
        timings = []
        for _ in range(args.repeat):
            begin = time.perf_counter()
            render()
            timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{label:<28} {statistics.median(timings):>10.1f} {p95:>8.1f}")
    if os.environ.get("GENOGRAM_SVG"):
        Path(os.environ["GENOGRAM_SVG"]).write_text(str(svg))


if __name__ == "__main__":
    main()
