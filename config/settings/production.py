"""Production: everything from the environment; no demo users; HTTPS only."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment.")

DEBUG = False
SAFEHOLD_ALLOW_DEMO_USERS = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The language cookie as the session cookie (HttpOnly and SameSite=Lax in base.py): HTTPS only, out of reach of
# scripts, not sent on cross-site requests. `check --deploy` does not look at it: test_deploy_check.py does.
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Lets browsers ship the domain as HTTPS-only (hstspreload.org); the list itself takes a submission by the operator.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
