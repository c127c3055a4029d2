"""Password-reset links are throttled per account and per client address (accounts/password_reset.py), each
request is audited without the address typed in, and the answer never tells whether an account has it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehold.accounts.models import PasswordResetRequest
from safehold.audit.models import AuditEvent
from safehold.testing.factories import UserFactory

Action = AuditEvent.Action
URL = "/accounts/password/reset/"
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _ask(email: str, address: str = "192.0.2.1"):
    return Client().post(URL, {"email": email}, REMOTE_ADDR=address)


def _resets() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=Action.PASSWORD_RESET).order_by("id"))


@pytest.fixture
def limits(settings):
    settings.SAFEHOLD_PASSWORD_RESETS_PER_ACCOUNT = 3
    settings.SAFEHOLD_PASSWORD_RESETS_PER_ADDRESS = 10
    return settings


@pytest.mark.usefixtures("limits")
def test_an_account_gets_at_most_three_links_an_hour_whatever_the_address(caseworker):
    answers = [_ask("alice@example.org", address=f"192.0.2.{n}") for n in range(25)]

    assert {(a.status_code, a["Location"]) for a in answers} == {(302, "/accounts/password/reset/sent/")}
    assert len(mail.outbox) == 3
    # The three sent and the first held back; the rest leave nothing.
    assert [e.detail for e in _resets()] == [{"limited": False}] * 3 + [{"limited": True}]


@pytest.mark.usefixtures("limits")
def test_one_address_is_answered_at_most_ten_times_an_hour(caseworker, colleague, db):
    for n in range(12):
        _ask(f"nobody{n}@example.org", address="203.0.113.5")

    _ask("alice@example.org", address="203.0.113.5")
    elsewhere = _ask("bob@example.org", address="198.51.100.7")

    assert elsewhere.status_code == 302
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert len([e for e in _resets() if e.client_address == "203.0.113.5"]) == 11


@pytest.mark.usefixtures("limits")
def test_the_request_that_reaches_an_address_s_limit_sends_no_link_and_is_answered_as_usual(caseworker, db):
    usual = _ask("nobody@example.org", address="198.51.100.7")
    for n in range(10):
        _ask(f"nobody{n}@example.org", address="203.0.113.5")

    at_the_limit = _ask("alice@example.org", address="203.0.113.5")

    assert (at_the_limit.status_code, at_the_limit["Location"]) == (usual.status_code, usual["Location"])
    assert mail.outbox == []
    assert _resets()[-1].detail == {"limited": True}
    assert _resets()[-1].object_id == str(caseworker.pk)


@pytest.mark.usefixtures("limits")
def test_a_link_goes_out_again_an_hour_later(caseworker):
    for _ in range(4):
        _ask("alice@example.org")
    PasswordResetRequest.objects.update(at=timezone.now() - timedelta(hours=1, seconds=1))

    _ask("alice@example.org")

    assert len(mail.outbox) == 4
    assert PasswordResetRequest.objects.count() == 1  # the old ones are gone


def test_the_answer_is_the_same_for_an_address_no_account_has(caseworker, limits):
    known = _ask("alice@example.org")
    unknown = _ask("nobody@example.org")
    for _ in range(5):
        held_back = _ask("alice@example.org")

    assert known.status_code == unknown.status_code == held_back.status_code == 302
    assert known["Location"] == unknown["Location"] == held_back["Location"]
    page = Client().get(known["Location"])
    assert "At most 3 links an hour" in page.content.decode()


def test_a_request_is_audited_naming_the_account_never_the_address_typed(caseworker):
    _ask("ALICE@example.org")
    _ask("nobody@example.org")

    known, unknown = _resets()
    assert (known.actor_id, known.object_type, known.object_id) == (None, "accounts.user", str(caseworker.pk))
    assert known.organisation_id == caseworker.organisation_id
    assert known.client_address == "192.0.2.1"
    assert (unknown.organisation_id, unknown.object_id) == (None, "")
    stored = json.dumps([[e.detail, e.object_type, e.object_id, e.changed_fields] for e in (known, unknown)])
    assert "example.org" not in stored.lower()


def test_accounts_sharing_an_address_each_get_a_link(caseworker, organisation):
    UserFactory(username="alice2", email="alice@example.org", organisation=organisation)

    _ask("alice@example.org")

    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "alice@example.org"]
    assert len(_resets()) == 2


def test_a_disabled_account_gets_no_link(caseworker):
    caseworker.is_active = False
    caseworker.save(update_fields=["is_active"])

    assert _ask("alice@example.org").status_code == 302

    assert mail.outbox == []


@PROPERTY
@given(email=st.one_of(st.emails(), st.text(max_size=300)))
def test_whatever_is_typed_the_answer_is_a_redirect_or_the_form_and_the_trail_keeps_none_of_it(db, email):
    with transaction.atomic():  # each example starts from an empty trail and throttle
        response = _ask(email, address="192.0.2.99")
        recorded = list(AuditEvent.objects.filter(action=Action.PASSWORD_RESET))
        transaction.set_rollback(True)

    assert response.status_code in (200, 302)
    if response.status_code == 200:  # not an e-mail address: the form says so, nothing is recorded
        assert response.context["form"].errors["email"]
        assert recorded == []
        return
    [event] = recorded
    assert (event.object_id, event.detail) == ("", {"limited": False})
    assert email.strip() not in json.dumps([event.detail, event.object_type, event.user_agent], ensure_ascii=False)
