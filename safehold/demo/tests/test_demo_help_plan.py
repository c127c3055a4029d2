"""The German demo case's Hilfeplan (safehold.demo.perspective): the first Hilfeplangespräch with the parents'
and the foster mother's expectations, its agreements and its plan signed by the parents in person; the review
meeting with the plan's update for the return home with help; a second seed adds nothing; the PDF shows it."""

from __future__ import annotations

import io

from django.core.management import call_command
from pypdf import PdfReader

from safehold.cases.models import Case
from safehold.meetings.models import Agreement, Expectation, Meeting
from safehold.perspective.help_plans import help_plan_document, meeting_help_plan
from safehold.perspective.models import HelpPlan, HelpPlanSignOff


def _seed() -> None:
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_case_has_a_signed_hilfeplan_and_its_update_once(db):
    _seed()
    case = Case.objects.get(reference="JA-2026-0212")
    first = Meeting.objects.get(case=case, kind="care_plan")
    review = Meeting.objects.get(case=case, kind="review")
    assert first.next_on == review.held_on and review.next_on is not None

    expectations = {e.voice_name: e.text for e in first.expectations.all()}
    assert set(expectations) == {"Jana Schulz", "Kevin Schulz", "Heike Brandt"}  # Emil (2) through the foster mother
    assert first.agreements.count() == 4

    plan = meeting_help_plan(first)
    assert plan is not None and plan.child.first_name == "Emil" and plan.placement is not None
    assert "Bereitschaftspflege" in plan.help and plan.provider.startswith("SOS-Kinderdorf Dortmund")
    assert {"SGB VIII § 27", "SGB VIII § 36"} <= {b.code for b in plan.legal_bases.all()}
    assert len(plan.goal_list) == 4
    assert {(s.name, s.how, s.signed_on) for s in plan.sign_offs.all()} == {
        ("Jana Schulz", "in_person", first.held_on), ("Kevin Schulz", "in_person", first.held_on)}

    update = meeting_help_plan(review)
    assert update is not None and "Rückkehr in die Familie mit Hilfe" in update.help
    assert {s.name for s in update.sign_offs.all()} == {"Jana Schulz", "Kevin Schulz", "Frau Yilmaz"}
    assert review.professionals.filter(presence="excused").count() == 1

    counts = (HelpPlan.objects.count(), HelpPlanSignOff.objects.count(), Meeting.objects.count(),
              Expectation.objects.count(), Agreement.objects.count())
    _seed()
    assert (HelpPlan.objects.count(), HelpPlanSignOff.objects.count(), Meeting.objects.count(),
            Expectation.objects.count(), Agreement.objects.count()) == counts

    from safehold.meetings.selectors import case_meeting
    review = case_meeting(case, review.pk)
    document = help_plan_document(case, review, update)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(document.content)).pages)
    assert document.filename == f"Hilfeplan-JA-2026-0212-{review.held_on.isoformat()}.pdf"
    assert "Hilfeplan – Fortschreibung" in text
    for words in ("Jana Schulz", "Frau Krüger", "Kita Sonnenblume", "Sozialpädagogische Familienhilfe",
                  "Heike Brandt", "Ort, Datum"):
        assert words in text, words
