"""Time the safety plan's PDFs for a plan with many rules.

    .venv/bin/python bench/plans.py --rules 30

Builds one case with a 30-rule plan (every period of the week covered, contacts, agreements), activated,
with ten check-ins, all through the services; then times the family's PDF, the authority's PDF (with the
monitoring history) and the contact card REPEAT times each. Prints median and 95th percentile in ms (wall
time), the median CPU time and the pages.

The issue asks for a 30-rule plan's PDF (the family's) in under 2 seconds. That is checked here, on a quiet
machine, not in the test suite, where a busy machine made it fail by chance: the run ends with status 1 when
the family PDF's median CPU time is 2 seconds or more.
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
TARGET_MS = 2000  # the "a 30-rule plan's PDF in under 2 seconds"
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=10)
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
    from safehold.safety_plans import services
    from safehold.safety_plans.coverage import CELLS
    from safehold.safety_plans.documents import contact_card_pdf, plan_pdf
    from safehold.safety_plans.models import CheckIn, SafetyPlan
    from safehold.testing.factories import (
        AssignmentFactory,
        CaseFactory,
        OrganisationFactory,
        TeamFactory,
        UserFactory,
    )

    call_command("migrate", verbosity=0)
    organisation = OrganisationFactory()
    team = TeamFactory(organisation=organisation)
    worker = UserFactory(organisation=organisation, roles=[(Role.CASEWORKER, team)])
    lead = UserFactory(organisation=organisation, roles=[(Role.TEAM_LEAD, team)])
    case = CaseFactory(organisation=organisation, team=team)
    AssignmentFactory(case=case, user=worker)
    people = [cases.person_create(actor=worker, case=case, role=role, first_name=name, phone="+49 170 1234567")
              for role, name in (("parent", "Sandra"), ("parent", "Tom"), ("network", "Oma Gisela"),
                                 ("network", "Nachbarin Eva"))]
    plan = services.plan_create(actor=worker, case=case)
    services.plan_update(actor=worker, case=case, plan=plan, expected_version=plan.version,
                         coordinator=people[2].pk, if_worries_who_is_called="Oma Gisela ruft sofort das Jugendamt an.")
    for n in range(args.rules):
        services.rule_create(actor=worker, case=case, plan=plan, responsible=people[n % 4].pk,
                             text=f"Regel {n + 1}: wer genau was tut, wann, und was passiert, wenn es nicht klappt.",
                             periods=[CELLS[n % len(CELLS)], CELLS[(n + 7) % len(CELLS)]])
    for person in people:
        services.contact_add(actor=worker, case=case, plan=plan, person=person.pk, role="Netzwerk")
    services.plan_transition(actor=worker, case=case, plan=plan, to_status="proposed")
    services.plan_transition(actor=lead, case=case, plan=plan, to_status="approved")
    services.plan_transition(actor=worker, case=case, plan=plan, to_status="active")
    plan = SafetyPlan.objects.get(pk=plan.pk)
    for _ in range(10):
        services.check_in_create(actor=worker, case=case, plan=plan, source="home_visit", safety_score=6)
    print(f"plan with {plan.rules.count()} rules, {CheckIn.objects.filter(plan=plan).count()} check-ins "
          f"({connection.vendor})\n")
    print(f"{'document':<36} {'median ms':>10} {'p95 ms':>8} {'CPU ms':>8} {'pages':>6}")
    from io import BytesIO

    from pypdf import PdfReader

    cpu_medians = {}
    for label, render in (("family PDF", lambda: plan_pdf(case, plan)),
                          ("authority PDF (with monitoring)", lambda: plan_pdf(case, plan, audience="authority")),
                          ("contact card", lambda: contact_card_pdf(case, plan))):
        pdf = render()  # warm up: fonts and stylesheets loaded
        timings, cpu = [], []
        for _ in range(args.repeat):
            begin, cpu_begin = time.perf_counter(), time.process_time()
            render()
            timings.append((time.perf_counter() - begin) * 1000)
            cpu.append((time.process_time() - cpu_begin) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        pages = len(PdfReader(BytesIO(pdf)).pages)
        cpu_medians[label] = statistics.median(cpu)
        print(f"{label:<36} {statistics.median(timings):>10.1f} {p95:>8.1f} {cpu_medians[label]:>8.1f} {pages:>6}")

    # Judged by CPU time: rendering is single-threaded work in this process, so this is the wall time of a
    # quiet machine, and a machine busy with other work does not make the check fail by chance.
    family = cpu_medians["family PDF"]
    met = family < TARGET_MS
    print(f"\ntarget: the family PDF in under {TARGET_MS / 1000:.0f} s: {'met' if met else 'MISSED'} "
          f"(median {family:.0f} ms of CPU time)")
    if not met:
        sys.exit(1)

if __name__ == "__main__":
    main()
