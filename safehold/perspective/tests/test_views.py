"""The placement and contact pages: list, detail (audited reads), create and edit with refusals next to the
field and conflicts, another organisation's case answering 404, query counts that stay the same per page."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from safehold.audit.models import AuditEvent
from safehold.perspective import services
from safehold.perspective.models import Contact, Placement
from safehold.testing.factories import PersonFactory

START = date(2026, 3, 2)


@pytest.fixture
def carer(case):
    return PersonFactory(case=case, role="caregiver", first_name="Heike", last_name="Brandt")


@pytest.fixture
def placement(caseworker, case, child, carer):
    return services.placement_create(actor=caseworker, case=case, child=child.pk, setting="emergency_foster",
                                     starts_on=START, time_frame_months=6, carers=[carer.pk])


def url(name: str, case, **kwargs) -> str:
    return reverse(f"perspective:{name}", kwargs={"case_id": case.pk, **kwargs})


def test_a_placement_is_recorded_through_the_form(client_for, caseworker, case, child, carer):
    response = client_for(caseworker).post(url("placement_create", case), {
        "child": child.pk, "setting": "emergency_foster", "carers": [carer.pk], "starts_on": "2026-03-02",
        "time_frame_months": "6", "custody": "guardian", "custody_holder": "Amtsvormundschaft"})
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("placement_detail", case, placement_id=placement.pk)
    assert placement.planned_end_on == date(2026, 9, 2)


def test_an_overlap_is_shown_next_to_the_start(client_for, caseworker, case, child, placement):
    response = client_for(caseworker).post(url("placement_create", case), {
        "child": child.pk, "setting": "kinship", "starts_on": "2026-04-01", "custody": "parents"})
    assert response.status_code == 400
    assert 'id="id_starts_on_error"' in response.content.decode()
    assert "overlap" in response.content.decode()
    assert Placement.objects.count() == 1


def test_an_end_before_the_start_is_shown_next_to_the_end(client_for, caseworker, case, child):
    response = client_for(caseworker).post(url("placement_create", case), {
        "child": child.pk, "setting": "kinship", "starts_on": "2026-04-01", "planned_end_on": "2026-03-01",
        "custody": "parents"})
    assert response.status_code == 400
    assert 'id="id_planned_end_on_error"' in response.content.decode()


def test_editing_on_an_old_version_is_a_conflict(client_for, caseworker, case, child, placement):
    services.placement_update(actor=caseworker, case=case, placement=placement, expected_version=1,
                              youth_office_contact="Frau Yilmaz")
    response = client_for(caseworker).post(url("placement_edit", case, placement_id=placement.pk), {
        "version": "1", "child": child.pk, "setting": "kinship", "starts_on": "2026-03-02", "custody": "parents",
        "youth_office_contact": "Herr Weber"})
    assert response.status_code == 409
    assert "Frau Yilmaz" in response.content.decode()  # the version saved by the other
    assert Placement.objects.get().youth_office_contact == "Frau Yilmaz"


def test_the_edit_form_saves(client_for, caseworker, case, child, placement):
    response = client_for(caseworker).post(url("placement_edit", case, placement_id=placement.pk), {
        "version": "1", "child": child.pk, "setting": "emergency_foster", "starts_on": "2026-03-02",
        "time_frame_months": "6", "custody": "parents", "ended_on": "2026-05-29"})
    assert response.status_code == 302
    assert Placement.objects.get().ended_on == date(2026, 5, 29)


def test_a_new_start_moves_the_end_of_the_time_frame(client_for, caseworker, case, child, placement):
    response = client_for(caseworker).post(url("placement_edit", case, placement_id=placement.pk), {
        "version": "1", "child": child.pk, "setting": "emergency_foster", "starts_on": "2026-03-09",
        "time_frame_months": "6", "planned_end_on": "2026-09-02", "custody": "parents"})
    assert response.status_code == 302
    assert Placement.objects.get().planned_end_on == date(2026, 9, 9)


def test_the_detail_is_an_audited_read_with_the_timeline(client_for, caseworker, case, placement, parent):
    services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 9), status="held",
                            present=[parent.pk])
    services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 16),
                            status="cancelled", cancelled_by="Mutter", cancel_reason="krank")
    response = client_for(caseworker).get(url("placement_detail", case, placement_id=placement.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="mark mark--held"') == 1 and html.count('class="mark mark--cancelled"') == 1
    assert "<desc" in html and "Camilla" in html
    assert AuditEvent.objects.filter(action="view", object_type="perspective.placement",
                                     object_id=str(placement.pk)).exists()


def test_a_contact_is_planned_then_recorded_with_its_observation(client_for, caseworker, case, placement, parent):
    client = client_for(caseworker)
    response = client.post(url("contact_create", case, placement_id=placement.pk), {
        "on": "2026-03-09", "status": "planned", "setting": "supervised", "present": [parent.pk]})
    contact = Contact.objects.get()
    assert response.status_code == 302
    response = client.post(url("contact_edit", case, placement_id=placement.pk, contact_visit_id=contact.pk), {
        "version": "1", "on": "2026-03-09", "status": "held", "setting": "supervised", "present": [parent.pk],
        "child_signals": "sucht Blickkontakt", "reflection": "Mutter erkennt die Müdigkeit"})
    assert response.status_code == 302
    page = client.get(url("contact_detail", case, placement_id=placement.pk, contact_visit_id=contact.pk))
    assert "sucht Blickkontakt" in page.content.decode()
    assert AuditEvent.objects.filter(action="view", object_type="perspective.contact").exists()


def test_a_contact_before_the_placement_is_shown_next_to_the_date(client_for, caseworker, case, placement):
    response = client_for(caseworker).post(url("contact_create", case, placement_id=placement.pk), {
        "on": "2026-02-20", "status": "planned", "setting": "supervised"})
    assert response.status_code == 400
    assert 'id="id_on_error"' in response.content.decode()
    assert not Contact.objects.exists()


def test_another_organisation_gets_404(client_for, stranger, case, placement):
    client = client_for(stranger)
    for name, kwargs in (("placements", {}), ("placement_detail", {"placement_id": placement.pk}),
                         ("placement_edit", {"placement_id": placement.pk})):
        assert client.get(url(name, case, **kwargs)).status_code == 404


def test_the_pages_run_the_same_queries_for_more_placements_and_contacts(
        client_for, caseworker, case, placement, parent, django_assert_max_num_queries):
    client = client_for(caseworker)
    list_url, detail_url = url("placements", case), url("placement_detail", case, placement_id=placement.pk)
    services.contact_create(actor=caseworker, case=case, placement=placement, on=START, present=[parent.pk])
    counts = {}
    for name, page in (("list", list_url), ("detail", detail_url)):
        with django_assert_max_num_queries(100) as captured:
            client.get(page)
        counts[name] = len(captured)
    for i in range(4):
        sibling = PersonFactory(case=case, role="child")
        services.placement_create(actor=caseworker, case=case, child=sibling.pk, setting="kinship", starts_on=START,
                                  carers=[parent.pk])
        services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 3 + i),
                                present=[parent.pk, sibling.pk])
    for name, page in (("list", list_url), ("detail", detail_url)):
        with django_assert_max_num_queries(counts[name]):
            assert client.get(page).status_code == 200


@pytest.mark.parametrize(("language", "words"), [
    ("de", ["Unterbringung von <bdi>Freja", "Bereitschaftspflegefamilie", "Umgangskontakte", "Abgesagt", "Beginn"]),
    ("da", ["Anbringelse af <bdi>Freja", "Akutplejefamilie", "Samvær", "Aflyst", "Start"]),
])
def test_the_pages_speak_the_users_language(client_for, caseworker, case, placement, parent, language, words):
    caseworker.language = language
    caseworker.save(update_fields=["language"])
    contact = services.contact_create(actor=caseworker, case=case, placement=placement, on=date(2026, 3, 16),
                                      status="cancelled", cancelled_by="Mutter", cancel_reason="krank")
    client = client_for(caseworker)
    with translation.override("en"):  # each request activates the user's language: not for the tests after it
        html = client.get(url("placement_detail", case, placement_id=placement.pk)).content.decode()
        pages = [client.get(url(name, case, **kwargs)).content.decode() for name, kwargs in (
            ("contact_detail", {"placement_id": placement.pk, "contact_visit_id": contact.pk}),
            ("placement_edit", {"placement_id": placement.pk}),
            ("contact_edit", {"placement_id": placement.pk, "contact_visit_id": contact.pk}), ("placements", {}))]
    for word in words:
        assert word in html
    for page in pages:
        assert "Placement" not in page and "Contact on" not in page and "Who was there" not in page
