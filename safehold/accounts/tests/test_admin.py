"""The Django admin, for platform operators, follows the same rules and writes the same trail."""

import pytest

from safehold.accounts.models import Organisation
from safehold.audit.models import AuditEvent


@pytest.fixture
def operator(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-enough-pw-123")
    client.force_login(root)
    return root


def test_an_organisation_added_in_the_admin_gets_its_legal_bases_and_is_audited(client, operator):
    response = client.post("/admin/accounts/organisation/add/", {
        "name": "Jugendamt Bochum", "kind": "youth_office", "country": "DE",
        "teams-TOTAL_FORMS": "0", "teams-INITIAL_FORMS": "0",
        "legal_bases-TOTAL_FORMS": "0", "legal_bases-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content[:2000]
    organisation = Organisation.objects.get(name="Jugendamt Bochum")
    assert organisation.legal_bases.filter(code="SGB VIII § 8a").exists()
    assert AuditEvent.objects.filter(actor=operator, action="create", object_type="accounts.organisation",
                                     organisation_id=organisation.pk).exists()


def test_a_membership_with_another_organisation_s_team_is_refused_in_the_admin(client, operator, caseworker,
                                                                              other_organisation):
    from safehold.testing.factories import TeamFactory

    foreign = TeamFactory(organisation=other_organisation)
    data = {
        "username": caseworker.username, "first_name": "", "last_name": "", "email": caseworker.email,
        "organisation": caseworker.organisation_id, "language": "", "is_active": "on",
        "last_login_0": "", "last_login_1": "", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": "1", "memberships-INITIAL_FORMS": "0",
        "memberships-0-role": "team_lead", "memberships-0-team": foreign.pk,
    }
    response = client.post(f"/admin/accounts/user/{caseworker.pk}/change/", data)
    assert response.status_code == 200
    assert "Choose one of the user&#x27;s organisation&#x27;s teams." in response.content.decode()
    assert not caseworker.memberships.filter(team=foreign).exists()
