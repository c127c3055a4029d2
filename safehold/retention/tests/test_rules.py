"""The organisation admin sets the retention rules on a page of the organisation's; the change is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.audit.models import AuditEvent
from safehold.retention.models import RetentionRules
from safehold.retention.services import MAX_YEARS, MIN_YEARS, retention_rules_save
from safehold.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db
URL = "/organisation/retention/"


def test_the_page_has_its_address_beside_the_organisations_pages():
    assert reverse("retention:rules") == URL


def test_the_admin_sets_both_rules_and_the_change_is_audited(org_admin, organisation, client_for):
    response = client_for(org_admin).post(URL, {"closed_case_years": "10", "audit_years": "12"})

    assert response.status_code == 302
    rules = RetentionRules.objects.get(organisation=organisation)
    assert (rules.closed_case_years, rules.audit_years, rules.updated_by) == (10, 12, org_admin)
    event = AuditEvent.objects.get(object_type="retention.retentionrules")
    assert event.action == AuditEvent.Action.CREATE and event.organisation_id == organisation.pk
    assert event.changed_fields == ["audit_years", "closed_case_years"]
    assert event.detail == {"closed_case_years": 10, "audit_years": 12}


def test_emptying_a_field_turns_its_rule_off_and_only_that_change_is_recorded(org_admin, organisation):
    retention_rules_save(actor=org_admin, closed_case_years=10, audit_years=12)
    retention_rules_save(actor=org_admin, closed_case_years=None, audit_years=12)

    rules = RetentionRules.objects.get(organisation=organisation)
    assert (rules.closed_case_years, rules.audit_years) == (None, 12)
    last = AuditEvent.objects.filter(object_type="retention.retentionrules").order_by("-chain_seq").first()
    assert last.action == AuditEvent.Action.UPDATE and last.changed_fields == ["closed_case_years"]


def test_saving_the_rules_unchanged_writes_nothing(org_admin):
    retention_rules_save(actor=org_admin, closed_case_years=10, audit_years=None)
    retention_rules_save(actor=org_admin, closed_case_years=10, audit_years=None)
    assert AuditEvent.objects.filter(object_type="retention.retentionrules").count() == 1


@pytest.mark.parametrize("value", ["0", "101", "-3"])
def test_a_number_out_of_range_is_refused_next_to_its_field(value, org_admin, organisation, client_for):
    response = client_for(org_admin).post(URL, {"closed_case_years": "10", "audit_years": value})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_audit_years_error"' in page and "from 1 to 100" in page
    assert 'id="id_closed_case_years_error"' not in page
    assert not RetentionRules.objects.filter(organisation=organisation).exists()


def test_a_word_is_refused_next_to_its_field(org_admin, client_for):
    response = client_for(org_admin).post(URL, {"closed_case_years": "ten", "audit_years": ""})
    assert response.status_code == 400
    assert 'id="id_closed_case_years_error"' in response.content.decode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(st.integers(), st.booleans(), st.text(max_size=5), st.floats(allow_nan=True)))
def test_the_service_takes_whole_years_in_range_and_refuses_anything_else(value, org_admin):
    in_range = type(value) is int and MIN_YEARS <= value <= MAX_YEARS
    try:
        rules = retention_rules_save(actor=org_admin, closed_case_years=value, audit_years=None)
    except ValidationError as refused:
        assert not in_range and list(refused.message_dict) == ["closed_case_years"]
    else:
        assert in_range and rules.closed_case_years == value


@pytest.mark.parametrize("who", ["caseworker", "team_lead", "auditor"])
def test_only_the_organisation_admin_sets_the_rules(who, request, client_for):
    user = request.getfixturevalue(who)
    assert client_for(user).get(URL).status_code == 403
    assert client_for(user).post(URL, {"closed_case_years": "1"}).status_code == 403
    with pytest.raises(PermissionDenied):
        retention_rules_save(actor=user, closed_case_years=1, audit_years=None)
    assert not RetentionRules.objects.exists()


def test_the_page_says_how_many_closed_cases_the_next_run_would_delete_and_names_none(
        org_admin, organisation, client_for):
    retention_rules_save(actor=org_admin, closed_case_years=1, audit_years=None)
    CaseFactory(organisation=organisation, status="closed", closed_on="2001-05-04", family_name="Sørensen",
                reference="JA-2001-0001")

    response = client_for(org_admin).get(URL)

    page = response.content.decode()
    assert response.status_code == 200 and 'id="retention-due"' in page and "1 closed case is" in page
    assert "Sørensen" not in page and "JA-2001-0001" not in page


def test_the_organisation_pages_link_to_the_rules(org_admin, client_for):
    page = client_for(org_admin).get("/organisation/scales/").content.decode()
    assert f'href="{URL}"' in page
