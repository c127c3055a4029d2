"""A change to a person's data made because they asked for it to be corrected (their right to rectification) is
recorded as a correction in the audit trail, from the page and the API alike; an ordinary change is not."""

from __future__ import annotations

import json

import pytest

from safehold.audit.models import AuditEvent
from safehold.cases import services

pytestmark = pytest.mark.django_db

FORM = {"role": "parent", "first_name": "Camilla", "last_name": "Sørensen", "version": 1}


def _update(person):
    return AuditEvent.objects.filter(action="update", object_type="cases.person", object_id=str(person.pk)).latest("pk")


def test_a_correction_on_the_form_is_recorded_as_one(case, parent, caseworker, client_for):
    response = client_for(caseworker).post(f"/cases/{case.pk}/people/{parent.pk}/edit/",
                                           {**FORM, "phone": "0171 555", "correction": "on"})
    assert response.status_code == 302
    event = _update(parent)
    assert event.detail == {"correction": True} and event.changed_fields == ["phone"]
    assert "0171" not in json.dumps(event.detail)  # what was corrected is named, not its content


def test_an_ordinary_change_is_no_correction(case, parent, caseworker, client_for):
    client_for(caseworker).post(f"/cases/{case.pk}/people/{parent.pk}/edit/", {**FORM, "phone": "0171 555"})
    assert _update(parent).detail == {}


def test_the_form_offers_the_correction_when_editing_only(case, parent, caseworker, client_for):
    assert 'name="correction"' in client_for(caseworker).get(
        f"/cases/{case.pk}/people/{parent.pk}/edit/").content.decode()


def test_the_api_records_a_correction(case, parent, alice):
    response = alice.patch(f"/api/v1/cases/{case.pk}/people/{parent.pk}",
                           data={"version": 1, "email": "camilla@example.org", "correction": True},
                           content_type="application/json")
    assert response.status_code == 200
    assert _update(parent).detail == {"correction": True}


def test_a_correction_that_changes_nothing_records_nothing(case, parent, caseworker):
    assert services.person_update(actor=caseworker, case=case, person=parent, expected_version=1,
                                  correction=True, first_name="Camilla") == []
    assert not AuditEvent.objects.filter(action="update", object_id=str(parent.pk)).exists()
