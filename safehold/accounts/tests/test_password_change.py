"""accounts.services.password_change and the three pages that use it: the user's own change, the reset link
and the Django admin. The password, the revocation of the user's API tokens and the audit record are one
transaction."""

from __future__ import annotations

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from safehold.accounts import services
from safehold.accounts.models import ApiToken, User
from safehold.accounts.services import password_change, token_create
from safehold.audit.models import AuditEvent

PASSWORD = "correct horse battery staple"  # what the UserFactory sets
NEW_PASSWORD = "another long passphrase 7"


class RevocationFailed(Exception):
    pass


@pytest.fixture
def operator(django_user_model) -> User:
    return django_user_model.objects.create_superuser("root", "root@example.org", "a-long-enough-pw-123")


@pytest.fixture
def revocation_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(**_kwargs: object) -> int:
        raise RevocationFailed

    monkeypatch.setattr(services, "tokens_revoke_all", fail)


def _password_events(user: User) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE, object_type="accounts.user",
                                          object_id=str(user.pk), changed_fields=["password"]))


def _unchanged(user: User) -> bool:
    return User.objects.get(pk=user.pk).check_password(PASSWORD)


def test_a_password_change_sets_the_password_and_revokes_every_token(caseworker):
    token, _key = token_create(user=caseworker)

    password_change(actor=caseworker, user=caseworker, new_password=NEW_PASSWORD)

    assert User.objects.get(pk=caseworker.pk).check_password(NEW_PASSWORD)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_password_change_is_audited_with_who_did_it_under_the_user_s_organisation(caseworker, operator):
    token_create(user=caseworker)

    password_change(actor=operator, user=caseworker, new_password=NEW_PASSWORD)

    [event] = _password_events(caseworker)
    assert event.actor == operator
    assert event.organisation_id == caseworker.organisation_id
    revoked = AuditEvent.objects.get(action=AuditEvent.Action.DELETE, object_type="accounts.apitoken")
    assert revoked.actor == operator
    assert revoked.organisation_id == caseworker.organisation_id


def test_a_password_change_without_a_password_turns_password_login_off(caseworker, operator):
    password_change(actor=operator, user=caseworker, new_password=None)

    assert not User.objects.get(pk=caseworker.pk).has_usable_password()
    assert len(_password_events(caseworker)) == 1


def test_a_weak_password_is_refused_and_nothing_is_written(caseworker):
    token_create(user=caseworker)

    with pytest.raises(ValidationError):
        password_change(actor=caseworker, user=caseworker, new_password="short")

    assert _unchanged(caseworker)
    assert ApiToken.objects.filter(user=caseworker, revoked_at__isnull=True).exists()
    assert _password_events(caseworker) == []


@pytest.mark.usefixtures("revocation_fails")
def test_when_revoking_the_tokens_fails_the_old_password_stays_and_nothing_is_recorded(caseworker):
    with pytest.raises(RevocationFailed):
        password_change(actor=caseworker, user=caseworker, new_password=NEW_PASSWORD)

    assert _unchanged(caseworker)
    assert _password_events(caseworker) == []


def test_when_the_audit_record_fails_the_password_and_the_tokens_are_as_before(caseworker, monkeypatch):
    token, _key = token_create(user=caseworker)

    def fail(**_kwargs: object) -> AuditEvent:
        raise RuntimeError("audit trail unavailable")

    monkeypatch.setattr(services, "audit_record", fail)
    with pytest.raises(RuntimeError):
        password_change(actor=caseworker, user=caseworker, new_password=NEW_PASSWORD)

    assert _unchanged(caseworker)
    token.refresh_from_db()
    assert token.revoked_at is None


# --- The pages: the form checks, the service writes ---------------------------------------------------

def _change_own(client: Client) -> object:
    return client.post("/accounts/password/change/", {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_changing_your_own_password_keeps_you_logged_in_with_the_same_message(caseworker, client_for):
    client = client_for(caseworker)

    response = _change_own(client)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/profile/"
    page = client.get("/accounts/profile/")
    assert page.status_code == 200
    assert [str(m) for m in page.context["messages"]] == ["Your password has been changed."]
    [event] = _password_events(caseworker)
    assert event.actor == caseworker


@pytest.mark.usefixtures("revocation_fails")
def test_a_failure_on_the_password_change_page_leaves_the_old_password(caseworker, client_for):
    with pytest.raises(RevocationFailed):
        _change_own(client_for(caseworker))

    assert _unchanged(caseworker)


def _reset(client: Client, user: User) -> object:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    form_url = client.get(f"/accounts/password/reset/{uid}/{default_token_generator.make_token(user)}/")["Location"]
    return client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_a_reset_link_sets_the_password_through_the_service(caseworker, client):
    token, _key = token_create(user=caseworker)

    response = _reset(client, caseworker)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert User.objects.get(pk=caseworker.pk).check_password(NEW_PASSWORD)
    token.refresh_from_db()
    assert token.revoked_at is not None
    [event] = _password_events(caseworker)
    assert event.actor == caseworker
    assert "_auth_user_id" not in client.session  # a reset does not log in


@pytest.mark.usefixtures("revocation_fails")
def test_a_failure_on_the_reset_page_leaves_the_old_password(caseworker, client):
    with pytest.raises(RevocationFailed):
        _reset(client, caseworker)

    assert _unchanged(caseworker)


def _admin_sets(client: Client, user: User, **data: str) -> object:
    return client.post(f"/admin/accounts/user/{user.pk}/password/", {
        "password1": "an admin set passphrase 1", "password2": "an admin set passphrase 1", "usable_password": "true",
        **data})


def test_a_password_set_in_the_admin_goes_through_the_service(caseworker, operator, client_for):
    client = client_for(operator)

    response = _admin_sets(client, caseworker)

    assert response.status_code == 302
    assert response["Location"] == f"/admin/accounts/user/{caseworker.pk}/change/"
    assert User.objects.get(pk=caseworker.pk).check_password("an admin set passphrase 1")
    [event] = _password_events(caseworker)
    assert event.actor == operator
    messages = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert messages == ["Password changed successfully."]


def test_an_operator_who_sets_their_own_password_in_the_admin_stays_logged_in(operator, client_for):
    client = client_for(operator)

    assert _admin_sets(client, operator).status_code == 302

    assert client.get("/admin/").status_code == 200


def test_the_admin_can_turn_password_login_off_through_the_service(caseworker, operator, client_for):
    token_create(user=caseworker)

    response = _admin_sets(client_for(operator), caseworker, usable_password="false", password1="", password2="",
                           **{"unset-password": "1"})

    assert response.status_code == 302
    assert not User.objects.get(pk=caseworker.pk).has_usable_password()
    assert not ApiToken.objects.filter(user=caseworker, revoked_at__isnull=True).exists()
    assert len(_password_events(caseworker)) == 1


def test_a_mismatched_password_in_the_admin_is_shown_on_the_form_and_nothing_is_written(
    caseworker, operator, client_for,
):
    response = _admin_sets(client_for(operator), caseworker, password2="something else entirely")

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert _unchanged(caseworker)
    assert _password_events(caseworker) == []


@pytest.mark.usefixtures("revocation_fails")
def test_a_failure_in_the_admin_leaves_the_old_password(caseworker, operator, client_for):
    with pytest.raises(RevocationFailed):
        _admin_sets(client_for(operator), caseworker)

    assert _unchanged(caseworker)
