"""Codes of an authenticator app, for tests."""

from __future__ import annotations

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from safehold.accounts import mfa
from safehold.accounts.models import User


def totp_code(device: TOTPDevice, offset_steps: int = 0) -> str:
    """The code the app shows now, or `offset_steps` steps later (a code is accepted once per step)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():06d}"


def enrol(user: User) -> tuple[TOTPDevice, list[str]]:
    """Set up an authenticator for `user` through the services; its device and the recovery codes."""
    device = mfa.mfa_device_start(user=user)
    codes = mfa.mfa_confirm(user=user, token=totp_code(device))
    device.refresh_from_db()
    return device, codes
