"""A team lead reads the outcome report for their team, as issue 15 asks: opens it from the menu, switches the
period, and downloads the table as CSV (axe checks each page)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from e2e.support import login


def _children_in_total(page: Page) -> str:
    return page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Total", exact=True)) \
        .get_by_role("cell").first.inner_text()


def test_the_team_lead_reads_the_outcome_report_switches_the_period_and_downloads_it(page: Page) -> None:
    login(page, "demo-teamlead")
    page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Outcomes for the children").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes for the children")

    # The demo's closed history lies in the last 18 months: the team's children, most kept at home.
    today = date.today()
    page.get_by_label("Team").select_option(label="Team Nord")
    page.get_by_label("From").fill((today - timedelta(days=550)).isoformat())
    page.get_by_label("To").fill(today.isoformat())
    page.get_by_role("button", name="Show").click()
    kept = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Kept at home with the family's and network's help"))
    expect(kept).to_have_count(1)
    expect(page.locator("figure svg")).to_have_count(1)
    over_eighteen_months = int(_children_in_total(page))
    assert over_eighteen_months >= 20

    # A shorter period counts fewer children, and the page says which period it shows.
    start = today - timedelta(days=60)
    page.get_by_label("From").fill(start.isoformat())
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text(f"From {start:%d/%m/%Y} to {today:%d/%m/%Y}")).to_be_visible()
    expect(page.get_by_label("From")).to_have_value(start.isoformat())
    shown = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Total", exact=True))
    if shown.count():
        assert int(_children_in_total(page)) < over_eighteen_months

    # The CSV holds the same table for the same period and team.
    page.get_by_label("From").fill((today - timedelta(days=550)).isoformat())
    page.get_by_role("button", name="Show").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["Outcome", "Children"]
    by_outcome = {row[0]: row[1] for row in rows[1:]}
    assert by_outcome["Total"] == str(over_eighteen_months)
    assert int(by_outcome["Kept at home with the family's and network's help"]) > 0
    assert download.value.suggested_filename.endswith(".csv")
