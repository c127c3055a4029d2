"""The language picked on the login page goes on after the login, unless the user chose another one."""

import importlib

from django.apps import apps

from safehold.accounts import services
from safehold.accounts.models import User

PASSWORD = "correct horse battery staple"


def _given(user, language: str, *, chosen: bool) -> User:
    User.objects.filter(pk=user.pk).update(language=language, language_chosen=chosen)
    user.refresh_from_db()
    return user


def _log_in_after_picking(client, language: str):
    """Pick `language` on the login page, then log in as alice."""
    client.post("/accounts/language/", {"language": language, "next": "/accounts/login/"})
    assert f'<html lang="{language}"' in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    return client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_danish_picked_on_the_login_page_stays_after_the_login(caseworker, client):
    page = _log_in_after_picking(client, "da")
    assert '<html lang="da"' in page
    assert "Mit arbejde" in page
    caseworker.refresh_from_db()
    assert (caseworker.language, caseworker.language_chosen) == ("da", True)  # and on the next device too


def test_a_language_only_set_for_the_user_gives_way_to_the_login_page_s(caseworker, client):
    _given(caseworker, "en", chosen=False)  # e.g. created with one by a set-up command
    assert '<html lang="da"' in _log_in_after_picking(client, "da")
    caseworker.refresh_from_db()
    assert caseworker.language == "da"


def test_a_language_the_user_chose_in_safehold_wins_over_the_login_page_s(caseworker, client):
    _given(caseworker, "de", chosen=True)
    page = _log_in_after_picking(client, "da")
    assert '<html lang="de"' in page
    caseworker.refresh_from_db()
    assert (caseworker.language, caseworker.language_chosen) == ("de", True)


def test_without_a_pick_on_the_login_page_the_profile_s_language_stays(caseworker, client):
    _given(caseworker, "en", chosen=False)
    client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert '<html lang="en"' in client.get("/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    caseworker.refresh_from_db()
    assert (caseworker.language, caseworker.language_chosen) == ("en", False)


def test_switching_language_when_logged_in_counts_as_the_user_s_choice(caseworker, client_for):
    _given(caseworker, "en", chosen=False)
    client_for(caseworker).post("/accounts/language/", {"language": "en", "next": "/"})
    caseworker.refresh_from_db()
    assert (caseworker.language, caseworker.language_chosen) == ("en", True)


def test_an_unknown_login_language_changes_nothing(caseworker):
    assert services.user_take_login_language(user=caseworker, language="xx") is False
    caseworker.refresh_from_db()
    assert (caseworker.language, caseworker.language_chosen) == ("", False)


def test_existing_users_languages_count_as_chosen_except_the_demo_users(caseworker, consultant, team_lead):
    _given(caseworker, "da", chosen=False)
    _given(consultant, "en", chosen=False)
    User.objects.filter(pk=consultant.pk).update(is_demo=True)
    migration = importlib.import_module("safehold.accounts.migrations.0002_user_language_chosen")
    migration.mark_chosen(apps, None)
    assert User.objects.get(pk=caseworker.pk).language_chosen is True  # a real user's switch
    assert User.objects.get(pk=consultant.pk).language_chosen is False  # set for a demo user
    assert User.objects.get(pk=team_lead.pk).language_chosen is False  # never set
