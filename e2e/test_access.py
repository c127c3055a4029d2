"""Who may see what, seen from the browser: another organisation's worker, and an auditor."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from e2e.server import Server
from e2e.support import login

DEMO_CASE = "JA-2026-0147"  # family Becker, children Mia and Leon (safehold/demo/seed.py)
DEMO_CASE_CONTENT = ["Becker", "Mia", "Leon", "Kita Sonnenblume"]


def _expect_no_case_content(page: Page) -> None:
    for text in DEMO_CASE_CONTENT:
        expect(page.locator("body")).not_to_contain_text(text)


def test_other_organisation_cannot_open_a_demo_case(page: Page, server: Server) -> None:
    case_path = server.case_path(DEMO_CASE)
    login(page, "other-caseworker")

    for path in (case_path, f"{case_path}edit/", f"{case_path}access-log/"):
        response = page.goto(path)
        assert response is not None and response.status == 404, f"{path}: {response and response.status}"
        expect(page.get_by_role("heading", level=1)).to_have_text("Not found")
        _expect_no_case_content(page)

    page.goto("/cases/")
    page.get_by_label("Search").fill("Becker")
    expect(page.locator("#case-count")).to_have_text("0 cases")


def test_auditor_sees_the_trail_but_no_case_content(page: Page, server: Server) -> None:
    case_path = server.case_path(DEMO_CASE)
    login(page, "demo-auditor")
    expect(page.get_by_text("Your role gives you no access to case content.")).to_be_visible()
    nav = page.get_by_role("navigation", name="Main menu")
    expect(nav.get_by_role("link", name="Cases")).to_have_count(0)

    nav.get_by_role("link", name="Audit trail").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Audit trail")
    page.get_by_label("Case reference").fill(DEMO_CASE)
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text(DEMO_CASE)
    assert rows.count() > 5, "the demo case's creation, people and status changes are on record"
    expect(rows.filter(has_not_text=DEMO_CASE)).to_have_count(0)
    _expect_no_case_content(page)

    page.goto(f"{case_path}access-log/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Access log")
    expect(page.locator(".kern-preline")).to_have_text(f"Case {DEMO_CASE}")
    expect(page.locator("table tbody tr").first).to_be_visible()
    _expect_no_case_content(page)

    for path in (case_path, "/cases/"):
        response = page.goto(path)
        assert response is not None and response.status == 403, f"{path}: {response and response.status}"
        _expect_no_case_content(page)
