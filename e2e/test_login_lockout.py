"""Guessing passwords gets an account and an address blocked (django-axes, AXES_FAILURE_LIMIT = 5).

The block also holds for the address every browser test logs in from, so this test runs last and lifts
the block afterwards.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from e2e.server import Server
from e2e.support import submit_login, unique

FAILURE_LIMIT = 5  # config/settings/base.py, SAFEHOLD_LOGIN_FAILURE_LIMIT
COOLOFF_MINUTES = 15  # SAFEHOLD_LOGIN_COOLOFF_MINUTES


def _is_login_post(response) -> bool:
    return response.request.method == "POST" and response.url.endswith("/accounts/login/")


@pytest.mark.runs_last
def test_repeated_wrong_passwords_show_the_lockout_message(page: Page, server: Server) -> None:
    username = unique("nobody")  # not a demo user: they stay usable
    try:
        for _attempt in range(FAILURE_LIMIT - 1):
            with page.expect_response(_is_login_post) as answer:
                submit_login(page, username, "not-the-password")
            assert answer.value.status == 200
            expect(page.get_by_role("alert")).to_contain_text("Please enter a correct username and password.")

        with page.expect_response(_is_login_post) as answer:
            submit_login(page, username, "not-the-password")
        assert answer.value.status == 429
        alert = page.get_by_role("alert")
        expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed logins")
        expect(alert).to_contain_text(f"Try again in {COOLOFF_MINUTES} minutes")
        expect(page).to_have_title("Too many failed logins · Safehold")
    finally:
        server.manage("axes_reset")
