"""Browsers ask for /favicon.ico on every site: it leads to Safehold's icon, which every page links."""

from django.contrib.staticfiles import finders


def test_favicon_ico_leads_to_the_icon_for_anyone(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/safehold/favicon.svg"
    assert finders.find("safehold/favicon.svg")


def test_favicon_ico_is_reachable_half_logged_in(caseworker, client):
    """Before the second factor every page leads to the code form; the icon is no page."""
    caseworker.organisation.require_mfa = True
    caseworker.organisation.save()
    client.force_login(caseworker)
    assert client.get("/favicon.ico")["Location"] == "/static/safehold/favicon.svg"


def test_every_page_links_the_icon(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/static/safehold/favicon.svg" type="image/svg+xml">' in page
