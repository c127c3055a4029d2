"""The German demo case JA-2026-0212 (Emil, 2, in a Bereitschaftspflegefamilie) walked through as its
caseworker does: every page of the process answers in German, the API returns the same process, and the
Hilfeplan PDF can be downloaded. Guards the acceptance line "the German demo case shows the whole process on its
pages, through the API and in the Hilfeplan PDF"."""

from __future__ import annotations

from django.core.management import call_command
from django.urls import reverse

from safehold.accounts.models import User
from safehold.cases.models import Case
from safehold.meetings.models import Meeting


def test_the_demo_process_reads_in_german_on_its_pages_and_through_the_api(db, client_for, api_client_for):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    worker = User.objects.get(username="demo-caseworker")
    worker.language = "de"
    worker.save(update_fields=["language"])
    case = Case.objects.get(reference="JA-2026-0212")
    placement = case.placements.get()
    contact = placement.contacts.filter(status="held").first()
    assignment = case.clarification_assignments.first()
    first = Meeting.objects.get(case=case, kind="care_plan")
    review = Meeting.objects.get(case=case, kind="review")
    ids = {"case_id": case.pk}
    pages = {
        reverse("cases:detail", kwargs=ids): ("Unterbringung und Umgangskontakte", "Rückkehr in die Familie"),
        reverse("perspective:placement_detail", kwargs={**ids, "placement_id": placement.pk}): (
            "Bereitschaftspflegefamilie", "Heike Brandt", "Abgesagt"),
        reverse("perspective:contact_detail", kwargs={**ids, "placement_id": placement.pk,
                                                      "contact_visit_id": contact.pk}): ("Reflexion",),
        reverse("perspective:assignments", kwargs=ids): ("Beantwortet",),
        reverse("perspective:assignment_detail", kwargs={**ids, "clarification_id": assignment.pk}): (
            assignment.question,),
        reverse("perspective:recommendation", kwargs={**ids, "placement_id": placement.pk}): (
            "Rückkehr in die Familie",),
        reverse("meetings:detail", kwargs={**ids, "meeting_id": first.pk}): (
            "Hilfeplangespräch", "Hilfeplan", "Jana Schulz"),
        reverse("help_plan:detail", kwargs={**ids, "meeting_id": review.pk}): (
            "Fortschreibung", "Ausgangslage", "Kevin Schulz"),
    }
    client = client_for(worker)
    for url, words in pages.items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert 'lang="de"' in html, url
        for word in words:
            assert word in html, (url, word)

    pdf = client.get(reverse("help_plan:pdf", kwargs={**ids, "meeting_id": first.pk}))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert bytes(pdf.content).startswith(b"%PDF")

    api = api_client_for(worker)
    base = f"/api/v1/cases/{case.pk}"
    placements = api.get(f"{base}/placements").json()
    contacts = api.get(f"{base}/placements/{placement.pk}/contacts").json()
    assignments = api.get(f"{base}/clarification-assignments").json()
    recommendation = api.get(f"{base}/placements/{placement.pk}/recommendation").json()
    meeting = api.get(f"{base}/meetings/{first.pk}").json()
    help_plan = api.get(f"{base}/meetings/{review.pk}/help-plan").json()
    assert str(placements).count("emergency_foster") == 1
    assert str(contacts).count("'held'") >= 4 and "'cancelled'" in str(contacts)
    assert str(assignments).count("'answered'") == 3
    assert recommendation["option"] == "return_home"
    assert {p["name"] for p in meeting["participants"]} >= {"Jana Schulz", "Kevin Schulz"}
    assert len(meeting["agreements"]) == 4
    assert len(help_plan["sign_offs"]) == 3
    assert api.get(f"{base}/meetings/{review.pk}/help-plan/pdf").status_code == 200
