"""Django's deployment checklist (`manage.py check --deploy`) passes clean with the production settings, and the
cookies it does not check (the language cookie) are set as strictly as those it does.

Run as its own process: the production settings are read once, at start-up, from the environment."""

import json
import os
import secrets
import subprocess
import sys

from config.env import BASE_DIR

# What an operator might have set in this shell and that would loosen the production defaults.
LOOSENING = ("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "BEHIND_PROXY")


def _production_env(secret_key: str) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in LOOSENING}
    return env | {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": secret_key}


def _check_deploy(secret_key: str) -> subprocess.CompletedProcess:
    env = _production_env(secret_key)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_check_deploy_prints_no_warning_with_production_settings_and_a_strong_key():
    result = _check_deploy(secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


COOKIE_SETTINGS = [f"{cookie}_COOKIE_{flag}" for cookie in ("SESSION", "CSRF", "LANGUAGE")
                   for flag in ("SECURE", "HTTPONLY", "SAMESITE")]
READ_SETTINGS = ("import json, sys\nfrom django.conf import settings\n"
                 "print(json.dumps({name: getattr(settings, name) for name in sys.argv[1:]}))")


def test_the_language_cookie_is_secure_httponly_and_lax_like_the_session_cookie() -> None:
    result = subprocess.run(
        [sys.executable, "-c", READ_SETTINGS, *COOKIE_SETTINGS], cwd=BASE_DIR,
        env=_production_env(secrets.token_urlsafe(50)), capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    cookies = json.loads(result.stdout)
    assert (cookies["LANGUAGE_COOKIE_SECURE"], cookies["LANGUAGE_COOKIE_HTTPONLY"],
            cookies["LANGUAGE_COOKIE_SAMESITE"]) == (True, True, "Lax")
    assert (cookies["SESSION_COOKIE_SECURE"], cookies["SESSION_COOKIE_HTTPONLY"],
            cookies["SESSION_COOKIE_SAMESITE"]) == (True, True, "Lax")
    assert cookies["CSRF_COOKIE_SECURE"] is True
