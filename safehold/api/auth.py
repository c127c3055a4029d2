from django.utils import translation
from ninja.security import HttpBearer

from safehold.accounts.services import token_authenticate


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`, a token from POST /api/v1/auth/token."""

    def authenticate(self, request, token: str):
        user = token_authenticate(token)
        if user is None:
            return None
        request.user = user
        if user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return user
