"""The Hilfeplan's pages: written and changed through the form (refusals next to the field, a conflict showing
the saved version, the sign-offs' withdrawal said on the page), the sign-off form and withdrawing a sign-off,
the panel on the meeting's page (only for care-plan and review meetings, in constant queries), the PDF naming
the participants and the agreements (audited as an export), another organisation's case answering 404 and a
closed case read-only."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.meetings import services as meetings
from safehold.perspective import help_plans
from safehold.perspective.models import HelpPlan, HelpPlanSignOff
from safehold.perspective.tests import help_plan_world


@pytest.fixture
def world(case, caseworker, child, parent):
    return help_plan_world.build(case, caseworker, child=child, parent=parent)


@pytest.fixture
def plan(case, caseworker, child, world):
    return help_plan_world.write(case, caseworker, world, child)


def url(name: str, case, meeting, **kwargs) -> str:
    return reverse(f"help_plan:{name}", kwargs={"case_id": case.pk, "meeting_id": meeting.pk, **kwargs})


def form_data(world, child, **changes) -> dict:
    data = {"child": child.pk, "placement": world.placement.pk, "situation": "Emil ist seit Januar in Pflege.",
            "goals": "Rückkehr prüfen\nKontakte stärken", "help": "Bereitschaftspflege",
            "provider": "SOS-Kinderdorf", "legal_bases": [world.section_27.pk]}
    data.update(changes)
    return data


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).replace("\n", " ")


def test_the_plan_is_written_through_the_form(client_for, caseworker, case, child, world):
    client = client_for(caseworker)
    page = client.get(url("edit", case, world.meeting))
    assert page.status_code == 200
    response = client.post(url("edit", case, world.meeting), form_data(world, child))
    assert response.status_code == 302 and response["Location"] == url("detail", case, world.meeting)
    plan = HelpPlan.objects.get()
    assert plan.goal_list == ["Rückkehr prüfen", "Kontakte stärken"]
    detail = client.get(url("detail", case, world.meeting)).content.decode()
    assert "<ol><li>Rückkehr prüfen</li><li>Kontakte stärken</li></ol>" in detail
    assert AuditEvent.objects.filter(action="view", object_type="perspective.helpplan").exists()


def test_a_placement_of_another_child_is_shown_next_to_the_placement(client_for, caseworker, case, world):
    from safehold.testing.factories import PersonFactory
    sibling = PersonFactory(case=case, role="child", first_name="Mia")
    response = client_for(caseworker).post(url("edit", case, world.meeting), form_data(world, sibling))
    assert response.status_code == 400
    assert 'id="id_placement_error"' in response.content.decode()
    assert not HelpPlan.objects.exists()


def test_a_conflict_shows_the_saved_version(client_for, caseworker, colleague, case, child, world, plan):
    form = form_data(world, child, version=plan.version, help="Meine Fassung")
    help_plans.help_plan_save(actor=caseworker, case=case, meeting=world.meeting, expected_version=plan.version,
                              **{**form_data(world, child), "help": "Die andere Fassung"})
    response = client_for(caseworker).post(url("edit", case, world.meeting), form)
    page = response.content.decode()
    assert response.status_code == 409
    assert "Die andere Fassung" in page and "Meine Fassung" in page
    assert HelpPlan.objects.get().help == "Die andere Fassung"


def test_a_change_after_sign_offs_withdraws_them_and_says_so(client_for, caseworker, case, child, parent, world,
                                                              plan):
    client = client_for(caseworker)
    assert client.post(url("sign_off", case, world.meeting), {
        "signer": f"person:{parent.pk}", "how": "in_person", "signed_on": case.opened_on.isoformat(),
        "version": plan.version}).status_code == 302
    edit = client.get(url("edit", case, world.meeting)).content.decode()
    assert "withdraws the sign-off" in edit
    response = client.post(url("edit", case, world.meeting),
                           form_data(world, child, version=plan.version, help="Rückführung"), follow=True)
    assert not HelpPlanSignOff.objects.exists()
    assert f"the sign-off of {parent.full_name} was withdrawn" in response.content.decode()


def test_a_sign_off_before_the_meeting_is_shown_next_to_the_date(client_for, caseworker, case, parent, world,
                                                                 plan):
    from datetime import timedelta
    response = client_for(caseworker).post(url("sign_off", case, world.meeting), {
        "signer": f"person:{parent.pk}", "how": "phone",
        "signed_on": (world.meeting.held_on - timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert 'id="id_signed_on_error"' in response.content.decode()


def test_a_sign_off_is_withdrawn_by_post(client_for, caseworker, case, parent, world, plan):
    row = help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                        how="phone")
    client = client_for(caseworker)
    assert client.get(url("sign_off_withdraw", case, world.meeting, sign_off_id=row.pk)).status_code == 405
    response = client.post(url("sign_off_withdraw", case, world.meeting, sign_off_id=row.pk))
    assert response.status_code == 302
    assert not HelpPlanSignOff.objects.exists()


def test_the_pdf_names_the_participants_and_the_agreements_and_is_audited(client_for, caseworker, case, parent,
                                                                         world, plan):
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                  signer=f"professional:{world.professional.pk}", how="phone")
    response = client_for(caseworker).get(url("pdf", case, world.meeting))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="Hilfeplan-{case.reference}-{world.meeting.held_on.isoformat()}.pdf"')
    text = pdf_text(response.content)
    assert "Hilfeplan" in text
    assert parent.full_name in text and "Frau Yilmaz" in text and "Jugendamt Dortmund" in text
    assert "Kontakte zweimal in der Woche" in text and "Familienzentrum" in text
    assert "Emil soll bald heimkommen" in text
    assert "1. Rückkehr prüfen" in text or "Rückkehr prüfen" in text
    assert "SGB VIII § 27" in text
    assert AuditEvent.objects.filter(action="export", object_type="perspective.pdf.help_plan").count() == 1


def test_the_names_on_the_plan_its_panel_and_its_pdf_are_isolated(client_for, caseworker, case, parent, world,
                                                                   plan):
    """The professional's name, and who signed or not yet, each in a <bdi>: a right-to-left override or an Arabic
    name cannot reorder the organisation, the date or the next name after it."""
    type(world.professional).objects.filter(pk=world.professional.pk).update(name="\u202eFrau Yilmaz")
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                  signer=f"professional:{world.professional.pk}", how="phone")
    client = client_for(caseworker)
    page = client.get(url("detail", case, world.meeting)).content.decode()
    assert "<bdi>\u202eFrau Yilmaz</bdi> (Jugendamt Dortmund)" in page  # who took part
    assert "<strong><bdi>\u202eFrau Yilmaz</bdi></strong>" in page  # who signed
    assert f"Not signed yet: <bdi>{parent.full_name}</bdi>" in page
    panel = client.get(reverse("meetings:detail", kwargs={"case_id": case.pk, "meeting_id": world.meeting.pk}))
    assert "<bdi>\u202eFrau Yilmaz</bdi> (" in panel.content.decode()
    assert client.get(url("pdf", case, world.meeting)).status_code == 200


def test_the_meeting_page_shows_the_panel_in_constant_queries(client_for, caseworker, case, parent, world, plan,
                                                              django_assert_max_num_queries):
    client = client_for(caseworker)
    meeting_url = reverse("meetings:detail", kwargs={"case_id": case.pk, "meeting_id": world.meeting.pk})
    client.get(meeting_url)
    with django_assert_max_num_queries(30) as few:
        page = client.get(meeting_url).content.decode()
    assert "No care plan written yet." not in page and url("pdf", case, world.meeting) in page
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                  how="phone")
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                  signer=f"professional:{world.professional.pk}", how="phone")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(meeting_url).content.decode()
    assert parent.full_name in page and "Frau Yilmaz" in page


def test_the_panel_offers_to_write_the_plan_and_nothing_for_other_meetings(client_for, caseworker, case, parent,
                                                                             world):
    client = client_for(caseworker)
    page = client.get(reverse("meetings:detail", kwargs={"case_id": case.pk, "meeting_id": world.meeting.pk}))
    assert url("edit", case, world.meeting) in page.content.decode()
    network = meetings.meeting_record(actor=caseworker, case=case, kind="network", held_on=case.opened_on,
                                      participants=[meetings.ParticipantInput(voice=f"person:{parent.pk}")])
    page = client.get(reverse("meetings:detail", kwargs={"case_id": case.pk, "meeting_id": network.pk}))
    assert "help-plan" not in page.content.decode()


def test_another_organisations_case_answers_404(client_for, stranger, case, world, plan):
    client = client_for(stranger)
    for name in ("detail", "edit", "pdf", "sign_off"):
        assert client.get(url(name, case, world.meeting)).status_code == 404


def test_a_closed_case_shows_the_plan_without_changes(client_for, caseworker, case, world, plan):
    from safehold.cases.services import case_transition
    case_transition(actor=caseworker, case=case, to_status="closed", outcome="stayed_home")
    client = client_for(caseworker)
    page = client.get(url("detail", case, world.meeting)).content.decode()
    assert url("edit", case, world.meeting) not in page and url("pdf", case, world.meeting) in page
    assert client.post(url("edit", case, world.meeting), {"help": "x"}).status_code in (403, 409)
    assert HelpPlan.objects.get().help == plan.help


def test_the_plan_page_needs_the_same_queries_with_more_sign_offs(client_for, caseworker, case, parent, world, plan,
                                                                 django_assert_max_num_queries):
    client = client_for(caseworker)
    client.get(url("detail", case, world.meeting))
    with django_assert_max_num_queries(30) as few:
        client.get(url("detail", case, world.meeting))
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan, signer=f"person:{parent.pk}",
                                  how="phone")
    help_plans.help_plan_sign_off(actor=caseworker, case=case, plan=plan,
                                  signer=f"professional:{world.professional.pk}", how="phone")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url("detail", case, world.meeting)).content.decode()
    assert "Frau Yilmaz" in page and url("sign_off_withdraw", case, world.meeting,
                                          sign_off_id=HelpPlanSignOff.objects.last().pk) in page


def test_a_plan_written_by_someone_else_since_the_form_opened_is_a_conflict(client_for, caseworker, case, child,
                                                                             world):
    help_plan_world.write(case, caseworker, world, child, help="Schon geschrieben")
    response = client_for(caseworker).post(url("edit", case, world.meeting), form_data(world, child, help="Neu"))
    assert response.status_code == 409 and "Schon geschrieben" in response.content.decode()
    assert HelpPlan.objects.get().help == "Schon geschrieben"
