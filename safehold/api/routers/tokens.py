from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status

from safehold.accounts import services
from safehold.accounts.lockout import lockout_response
from safehold.accounts.selectors import user_token, user_tokens
from safehold.api.errors import error_body
from safehold.api.schemas import Error, TokenInfo, TokenOut, TokenRequest
from safehold.core.http import ApiRequest

router = Router(tags=["auth"])


@router.post("/token", auth=None, response={200: TokenOut, 400: Error, 401: Error, 429: Error})
def token_create(request: HttpRequest, payload: TokenRequest, response: HttpResponse):
    """Exchange a user name and password for a bearer token. Failed attempts count towards the lockout."""
    # The answer holds a secret: no cache, browser or proxy, may keep it (logged-in pages get this from
    # core.middleware, but here nobody is logged in yet).
    response["Cache-Control"] = "no-store"
    user = authenticate(request, username=payload.username, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        return lockout_response(request)
    if user is None:
        return Status(401, error_body(_("Wrong user name or password.")))
    try:
        token, key = services.token_exchange(user=user, otp=payload.otp, name=payload.name)
    except services.TokenRefused as refusal:
        return Status(401, error_body(refusal.message, refusal.errors))
    # A token exchange is a login: tell django-axes, as login() would for the web, so that
    # AXES_RESET_ON_SUCCESS clears the failures (and Django notes last_login) without starting a session.
    user_logged_in.send(sender=type(user), request=request, user=user)
    return Status(200, {"token": key, "expires_at": token.expires_at})


@router.get("/tokens", response={200: list[TokenInfo], 401: Error})
def token_list(request: ApiRequest):
    """Your own tokens (never their secret)."""
    return Status(200, list(user_tokens(user=request.auth)))


@router.delete("/tokens/{token_id}", response={204: None, 400: Error, 401: Error, 404: Error})
def token_revoke(request: ApiRequest, token_id: int):
    token = user_token(user=request.auth, token_id=token_id)
    services.token_revoke(user=request.auth, token=token)
    return Status(204, None)
