"""The contacts' timeline as a file: the page's download and the API answer the same SVG, as an attachment
named by the case's reference and the placement's start (never the child's name), drawn in the case's language,
each download an export in the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from safehold.audit.models import AuditEvent
from safehold.perspective import services

START = date(2026, 3, 2)


@pytest.fixture
def placement(caseworker, case, child, parent):
    placement = services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                          starts_on=START, time_frame_months=2)
    services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 9), status="held",
                            present=[parent.pk])
    services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 16),
                            status="cancelled", cancelled_by="Mutter", cancel_reason="krank")
    return placement


@pytest.fixture
def german_case(case):
    case.language = "de"
    case.save(update_fields=["language"])
    return case


def page_url(case, placement) -> str:
    return reverse("perspective:placement_timeline_svg", kwargs={"case_id": case.pk, "placement_id": placement.pk})


def api_url(case, placement) -> str:
    return f"/api/v1/cases/{case.pk}/placements/{placement.pk}/timeline.svg"


def exports(placement) -> int:
    return AuditEvent.objects.filter(action="export", object_type="perspective.timeline.svg",
                                     object_id=str(placement.pk)).count()


def test_the_page_and_the_api_answer_the_same_file(client_for, api_client_for, caseworker, german_case, placement):
    page = client_for(caseworker).get(page_url(german_case, placement))
    api = api_client_for(caseworker).get(api_url(german_case, placement))
    for response in (page, api):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        assert response["Content-Disposition"] == (
            'attachment; filename="Umgangskontakte-Zeitstrahl-JA-2026-0001-2026-03-02.svg"')
        assert "Freja" not in response["Content-Disposition"]
    assert page.content == api.content
    svg = page.content.decode()
    assert svg.startswith("<svg") and "mark--held" in svg and "mark--cancelled" in svg
    assert "1 stattgefunden und 1 abgesagt" in svg  # the case's language, whoever downloads it
    assert exports(placement) == 2


def test_the_placement_page_links_the_download(client_for, caseworker, case, placement):
    html = client_for(caseworker).get(reverse("perspective:placement_detail", kwargs={
        "case_id": case.pk, "placement_id": placement.pk})).content.decode()
    assert f'href="{page_url(case, placement)}" download' in html


def test_another_organisation_and_an_auditor_get_no_file(client_for, api_client_for, stranger, auditor, case,
                                                        placement):
    assert client_for(stranger).get(page_url(case, placement)).status_code == 404
    assert api_client_for(stranger).get(api_url(case, placement)).status_code == 404
    assert client_for(auditor).get(page_url(case, placement)).status_code == 403
    assert exports(placement) == 0


def test_the_download_needs_a_login(client, case, placement):
    assert client.get(page_url(case, placement))["Location"].startswith("/accounts/login/")
    assert client.get(api_url(case, placement)).status_code == 401
