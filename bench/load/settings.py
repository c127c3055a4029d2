"""Settings for `make bench`: Safehold's own (config/settings/base.py) as a server runs them, plus two reference
views (bench/load/urls.py) that only the benchmark serves.

What differs from production, and why:
- plain HTTP on 127.0.0.1, so the cookies are not marked Secure and there is no redirect to HTTPS;
- the URLconf adds /bench/l2 and /bench/l2-login in front of the project's URLs;
- SECRET_KEY and DATABASE_URL come from bench/load/run.py (a new key each run).
Everything else is base.py's: full middleware, PBKDF2 passwords, django-axes on (it counts failed logins only, and
the benchmark's users log in with their right password), two-factor authentication as the organisation asks (the
generated organisation does not require it and its workers have none: no second factor to pass).
"""

from config.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
ROOT_URLCONF = "bench.load.urls"
