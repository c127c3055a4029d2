def test_a_user_s_language_choice_is_remembered_across_sessions(caseworker, client_for):
    client = client_for(caseworker)
    response = client.post("/accounts/language/", {"language": "da", "next": "/cases/"})
    assert response["Location"] == "/cases/"
    caseworker.refresh_from_db()
    assert caseworker.language == "da"
    fresh = client_for(caseworker)  # another device: no cookie, the profile decides
    page = fresh.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="da"' in page
    assert "Mit arbejde" in page


def test_an_anonymous_visitor_switches_by_cookie(client, db):
    response = client.post("/accounts/language/", {"language": "de", "next": "/accounts/login/"})
    assert response.cookies["safehold_language"].value == "de"
    page = client.get("/accounts/login/").content.decode()
    assert '<html lang="de"' in page
    assert "Anmelden" in page or "Einloggen" in page


def test_an_unknown_language_changes_nothing(caseworker, client_for):
    client_for(caseworker).post("/accounts/language/", {"language": "xx", "next": "/"})
    caseworker.refresh_from_db()
    assert caseworker.language == ""


def test_dates_follow_the_language(caseworker, case, client_for):
    case.opened_on = case.opened_on.replace(year=2026, month=3, day=9)
    case.save()
    client = client_for(caseworker)
    client.post("/accounts/language/", {"language": "de", "next": "/"})
    assert "09.03.2026" in client.get(f"/cases/{case.pk}/").content.decode()
    client.post("/accounts/language/", {"language": "en", "next": "/"})
    assert "09/03/2026" in client.get(f"/cases/{case.pk}/").content.decode()
