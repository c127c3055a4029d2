"""Django's deployment checklist (`manage.py check --deploy`) passes clean with the production settings.

Run as its own process: the production settings are read once, at start-up, from the environment."""

import os
import secrets
import subprocess
import sys

from config.env import BASE_DIR

# What an operator might have set in this shell and that would loosen the production defaults.
LOOSENING = ("DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "BEHIND_PROXY")


def _check_deploy(secret_key: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if name not in LOOSENING}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": secret_key}
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


def test_check_deploy_prints_no_warning_with_production_settings_and_a_strong_key():
    result = _check_deploy(secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr
