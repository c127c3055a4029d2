"""Settings shared by every environment. Environments differ only by what config/env.py reads."""

from datetime import timedelta
from typing import Literal

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, database_from_env, env_bool, env_int, env_list, env_str, replica_from_env

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "safehold.core",
    "safehold.accounts",
    "safehold.audit",
    "safehold.cases",
    "safehold.meetings",
    "safehold.mapping",
    "safehold.safety_plans",
    "safehold.uploads",
    "safehold.child_voice",
    "safehold.words_pictures",
    "safehold.network",
    "safehold.perspective",
    "safehold.screening",
    "safehold.resources",
    "safehold.reports",
    "safehold.subject_access",
    "safehold.retention",
    "safehold.organisation",
    "safehold.api",
    "safehold.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "safehold.accounts.middleware.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "safehold.accounts.middleware.UserLanguageMiddleware",
    "safehold.accounts.middleware.MfaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "safehold.accounts.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "safehold.audit.middleware.AuditContextMiddleware",
    "safehold.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "safehold.accounts.context_processors.navigation",
            ],
        },
    },
]

# Django's form renderer, but selects are written in Python: a template per option was most of a long form's time.
FORM_RENDERER = "safehold.core.form_renderer.FormRenderer"

DATABASES = {"default": database_from_env()}
# A streaming replica, where there is one, serves the reports' reads (safehold/core/db_router.py).
if (_replica := replica_from_env()) is not None:
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["safehold.core.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rendered case pages (safehold/core/fragment_cache.py). They hold case data, so they stay in each worker's
    # memory: no new store to protect or erase. Bounded: 300 pages of about 30 KB, for 5 minutes at most.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "TIMEOUT": env_int("SAFEHOLD_FRAGMENT_SECONDS", 300),
        "OPTIONS": {"MAX_ENTRIES": 300},
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # axes first: it refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "safehold.accounts.backends.SafeholdBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
OTP_TOTP_ISSUER = "Safehold"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "start:my_work"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions end after a period of inactivity: tablets are left lying around in family homes.
SESSION_IDLE_MINUTES = env_int("SAFEHOLD_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
# The session's expiry moves on with each request, written at most once a minute (SessionRefreshMiddleware):
# writing it on every request cut a logged-in server's throughput to a quarter (docs/PERFORMANCE.md).
SESSION_SAVE_EVERY_REQUEST = False
SAFEHOLD_SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# However active, a session ends this many hours after the login; and all of a user's sessions end when the
# password changes, the account is disabled or an admin ends them (safehold/accounts/sessions.py).
SAFEHOLD_SESSION_MAX_HOURS = env_int("SAFEHOLD_SESSION_MAX_HOURS", 10)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # htmx reads the token from the page (hx-headers), never from the cookie

# Throttling of failed logins, per account and, separately, per client address.
AXES_FAILURE_LIMIT = env_int("SAFEHOLD_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SAFEHOLD_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "safehold.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# How many reverse proxies in front of Safehold append to X-Forwarded-For (0: clients connect directly).
# The audit trail and the per-address throttling read the client's address the same way.
SAFEHOLD_TRUSTED_PROXIES = env_int("SAFEHOLD_TRUSTED_PROXIES", 0)
AXES_CLIENT_IP_CALLABLE = "safehold.audit.middleware.client_address"
# Password-reset links sent per hour, per account and per client address (an office may share one address).
SAFEHOLD_PASSWORD_RESETS_PER_ACCOUNT = env_int("SAFEHOLD_PASSWORD_RESETS_PER_ACCOUNT", 3)
SAFEHOLD_PASSWORD_RESETS_PER_ADDRESS = env_int("SAFEHOLD_PASSWORD_RESETS_PER_ADDRESS", 10)

LANGUAGE_CODE = "en"
LANGUAGES = [("de", _("German")), ("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "safehold_language"
LANGUAGE_COOKIE_SAMESITE: Literal["Lax", "Strict", "None", False] = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Berlin")

STATIC_URL = "static/"
STATIC_ROOT = env_str("STATIC_ROOT") or BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded drawings, pictures and PDFs: outside static files and never served by URL, only through
# the permission-checked, audited view in safehold/uploads/views.py.
PRIVATE_MEDIA_ROOT = env_str("PRIVATE_MEDIA_ROOT") or BASE_DIR / "private_media"
UPLOAD_MAX_BYTES = env_int("SAFEHOLD_UPLOAD_MAX_BYTES", 15 * 1024 * 1024)
# Larger pictures are refused before they are decoded (decompression bombs; safehold/uploads/pictures.py).
UPLOAD_MAX_PIXELS = env_int("SAFEHOLD_UPLOAD_MAX_PIXELS", 40_000_000)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "safehold@localhost")

SECURE_CONTENT_TYPE_NOSNIFF = True
# Same-origin only: other sites never learn an address (which could hold a searched name). "no-referrer"
# would be stricter but makes browsers send "Origin: null" on form posts, which CSRF protection refuses.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Demo users (seed_demo) may log in only where this is on; production settings switch it off.
SAFEHOLD_ALLOW_DEMO_USERS = env_bool("SAFEHOLD_ALLOW_DEMO_USERS", True)
SAFEHOLD_DEMO_PASSWORD = env_str("SAFEHOLD_DEMO_PASSWORD", "safehold-demo")
SAFEHOLD_CASES_PER_PAGE = 25
SAFEHOLD_API_TOKEN_DAYS = env_int("SAFEHOLD_API_TOKEN_DAYS", 90)
# /api/v1/openapi.json for everyone, not only token holders and logged-in users (safehold/api/openapi.py).
SAFEHOLD_PUBLIC_API_SCHEMA = env_bool("SAFEHOLD_PUBLIC_API_SCHEMA", False)

# The case page, top to bottom: the section each practice tool adds (safehold.cases.sections.CaseSection).
SAFEHOLD_CASE_SECTIONS = [
    "safehold.mapping.sections.SECTION",
    "safehold.screening.sections.SECTION",
    "safehold.child_voice.sections.SECTION",
    "safehold.safety_plans.sections.SECTION",
    "safehold.network.sections.SECTION",
    "safehold.perspective.sections.SECTION",
    "safehold.resources.sections.SECTION",
    "safehold.meetings.sections.SECTION",
    "safehold.words_pictures.sections.SECTION",
]
# How many rules of the safety plan in force each person holds, for the network's pictures (the network sits
# below the safety plan and does not import it): a callable (case) -> {person_id: rules}.
SAFEHOLD_RULES_HELD = "safehold.safety_plans.network_badges.rules_held"
# Where each child of a case lives while a placement runs (with its carers, not its parents), for the network's
# pictures and the child's voice (both sit below the Perspektivklärung): a callable (case, on=date) ->
# {child_id: safehold.network.homes.CareHome}, in one query.
SAFEHOLD_CARE_HOMES = "safehold.perspective.carers.current_homes"
# What stands beside the map's three columns, from tools above the map (safehold.mapping.panels.MapPanel).
SAFEHOLD_MAP_PANELS = ["safehold.child_voice.beside_map.PANEL"]
# What the tools above the case show on a person's page and edit form (their ties in the network's register):
# callables (case, person, may) -> SafeString (safehold.network.person_panel.person_ties).
SAFEHOLD_PERSON_PANELS = ["safehold.network.person_panel.person_ties"]
# What closing a case ends in the tools above it (safehold.cases.closing.ClosingEffect).
SAFEHOLD_CASE_CLOSING = ["safehold.safety_plans.closing.CLOSING"]
# What the tools above the meetings show on a meeting's page (the Hilfeplan of a care-plan meeting):
# callables (case, meeting, may) -> SafeString.
SAFEHOLD_MEETING_PANELS = ["safehold.perspective.meeting_panel.help_plan_panel"]
# What each tool holds about one person, for the export of a data subject's right of access
# (safehold.cases.subject_records.SubjectData); the files come last: they list what the others named.
SAFEHOLD_SUBJECT_DATA = [
    "safehold.cases.subject_data.SUBJECT_DATA",
    "safehold.network.subject_data.SUBJECT_DATA",
    "safehold.meetings.subject_data.SUBJECT_DATA",
    "safehold.mapping.subject_data.SUBJECT_DATA",
    "safehold.screening.subject_data.SUBJECT_DATA",
    "safehold.child_voice.subject_data.SUBJECT_DATA",
    "safehold.safety_plans.subject_data.SUBJECT_DATA",
    "safehold.words_pictures.subject_data.SUBJECT_DATA",
    "safehold.perspective.subject_data.SUBJECT_DATA",
    "safehold.resources.subject_data.SUBJECT_DATA",
    "safehold.uploads.subject_data.SUBJECT_DATA",
]
# What the tools report on the start page as needing attention (safehold.cases.sections.AttentionProvider).
SAFEHOLD_ATTENTION = [
    "safehold.cases.attention.stale_referrals",
    "safehold.safety_plans.attention.plan_warnings",
    "safehold.perspective.attention.perspective_deadlines",
    "safehold.resources.attention.referral_follow_ups",
]

# A refused request (403, 404, 400) is one line without a traceback; a 500 keeps its traceback. The filter sits
# on django.request, where Django logs refusals (so every handler sees the short record), and on the handler
# for the django.security.* loggers, one per kind of suspicious request.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_without_traceback": {"()": "safehold.core.log_filters.RefusalsWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals_without_traceback"]}},
    "loggers": {"django.request": {"filters": ["refusals_without_traceback"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
