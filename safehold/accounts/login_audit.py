"""What a failed password check leaves in the audit trail, whichever page or API asked: the login page, the API's
token exchange, the Django admin's login and the password-change form all check through authenticate(), whose
failure django-axes counts towards the lockout and then Django signals here (receivers connected in apps.py).

- Each failure counted towards the lockout: LOGIN_FAILED (PASSWORD_FAILED on the password-change form).
- The failure that reaches the limit: LOCKOUT besides.
- Attempts refused while locked out are not checked at all; they leave one LOCKOUT per account (or, for a user
  name no account has, per address) and cool-off time, so that a flood cannot fill the disk. The failures
  before are bounded by the lockout itself, per account and per address.

What was typed as the user name is input, perhaps a password typed in the wrong field: it is never stored. When
it is an account's user name the record names that account (as who tried, in its organisation's trail); when it
is not, the record belongs to no organisation and says only from where. No password, ever.
"""

from __future__ import annotations

from axes.helpers import get_failure_limit
from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from safehold.accounts.models import User
from safehold.audit.context import current_origin
from safehold.audit.models import AuditEvent
from safehold.audit.services import Action, audit_record

# Set on the request by throttle.check_password: the failure is a wrong old password, not a failed login.
# The name of a request attribute, not a password.
PASSWORD_CHECK = "safehold_password_check"  # noqa: S105  # nosec B105


def login_failed(sender, credentials: dict, request: HttpRequest | None = None, **kwargs) -> None:
    """Receiver of django.contrib.auth's user_login_failed, connected after django-axes' own."""
    username = credentials.get("username")
    account = (User.objects.filter(username=username).only("pk", "username", "organisation_id").first()
               if isinstance(username, str) and username else None)
    locked = bool(getattr(request, "axes_locked_out", False))
    failures = getattr(request, "axes_failures_since_start", 0) or 0
    detail = {"route": _route(request)}
    if locked and failures > get_failure_limit(request, credentials):
        _locked_out_again(account, detail)
        return
    action = Action.PASSWORD_FAILED if getattr(request, PASSWORD_CHECK, False) else Action.LOGIN_FAILED
    _record(account, action, detail)
    if locked:
        _record(account, Action.LOCKOUT, {**detail, "failures": failures})


def _route(request: HttpRequest | None) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else ""


def _record(account: User | None, action: str, detail: dict) -> None:
    audit_record(actor=account, action=action, object_type="accounts.user",
                 obj=account, organisation_id=account.organisation_id if account else None, detail=detail)


def _locked_out_again(account: User | None, detail: dict) -> None:
    """An attempt refused during a lockout: recorded once per account (or address) and cool-off time."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    earlier = AuditEvent.objects.filter(action=Action.LOCKOUT, at__gte=since, object_type="accounts.user")
    if account is not None:
        earlier = earlier.filter(object_id=str(account.pk))
    else:
        earlier = earlier.filter(organisation__isnull=True, object_id="",
                                 client_address=current_origin().client_address)
    if not earlier.exists():
        _record(account, Action.LOCKOUT, {**detail, "during_lockout": True})
