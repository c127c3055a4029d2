def test_logged_in_pages_are_never_cached(caseworker, case, client_for):
    response = client_for(caseworker).get(f"/cases/{case.pk}/")
    assert response["Cache-Control"] == "no-store"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_forbid_inline_scripts_and_framing(client, db):
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"


def test_an_unknown_api_path_answers_json(client, db):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "errors": {}}


def test_an_unknown_page_answers_the_translated_404_page(client, db):
    response = client.get("/nothing-here/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 404
    assert "Nicht gefunden" in response.content.decode()
