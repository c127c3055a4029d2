"""The picture of a case page in the README comes from here, so it shows what the code renders today."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from e2e.support import login

SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot-case.png"


def test_screenshot_of_the_demo_case_page_for_the_readme(page: Page) -> None:
    login(page, "demo-caseworker")
    page.goto("/cases/")
    page.get_by_role("link", name="JA-2026-0147", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Becker")
    page.evaluate("document.fonts.ready.then(() => true)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=SCREENSHOT, full_page=True)
    assert SCREENSHOT.stat().st_size > 10_000
