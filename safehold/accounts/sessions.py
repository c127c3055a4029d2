"""The web sessions a user has open: when each began, from where, and ending them.

Django keeps a session's data and ends it after SESSION_IDLE_MINUTES without a request. Beside that:
- a session ends SAFEHOLD_SESSION_MAX_HOURS after the login, however active (a tablet left logged in all day);
- every session of a user ends when their `session_generation` moves on (sessions_end: the password changed,
  the account was disabled, an admin or the user ended them). The session holds the generation it began in, so
  checking both costs no query (SessionLifetimeMiddleware) and a session this module never linked ends too.
The idle timeout counts from the session's last write: a request writes it again when it was written a minute
ago or more (SAFEHOLD_SESSION_REFRESH_SECONDS, `session_refresh`), so a session ends between 29 and 30 minutes
after its last request, and most requests write nothing.
`UserSession` links a session to its user with what the profile lists; when it was last used is the session's
expiry less the idle time, so a request writes nothing here. This needs sessions in the database (Django's
default engine), which is what Safehold configures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.http import HttpRequest
from django.utils import timezone

from safehold.accounts.models import User, UserSession
from safehold.audit.context import current_origin
from safehold.audit.services import Action, audit_record

STARTED = "safehold_session_started"  # when the user logged in, as a POSIX timestamp
GENERATION = "safehold_session_generation"
REFRESHED = "_safehold_refreshed"  # when the session was last written to move its expiry on (epoch seconds)


class Ended(Enum):
    TOO_OLD = "too_old"  # SAFEHOLD_SESSION_MAX_HOURS since the login
    ENDED = "ended"  # the user's sessions were ended after this one began


# Why a user's sessions were ended, as the audit record's detail says.
BY_USER = "user"  # the user ended their other sessions
BY_ADMIN = "admin"  # an organisation admin ended them
# A reason, not a password.
PASSWORD_CHANGED = "password"  # noqa: S105  # nosec B105
DISABLED = "disabled"


def max_age() -> timedelta:
    return timedelta(hours=settings.SAFEHOLD_SESSION_MAX_HOURS)


def session_begin(request: HttpRequest, user: User) -> None:
    """A login: stamp the session with its start and the user's generation, and link it to the user.

    Called for every login() (the login page, the admin's, a test's force_login) through user_logged_in. The
    API's token exchange sends that signal too, without logging a session in: nothing happens then.
    """
    session = getattr(request, "session", None)
    if session is None or session.session_key is None or session.get(SESSION_KEY) != str(user.pk):
        return
    link, created = UserSession.objects.get_or_create(session_key=session.session_key, defaults={
        "user": user, "generation": user.session_generation, **_where(),
    })
    if not created:  # the API's token exchange on a browser session that is logged in already
        return
    session[STARTED] = link.started_at.timestamp()
    session[GENERATION] = user.session_generation
    session[REFRESHED] = int(link.started_at.timestamp())  # the login writes the session: its expiry is new
    # Links of sessions that are over by now, whoever's: they hold an address and a device.
    UserSession.objects.filter(started_at__lt=timezone.now() - max_age()).delete()


def logged_in(sender: type, request: HttpRequest, user: User, **kwargs: object) -> None:
    """Receiver of django.contrib.auth's user_logged_in (connected in apps.py)."""
    session_begin(request, user)


def _where() -> dict[str, object]:
    origin = current_origin()
    return {"client_address": origin.client_address, "user_agent": origin.user_agent}


def session_keep(request: HttpRequest, old_key: str | None = None) -> None:
    """Let this session live on after sessions_end(keep_key=…) ended the user's others, and after a new key
    (`old_key`: cycle_key, as after the second factor or a password change) keep its link."""
    session = request.session
    user = request.user
    if not isinstance(user, User):
        return
    user.refresh_from_db(fields=["session_generation"])  # sessions_end may have moved it on another copy
    session[GENERATION] = user.session_generation
    if old_key and session.session_key and old_key != session.session_key:
        UserSession.objects.filter(session_key=old_key, user=user).update(
            session_key=session.session_key, generation=user.session_generation)


def rekey(request: HttpRequest) -> None:
    """A new session key for the same session (after a step up, against session fixation), keeping its link."""
    old_key = request.session.session_key
    request.session.cycle_key()
    session_keep(request, old_key)


def session_ended(request: HttpRequest) -> Ended | None:
    """Has the logged-in session of this request come to its end?"""
    user = request.user
    if not isinstance(user, User):
        return None
    started = request.session.get(STARTED)
    if not isinstance(started, int | float) or request.session.get(GENERATION) != user.session_generation:
        return Ended.ENDED
    if timezone.now().timestamp() - started > max_age().total_seconds():
        return Ended.TOO_OLD
    return None


@dataclass(frozen=True)
class OpenSession:
    """One of the user's sessions as the profile lists it."""

    id: int
    started_at: datetime
    last_seen_at: datetime
    client_address: str | None
    user_agent: str
    current: bool


def user_sessions(*, user: User, current_key: str | None = None) -> list[OpenSession]:
    """The user's sessions that are still open, newest first, in one query."""
    now = timezone.now()
    expiry = Session.objects.filter(session_key=OuterRef("session_key")).values("expire_date")[:1]
    rows = (
        UserSession.objects.filter(user=user, generation=user.session_generation, started_at__gte=now - max_age())
        .annotate(expires=Subquery(expiry))
        .filter(expires__gt=now)
        .order_by("-started_at")
    )
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return [OpenSession(id=row.pk, started_at=row.started_at, last_seen_at=min(row.expires - idle, now),
                        client_address=row.client_address, user_agent=row.user_agent,
                        current=row.session_key == current_key) for row in rows]


@transaction.atomic
def sessions_end(*, actor: User | None, user: User, reason: str, keep_key: str | None = None) -> int:
    """End every web session of `user` but the one with `keep_key` (the caller's own, when the user ends their
    other sessions or changes their password); return how many were open. Audited as SESSIONS_ENDED.

    Moving the generation on ends them all, linked or not; the one kept is carried over by session_keep.
    Deleting the linked sessions removes their data at once.
    """
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    links = UserSession.objects.filter(user=user)
    if keep_key:
        links = links.exclude(session_key=keep_key)
        UserSession.objects.filter(user=user, session_key=keep_key).update(generation=user.session_generation)
    keys = list(links.values_list("session_key", flat=True))
    ended = Session.objects.filter(session_key__in=keys, expire_date__gt=timezone.now()).delete()[0]
    links.delete()
    audit_record(actor=actor, action=Action.SESSIONS_ENDED, obj=user, organisation_id=user.organisation_id,
                 detail={"reason": reason, "sessions": ended})
    return ended


def session_refresh(request: HttpRequest) -> None:
    """Mark the request's session to be written (its expiry moved on) when it was last written
    SAFEHOLD_SESSION_REFRESH_SECONDS ago or more. A request without a session starts none."""
    session = getattr(request, "session", None)
    if session is None or session.session_key is None or not session.keys():
        return
    now = int(timezone.now().timestamp())
    if now - int(session.get(REFRESHED, 0)) >= settings.SAFEHOLD_SESSION_REFRESH_SECONDS:
        session[REFRESHED] = now
