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


def test_a_password_set_in_the_admin_is_audited_and_retires_the_user_s_tokens(client, operator, caseworker):
    from safehold.accounts.models import ApiToken
    from safehold.accounts.services import token_create

    token_create(user=caseworker)
    response = client.post(f"/admin/accounts/user/{caseworker.pk}/password/", {
        "password1": "an admin set passphrase 1", "password2": "an admin set passphrase 1", "usable_password": "true"})
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=caseworker, revoked_at__isnull=True).exists()
    event = AuditEvent.objects.get(actor=operator, changed_fields=["password"])
    assert event.organisation_id == caseworker.organisation_id


def test_tokens_are_revoked_not_revived_in_the_admin(client, operator, caseworker):
    from safehold.accounts.models import ApiToken
    from safehold.accounts.services import token_create

    token, _key = token_create(user=caseworker)
    client.post("/admin/accounts/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.post(f"/admin/accounts/apitoken/{token.pk}/change/", {"revoked_at_0": "", "revoked_at_1": ""})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=False).exists()


def test_deleting_in_bulk_in_the_admin_is_audited_under_the_user_s_organisation(client, operator, caseworker):
    from safehold.accounts.models import ApiToken
    from safehold.accounts.services import token_create

    token, _key = token_create(user=caseworker)
    response = client.post("/admin/accounts/apitoken/", {"action": "delete_selected", "_selected_action": [token.pk],
                                                         "post": "yes"})
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    event = AuditEvent.objects.get(actor=operator, action="delete", object_type="accounts.apitoken")
    assert event.organisation_id == caseworker.organisation_id
