"""Fast, deterministic settings for the test suite (SQLite, or PostgreSQL through DATABASE_URL)."""

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

SECRET_KEY = "test-only-secret-key-not-for-any-deployment"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SAFEHOLD_ALLOW_DEMO_USERS = True
TIME_ZONE = "Europe/Berlin"
# Serve static files from the finders and look them up per request: no scan of STATIC_ROOT at start-up,
# which another process (collectstatic for the browser tests) may be rewriting at the same time.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Uploads made by tests land under var/ (ignored by git), never in the real private_media/.
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private-media"
