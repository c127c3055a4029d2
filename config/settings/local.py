"""`make run` and development: gunicorn and whitenoise on one machine, demo users allowed."""

import secrets

from config.env import BASE_DIR, env_str

from .base import *  # noqa: F403


def _local_secret_key() -> str:
    """A key made once per checkout and kept in var/, so sessions survive a restart."""
    path = BASE_DIR / "var" / "secret_key"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _local_secret_key()
