import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from safehold.accounts.models import User
from safehold.cases.access import visible_cases
from safehold.cases.models import Case, CaseStatus, Person
from safehold.demo.history import CASES as HISTORY_CASES
from safehold.demo.history import HISTORY_PREFIX


def test_seed_demo_creates_every_role_and_a_case_per_language(db, settings):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    users = {u.username: u for u in User.objects.select_related("organisation")}
    for name in ("demo-caseworker", "demo-consultant", "demo-teamlead", "demo-admin", "demo-auditor"):
        assert users[name].organisation.name == "Demo"
        assert users[name].check_password(settings.SAFEHOLD_DEMO_PASSWORD)
        assert users[name].is_demo
    assert users["other-caseworker"].organisation.name == "Other"
    open_cases = visible_cases(users["demo-caseworker"]).exclude(status=CaseStatus.CLOSED)
    cases = {c.language: c for c in open_cases.exclude(reference="JA-2026-0212")}
    assert set(cases) == {"de", "da", "en"}
    assert cases["da"].family_name == "Sørensen"
    for case in cases.values():
        assert Person.objects.filter(case=case, role="child").count() >= 1
        assert Person.objects.filter(case=case, role__in=["parent", "caregiver"]).count() >= 1
    assert not visible_cases(users["other-caseworker"]).filter(organisation__name="Demo").exists()
    # and the Perspektivklärung: a toddler in care; the closed history is counted in test_demo_history.py
    assert visible_cases(users["demo-teamlead"]).exclude(status=CaseStatus.CLOSED).count() == 4
    assert visible_cases(users["demo-teamlead"]).filter(reference__startswith=HISTORY_PREFIX).count() == len(
        HISTORY_CASES)
    toddler = Case.objects.get(reference="JA-2026-0212")
    placement = toddler.placements.get()
    assert placement.child.first_name == "Emil" and placement.contacts.count() == 6


def test_seed_demo_is_idempotent_and_keeps_changes(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    Case.objects.filter(reference="JA-2026-0147").update(summary="geändert")
    counts = (User.objects.count(), Case.objects.count(), Person.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (User.objects.count(), Case.objects.count(), Person.objects.count()) == counts
    assert Case.objects.get(reference="JA-2026-0147").summary == "geändert"


def test_the_demo_password_comes_from_the_environment(db, settings):
    settings.SAFEHOLD_DEMO_PASSWORD = "another demo pass"
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert User.objects.get(username="demo-auditor").check_password("another demo pass")


@override_settings(SAFEHOLD_ALLOW_DEMO_USERS=False)
def test_seed_demo_is_refused_in_production_settings(db):
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_production_settings_switch_demo_users_off(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    production = importlib.import_module("config.settings.production")
    assert production.SAFEHOLD_ALLOW_DEMO_USERS is False
    assert production.DEBUG is False and production.SESSION_COOKIE_SECURE
