"""Who gets a password-reset link: throttled per account and per client address, audited, and answered the same
way whether an account has the address or not (the page always says "if an account has this address…")."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safehold.accounts.models import PasswordResetRequest, User
from safehold.audit.context import current_origin
from safehold.audit.services import Action, audit_record

WINDOW = timedelta(hours=1)


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def reset_accounts(email: str) -> list[User]:
    """The accounts a link for `email` may go to: as Django's PasswordResetForm finds them (active, with a
    usable password, the address the same but for case)."""
    folded = _folded(email)
    return [user for user in User.objects.filter(email__iexact=email, is_active=True).order_by("pk")
            if user.has_usable_password() and _folded(user.email) == folded]


@transaction.atomic
def reset_recipients(*, email: str) -> list[User]:
    """Record a request for a reset link to `email`; return the accounts a link goes to now.

    At most SAFEHOLD_PASSWORD_RESETS_PER_ACCOUNT links an hour go to one account, and at most
    SAFEHOLD_PASSWORD_RESETS_PER_ADDRESS requests an hour from one client address are answered. Each request
    within the limits, and the first beyond one, is audited as PASSWORD_RESET (the account asked for, or none;
    never the address typed in); later ones beyond it leave nothing, so a flood neither sends e-mail nor fills
    the disk.
    """
    now = timezone.now()
    PasswordResetRequest.objects.filter(at__lt=now - WINDOW).delete()  # an hour is all the throttle needs
    address = current_origin().client_address
    from_address = PasswordResetRequest.objects.filter(client_address=address).count()
    if from_address > settings.SAFEHOLD_PASSWORD_RESETS_PER_ADDRESS:
        return []
    address_limited = from_address >= settings.SAFEHOLD_PASSWORD_RESETS_PER_ADDRESS
    accounts = reset_accounts(email)
    if not accounts:
        _record(address, None, limited=address_limited)
        return []
    recipients = []
    for account in accounts:
        for_account = PasswordResetRequest.objects.filter(user=account).count()
        if for_account > settings.SAFEHOLD_PASSWORD_RESETS_PER_ACCOUNT:
            continue
        limited = address_limited or for_account >= settings.SAFEHOLD_PASSWORD_RESETS_PER_ACCOUNT
        _record(address, account, limited=limited)
        if not limited:
            recipients.append(account)
    return recipients


def _record(address: str | None, account: User | None, *, limited: bool) -> None:
    PasswordResetRequest.objects.create(client_address=address, user=account)
    audit_record(actor=None, action=Action.PASSWORD_RESET, obj=account, object_type="accounts.user",
                 organisation_id=account.organisation_id if account else None, detail={"limited": limited})
