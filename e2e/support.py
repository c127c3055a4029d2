"""What the browser tests share: logging in, opening a case, switching language, and expected translations."""

from __future__ import annotations

import os
import re
import secrets

from playwright.sync_api import Page, expect

DEMO_PASSWORD = "safehold-demo"


def unique(prefix: str) -> str:
    """A value no earlier run has used, so tests can run against the same server again."""
    return f"{prefix}-{secrets.token_hex(3).upper()}"


def login(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the login form and wait until the app has let the user in."""
    submit_login(page, username, password)
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def submit_login(page: Page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()


def open_case(page: Page, *, reference: str, family_name: str) -> str:
    """Open a case through the "Open a case" form; return the case page's URL."""
    page.goto("/cases/new/")
    page.locator("#id_reference").fill(reference)
    page.locator("#id_family_name").fill(family_name)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(family_name)
    return page.url


def switch_language(page: Page, code: str) -> None:
    """Use the language switcher in the page header."""
    page.locator("header .sh-language").get_by_role("button", name=language_name(code), exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def _django() -> None:
    # Under pytest-django Django is set up already; without it, the test settings are enough for gettext.
    from django.apps import apps

    if not apps.ready:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        django.setup()


def language_name(code: str) -> str:
    """The name the switcher shows for a language, as Django spells it in that language."""
    _django()
    from django.utils.translation import get_language_info

    name = get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def translated(msgid: str, language: str = "de") -> str:
    """The catalogue's translation of `msgid`, read as the server reads it (locale/<language>/…/django.mo).

    Fails when the catalogue has no translation, so a page still in English cannot pass for a translated one.
    Pick msgids whose translation is a different word (not "Status" or "Team").
    """
    _django()
    from django.utils import translation

    with translation.override(language):
        text = translation.gettext(msgid)
    assert text != msgid, (
        f"No {language!r} translation of {msgid!r} in locale/{language}/LC_MESSAGES/django.po "
        "(or the catalogue is not compiled): the page cannot be checked for translated text."
    )
    return text
