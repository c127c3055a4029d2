from safehold.accounts.models import ApiToken


def test_a_user_creates_a_token_that_is_shown_once_and_stored_hashed(caseworker, client_for):
    client = client_for(caseworker)
    assert client.post("/accounts/profile/", {"name": "Berichte", "password": "wrong"}).context["new_key"] is None
    response = client.post("/accounts/profile/", {"name": "Berichte", "password": "correct horse battery staple"})
    key = response.context["new_key"]
    token = ApiToken.objects.get(user=caseworker)
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    assert key not in client.get("/accounts/profile/").content.decode()
    assert client.get("/api/v1/cases", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def test_a_user_revokes_their_own_token_only(caseworker, colleague, client_for):
    client_for(caseworker).post("/accounts/profile/", {"name": "mine", "password": "correct horse battery staple"})
    token = ApiToken.objects.get(user=caseworker)
    assert client_for(colleague).post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    client_for(caseworker).post(f"/accounts/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
