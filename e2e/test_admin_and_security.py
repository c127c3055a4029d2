"""The organisation admin's pages and two-factor set-up, as a person uses them (axe checks each page)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.support import login


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
