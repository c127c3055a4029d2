"""The organisation admin's pages and two-factor set-up, as a person uses them (axe checks each page)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.server import Server
from e2e.support import login, switch_language, translated, unique


def test_the_admin_manages_teams_and_the_list_of_legal_bases(page: Page) -> None:
    login(page, "demo-admin")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Organisation").click()
    expect(page.get_by_role("cell", name="demo-caseworker", exact=True)).to_be_visible()
    page.get_by_role("link", name="Teams").click()
    page.get_by_label("Team name").fill("Team Süd")
    page.get_by_role("button", name="Add the team").click()
    expect(page.get_by_text("Team Süd")).to_be_visible()
    page.get_by_role("link", name="Legal bases").click()
    expect(page.get_by_role("cell", name="SGB VIII § 8a", exact=True)).to_be_visible()
    page.get_by_role("button", name="Add").click()  # empty: refused next to the fields
    expect(page.locator("#id_code_error")).to_be_visible()


def test_a_user_starts_two_factor_set_up_and_a_wrong_code_is_explained(page: Page) -> None:
    login(page, "demo-admin")
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Turn on").click()
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    page.get_by_role("textbox", name="Code").fill("000000")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator("#id_token_error")).to_be_visible()
    expect(page.get_by_role("textbox", name="Code")).to_have_attribute("aria-invalid", "true")


def _new_caseworker(server: Server, username: str, password: str) -> None:
    """A caseworker created with English set for them (as a set-up command does), who never chose a language."""
    server.manage("shell", "-c", (
        "from safehold.accounts.models import Organisation, Role, Team\n"
        "from safehold.accounts.services import user_create\n"
        "organisation = Organisation.objects.get(name='Demo')\n"
        "team = Team.objects.get(organisation=organisation, name='Team Nord')\n"
        f"user_create(actor=None, organisation=organisation, username={username!r}, first_name='Sofie',\n"
        f"            last_name='Holm', roles=[(Role.CASEWORKER, team)], password={password!r}, language='en')\n"
    ))


def test_danish_picked_on_the_login_page_stays_after_the_login(page: Page, other_page: Page, server: Server) -> None:
    username, password = unique("sofie").lower(), "Rugbrød-og-kaffe-2026"
    _new_caseworker(server, username, password)
    page.goto("/accounts/login/")
    switch_language(page, "da")
    expect(page.get_by_role("heading", level=1)).to_have_text(translated("Log in to Safehold", "da"))
    login(page, username, password)
    expect(page.locator("html")).to_have_attribute("lang", "da")
    nav = page.get_by_role("navigation", name=translated("Main menu", "da"))
    expect(nav.get_by_role("link", name=translated("My work", "da"), exact=True)).to_be_visible()

    # Chosen now, it is theirs on the next device too; a language picked there on the login page gives way.
    other_page.goto("/accounts/login/")
    switch_language(other_page, "de")
    login(other_page, username, password)
    expect(other_page.locator("html")).to_have_attribute("lang", "da")
