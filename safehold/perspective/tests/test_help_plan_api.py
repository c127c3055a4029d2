"""The Hilfeplan through the API (/api/v1/cases/{id}/meetings/{id}/help-plan…): the same services as the pages,
field errors as 400, a conflict as 409 with the current plan, sign-offs recorded and withdrawn, the PDF as an
audited export, another organisation's case answering 404."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from safehold.audit.models import AuditEvent
from safehold.meetings import services as meetings
from safehold.perspective.models import HelpPlan, HelpPlanSignOff
from safehold.perspective.tests import help_plan_world

JSON = "application/json"


@pytest.fixture
def world(case, caseworker, child, parent):
    return help_plan_world.build(case, caseworker, child=child, parent=parent)


def plan_url(case, meeting) -> str:
    return f"/api/v1/cases/{case.pk}/meetings/{meeting.pk}/help-plan"


def body(world, child, **changes) -> dict:
    return {"child": child.pk, "placement": world.placement.pk, "situation": "Seit Januar in Pflege.",
            "goals": "Rückkehr prüfen\nKontakte stärken", "help": "Bereitschaftspflege", "provider": "SOS",
            "legal_bases": [world.section_27.pk], **changes}


def put(client, url: str, data: dict):
    return client.put(url, data=json.dumps(data), content_type=JSON)


def post(client, url: str, data: dict):
    return client.post(url, data=json.dumps(data), content_type=JSON)


def test_the_plan_is_written_read_and_replaced(alice, case, child, world):
    url = plan_url(case, world.meeting)
    assert alice.get(url).status_code == 404
    response = put(alice, url, body(world, child))
    assert response.status_code == 200, response.content
    plan = response.json()
    assert plan["goals"] == ["Rückkehr prüfen", "Kontakte stärken"] and plan["is_update"] is False
    assert plan["child"] == {"id": child.pk, "name": child.full_name}
    assert [b["code"] for b in plan["legal_bases"]] == ["SGB VIII § 27"]
    assert plan["next_review_on"] is None and plan["sign_offs"] == []
    replaced = put(alice, url, body(world, child, version=plan["version"], help="Rückführung"))
    assert replaced.status_code == 200 and replaced.json()["help"] == "Rückführung"
    assert alice.get(url).json()["version"] == plan["version"] + 1
    assert AuditEvent.objects.filter(action="view", object_type="perspective.helpplan").exists()


def test_an_old_version_is_a_conflict_with_the_current_plan(alice, case, child, world):
    url = plan_url(case, world.meeting)
    first = put(alice, url, body(world, child)).json()
    put(alice, url, body(world, child, version=first["version"], help="Neuer"))
    response = put(alice, url, body(world, child, version=first["version"], help="Meiner"))
    assert response.status_code == 409
    assert response.json()["current"]["help"] == "Neuer"
    new_again = put(alice, url, body(world, child, help="Auch neu"))
    assert new_again.status_code == 409


def test_bad_input_answers_400_with_field_errors(alice, case, child, parent, world):
    url = plan_url(case, world.meeting)
    response = put(alice, url, body(world, parent, legal_bases=[10**12]))
    assert response.status_code == 400
    assert {"child", "legal_bases"} <= set(response.json()["errors"])
    network = meetings.meeting_record(actor=world.placement.created_by, case=case, kind="network",
                                      held_on=case.opened_on,
                                      participants=[meetings.ParticipantInput(voice=f"person:{parent.pk}")])
    response = put(alice, plan_url(case, network), body(world, child))
    assert response.status_code == 400 and list(response.json()["errors"]) == ["meeting"]


def test_sign_offs_are_recorded_refused_and_withdrawn(alice, case, child, parent, world):
    url = plan_url(case, world.meeting)
    put(alice, url, body(world, child))
    response = post(alice, f"{url}/sign-offs", {"signer": f"person:{parent.pk}", "how": "in_person"})
    assert response.status_code == 201, response.content
    assert response.json()["signer"] == f"person:{parent.pk}" and response.json()["name"] == parent.full_name
    again = post(alice, f"{url}/sign-offs", {"signer": f"person:{parent.pk}", "how": "phone"})
    assert again.status_code == 400 and list(again.json()["errors"]) == ["signer"]
    nobody = post(alice, f"{url}/sign-offs", {"signer": f"person:{child.pk}", "how": "phone"})
    assert nobody.status_code == 400 and list(nobody.json()["errors"]) == ["signer"]
    sign_off = HelpPlanSignOff.objects.get()
    assert alice.delete(f"{url}/sign-offs/{sign_off.pk}").status_code == 204
    assert not HelpPlanSignOff.objects.exists()


def test_the_pdf_is_an_audited_export(alice, case, child, parent, world):
    url = plan_url(case, world.meeting)
    assert alice.get(f"{url}/pdf").status_code == 404
    put(alice, url, body(world, child))
    response = alice.get(f"{url}/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert parent.full_name in text and "Kontakte zweimal in der Woche" in text
    assert AuditEvent.objects.filter(action="export", object_type="perspective.pdf.help_plan").count() == 1


def test_another_organisation_gets_404(api_client_for, stranger, case, child, world, caseworker):
    help_plan_world.write(case, caseworker, world, child)
    client = api_client_for(stranger)
    url = plan_url(case, world.meeting)
    assert client.get(url).status_code == 404
    assert put(client, url, body(world, child, version=1)).status_code == 404
    assert client.get(f"{url}/pdf").status_code == 404
    assert HelpPlan.objects.get().help == "Bereitschaftspflege mit Perspektivklärung"
