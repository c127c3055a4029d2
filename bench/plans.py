"""Time the safety plan's PDFs for a plan with many rules.

    .venv/bin/python bench/plans.py --rules 30

Builds one case with a 30-rule plan (every period of the week covered, contacts, agreements), activated,
with ten check-ins, all through the services; then times the family's PDF, the authority's PDF (with the
monitoring history) and the contact card REPEAT times each. Prints median and 95th percentile in ms.
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
    from safehold.cases.access import Perm, legacy_access_case
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
    loaded = legacy_access_case(worker, case.pk, Perm.CHANGE)
    people = [cases.person_create(actor=worker, case=loaded, role=role, first_name=name, phone="+49 170 1234567")
              for role, name in (("parent", "Sandra"), ("parent", "Tom"), ("network", "Oma Gisela"),
                                 ("network", "Nachbarin Eva"))]
    plan = services.plan_create(actor=worker, case=loaded)
    services.plan_update(actor=worker, case=loaded, plan=plan, expected_version=plan.version,
                         coordinator=people[2], if_worries_who_is_called="Oma Gisela ruft sofort das Jugendamt an.")
    for n in range(args.rules):
        services.rule_create(actor=worker, case=loaded, plan=plan, responsible=people[n % 4].pk,
                             text=f"Regel {n + 1}: wer genau was tut, wann, und was passiert, wenn es nicht klappt.",
                             periods=[CELLS[n % len(CELLS)], CELLS[(n + 7) % len(CELLS)]])
    for person in people:
        services.contact_add(actor=worker, case=loaded, plan=plan, person=person.pk, role="Netzwerk")
    services.plan_transition(actor=worker, case=loaded, plan=plan, to_status="proposed")
    services.plan_transition(actor=lead, case=legacy_access_case(lead, case.pk, Perm.CHANGE), plan=plan,
                             to_status="approved")
    services.plan_transition(actor=worker, case=loaded, plan=plan, to_status="active")
    plan = SafetyPlan.objects.get(pk=plan.pk)
    for _ in range(10):
        services.check_in_create(actor=worker, case=loaded, plan=plan, source="home_visit", safety_score=6)
    print(f"plan with {plan.rules.count()} rules, {CheckIn.objects.filter(plan=plan).count()} check-ins "
          f"({connection.vendor})\n")
    print(f"{'document':<36} {'median ms':>10} {'p95 ms':>8} {'pages':>6}")
    from io import BytesIO

    from pypdf import PdfReader

    for label, render in (("family PDF", lambda: plan_pdf(case, plan)),
                          ("authority PDF (with monitoring)", lambda: plan_pdf(case, plan, audience="authority")),
                          ("contact card", lambda: contact_card_pdf(case, plan))):
        pdf = render()  # warm up: fonts and stylesheets loaded
        timings = []
        for _ in range(args.repeat):
            begin = time.perf_counter()
            render()
            timings.append((time.perf_counter() - begin) * 1000)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        pages = len(PdfReader(BytesIO(pdf)).pages)
        print(f"{label:<36} {statistics.median(timings):>10.1f} {p95:>8.1f} {pages:>6}")


if __name__ == "__main__":
    main()
