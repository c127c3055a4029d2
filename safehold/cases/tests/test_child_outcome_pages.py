"""The children's outcomes on the pages: the closing form asks for each child's, the case page and the
person's page show them, and a child who leaves the plan earlier has a page of its own."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from safehold.audit.models import AuditEvent
from safehold.cases import services
from safehold.cases.models import CaseStatus, ChildOutcome
from safehold.testing.factories import PersonFactory


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _error(page: str, field: str) -> str:
    found = re.search(rf'<p class="kern-error" id="id_{field}_error"[^>]*>(.*?)</p>', page, re.S)
    return _text(found.group(1)) if found else ""


@pytest.fixture
def emil(case):
    return PersonFactory(case=case, role="child", first_name="Emil", last_name="Sørensen")


def _closing(**fields):
    return {"status": "closed", "outcome": "", "note": "", "version": 1, **fields}


def test_the_closing_form_asks_for_each_child_s_outcome_and_date(caseworker, case, child, emil, client_for):
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    for person in (child, emil):
        assert re.search(rf'<select name="child_{person.pk}"[^>]*data-shown-if="id_status=closed"', page)
        assert re.search(rf'<input type="date" name="child_{person.pk}_on" value="{timezone.localdate():%Y-%m-%d}"',
                         page)
    assert "Outcome for every child without their own" in page
    assert '<option value="placed">' not in page.split('name="outcome"')[0]  # the general "placed" is for old cases


def test_closing_on_the_page_records_each_child_s_outcome(caseworker, case, child, emil, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/", _closing(**{
        f"child_{child.pk}": "kept_home", f"child_{child.pk}_on": timezone.localdate().isoformat(),
        f"child_{emil.pk}": "foster_care", f"child_{emil.pk}_on": timezone.localdate().isoformat()}))

    assert response.status_code == 302
    assert dict(ChildOutcome.objects.values_list("child__first_name", "outcome")) == {
        "Freja": "kept_home", "Emil": "foster_care"}
    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()
    assert "Outcome for each child" in page
    assert "Placed in foster care" in page and "Kept at home with the family" in page


def test_closing_on_the_page_without_each_child_s_outcome_lists_them_next_to_the_case_outcome(
        caseworker, case, child, emil, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/", _closing(**{
        f"child_{child.pk}": "kept_home", f"child_{child.pk}_on": timezone.localdate().isoformat()}))

    assert response.status_code == 400
    assert _error(response.content.decode(), "outcome") == (
        "Choose an outcome for each child, or one for every child without their own: Emil Sørensen.")
    case.refresh_from_db()
    assert case.status == CaseStatus.REFERRAL


def test_a_child_s_date_refused_by_the_service_shows_next_to_that_child(caseworker, case, child, client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(caseworker).post(f"/cases/{case.pk}/status/", _closing(**{
        f"child_{child.pk}": "kept_home", f"child_{child.pk}_on": tomorrow.isoformat()}))

    assert response.status_code == 400
    assert _error(response.content.decode(), f"child_{child.pk}_on") == "The date cannot be in the future."


def test_the_case_outcome_on_the_page_speaks_for_every_child(caseworker, case, child, emil, client_for):
    client_for(caseworker).post(f"/cases/{case.pk}/status/", _closing(outcome="returned_home"))
    assert set(ChildOutcome.objects.values_list("outcome", flat=True)) == {"returned_home"}


def test_a_child_who_left_the_plan_shows_on_the_case_page_and_is_not_asked_at_closing(
        caseworker, case, child, emil, client_for):
    services.child_outcome_record(actor=caseworker, case=case, child=emil.pk, outcome="kinship_care")

    page = client_for(caseworker).get(f"/cases/{case.pk}/").content.decode()

    assert "Children who left the plan" in page
    assert f'name="child_{emil.pk}"' not in page and f'name="child_{child.pk}"' in page
    assert re.search(r'id="left-plan-at-closing".*<bdi>Emil Sørensen</bdi>: Placed in kinship or network care',
                     page, re.S)


def test_the_person_s_page_records_that_the_child_left_the_plan(caseworker, case, child, client_for):
    client = client_for(caseworker)
    person_page = client.get(f"/cases/{case.pk}/people/{child.pk}/").content.decode()
    assert f'href="/cases/{case.pk}/people/{child.pk}/outcome/"' in person_page

    assert client.get(f"/cases/{case.pk}/people/{child.pk}/outcome/").status_code == 200
    response = client.post(f"/cases/{case.pk}/people/{child.pk}/outcome/", {
        "outcome": "moved_away", "on": timezone.localdate().isoformat(), "note": "To Aarhus"})

    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/people/{child.pk}/"
    row = ChildOutcome.objects.get()
    assert (row.child, row.outcome, row.note, row.closing) == (child, "moved_away", "To Aarhus", None)
    page = client.get(response["Location"]).content.decode()
    assert "Moved away" in page and "left the plan while the case stayed open" in page


def test_a_refused_outcome_shows_next_to_its_field(caseworker, case, child, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/people/{child.pk}/outcome/", {
        "outcome": "other", "on": (case.opened_on - timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert _error(response.content.decode(), "on") == "The date cannot be before the case was opened."


def test_withdrawing_on_the_page_puts_the_child_back_in_the_plan(caseworker, case, child, client_for):
    services.child_outcome_record(actor=caseworker, case=case, child=child.pk, outcome="other")
    response = client_for(caseworker).post(f"/cases/{case.pk}/people/{child.pk}/outcome/withdraw/")
    assert response.status_code == 302
    assert not ChildOutcome.objects.exists()


def test_only_a_child_leaves_the_plan(caseworker, case, parent, client_for):
    assert client_for(caseworker).get(f"/cases/{case.pk}/people/{parent.pk}/outcome/").status_code == 404


def test_withdrawing_what_was_never_recorded_is_not_found(caseworker, case, child, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/people/{child.pk}/outcome/withdraw/")
    assert response.status_code == 404


def test_the_outcome_page_is_read_audited(caseworker, case, child, client_for):
    client_for(caseworker).get(f"/cases/{case.pk}/people/{child.pk}/outcome/")
    assert AuditEvent.objects.filter(action="view", object_type="cases.person", object_id=str(child.pk)).exists()


def test_a_closed_case_shows_each_child_s_outcome_and_its_history_after_a_reopening(
        caseworker, case, child, client_for):
    services.case_transition(actor=caseworker, case=case, to_status="closed", outcome="placed")
    case.refresh_from_db()
    services.case_reopen(actor=caseworker, case=case, to_status="assessment", reason="New worries")

    page = client_for(caseworker).get(f"/cases/{case.pk}/people/{child.pk}/").content.decode()

    assert "Earlier closings" in page and "Placed away from home" in page
    assert "closing asks for the child" in page
